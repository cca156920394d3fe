package deploy

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stelvio-action/stelvio-action/internal/config"
)

func TestLineSplitter(t *testing.T) {
	var got []string
	s := newLineSplitter(8, func(line []byte, dropped int) {
		got = append(got, string(line)+"|"+strconv.Itoa(dropped))
	})
	for _, chunk := range []string{"ab", "c\nde", "f\r\n0123456789abc", "def\n\nlast"} {
		s.Write([]byte(chunk))
	}
	s.Close()
	want := []string{"abc|0", "def|0", "01234567|8", "|0", "last|0"}
	if !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// BenchmarkLineSplitterHugeLine feeds one huge line in 64 KiB writes: B/op must stay the
// same (about 2×MaxLine in all, MaxLine at most live) whatever the line's length.
func BenchmarkLineSplitterHugeLine(b *testing.B) {
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	for _, mb := range []int{10, 40} {
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(mb) << 20)
			for b.Loop() {
				s := newLineSplitter(MaxLine, func([]byte, int) {})
				for range mb << 4 {
					s.Write(chunk)
				}
				s.Write([]byte("\n"))
			}
		})
	}
}

func TestParseEvent(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		ok         bool
		check      func(Event) bool
	}{
		{"resource", `{"event":"resource","resource":{"name":"a","type":"aws:s3/bucket:Bucket","operation":"create"},"component":{"type":"Bucket","name":"files"}}`, true,
			func(e Event) bool {
				return e.Resource.Name == "a" && e.Component.Type == "Bucket" && e.Component.Name == "files"
			}},
		{"warning about a component", `{"event":"warning","message":"m","hint":"h","component":"Function","name":"api","resource":"aws:lambda/function:Function"}`, true,
			func(e Event) bool {
				return e.Message == "m" && e.Hint == "h" && e.Component.Type == "Function" && e.Component.Name == "api" && e.WarningResource == "aws:lambda/function:Function"
			}},
		{"resource error, seen resource", `{"event":"error","error":{"resource":"aws:sqs/queue:Queue","message":"boom"}}`, true,
			func(e Event) bool { return e.Error.Text() == "boom" && e.Error.Subject() == "aws:sqs/queue:Queue" }},
		{"resource error, unseen resource", `{"event":"error","error":{"name":"q","type":"aws:sqs/queue:Queue","operation":"create","error":"boom"}}`, true,
			func(e Event) bool { return e.Error.Text() == "boom" && e.Error.Subject() == "q" }},
		{"CLI error", `{"event":"error","operation":"deploy","app":null,"env":"prod","status":"failed","exit_code":2,"errors":[{"message":"Invalid environment 'prod'."}]}`, true,
			func(e Event) bool {
				return e.Error == nil && *e.ExitCode == 2 && e.Errors[0].Message == "Invalid environment 'prod'." && e.App == ""
			}},
		{"summary", `{"event":"summary","status":"success","summary":{"created":1,"updated":2,"deleted":3,"replaced":4,"failed":0,"unchanged":9},"outputs":{}}`, true,
			func(e Event) bool { return e.Summary.Changed() == 10 && e.Summary.Unchanged == 9 }},
		{"no event field", `{"resource":{}}`, false, nil},
		{"not JSON", `Resolved 3 packages`, false, nil},
		{"truncated", `{"event":"start"`, false, nil},
		{"wrong shape", `{"event":"resource","resource":[1]}`, false, nil},
		{"wrong counts", `{"event":"summary","summary":{"created":"x"}}`, false, nil},
	} {
		ev, ok := parseEvent([]byte(tc.line))
		if ok != tc.ok || (ok && !tc.check(ev)) {
			t.Errorf("%s: ok %v, event %+v", tc.name, ok, ev)
		}
	}
}

func TestDescribeLock(t *testing.T) {
	msg := "Environment locked by 'deploy' since 2026-06-21T09:58:01.123456+00:00. Run 'stlv unlock prod' to force unlock."
	if got := describeLock(msg); got != "held by 'deploy' since 2026-06-21T09:58:01.123456+00:00" {
		t.Errorf("describeLock = %q", got)
	}
	if got := describeLock("something else"); got != "something else" {
		t.Errorf("describeLock = %q", got)
	}
}

