package deploy

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghaction"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// fakeBin is a directory holding the stand-in stlv and uv, built once by TestMain.
var fakeBin string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "fakestlv")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "fakestlv")
	build := exec.Command("go", "build", "-o", bin, "./internal/fakestlv")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the stand-in stlv:", err)
		return 1
	}
	for _, name := range []string{"stlv", "uv"} {
		if err := os.Symlink(bin, filepath.Join(dir, name)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	fakeBin = dir
	return m.Run()
}

// syncBuffer is the log, written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// scenario is what the stand-ins do (see internal/fakestlv).
type scenario struct {
	Deploy  []step `json:"deploy"`
	Outputs step   `json:"outputs"`
	UVSync  step   `json:"uv_sync"`
}

type step struct {
	Stdout    []string `json:"stdout,omitempty"`
	Stderr    []string `json:"stderr,omitempty"`
	Exit      int      `json:"exit,omitempty"`
	HugeLine  int      `json:"huge_line,omitempty"`
	ManyLines int      `json:"many_lines,omitempty"`
	Hang      bool     `json:"hang,omitempty"`
}

const (
	testAccount = "123456789012"
	testRole    = "arn:aws:iam::123456789012:role/stelvio-deploy"
	// The keys the stand-in STS hands out; tests grep for them.
	testAccessKey    = "ASIAFAKEACCESSKEY777"
	testSecretKey    = "fakeSecretKey/abcdefghijklmnopqrstuvwxyz0123"
	testSessionToken = "FwoGZXIvYXdzEFAKESESSIONTOKENzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
)

// event builds one NDJSON line of `stlv deploy --stream`.
func event(kind string, fields map[string]any) string {
	m := map[string]any{"event": kind, "operation": "deploy", "app": "shop", "env": "prod", "timestamp": "2026-06-21T10:00:00+00:00"}
	for k, v := range fields {
		m[k] = v
	}
	data, _ := json.Marshal(m)
	return string(data)
}

func resourceEvent(component, name, typ, op string) string {
	ctype, cname, _ := strings.Cut(component, "/")
	return event("resource", map[string]any{
		"resource":  map[string]any{"name": name, "type": typ, "operation": op},
		"component": map[string]any{"type": ctype, "name": cname},
	})
}

func summaryEvent(status string, exitCode int, counts Counts, errors []map[string]any) string {
	return event("summary", map[string]any{
		"status": status, "exit_code": exitCode, "duration": 12.5,
		"summary": counts, "components": []any{}, "warnings": []any{}, "errors": errors,
		"outputs": map[string]any{"user_defined": map[string]any{"api_url": "https://api.example.com"}},
	})
}

// successfulDeploy is a deploy that creates three resources and updates one.
func successfulDeploy() step {
	return step{Stdout: []string{
		event("start", nil),
		resourceEvent("Function/api", "shop-prod-api-r", "aws:iam/role:Role", "create"),
		resourceEvent("Function/api", "shop-prod-api", "aws:lambda/function:Function", "create"),
		resourceEvent("Queue/jobs", "shop-prod-jobs", "aws:sqs/queue:Queue", "create"),
		event("warning", map[string]any{"message": "deprecated runtime", "component": "Function", "name": "api"}),
		resourceEvent("Api/shop-api", "shop-prod-shop-api", "aws:apigateway/restApi:RestApi", "update"),
		summaryEvent("success", 0, Counts{Created: 3, Updated: 1, Unchanged: 7}, []map[string]any{}),
	}}
}

// outputsJSON is `stlv outputs --json` as Stelvio pretty-prints it, after a stray print.
func outputsJSON() step {
	doc := map[string]any{
		"components": []any{map[string]any{"type": "Api", "name": "shop-api", "outputs": map[string]any{"url": "https://abc.execute-api.eu-west-1.amazonaws.com/v1"}}},
		"user_defined": map[string]any{
			"api_url":        "https://api.example.com",
			"db_password":    "hunter2-very-secret",
			"signing_secret": "[secret]",
			"table_name":     "shop-prod-orders",
		},
	}
	data, _ := json.MarshalIndent(doc, "", "  ")
	return step{Stdout: append([]string{"loading config from user code {not json"}, strings.Split(string(data), "\n")...)}
}

// stsStub is STS on a local endpoint. It checks the requests the real SDK sends and answers
// with STS's XML.
type stsStub struct {
	t         *testing.T
	srv       *httptest.Server
	mu        sync.Mutex
	requests  []url.Values
	authz     []string
	rejectGCI bool // answer GetCallerIdentity with InvalidClientTokenId
}

func newSTS(t *testing.T) *stsStub {
	s := &stsStub{t: t}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *stsStub) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, r.PostForm)
	s.authz = append(s.authz, r.Header.Get("Authorization"))
	reject := s.rejectGCI
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	switch r.PostForm.Get("Action") {
	case "AssumeRoleWithWebIdentity":
		fmt.Fprintf(w, `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>repo:acme/shop:ref:refs/heads/main</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::%[1]s:assumed-role/stelvio-deploy/%[2]s</Arn>
      <AssumedRoleId>AROAFAKEROLEID:%[2]s</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>%[3]s</SessionToken>
      <SecretAccessKey>%[4]s</SecretAccessKey>
      <Expiration>2030-01-01T00:00:00Z</Expiration>
      <AccessKeyId>%[5]s</AccessKeyId>
    </Credentials>
    <Provider>token.actions.githubusercontent.com</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>7b0c5e0e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`, testAccount, r.PostForm.Get("RoleSessionName"), testSessionToken, testSecretKey, testAccessKey)
	case "GetCallerIdentity":
		if reject {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error>
  <RequestId>7b0c5e0e-0000-4000-8000-000000000002</RequestId>
</ErrorResponse>`)
			return
		}
		fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::%[1]s:assumed-role/stelvio-deploy/session</Arn>
    <UserId>AROAFAKEROLEID:session</UserId>
    <Account>%[1]s</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>7b0c5e0e-0000-4000-8000-000000000003</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`, testAccount)
	default:
		http.Error(w, "unknown action", http.StatusBadRequest)
	}
}

