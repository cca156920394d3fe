package ghsim

import (
	"testing"
)

// BenchmarkParseSpec measures what every test binary that uses the simulator pays once.
func BenchmarkParseSpec(b *testing.B) {
	for b.Loop() {
		if _, err := parseSpec(); err != nil {
			b.Fatal(err)
		}
	}
}

// The extracted description holds exactly the operations the simulator serves, and says
// which package it came from.
func TestSubsetMatchesTheRouteTable(t *testing.T) {
	sp, err := parseSpec()
	if err != nil {
		t.Fatal(err)
	}
	if src, _ := sp.doc.Info.Extensions["x-ghsim-source"].(string); src == "" {
		t.Fatal("the description does not record the package it came from")
	}
	served := map[string]bool{}
	for _, rt := range (&Sim{}).routeTable() {
		if !rt.oidc {
			served[rt.method+" "+rt.template] = true
		}
	}
	if err := sp.checkRoutes((&Sim{}).routeTable()); err != nil {
		t.Fatal(err)
	}
	for path, item := range sp.doc.Paths.Map() {
		for method := range item.Operations() {
			if !served[method+" "+path] {
				t.Errorf("%s %s is in the description but not served", method, path)
			}
		}
	}
}
