package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/deploy"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
)

// The deploy comment shows the link changes the push ships: the app at the push's
// "before" commit diffed against the deployed commit, read from the workspace's git.
func TestShippedChangesDiffsThePush(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	ws := t.TempDir()
	gitRun := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com"}, args...)...)
		cmd.Dir = ws
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, content string) {
		p := filepath.Join(ws, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := `from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function

app = StelvioApp("shop")


@app.run
def run():
    orders = DynamoTable("orders", fields={"id": "S"}, partition_key="id")
    Function("api", handler="functions/api.main", links=[%s])
`
	gitRun("init", "-q")
	write("functions/api.py", "def main(e, c): pass\n")
	write("stlv_app.py", strings.Replace(app, "%s", "", 1))
	gitRun("add", "-A")
	gitRun("commit", "-qm", "base")
	before := gitRun("rev-parse", "HEAD")
	write("stlv_app.py", strings.Replace(app, "%s", "orders", 1))
	gitRun("commit", "-qam", "link orders")
	after := gitRun("rev-parse", "HEAD")

	in := &config.Inputs{WorkingDirectory: ".", StelvioVersion: "0.9.0b5"}
	rc := &ghaction.Context{Workspace: ws, Event: map[string]any{"before": before, "after": after}}
	md, err := shippedChanges(context.Background(), in, rc, deploy.Target{Branch: "main", SHA: after, Env: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dynamodb:PutItem", "STLV_ORDERS_TABLE_ARN", "`api`"} {
		if !strings.Contains(md, want) {
			t.Errorf("the shipped changes do not show %q:\n%s", want, md)
		}
	}
	// A new branch (before is all zeros) has nothing to compare with.
	rc.Event["before"] = strings.Repeat("0", 40)
	if md, err := shippedChanges(context.Background(), in, rc, deploy.Target{SHA: after, Env: "prod"}); err != nil || md != "" {
		t.Errorf("new branch: %q, %v; want nothing", md, err)
	}
}
