package ghaction

import (
	"strings"
	"testing"
)

func TestInputEnvName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"github-token", "INPUT_GITHUB-TOKEN"},
		{"working-directory", "INPUT_WORKING-DIRECTORY"},
		{"my input", "INPUT_MY_INPUT"},
		{"Mode", "INPUT_MODE"},
		{"fail_on_x", "INPUT_FAIL_ON_X"},
	}
	for _, tt := range tests {
		if got := InputEnvName(tt.name); got != tt.want {
			t.Errorf("InputEnvName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestInputIsTrimmed(t *testing.T) {
	a, _ := newTestAction(t, map[string]string{
		"INPUT_GITHUB-TOKEN": "  ghs_abc \n",
		"INPUT_MY_INPUT":     "x y",
	})
	if got := a.Input("github-token"); got != "ghs_abc" {
		t.Errorf("Input(github-token) = %q", got)
	}
	if got := a.Input("my input"); got != "x y" {
		t.Errorf("Input(my input) = %q", got)
	}
	if got := a.Input("absent"); got != "" {
		t.Errorf("Input(absent) = %q", got)
	}
}

func TestBoolInput(t *testing.T) {
	tests := []struct {
		value    string
		fallback bool
		want     bool
		wantErr  bool
	}{
		{"true", false, true, false},
		{"True", false, true, false},
		{"TRUE", false, true, false},
		{" true\n", false, true, false},
		{"false", true, false, false},
		{"False", true, false, false},
		{"FALSE", true, false, false},
		{"", true, true, false},
		{"", false, false, false},
		{"yes", false, false, true},
		{"1", false, false, true},
		{"tRUE", false, false, true},
		{"on", true, false, true},
	}
	for _, tt := range tests {
		a, _ := newTestAction(t, map[string]string{"INPUT_COMMENT": tt.value})
		got, err := a.BoolInput("comment", tt.fallback)
		if (err != nil) != tt.wantErr {
			t.Errorf("BoolInput(%q) error = %v, want error %v", tt.value, err, tt.wantErr)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), `"comment"`) {
				t.Errorf("error %q does not name the input", err)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("BoolInput(%q, %v) = %v, want %v", tt.value, tt.fallback, got, tt.want)
		}
	}
}

func TestState(t *testing.T) {
	a, _ := newTestAction(t, map[string]string{"STATE_lock": "held"})
	if got := a.State("lock"); got != "held" {
		t.Errorf("State(lock) = %q", got)
	}
}