func (s *stsStub) calls() ([]url.Values, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]url.Values(nil), s.requests...), append([]string(nil), s.authz...)
}

// harness is one repository, one checkout and one run of the action, all local.
type harness struct {
	t        *testing.T
	sim      *ghsim.Sim
	repo     *ghsim.Repo
	sts      *stsStub
	ws       string
	appDir   string
	log      *syncBuffer
	action   *ghaction.Action
	runEnv   map[string]string
	cfg      Config
	pr       int
	mergeSHA string
	token    string // the GitHub token the run uses; ghsim.WriteToken unless a test says

	mu     sync.Mutex
	sleeps []time.Duration
}

var appFiles = map[string]string{
	"stlv_app.py":    "from stelvio.app import StelvioApp\napp = StelvioApp(\"shop\")\n",
	"pyproject.toml": "[project]\nname = \"shop\"\nversion = \"0.1.0\"\ndependencies = [\"stelvio==0.9.0b5\"]\n",
	"uv.lock": "version = 1\nrequires-python = \">=3.12\"\n\n[[package]]\nname = \"shop\"\nversion = \"0.1.0\"\n\n" +
		"[[package]]\nname = \"stelvio\"\nversion = \"0.9.0b5\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
	".github/stelvio.yml": "deploy:\n  main: prod\n  release/*: staging\nenvironment_url_output: api_url\n",
}

