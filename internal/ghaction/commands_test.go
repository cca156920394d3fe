package ghaction

import (
	"strings"
	"testing"
)

func TestEscapeData(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"100%", "100%25"},
		{"a\nb", "a%0Ab"},
		{"a\r\nb", "a%0D%0Ab"},
		{"%0A", "%250A"},
		{"a:b,c", "a:b,c"},
		{"::error::x", "::error::x"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.want {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeProperty(t *testing.T) {
	tests := []struct{ in, want string }{
		{"src/app.py", "src/app.py"},
		{"a:b", "a%3Ab"},
		{"a,b", "a%2Cb"},
		{"100%", "100%25"},
		{"x\ny\r", "x%0Ay%0D"},
		{"C:\\dir,1", "C%3A\\dir%2C1"},
	}
	for _, tt := range tests {
		if got := escapeProperty(tt.in); got != tt.want {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name string
		run  func(a *Action)
		want string
	}{
		{"error plain", func(a *Action) { a.Errorf("bad %s", "input") }, "::error::bad input\n"},
		{"warning", func(a *Action) { a.Warningf("careful") }, "::warning::careful\n"},
		{"notice", func(a *Action) { a.Noticef("fyi: %d", 3) }, "::notice::fyi: 3\n"},
		{"debug multi-line", func(a *Action) { a.Debugf("a\nb") }, "::debug::a%0Ab\n"},
		{"group", func(a *Action) { a.Group("Resolve app"); a.Infof("line"); a.EndGroup() },
			"::group::Resolve app\nline\n::endgroup::\n"},
		{"annotation full", func(a *Action) {
			a.Annotate(LevelError, Annotation{Title: "Syntax error", File: "stlv_app.py", Line: 16, EndLine: 17, Col: 5, EndColumn: 9}, "missing comma")
		}, "::error file=stlv_app.py,line=16,endLine=17,col=5,endColumn=9,title=Syntax error::missing comma\n"},
		{"annotation some fields", func(a *Action) {
			a.Annotate(LevelWarning, Annotation{File: "infra/api.py", Line: 12}, "unresolved")
		}, "::warning file=infra/api.py,line=12::unresolved\n"},
		{"annotation escaped", func(a *Action) {
			a.Annotate(LevelNotice, Annotation{Title: "a: b, c", File: "x,y.py"}, "50%\ndone")
		}, "::notice file=x%2Cy.py,title=a%3A b%2C c::50%25%0Adone\n"},
		{"annotation empty", func(a *Action) { a.Annotate(LevelError, Annotation{}, "m") }, "::error::m\n"},
		{"injection stays in the message", func(a *Action) { a.Errorf("x\n::add-mask::y") },
			"::error::x%0A::add-mask::y\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, out := newTestAction(t, nil)
			tt.run(a)
			if got := out.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
				if strings.Count(line, "::") > 2 && strings.HasPrefix(line, "::") && !strings.Contains(tt.want, "add-mask") {
					t.Errorf("line %q has more than one command separator", line)
				}
			}
		})
	}
}
