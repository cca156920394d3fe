package pr

import (
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

const (
	secretKey = "sk-live-51HxQ2bT9vZ3kLmN8pQrStUvWxYz"
	secretPwd = "hunter2-correct-horse"
)

// secretPair adds, changes and removes literal secrets: environment={"API_KEY": ...}, a
// password inside an f-string with a deploy-time host, and a link property.
func secretPair(t *testing.T) (*linker.Result, *linker.Result) {
	base := result(t,
		withEnv(fn(t, "list", tableLink("todos")), "API_KEY", "sk-live-old-"+secretKey),
		withEnv(fn(t, "gone"), "API_KEY", secretKey))
	listHead := withEnv(fn(t, "list", tableLink("todos")), "API_KEY", secretKey)
	listHead.Env = append(listHead.Env,
		linker.EnvVar{Name: "DSN", Value: "postgres://app:" + secretPwd + "@${db.host}/app", Source: "environment"},
		linker.EnvVar{Name: "STLV_VENDOR_TOKEN", Value: secretKey, Link: "vendor", Source: "link", Literal: true})
	head := result(t, listHead, withEnv(fn(t, "new"), "API_KEY", secretKey))
	return base, head
}

func TestLiteralSecretsAppearInNoRendering(t *testing.T) {
	base, head := secretPair(t)
	rep := Diff(base, head, catalogue(t))
	if n := len(rep.EnvVars); n != 5 {
		t.Fatalf("expected 5 env changes, got %d", n)
	}
	outputs := map[string]string{}
	for _, show := range []bool{false, true} {
		opts := Options{ShowValues: show, BaseSHA: baseSHA, HeadSHA: headSHA}
		suffix := map[bool]string{false: "", true: " (show-values)"}[show]
		outputs["comment"+suffix] = Markdown(rep, opts)
		opts.Budget = SummaryBudget
		outputs["job summary"+suffix] = Markdown(rep, opts)
		js, err := JSON(rep, opts)
		if err != nil {
			t.Fatal(err)
		}
		outputs["JSON"+suffix] = string(js)
	}
	for name, out := range outputs {
		shown := strings.HasSuffix(name, "(show-values)")
		for _, secret := range []string{secretKey, secretPwd, "sk-live"} {
			if got := strings.Contains(out, secret); got != shown {
				t.Errorf("%s: contains %q = %v, want %v", name, secret, got, shown)
			}
		}
		if !shown && !strings.Contains(out, "${db.host}") {
			t.Errorf("%s: masking hid the symbol of a derived value", name)
		}
	}
}

func TestShownValue(t *testing.T) {
	tests := []struct {
		v      linker.EnvVar
		text   string
		masked bool
		length string
	}{
		{linker.EnvVar{Value: "${todos.arn}", Source: "link"}, "${todos.arn}", false, ""},
		{linker.EnvVar{Value: "${t.arn}/index/*", Source: "link"}, "${t.arn}" + Mask, true, ""},
		{linker.EnvVar{Value: "abc", Source: "environment", Literal: true}, Mask, true, "1-8"},
		{linker.EnvVar{Value: strings.Repeat("x", 40), Source: "environment", Literal: true}, Mask, true, "33-128"},
		{linker.EnvVar{Value: "", Source: "environment", Literal: true}, "", false, ""},
		{linker.EnvVar{Value: "*", Source: "cors", Literal: true}, "*", false, ""},
		{linker.EnvVar{Value: "<unknown: x>", Source: "environment", Unknown: true}, "<unknown: x>", false, ""},
		{linker.EnvVar{Value: "a${x.y}b${z.w}", Source: "environment"}, Mask + "${x.y}" + Mask + "${z.w}", true, ""},
		{linker.EnvVar{Value: "${unclosed", Source: "environment"}, Mask, true, ""},
	}
	for _, tc := range tests {
		text, masked, length := shownValue(&tc.v, false)
		if text != tc.text || masked != tc.masked || length != tc.length {
			t.Errorf("shownValue(%q) = %q, %v, %q; want %q, %v, %q", tc.v.Value, text, masked, length, tc.text, tc.masked, tc.length)
		}
		if text, _, _ := shownValue(&tc.v, true); text != tc.v.Value {
			t.Errorf("ShowValues: %q shown as %q", tc.v.Value, text)
		}
	}
}
