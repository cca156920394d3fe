// Command fakestlv stands in for `stlv` and `uv` in the deploy tests (it is installed under
// both names; the name it is run as picks the part it plays). The real ones cannot run on the
// test machines: no PyPI, no AWS.
//
// It works in the directory it is started in (the app directory), under .fakestlv/:
// scenario.json says what each command does, calls.jsonl records every invocation (its
// arguments, environment, pid and process group), deploy.count numbers the deploys, and a
// hanging run writes hang.pid, grandchild.pid and the signals it received to signals.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Scenario is .fakestlv/scenario.json.
type Scenario struct {
	// Deploy is what successive `stlv deploy` runs do; the last entry repeats.
	Deploy  []Step `json:"deploy"`
	Outputs Step   `json:"outputs"`
	UVSync  Step   `json:"uv_sync"`
}

// Step is what one invocation prints and how it ends. Lines may name environment variables
// as {{env:NAME}}.
type Step struct {
	Stdout []string `json:"stdout"`
	Stderr []string `json:"stderr"`
	Exit   int      `json:"exit"`
	// HugeLine prints one stdout line of this many bytes before Stdout.
	HugeLine int `json:"huge_line"`
	// ManyLines prints this many short stdout lines before Stdout.
	ManyLines int `json:"many_lines"`
	// Hang prints Stdout, then ignores SIGINT and SIGTERM (recording them) and waits
	// forever, with a grandchild process doing the same.
	Hang bool `json:"hang"`
}

const dir = ".fakestlv"

func main() {
	name := filepath.Base(os.Args[0])
	record(name)
	var err error
	switch name {
	case "uv":
		err = uv(os.Args[1:])
	case "stlv":
		err = stlv(os.Args[1:])
	case "fakestlv-grandchild":
		grandchild()
	default:
		err = fmt.Errorf("run me as stlv or uv, not %q", name)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakestlv:", err)
		os.Exit(70)
	}
}

func loadScenario() (Scenario, error) {
	var s Scenario
	data, err := os.ReadFile(filepath.Join(dir, "scenario.json"))
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal(data, &s)
}

// uv plays `uv sync` and hands `uv run ... stlv` and `uv tool run ... stlv` to stlv by
// exec, as the real uv runs the program it names.
func uv(args []string) error {
	s, err := loadScenario()
	if err != nil {
		return err
	}
	if len(args) > 0 && args[0] == "sync" {
		play(s.UVSync)
		return nil
	}
	i := slices.Index(args, "stlv")
	if i < 0 || len(args) < 1 || (args[0] != "run" && !(args[0] == "tool" && len(args) > 1 && args[1] == "run")) {
		return fmt.Errorf("uv %s: not a command the fake knows", strings.Join(args, " "))
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(self, append([]string{"stlv"}, args[i+1:]...), os.Environ())
}

func stlv(args []string) error {
	s, err := loadScenario()
	if err != nil {
		return err
	}
	switch {
	case len(args) > 0 && args[0] == "deploy":
		n := bump("deploy.count")
		if len(s.Deploy) == 0 {
			return fmt.Errorf("scenario has no deploy steps")
		}
		play(s.Deploy[min(n, len(s.Deploy)-1)])
	case len(args) > 0 && args[0] == "outputs":
		play(s.Outputs)
	default:
		return fmt.Errorf("stlv %s: not a command the fake knows", strings.Join(args, " "))
	}
	return nil
}

func play(st Step) {
	var sigs chan os.Signal
	if st.Hang {
		// Before anything else, so that an early signal is recorded, not fatal.
		sigs = make(chan os.Signal, 4)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	}
	out := os.Stdout
	if st.HugeLine > 0 {
		chunk := []byte(strings.Repeat("x", 1<<16))
		for left := st.HugeLine; left > 0; left -= len(chunk) {
			out.Write(chunk[:min(left, len(chunk))])
		}
		out.Write([]byte("\n"))
	}
	for i := range st.ManyLines {
		fmt.Fprintf(out, "user code progress line %d\n", i)
	}
	for _, l := range st.Stdout {
		fmt.Fprintln(out, expand(l))
	}
	for _, l := range st.Stderr {
		fmt.Fprintln(os.Stderr, expand(l))
	}
	if st.Hang {
		hang(sigs)
	}
	os.Exit(st.Exit)
}

// expand replaces {{env:NAME}} with the variable NAME, so a scenario can print what it was
// given (to prove the deploy masks it).
func expand(line string) string {
	for {
		i := strings.Index(line, "{{env:")
		if i < 0 {
			return line
		}
		j := strings.Index(line[i:], "}}")
		if j < 0 {
			return line
		}
		line = line[:i] + os.Getenv(line[i+6:i+j]) + line[i+j+2:]
	}
}

// hang ignores the polite signals, noting each, so that only SIGKILL ends it.
func hang(sigs <-chan os.Signal) {
	self, _ := os.Executable()
	child, err := os.StartProcess(self, []string{"fakestlv-grandchild"}, &os.ProcAttr{Files: []*os.File{nil, os.Stdout, os.Stderr}})
	if err == nil {
		writeFile("grandchild.pid", strconv.Itoa(child.Pid))
	}
	writeFile("hang.pid", strconv.Itoa(os.Getpid()))
	for sig := range sigs {
		appendFile("signals", sig.(syscall.Signal).String()+"\n")
	}
}

func grandchild() {
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM)
	for {
		time.Sleep(time.Hour)
	}
}

func record(name string) {
	wd, _ := os.Getwd()
	pgid, _ := syscall.Getpgid(0)
	line, _ := json.Marshal(map[string]any{"tool": name, "args": os.Args[1:], "env": os.Environ(), "dir": wd, "pid": os.Getpid(), "pgid": pgid})
	appendFile("calls.jsonl", string(line)+"\n")
}

func bump(name string) int {
	data, _ := os.ReadFile(filepath.Join(dir, name))
	n, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	writeFile(name, strconv.Itoa(n+1))
	return n
}

func writeFile(name, content string) {
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
}

func appendFile(name, content string) {
	_ = os.MkdirAll(dir, 0o755)
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.WriteString(content)
}
