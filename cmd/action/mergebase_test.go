package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const noFunction = "# none yet"

// twoSidedSource is an app with one place where main adds a function and another where the
// pull request does, far enough apart for git to merge both, with its generated files.
func twoSidedSource(t *testing.T, onMain, inPR string) map[string]string {
	t.Helper()
	app := `from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable, FieldType
from stelvio.aws.function import Function

app = StelvioApp("shop")


@app.run
def run() -> None:
    orders = DynamoTable("orders", fields={"order_id": FieldType.STRING}, partition_key="order_id")
    Function("checkout", handler="functions/checkout.handler", links=[orders])

    # Added on main.
    ` + onMain + `

    # Added by the pull request.
    ` + inPR + `
`
	files := map[string]string{
		"stlv_app.py":           app,
		"pyproject.toml":        "[project]\nname = \"shop\"\nversion = \"0.1.0\"\nrequires-python = \">=3.12\"\ndependencies = [\"stelvio==0.9.0b5\"]\n",
		"functions/checkout.py": "def handler(event, context):\n    return {}\n",
	}
	for _, fn := range []string{"refunds", "invoices"} {
		if strings.Contains(app, `Function("`+fn+`"`) {
			files[fn+"/handler.py"] = "def handler(event, context):\n    return {}\n"
		}
	}
	return withGenerated(t, files)
}

// withGenerated adds every stlv_resources.py the binary's generate writes for files.
func withGenerated(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		writeTestFile(t, filepath.Join(dir, p), c)
	}
	if _, stderr, code := runBinary(t, dir, "generate", "--dir", ".", "--env", "dev"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestActionComparesWithTheMergeBase(t *testing.T) {
	const (
		refunds  = `Function("refunds", handler="refunds/handler.handler", links=[orders])`
		invoices = `Function("invoices", handler="invoices/handler.handler", links=[orders])`
	)
	e := newE2E(t, twoSidedSource(t, noFunction, noFunction), twoSidedSource(t, noFunction, invoices))
	branchPoint := e.repo.Branch("main")
	// main moves on after the pull request branched.
	e.git(e.scratch, "checkout", "--quiet", "main")
	moved := e.commit("main", twoSidedSource(t, refunds, noFunction), "add refunds")
	e.git(e.scratch, "checkout", "--quiet", "feature")
	if _, err := e.repo.ImportGit(e.scratch, moved, "main"); err != nil {
		t.Fatal(err)
	}

	res := e.act(actOpts{action: "opened"})
	if res.code != 0 {
		t.Fatalf("exit %d\n%s", res.code, res.log)
	}
	comments := e.ourComments()
	if len(comments) != 1 {
		t.Fatalf("comments %+v\n%s", comments, res.log)
	}
	body := comments[0].Body
	if !strings.Contains(body, "`invoices`") || strings.Contains(body, "refunds") || !strings.Contains(body, "functions +1 / −0") {
		t.Errorf("the comment must show the function the pull request adds, and not the one main added since:\n%s", body)
	}
	if !strings.Contains(body, "merge base `"+branchPoint[:7]+"` of `main` → head") {
		t.Errorf("the comment does not name the merge base %s:\n%s", branchPoint[:7], body)
	}
	if !strings.Contains(res.summary, "compared with merge base `"+branchPoint[:12]+"` of `main`") || strings.Contains(res.summary, "refunds") {
		t.Errorf("job summary:\n%s", res.summary)
	}
	if n := e.sim.RouteCalls("GET /repos/{owner}/{repo}/compare/{basehead}"); n != 0 || res.calls > maxCallsCommit {
		t.Errorf("%d compare calls (git had the history), %d calls in all (budget %d):\n%s", n, res.calls, maxCallsCommit, res.routes)
	}
	t.Logf("FIGURE main moved on, merge base from git: %d API calls (%d writes)", res.calls, res.writes)
}