func TestDisplayLine(t *testing.T) {
	if got := displayLine([]byte("ok \xff"), 0); got != "ok \uFFFD" {
		t.Errorf("invalid UTF-8: %q", got)
	}
	if got := displayLine([]byte("abc"), 10); got != "abc … [10 more bytes not shown]" {
		t.Errorf("dropped: %q", got)
	}
	if got := displayLine([]byte("\t::error::x"), 0); got != "(stlv) \t::error::x" {
		t.Errorf("command: %q", got)
	}
}

func TestParseRepoConfig(t *testing.T) {
	rc, err := parseRepoConfig([]byte("review: {labels: true}\ndeploy:\n  main: prod\n  \"release/*\": staging\n  '**': dev\nenvironment_url_output: api_url\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []config.DeployBranch{{Pattern: "main", Env: "prod"}, {Pattern: "release/*", Env: "staging"}, {Pattern: "**", Env: "dev"}}
	if !slices.Equal(rc.Deploy, want) || !slices.Equal(rc.Lines, []int{3, 4, 5}) || rc.EnvironmentURLOutput != "api_url" {
		t.Errorf("%+v", rc)
	}
	for _, tc := range []struct{ yaml, want string }{
		{"deploy: [main]\n", ".github/stelvio.yml:1: deploy must map branches"},
		{"deploy:\n  main: prod\n  main: staging\n", ".github/stelvio.yml:3: branch pattern \"main\" is mapped twice"},
		{"deploy:\n  main: \"prod env\"\n", ".github/stelvio.yml:2: \"prod env\" is not a valid Stelvio environment name"},
		{"deploy:\n  main:\n", ".github/stelvio.yml:2: main: the environment must be a name"},
		{"deploy:\n  'rel?': x\n", ".github/stelvio.yml:2: branch pattern \"rel?\": only the wildcards"},
		{"environment_url_output: [a]\n", ".github/stelvio.yml:1: environment_url_output must be"},
		{"- a\n", ".github/stelvio.yml:1: the file must be a mapping"},
		{"deploy: {main: prod\n", ".github/stelvio.yml: "},
	} {
		_, err := parseRepoConfig([]byte(tc.yaml))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.yaml, err, tc.want)
		}
	}
	if rc, err := parseRepoConfig(nil); err != nil || len(rc.Deploy) != 0 {
		t.Errorf("empty file: %+v, %v", rc, err)
	}
}

func TestResolveTarget(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	rc := &RepoConfig{Deploy: []config.DeployBranch{{Pattern: "main", Env: "prod"}, {Pattern: "release/*", Env: "staging"}}, Lines: []int{2, 3}}
	push := func(ref string, deleted bool) []byte {
		b, _ := json.Marshal(map[string]any{"ref": ref, "after": sha, "deleted": deleted})
		return b
	}
	for _, tc := range []struct {
		name             string
		cfg              Config
		env, skip, error string
	}{
		{"push to main", Config{EventName: "push", EventPayload: push("refs/heads/main", false)}, "prod", "", ""},
		{"push to a release", Config{EventName: "push", EventPayload: push("refs/heads/release/1.2", false)}, "staging", "", ""},
		{"nested release is not release/*", Config{EventName: "push", EventPayload: push("refs/heads/release/1/2", false)}, "", "not mapped", ""},
		{"unmapped branch", Config{EventName: "push", EventPayload: push("refs/heads/dev", false)}, "", "branch dev is not mapped", ""},
		{"deleted branch", Config{EventName: "push", EventPayload: push("refs/heads/main", true)}, "", "deleted", ""},
		{"tag", Config{EventName: "push", EventPayload: push("refs/tags/v1", false)}, "", "not a branch", ""},
		{"pull request", Config{EventName: "pull_request"}, "", "does not deploy", ""},
		{"input wins", Config{EventName: "push", EventPayload: push("refs/heads/main", false), Environment: "canary"}, "canary", "", ""},
		{"deploy-branches replaces the file", Config{EventName: "push", EventPayload: push("refs/heads/main", false),
			DeployBranches: []config.DeployBranch{{Pattern: "release/**", Env: "rc"}}}, "", "not mapped", ""},
		{"deploy-branches glob", Config{EventName: "push", EventPayload: push("refs/heads/release/1/2", false),
			DeployBranches: []config.DeployBranch{{Pattern: "release/**", Env: "rc"}}}, "rc", "", ""},
		{"dispatch input", Config{EventName: "workflow_dispatch", SHA: sha, EventPayload: []byte(`{"ref":"refs/heads/dev","inputs":{"environment":"qa"}}`)}, "qa", "", ""},
		{"dispatch maps its branch", Config{EventName: "workflow_dispatch", SHA: sha, EventPayload: []byte(`{"ref":"refs/heads/main","inputs":{}}`)}, "prod", "", ""},
		{"bad env from input", Config{EventName: "push", EventPayload: push("refs/heads/main", false), Environment: "a b"}, "", "", "input environment: \"a b\" is not a valid"},
		{"no sha", Config{EventName: "workflow_dispatch", EventPayload: []byte(`{"ref":"refs/heads/main"}`)}, "", "", "the commit to deploy is unknown"},
		{"bad payload", Config{EventName: "push", EventPayload: []byte(`{`)}, "", "", "read the push event payload"},
	} {
		tgt, skip, err := resolveTarget(&tc.cfg, rc)
		switch {
		case tc.error != "":
			if err == nil || !strings.Contains(err.Error(), tc.error) {
				t.Errorf("%s: err %v, want %q", tc.name, err, tc.error)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.skip != "":
			if !strings.Contains(skip, tc.skip) {
				t.Errorf("%s: skip %q, want %q", tc.name, skip, tc.skip)
			}
		case tgt.Env != tc.env || tgt.SHA != sha || skip != "":
			t.Errorf("%s: %+v skip %q, want env %s", tc.name, tgt, skip, tc.env)
		}
	}
}

func TestSessionName(t *testing.T) {
	for _, tc := range []struct {
		repo    string
		run     int64
		attempt int
		want    string
	}{
		{"acme/shop", 4242, 1, "gh-acme-shop-4242-1"},
		{"acme/shöp app", 7, 0, "gh-acme-sh-p-app-7"},
		{"an-organisation-with-a-long-name/and-an-even-longer-repository-name", 12345678901, 3,
			"gh-an-organisation-with-a-long-name-and-an-even-lo-12345678901-3"},
	} {
		got := SessionName(tc.repo, tc.run, tc.attempt)
		if got != tc.want || len(got) > 64 {
			t.Errorf("SessionName(%q) = %q (%d), want %q", tc.repo, got, len(got), tc.want)
		}
	}
}

func TestChildEnv(t *testing.T) {
	environ := []string{"PATH=/bin", "HOME=/root", "LC_ALL=C", "UV_CACHE_DIR=/c", "STLV_DEBUG=1", "GITHUB_TOKEN=t", "INPUT_GITHUB-TOKEN=t",
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN=t", "AWS_PROFILE=p", "AWS_ACCESS_KEY_ID=ambient", "AWS_SECRET_ACCESS_KEY=s", "RANDOM=1", "FORCE_COLOR=1"}
	withRole := childEnv(environ, &Credentials{AccessKeyID: "A", SecretAccessKey: "S", SessionToken: "T"}, "eu-west-1", map[string]string{"CI": "true"})
	want := []string{"AWS_ACCESS_KEY_ID=A", "AWS_DEFAULT_REGION=eu-west-1", "AWS_REGION=eu-west-1", "AWS_SECRET_ACCESS_KEY=S", "AWS_SESSION_TOKEN=T",
		"CI=true", "HOME=/root", "LC_ALL=C", "PATH=/bin", "STLV_DEBUG=1", "UV_CACHE_DIR=/c"}
	if !slices.Equal(withRole, want) {
		t.Errorf("with a role:\n%v\nwant\n%v", withRole, want)
	}
	ambient := childEnv(environ, nil, "", nil)
	want = []string{"AWS_ACCESS_KEY_ID=ambient", "AWS_PROFILE=p", "AWS_SECRET_ACCESS_KEY=s", "HOME=/root", "LC_ALL=C", "PATH=/bin", "STLV_DEBUG=1", "UV_CACHE_DIR=/c"}
	if !slices.Equal(ambient, want) {
		t.Errorf("ambient:\n%v\nwant\n%v", ambient, want)
	}
}

func TestPlanStelvio(t *testing.T) {
	lock := func(v string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("version = 1\n\n[[package]]\nname = \"stelvio\"\nversion = \"" + v + "\"\n")}
	}
	for _, tc := range []struct {
		name     string
		files    fstest.MapFS
		dir, in  string
		sync     []string
		stlv     string
		errorHas string
	}{
		{"uv.lock", fstest.MapFS{"uv.lock": lock("0.9.0b5")}, ".", "", []string{"uv", "sync", "--locked"}, "uv run --no-sync stlv", ""},
		{"workspace lock above the app", fstest.MapFS{"uv.lock": lock("0.10.0b6"), "apps/shop/pyproject.toml": {Data: []byte("[project]\nname='shop'\n")}},
			"apps/shop", "", []string{"uv", "sync", "--locked"}, "uv run --no-sync stlv", ""},
		{"requirements pin", fstest.MapFS{"requirements.txt": {Data: []byte("stelvio==0.9.0b5\n")}}, ".", "", nil,
			"uv tool run --from stelvio==0.9.0b5 --with-requirements requirements.txt stlv", ""},
		{"pyproject pin", fstest.MapFS{"pyproject.toml": {Data: []byte("[project]\nname='a'\ndependencies=['stelvio==0.10.0b6']\n")}}, ".", "", nil,
			"uv tool run --from stelvio==0.10.0b6 stlv", ""},
		{"input without a lock", fstest.MapFS{}, ".", "0.9.0b5", nil, "uv tool run --from stelvio==0.9.0b5 stlv", ""},
		{"nothing pins", fstest.MapFS{}, ".", "", nil, "", "nothing pins Stelvio"},
		{"a range is not a pin", fstest.MapFS{"requirements.txt": {Data: []byte("stelvio>=0.9.0b5\n")}}, ".", "", nil, "", "not pinned to one version"},
		{"too old", fstest.MapFS{"uv.lock": lock("0.8.0b4")}, ".", "", nil, "", "too old"},
		{"input differs from the lock", fstest.MapFS{"uv.lock": lock("0.9.0b5")}, ".", "0.10.0b6", nil, "", "uv.lock:5 pins 0.9.0b5"},
	} {
		plan, err := planStelvio(tc.files, tc.dir, tc.in)
		switch {
		case tc.errorHas != "":
			if err == nil || !strings.Contains(err.Error(), tc.errorHas) {
				t.Errorf("%s: err %v, want %q", tc.name, err, tc.errorHas)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !slices.Equal(plan.Sync, tc.sync) || strings.Join(plan.Stlv, " ") != tc.stlv:
			t.Errorf("%s: sync %v, stlv %v", tc.name, plan.Sync, plan.Stlv)
		}
	}
}

func TestOutputs(t *testing.T) {
	out := []byte("print from user code\n{ not this one\n{\n  \"components\": [{\"type\": \"Api\", \"name\": \"api\", \"outputs\": {\"url\": \"https://x\"}," +
		" \"components\": [{\"type\": \"Function\", \"name\": \"fn\", \"outputs\": {\"url\": \"https://fn\", \"api_key\": \"k-123456\"}}]}],\n" +
		"  \"user_defined\": {\"n\": 3, \"token\": \"tok-abcdef\", \"enc\": {\"4dabf18193072939515e22adb298388d\": \"1b47061264138c4ac30d75fd1eb44270\", \"ciphertext\": \"v1:x\"}, \"s\": \"[secret]\"}\n}\n")
	so, err := parseOutputs(out)
	if err != nil {
		t.Fatal(err)
	}
	var masked []string
	so.maskSecrets(func(s string) { masked = append(masked, s) })
	slices.Sort(masked)
	if !slices.Equal(masked, []string{"k-123456", "tok-abcdef"}) {
		t.Errorf("registered %v", masked)
	}
	var flat []string
	for _, o := range so.Flat() {
		flat = append(flat, o.Key+"="+o.Value)
	}
	want := []string{"enc=[secret]", "n=3", "s=[secret]", "token=[secret]", "Api api: url=https://x", "Function fn: api_key=[secret]", "Function fn: url=https://fn"}
	if !slices.Equal(flat, want) {
		t.Errorf("Flat:\n%v\nwant\n%v", flat, want)
	}
	if u, ok := so.Lookup("fn"); !ok || u != "https://fn" {
		t.Errorf("Lookup(fn) = %q %v", u, ok)
	}
	if _, err := parseOutputs([]byte("no json here\n")); err == nil {
		t.Error("no error without JSON")
	}
	if so, err := parseOutputs([]byte("{}\n")); err != nil || len(so.Flat()) != 0 {
		t.Errorf("empty outputs: %v %v", so, err)
	}
}
