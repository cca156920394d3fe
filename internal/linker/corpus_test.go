package linker_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
	"github.com/stelvio-action/stelvio-action/internal/corpus"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// Every corpus app Stelvio accepts resolves to the env vars, statements and files the real
// Stelvio produced (shared/corpus/*/expected, recorded by the oracle).
func TestCorpusMatchesOracle(t *testing.T) {
	corpus.RunAccepted(t, func(t *testing.T, dir string, o *corpus.Oracle) {
		app, err := config.Read(context.Background(), dir, config.Options{Env: o.Env, Catalog: linker.NewCatalog(rules095)})
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		res, err := linker.Resolve(app, rules095)
		if err != nil {
			t.Fatalf("Resolve: %v", err)
		}
		mock := mocker(app)
		byName := map[string]linker.Function{}
		for _, f := range res.Functions {
			byName[f.Name] = f
		}
		for _, of := range o.Functions {
			f, ok := byName[of.Component]
			if !ok {
				t.Errorf("function %s missing", of.Component)
				continue
			}
			compareEnv(t, of, f, mock)
			compareStatements(t, of, f, mock)
			comparePackageFile(t, of, f)
			comparePolicyDocument(t, of, f, mock)
			if strings.Join(f.ManagedPolicies, ",") != strings.Join(of.Managed, ",") {
				t.Errorf("%s: managed policies %v, want %v", of.Component, f.ManagedPolicies, of.Managed)
			}
		}
		compareFiles(t, dir, res)
	})
}

func compareEnv(t *testing.T, of corpus.OracleFunction, f linker.Function, mock func(string) string) {
	t.Helper()
	var got, want []string
	for _, e := range f.Env {
		got = append(got, e.Name+"="+mock(e.Value))
	}
	for _, e := range of.Env {
		want = append(want, e.Name+"="+e.Value)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: env\n got %q\nwant %q", of.Component, got, want)
	}
}

func compareStatements(t *testing.T, of corpus.OracleFunction, f linker.Function, mock func(string) string) {
	t.Helper()
	var got, want []string
	for _, s := range f.Statements {
		var rs []string
		for _, r := range s.Resources {
			rs = append(rs, mock(r))
		}
		got = append(got, strings.Join(s.Actions, ",")+" -> "+strings.Join(rs, ","))
	}
	for _, s := range of.Policy {
		want = append(want, strings.Join(s.Actions, ",")+" -> "+strings.Join(s.Resources, ","))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: statements\n got %q\nwant %q", of.Component, got, want)
	}
}

func compareFiles(t *testing.T, dir string, res *linker.Result) {
	t.Helper()
	want := corpus.ExpectedFiles(t, dir)
	deleted := map[string]bool{}
	for _, p := range corpus.Deleted(t, dir) {
		deleted[p] = true
	}
	planned := map[string]linker.File{}
	for _, f := range res.Files {
		planned[f.Path] = f
	}
	for p, content := range want {
		f, ok := planned[p]
		if !ok || f.Action != "write" {
			t.Errorf("file %s: planned %+v, want it written", p, f.Action)
			continue
		}
		if f.Content != content {
			t.Errorf("file %s differs:\n got %q\nwant %q", p, f.Content, content)
		}
	}
	for p, f := range planned {
		if f.Action == "write" && want[p] == "" {
			t.Errorf("file %s written, but Stelvio leaves no such file", p)
		}
		if f.Action == "delete" && !deleted[p] {
			t.Errorf("file %s deleted, but deleted.txt does not list it", p)
		}
	}
	for p := range deleted {
		if f, ok := planned[p]; !ok || f.Action != "delete" {
			t.Errorf("file %s: want it deleted, planned %+v", p, f.Action)
		}
	}
}

var symbolRE = regexp.MustCompile(`\$\{([^}]*)\.([a-z_]+)\}`)

