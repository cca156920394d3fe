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

// emailApp is an app whose @app.run holds one Email on line 14 (and a Function linking it),
// with cfg as the StelvioAppConfig arguments.
func emailApp(cfg, email string) string {
	return `from stelvio.app import StelvioApp
from stelvio.aws.dns import Route53Dns
from stelvio.aws.email import Email, EmailConfig
from stelvio.aws.function import Function
from stelvio.config import StelvioAppConfig
import os

app = StelvioApp("mailer")
app.config(lambda env: StelvioAppConfig(` + cfg + `))


@app.run
def run():
    mail = ` + email + `
    Function("send", handler="functions/send.main", links=[mail])
`
}

// Email's DNS checks at the releases around 6ae0ce0 (first released in 0.10.0b6), where
// dns=False became an opt-out instead of a fallback to the app config's provider.
func TestEmailDNSProviderRules(t *testing.T) {
	const dmarcMsg = "DNS provider must be configured to set DMARC records."
	const identityMsg = "DNS provider must be configured to create domain email identity."
	cases := []struct {
		name, cfg, email, version string
		typ, msg                  string // "" when Stelvio accepts the app
	}{
		{"domain dns=False before the opt-out", "", `Email("news", "news.example.com", dns=False)`, "0.9.0b5", "DnsProviderNotConfiguredError", dmarcMsg},
		{"domain dns=False opts out", "", `Email("news", "news.example.com", dns=False)`, "0.10.0b6", "", ""},
		{"domain without dns", "", `Email("news", "news.example.com")`, "0.10.0b6", "DnsProviderNotConfiguredError", dmarcMsg},
		{"domain without DMARC nor dns", "", `Email("news", "news.example.com", dmarc=False)`, "0.9.0b5", "DnsProviderNotConfiguredError", identityMsg},
		{"domain with its own dns", "", `Email("news", "news.example.com", dns=Route53Dns("Z1"))`, "0.9.0b5", "", ""},
		{"dns=False falls back to the app's dns", `dns=Route53Dns("Z1")`, `Email("news", config={"sender": "news.example.com", "dns": False})`, "0.9.0b5", "", ""},
		{"app dns in an EmailConfig app", `dns=Route53Dns("Z1")`, `Email("news", EmailConfig(sender="news.example.com"))`, "0.8.0b4", "", ""},
		{"DMARC on an address", `dns=Route53Dns("Z1")`, `Email("news", "news@example.com", dmarc="v=DMARC1; p=reject;")`, "0.10.0b6", "ValueError", "DMARC can only be set for domain email identities."},
		{"DMARC before the DNS check", "", `Email("news", "news@example.com", dmarc="v=DMARC1; p=reject;", dns=False)`, "0.9.0b5", "ValueError", "DMARC can only be set"},
		{"address dns=False", "", `Email("news", "news@example.com", dns=False)`, "0.7.2b3", "", ""},
		{"sender only as keyword", "", `Email("news", sender="news@example.com")`, "0.10.0b6", "AttributeError", "'NoneType' object has no attribute 'dmarc'"},
		{"config and options", "", `Email("news", {"sender": "news@example.com"}, sandbox=True)`, "0.9.0b5", "ValueError", "cannot combine complete email configuration"},
		{"not a domain", `dns=Route53Dns("Z1")`, `Email("news", "localhost")`, "0.9.0b5", "ValueError", "Invalid domain: localhost"},
	}
	for _, c := range cases {
		t.Run(c.name+" at "+c.version, func(t *testing.T) {
			_, err := readWith(t, emailApp(c.cfg, c.email), c.version)
			if c.typ == "" {
				if err != nil {
					t.Fatalf("err = %v; want the app accepted", err)
				}
				return
			}
			wantReject(t, c.version, err, c.typ, 14)
			if err != nil && !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%v; want Stelvio's message %q", err, c.msg)
			}
		})
	}
}

// When the provider Stelvio would use is not known statically, the Email is unresolved at
// its line, never accepted or rejected on a guess; a known provider needs no guess.
func TestEmailUnknownDNSIsUnresolved(t *testing.T) {
	cases := []struct {
		name, cfg, email, version string
		unresolved                bool
	}{
		{"unknown dns=", "", `Email("news", "news.example.com", dns=os.environ.get("ZONE"))`, "0.10.0b6", true},
		{"unknown app dns, no dns=", `dns=os.environ.get("ZONE")`, `Email("news", "news.example.com")`, "0.9.0b5", true},
		{"unknown app dns, dns=False falls back", `dns=os.environ.get("ZONE")`, `Email("news", "news.example.com", dns=False)`, "0.9.0b5", true},
		{"unknown app dns, dns=False opts out", `dns=os.environ.get("ZONE")`, `Email("news", "news.example.com", dns=False)`, "0.10.0b6", false},
		{"unknown app dns, own dns", `dns=os.environ.get("ZONE")`, `Email("news", "news.example.com", dns=Route53Dns("Z1"))`, "0.9.0b5", false},
		{"unknown sender", `dns=None`, `Email("news", os.environ["SENDER"])`, "0.9.0b5", true},
		{"unknown dmarc on an address", "", `Email("news", "a@example.com", dmarc=os.environ.get("DMARC"))`, "0.9.0b5", true},
	}
	for _, c := range cases {
		t.Run(c.name+" at "+c.version, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "stlv_app.py"), []byte(emailApp(c.cfg, c.email)), 0o644); err != nil {
				t.Fatal(err)
			}
			rules, _, err := linker.RulesForPinned(c.version)
			if err != nil {
				t.Fatal(err)
			}
			app, err := config.Read(context.Background(), dir, config.Options{Env: "prod", Catalog: linker.NewCatalog(rules), Behaviour: linker.BehaviourFor(rules)})
			if err != nil {
				t.Fatalf("err = %v; want the app read", err)
			}
			found := false
			for _, u := range app.Unresolved {
				if u.Pos.File == "stlv_app.py" && u.Pos.Line == 14 && strings.Contains(u.Message, `Email "news"`) && strings.Contains(u.Message, "DNS provider") {
					found = true
				}
			}
			if found != c.unresolved {
				t.Errorf("Email unresolved at stlv_app.py:14 = %v, want %v; unresolved: %+v", found, c.unresolved, app.Unresolved)
			}
		})
	}
}