// newHarness makes a repository whose pull request was just merged into main, a checkout of
// it, the stand-in STS and the Actions runtime of the push run; sc is what stlv does.
func newHarness(t *testing.T, sc scenario) *harness {
	t.Helper()
	h := &harness{t: t, sim: ghsim.New(t), sts: newSTS(t), log: &syncBuffer{}}
	h.repo = h.sim.Repo("acme", "shop")
	files := ghsim.Files{}
	for p, c := range appFiles {
		files[p] = c
	}
	h.repo.Push("main", "initial app", files)
	h.repo.Push("feature", "add a queue", ghsim.Files{"stlv_app.py": appFiles["stlv_app.py"] + "# jobs queue\n"})
	h.pr = h.repo.OpenPR(ghsim.PR{Title: "Add a queue", Head: "feature", User: "octocat"})
	before := h.repo.Branch("main")
	h.mergeSHA = h.repo.MergePR(h.pr, "octocat")

	root := t.TempDir()
	h.ws = filepath.Join(root, "workspace")
	for p, c := range appFiles {
		writeTestFile(t, filepath.Join(h.ws, p), c)
	}
	h.appDir = h.ws
	h.writeScenario(sc)
	eventPath, err := ghsim.WriteEvent(root, h.repo.PushEvent("main", before, "octocat"))
	if err != nil {
		t.Fatal(err)
	}
	h.runEnv = map[string]string{
		"GITHUB_OUTPUT":                  filepath.Join(root, "output"),
		"GITHUB_STEP_SUMMARY":            filepath.Join(root, "summary"),
		"ACTIONS_ID_TOKEN_REQUEST_URL":   h.sim.OIDCRequestURL(),
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN": ghsim.OIDCRequestToken,
	}
	h.action = ghaction.New(ghaction.WithGetenv(func(n string) string { return h.runEnv[n] }), ghaction.WithWriter(h.log))
	payload, err := os.ReadFile(eventPath)
	if err != nil {
		t.Fatal(err)
	}
	h.cfg = Config{
		Workspace: h.ws, AppDir: ".", Repository: "acme/shop", RunID: 4242, RunAttempt: 1,
		RunURL:    "https://github.com/acme/shop/actions/runs/4242/attempts/1",
		EventName: "push", EventPayload: payload, SHA: h.mergeSHA, Ref: "refs/heads/main",
		AWSRoleARN: testRole, AWSRegion: "eu-west-1", RoleDuration: 30 * time.Minute,
		Timeout: time.Minute, LockRetries: 5, Comment: true,
		LockBackoff: 30 * time.Second, LockBackoffMax: 2 * time.Minute, Grace: 2 * time.Second,
		Environ: []string{
			"PATH=" + fakeBin + ":/usr/bin:/bin",
			"HOME=" + root,
			"LANG=C.UTF-8",
			"GITHUB_TOKEN=" + ghsim.WriteToken,
			"INPUT_GITHUB-TOKEN=" + ghsim.WriteToken,
			"ACTIONS_ID_TOKEN_REQUEST_TOKEN=" + ghsim.OIDCRequestToken,
			"ACTIONS_ID_TOKEN_REQUEST_URL=" + h.sim.OIDCRequestURL(),
			"AWS_PROFILE=should-not-pass",
			"UV_LINK_MODE=copy",
			"GITHUB_SHA=" + h.mergeSHA,
		},
	}
	return h
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (h *harness) writeScenario(sc scenario) {
	data, err := json.Marshal(sc)
	if err != nil {
		h.t.Fatal(err)
	}
	writeTestFile(h.t, filepath.Join(h.appDir, ".fakestlv", "scenario.json"), string(data))
}

func (h *harness) deps() Deps {
	return Deps{
		GitHub:  NewGitHubClient(h.sim.Client(cmp.Or(h.token, ghsim.WriteToken)), "acme", "shop", h.sleep),
		AWS:     STSClient{Endpoint: h.sts.srv.URL},
		Tokens:  h.action,
		Runner:  ExecRunner{},
		Log:     h.action,
		Outputs: h.action,
		Sleep:   h.sleep,
		Now:     time.Now,
	}
}

// sleep records the wait and returns at once: tests never wait for a back-off.
func (h *harness) sleep(ctx context.Context, d time.Duration) error {
	h.mu.Lock()
	h.sleeps = append(h.sleeps, d)
	h.mu.Unlock()
	return ctx.Err()
}

func (h *harness) run(ctx context.Context) (*Result, error) {
	h.t.Helper()
	res, err := Run(ctx, h.cfg, h.deps())
	if res == nil {
		h.t.Fatalf("Run returned no result (err %v)", err)
	}
	h.t.Logf("log:\n%s", tail(h.log.String(), 60))
	return res, err
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[%d lines]", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// fakeCall is one recorded run of a stand-in.
type fakeCall struct {
	Tool string   `json:"tool"`
	Args []string `json:"args"`
	Env  []string `json:"env"`
	Dir  string   `json:"dir"`
	PID  int      `json:"pid"`
	PGID int      `json:"pgid"`
}

func (h *harness) calls() []fakeCall {
	data, err := os.ReadFile(filepath.Join(h.appDir, ".fakestlv", "calls.jsonl"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		h.t.Fatal(err)
	}
	var out []fakeCall
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c fakeCall
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// commands lists the recorded calls as "tool arg arg".
func (h *harness) commands() []string {
	var out []string
	for _, c := range h.calls() {
		out = append(out, strings.Join(append([]string{c.Tool}, c.Args...), " "))
	}
	return out
}

// stepOutputs parses $GITHUB_OUTPUT.
func (h *harness) stepOutputs() map[string]string {
	data, err := os.ReadFile(h.runEnv["GITHUB_OUTPUT"])
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]string{}
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		name, delim, ok := strings.Cut(lines[i], "<<")
		if !ok {
			continue
		}
		var value []string
		for i++; i < len(lines) && lines[i] != delim; i++ {
			value = append(value, lines[i])
		}
		out[name] = strings.Join(value, "\n")
	}
	return out
}

func (h *harness) summary() string {
	data, _ := os.ReadFile(h.runEnv["GITHUB_STEP_SUMMARY"])
	return string(data)
}

// assertNoSecrets greps every place a secret could leak to: the log (past the
// ::add-mask:: registrations, which is how the runner learns them), outputs, job summary,
// comments and deployment statuses. The child's environment must not hold GitHub tokens.
func (h *harness) assertNoSecrets() {
	h.t.Helper()
	secrets := append([]string{ghsim.WriteToken, ghsim.OIDCRequestToken, testSecretKey, testSessionToken, testAccessKey, "hunter2-very-secret"}, h.sim.OIDCTokens()...)
	var logText strings.Builder
	for _, l := range strings.Split(h.log.String(), "\n") {
		if !strings.HasPrefix(l, "::add-mask::") {
			logText.WriteString(l + "\n")
		}
	}
	places := map[string]string{"log": logText.String(), "summary": h.summary()}
	if data, err := os.ReadFile(h.runEnv["GITHUB_OUTPUT"]); err == nil {
		places["outputs"] = string(data)
	}
	for _, c := range h.repo.Comments(h.pr) {
		places["comment"] += c.Body
	}
	for _, d := range h.repo.Deployments() {
		places["deployment"] += fmt.Sprint(d)
	}
	for place, text := range places {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				h.t.Errorf("secret %.8s… leaked into the %s", s, place)
			}
		}
	}
	for _, c := range h.calls() {
		env := strings.Join(c.Env, "\n")
		for _, s := range append([]string{ghsim.WriteToken, ghsim.OIDCRequestToken}, h.sim.OIDCTokens()...) {
			if strings.Contains(env, s) {
				h.t.Errorf("%s %v got a GitHub token in its environment", c.Tool, c.Args)
			}
		}
	}
}
