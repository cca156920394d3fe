package pyeval

import (
	"errors"
	"testing"
)

// raiseCase is a program main.py that must raise the Python error want at line.
type raiseCase struct {
	name, src, want string
	line            int
}

func checkRaises(t *testing.T, cases []raiseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := run(t, map[string]string{"main.py": tc.src})
			var pe *PyError
			if !errors.As(err, &pe) {
				t.Fatalf("want a Python error, got %v", err)
			}
			if got := pe.Type + ": " + pe.Msg; got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if pe.Pos.File != "main.py" || pe.Pos.Line != tc.line {
				t.Errorf("raised at %v, want main.py:%d", pe.Pos, tc.line)
			}
		})
	}
}