// mocker replaces our symbols with the oracle's mock values (region us-east-1, account
// 123456789012, physical names without Pulumi's random suffix), so both compare exactly.
func mocker(app *config.App) func(string) string {
	const region, account = "us-east-1", "123456789012"
	kinds := map[string]*config.Component{}
	for _, c := range app.Components {
		kinds[c.Name] = c
	}
	prefix := strings.ToLower(app.Name) + "-" + strings.ToLower(app.Env) + "-"
	return func(s string) string {
		return symbolRE.ReplaceAllStringFunc(s, func(m string) string {
			sub := symbolRE.FindStringSubmatch(m)
			root, attr := sub[1], sub[2]
			c := kinds[root]
			if c == nil {
				return m
			}
			phys := prefix + root
			switch c.Kind + "." + attr {
			case "DynamoTable.arn":
				return fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/%s", region, account, phys)
			case "DynamoTable.stream_arn":
				return fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/%s/stream/STREAM", region, account, phys)
			case "DynamoTable.name", "Function.name":
				return phys
			case "Function.arn":
				return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", region, account, phys)
			case "Queue.arn":
				return fmt.Sprintf("arn:aws:sqs:%s:%s:%s", region, account, phys)
			case "Queue.url":
				return fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", region, account, phys)
			case "Topic.arn":
				return fmt.Sprintf("arn:aws:sns:%s:%s:%s", region, account, phys)
			case "Email.arn":
				return fmt.Sprintf("arn:aws:ses:%s:%s:identity/%s", region, account, emailSender(c))
			case "Email.configuration_set_arn":
				return fmt.Sprintf("arn:aws:ses:%s:%s:configuration-set/%s-config-set", region, account, root)
			case "UserPool.id", "UserPoolClient.id":
				return phys + "-id"
			case "UserPool.arn":
				return fmt.Sprintf("arn:aws:cognito-idp:%s:%s:userpool/%s-id", region, account, phys)
			case "UserPoolClient.client_secret":
				return phys + "-secret"
			case "IdentityPool.id":
				return phys + "-id"
			case "IdentityPool.authenticated_role_arn":
				return fmt.Sprintf("arn:aws:iam::%s:role/%s-auth-role", account, phys)
			case "IdentityPool.unauthenticated_role_arn":
				return fmt.Sprintf("arn:aws:iam::%s:role/%s-unauth-role", account, phys)
			}
			return m
		})
	}
}

func emailSender(c *config.Component) string {
	v := c.Arg("sender")
	if v == nil && len(c.Args.Positional) > 1 {
		v = c.Args.Positional[1]
	}
	if d, ok := c.Arg("config").(*pyeval.Dict); ok && v == nil {
		v, _ = d.GetStr("sender")
	}
	s, _, _ := linker.Render(v)
	return s
}

// rules095 are the rules of Stelvio 0.9.0b5, the version the corpus pins.
var rules095, _, _ = linker.RulesForPinned("0.9.0b5")

// The Lambda package's own stlv_resources.py matches what Stelvio put in the archive.
func comparePackageFile(t *testing.T, of corpus.OracleFunction, f linker.Function) {
	t.Helper()
	want := ""
	if of.ArchiveRes != nil {
		sum := sha256.Sum256([]byte(*of.ArchiveRes))
		want = hex.EncodeToString(sum[:])
	}
	if f.PackageFileSHA256 != want {
		t.Errorf("%s: package stlv_resources.py sha256 %q, want %q", of.Component, f.PackageFileSHA256, want)
	}
}

// The rendered policy document is get_policy_document's JSON of Stelvio's statements.
func comparePolicyDocument(t *testing.T, of corpus.OracleFunction, f linker.Function, mock func(string) string) {
	t.Helper()
	if len(of.Policy) == 0 {
		if f.PolicyDocument != "" {
			t.Errorf("%s: a policy document, but Stelvio creates no policy", of.Component)
		}
		return
	}
	var want []linker.Statement
	for _, s := range of.Policy {
		want = append(want, linker.Statement{Actions: s.Actions, Resources: s.Resources})
	}
	doc, err := linker.PolicyDocument(want)
	if err != nil {
		t.Fatal(err)
	}
	if got := mock(f.PolicyDocument); got != doc {
		t.Errorf("%s: policy document\n%s\nwant\n%s", of.Component, got, doc)
	}
}
