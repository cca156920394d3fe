package ghaction_test

import (
	"os"
	"path/filepath"

	"github.com/stelvio-action/stelvio-action/internal/ghaction"
)

func Example() {
	dir, _ := os.MkdirTemp("", "ghaction-example")
	defer os.RemoveAll(dir)
	env := map[string]string{
		"INPUT_GITHUB-TOKEN": "ghs_example",
		"INPUT_COMMENT":      "false",
		"GITHUB_OUTPUT":      filepath.Join(dir, "output"),
	}
	a := ghaction.New(
		ghaction.WithGetenv(func(name string) string { return env[name] }),
		ghaction.WithWriter(os.Stdout),
	)

	token := a.Input("github-token")
	a.AddMask(token)
	comment, err := a.BoolInput("comment", true)
	if err != nil {
		a.Errorf("%v", err)
		return
	}
	a.Group("Review")
	a.Infof("commenting: %v, token: %s", comment, token)
	a.Annotate(ghaction.LevelWarning, ghaction.Annotation{File: "stlv_app.py", Line: 12}, "link target is unknown")
	a.EndGroup()
	if err := a.SetOutput("changed", "true"); err != nil {
		a.Errorf("%v", err)
	}
	// Output:
	// ::add-mask::ghs_example
	// ::group::Review
	// commenting: false, token: ***
	// ::warning file=stlv_app.py,line=12::link target is unknown
	// ::endgroup::
}
