package linker_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

func readWith(t *testing.T, src, version string) (*linker.Result, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "stlv_app.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rules, _, err := linker.RulesForPinned(version)
	if err != nil {
		t.Fatal(err)
	}
	app, err := config.Read(context.Background(), dir, config.Options{Env: "prod", Catalog: linker.NewCatalog(rules), Behaviour: linker.BehaviourFor(rules)})
	if err != nil {
		return nil, err
	}
	return linker.Resolve(app, rules)
}

const restAPILink = `from stelvio.app import StelvioApp
from stelvio.aws.api_gateway import RestApi
from stelvio.aws.function import Function

app = StelvioApp("shop")


@app.run
def run():
    api = RestApi("public")
    Function("caller", handler="functions/caller.main", links=[api])
`

// A RestApi is linkable from 0.10.0b6, but the notes do not confirm its link: the link is
// unresolved, never guessed. Before 0.10 an API in links= is Stelvio's AttributeError.
func TestRestAPILinkFollowsTheVersion(t *testing.T) {
	res, err := readWith(t, restAPILink, "0.10.1b7")
	if err != nil {
		t.Fatalf("0.10.1b7: %v", err)
	}
	if len(res.Functions) != 1 || !res.Functions[0].Unresolved || res.Functions[0].PolicyDocument != "" {
		t.Errorf("0.10.1b7: %+v; want the function unresolved with no policy", res.Functions)
	}
	for _, f := range res.Files {
		if f.Action != "unknown" {
			t.Errorf("file %s: %s; want unknown", f.Path, f.Action)
		}
	}
	_, err = readWith(t, restAPILink, "0.9.0b5")
	var se *config.SourceError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "AttributeError") || se.Pos.Line != 11 {
		t.Errorf("0.9.0b5: err = %v; want Stelvio's AttributeError at line 11", err)
	}
}

const queueSubscriber = `from stelvio.app import StelvioApp
from stelvio.aws.queue import Queue
from stelvio.config import StelvioAppConfig

app = StelvioApp("shop")


@app.config
def configuration(env):
    return StelvioAppConfig(environments=["prod"])


@app.run
def run():
    Queue("jobs.fifo", fifo=True).subscribe("worker", "functions/worker.main")
`

// The queue subscriber's name keeps the queue name's dots before 0.7.2b3.
func TestQueueSubscriberNameFollowsTheVersion(t *testing.T) {
	for version, want := range map[string]string{"0.7.2b3": "jobs-fifo-worker", "0.7.1b2": "jobs.fifo-worker"} {
		res, err := readWith(t, queueSubscriber, version)
		if err != nil {
			t.Fatalf("%s: %v", version, err)
		}
		if len(res.Functions) != 1 || res.Functions[0].Name != want {
			t.Errorf("%s: functions %+v, want %s", version, res.Functions, want)
		}
	}
}

// Before 0.9.0b5 an app needs @app.config, and before 0.8.0b4 StelvioAppConfig has no
// tags=: both are the errors the real Stelvio raises (checked by the tag goldens too).
func TestConfigRulesFollowTheVersion(t *testing.T) {
	_, err := readWith(t, restAPILink, "0.8.0b4")
	var se *config.SourceError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "No @StelvioApp.config") {
		t.Errorf("0.8.0b4 without @app.config: %v; want Stelvio's RuntimeError", err)
	}
	tagged := strings.Replace(queueSubscriber, `environments=["prod"]`, `environments=["prod"], tags={"team": "a"}`, 1)
	_, err = readWith(t, tagged, "0.7.2b3")
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "TypeError") || se.Pos.Line != 10 {
		t.Errorf("0.7.2b3 with tags=: %v; want Stelvio's TypeError at line 10", err)
	}
	if _, err := readWith(t, tagged, "0.8.0b4"); err != nil {
		t.Errorf("0.8.0b4 with tags=: %v", err)
	}
}
