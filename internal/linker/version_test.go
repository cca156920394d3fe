package linker

import (
	"slices"
	"testing"
)

func TestParseVersion(t *testing.T) {
	cases := map[string]string{
		"0.9.0b5":     "0.9.0b5",
		"0.10.1b7":    "0.10.1b7",
		"0.7.0b1":     "0.7.0b1",
		"0.6.0a8":     "0.6.0a8",
		"0.10.2b8":    "0.10.2b8",
		"1.0.0":       "1.0.0",
		"0.11.0.dev1": "0.11.0.dev1",
		"v0.9.0b5":    "0.9.0b5",
		"0.9.0-beta5": "0.9.0b5",
		"1.0rc2":      "1.0rc2",
		"1.0c2":       "1.0rc2",
		"1.0.post1":   "1.0.post1",
		"1.0-1":       "1.0.post1",
		"1.0a1.dev3":  "1.0a1.dev3",
		" 0.9.0B5 ":   "0.9.0b5",
		"1.0b":        "1.0b0",
	}
	for in, want := range cases {
		v, err := ParseVersion(in)
		if err != nil || v.String() != want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %s", in, v, err, want)
		}
	}
	for _, bad := range []string{"", "x", "0.9.0+local", "1..0", "0.9.0b5 extra", ">=0.9", "0.9.0b5.dev1.dev2"} {
		if v, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q) = %v; want an error", bad, v)
		}
	}
}

func TestVersionOrder(t *testing.T) {
	// Ascending per PEP 440.
	order := []string{"0.2.0a4", "0.6.0a8", "0.7.0b1", "0.9.0b5", "0.10.0.dev1", "0.10.0a1", "0.10.0b6.dev2",
		"0.10.0b6", "0.10.0b6.post1", "0.10.0rc1", "0.10.0", "0.10.0.post1.dev1", "0.10.0.post1", "0.10.1b7", "0.10.2b8",
		"0.11.0.dev1", "1.0.0"}
	for i := 1; i < len(order); i++ {
		a, b := mustParseVersion(order[i-1]), mustParseVersion(order[i])
		if a.Compare(b) >= 0 || b.Compare(a) <= 0 {
			t.Errorf("%s should sort before %s", a, b)
		}
	}
	if mustParseVersion("1.0").Compare(mustParseVersion("1.0.0")) != 0 {
		t.Error("1.0 and 1.0.0 should be equal")
	}
}

func TestReleaseTable(t *testing.T) {
	known := KnownReleases()
	for i, s := range known {
		v, err := ParseVersion(s)
		if err != nil {
			t.Fatalf("release %q: %v", s, err)
		}
		if i > 0 && mustParseVersion(known[i-1]).Compare(v) >= 0 {
			t.Errorf("release table out of order at %s", s)
		}
		if r := RulesFor(v); !r.Exact || r.Release != s || r.Newer || r.Older || r.Notice() != "" {
			t.Errorf("RulesFor(%s) = release %s exact=%v newer=%v older=%v", s, r.Release, r.Exact, r.Newer, r.Older)
		}
	}
}

func TestRulesFor(t *testing.T) {
	rules := func(s string) Rules { return RulesFor(mustParseVersion(s)) }

	checks := []struct {
		version string
		check   func(Rules) bool
		what    string
	}{
		{"0.2.0a4", func(r Rules) bool {
			return r.Codegen == CodegenV1 && !r.UserEnvironment && !r.DynamoIndexStatement &&
				r.APIRoutes == APIRoutesPerFileUnprefixed && slices.Equal(r.Linkable, []string{"DynamoTable"})
		}, "v1 codegen, environment= ignored, one DynamoTable statement"},
		{"0.4.0a6", func(r Rules) bool {
			return r.Codegen == CodegenV1 && r.DynamoIndexStatement && r.IsLinkable("Bucket") && !r.IsLinkable("Queue")
		}, "index statement and Bucket"},
		{"0.5.0a7", func(r Rules) bool {
			return r.Codegen == CodegenV2 && r.UserEnvironment && r.CORS && r.APIRoutes == APIRoutesPerFile &&
				r.FunctionNaming == FunctionNamingSafeLambda
		}, "v2 codegen, environment= applied, per-file API"},
		{"0.6.0a8", func(r Rules) bool { return r.APIRoutes == APIRoutesPerHandler && r.Codegen == CodegenV2 }, "per-handler API"},
		{"0.7.1b2", func(r Rules) bool {
			return r.Codegen == CodegenV3 && !r.QueueSubscriberDotToDash && r.CreatorGetsComponent && r.IsLinkable("Email")
		}, "v3 and the old queue subscriber name"},
		{"0.7.2b3", func(r Rules) bool { return r.QueueSubscriberDotToDash }, "queue subscriber dot rule"},
		{"0.9.0b5", func(r Rules) bool {
			return r.IsLinkable("IdentityPool") && r.APIClass == "Api" && !r.IsLinkable("RestApi") &&
				r.Customize == CustomizeReplaces && len(r.Unsure) == 0
		}, "cognito linkable, Api class"},
		{"0.10.0b6", func(r Rules) bool {
			return r.APIClass == "RestApi" && r.IsLinkable("WebsocketApi") && !r.FolderMapUnion &&
				r.Customize == CustomizeDefaults && slices.Contains(r.Unsure, UnsureFolderRules0100)
		}, "RestApi, old folder rules"},
		{"0.10.1b7", func(r Rules) bool {
			return r.FolderMapUnion && r.FolderCORSSticky && r.LinkMapSkipsEmpty && r.AppSyncURLProperty == "api_url" &&
				r.RandomPhysicalNames && !r.IsLinkable("DocumentDb") && !slices.Contains(r.Unsure, UnsureFolderRules0100) &&
				slices.Contains(r.Unsure, UnsureAPIInvokeStatement)
		}, "0.10.1b7 fixes"},
		{"0.10.2b8", func(r Rules) bool {
			return r.IsLinkable("DocumentDb") && slices.Contains(r.Unsure, UnsureRelease0102) && !r.Newer
		}, "0.10.2b8 assumptions"},
	}
	for _, c := range checks {
		if r := rules(c.version); !c.check(r) {
			t.Errorf("%s: want %s, got %+v", c.version, c.what, r)
		}
	}

	between := rules("0.8.1")
	if between.Release != "0.8.0b4" || between.Exact || between.Newer || between.Notice() == "" {
		t.Errorf("0.8.1: %+v", between)
	}
	for _, s := range []string{"0.11.0.dev1", "0.10.2", "1.0.0"} {
		r := rules(s)
		if !r.Newer || r.Release != "0.10.2b8" || r.Notice() == "" {
			t.Errorf("%s: want newest rules with a notice, got release %s newer=%v", s, r.Release, r.Newer)
		}
	}
	old := rules("0.1.0a2")
	if !old.Older || old.Release != "0.2.0a4" || old.Codegen != CodegenV1 {
		t.Errorf("0.1.0a2: %+v", old)
	}
	// Each call builds its own slices.
	a, b := rules("0.9.0b5"), rules("0.9.0b5")
	a.Linkable[0] = "changed"
	if b.Linkable[0] != "DynamoTable" {
		t.Error("Rules share their Linkable slice")
	}
}
