package linker_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
)

// wantReject checks that err is Stelvio's exception typ at stlv_app.py:line.
func wantReject(t *testing.T, version string, err error, typ string, line int) {
	t.Helper()
	var se *config.SourceError
	if !errors.As(err, &se) {
		t.Fatalf("%s: err = %v; want Stelvio's %s at stlv_app.py:%d", version, err, typ, line)
	}
	if !strings.HasPrefix(se.Msg, typ+": ") || se.Pos.File != "stlv_app.py" || se.Pos.Line != line {
		t.Errorf("%s: %v; want Stelvio's %s at stlv_app.py:%d", version, err, typ, line)
	}
}

const cognitoApp = `from stelvio.app import StelvioApp
from stelvio.config import StelvioAppConfig
from stelvio.aws.function import Function
from stelvio.aws.cognito import UserPool

app = StelvioApp("shop")


@app.config
def configuration(env):
    return StelvioAppConfig()


@app.run
def run():
    users = UserPool("users")
    Function("signup", handler="functions/signup.main", links=[users])
`

// stelvio.aws.cognito arrived in 0.9.0b5: before it, the import line fails as Python's
// import does, and from it the UserPool links.
func TestCognitoModuleArrivesIn090b5(t *testing.T) {
	_, err := readWith(t, cognitoApp, "0.8.0b4")
	wantReject(t, "0.8.0b4", err, "ModuleNotFoundError", 4)
	if err != nil && !strings.Contains(err.Error(), "No module named 'stelvio.aws.cognito'") {
		t.Errorf("0.8.0b4: %v; want Python's message naming the module", err)
	}
	res, err := readWith(t, cognitoApp, "0.9.0b5")
	if err != nil {
		t.Fatalf("0.9.0b5: %v", err)
	}
	if len(res.Functions) != 1 || len(res.Functions[0].Env) == 0 {
		t.Errorf("0.9.0b5: %+v; want signup with the pool's env vars", res.Functions)
	}
}

// A module is missing under every spelling of its import, and its submodules with it;
// one the release has imports as before.
func TestAbsentModuleEveryImportForm(t *testing.T) {
	for _, imp := range []string{"import stelvio.aws.appsync", "from stelvio.aws import appsync", "from stelvio.aws.appsync import AppSync"} {
		src := "from stelvio.app import StelvioApp\n" + imp + "\n"
		_, err := readWith(t, src, "0.7.2b3")
		wantReject(t, "0.7.2b3 "+imp, err, "ModuleNotFoundError", 2)
		if _, err := readWith(t, src, "0.8.0b4"); err == nil || !strings.Contains(err.Error(), "creates no StelvioApp") {
			t.Errorf("0.8.0b4 %s: err = %v; want the import to pass (then: no app)", imp, err)
		}
	}
}
