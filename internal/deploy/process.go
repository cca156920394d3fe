package deploy

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Process is one run of a program.
type Process struct {
	Dir  string
	Args []string // Args[0] is looked up in the PATH of Env, not of this process
	Env  []string // the complete environment; nothing else is inherited
	// Stdout and Stderr receive the output line by line as it arrives, each line cut to
	// MaxLine bytes (dropped counts the rest). They are called from one goroutine per stream.
	Stdout, Stderr func(line []byte, dropped int)
	// Grace is how long a cancelled process gets between the first signal and SIGKILL.
	Grace time.Duration
}

// Exit is how a process ended.
type Exit struct {
	Code   int            // exit status; -1 when a signal ended it
	Signal syscall.Signal // the signal that ended it, 0 when it exited
	// Sent lists the signals sent to its process group because the context ended, in order.
	Sent []syscall.Signal
}

// Cancelled reports whether the process was told to stop.
func (e Exit) Cancelled() bool { return len(e.Sent) > 0 }

func (e Exit) String() string {
	if e.Signal != 0 {
		return "killed by " + signalName(e.Signal)
	}
	return fmt.Sprintf("exit code %d", e.Code)
}

// Runner runs programs. ExecRunner is the real one.
type Runner interface {
	Run(ctx context.Context, p Process) (Exit, error)
}

// MaxLine is the most of one output line that is kept: enough for Stelvio's largest summary
// event of a big app, small enough that a runaway line cannot exhaust memory.
const MaxLine = 4 << 20

// pipeDrain bounds the wait for output pipes once the process has ended: a grandchild that
// escaped the process group must not keep the deploy step open.
const pipeDrain = 5 * time.Second

// ExecRunner runs each program as the leader of a new process group, so that stopping it
// reaches everything it started (uv, Python, the Pulumi CLI and its plugins).
//
// When the context ends it sends the group SIGINT, then SIGTERM at half the grace period,
// then SIGKILL at the end of it. SIGINT comes first because it is the signal Stelvio and
// Pulumi treat as a cancel: Python raises KeyboardInterrupt, so Stelvio's CommandRun.__exit__
// releases its S3 state lock, and Pulumi stops after the operations in flight. SIGTERM ends a
// Python process without running that cleanup and would leave the lock held.
type ExecRunner struct{}

// Run starts p and waits for it and its output. The error is for a process that could not
// be started or waited for; a non-zero exit is reported in Exit.
func (ExecRunner) Run(ctx context.Context, p Process) (Exit, error) {
	if len(p.Args) == 0 {
		return Exit{}, errors.New("run: no program")
	}
	path, err := lookPath(p.Args[0], envValue(p.Env, "PATH"))
	if err != nil {
		return Exit{}, err
	}
	if err := ctx.Err(); err != nil {
		return Exit{}, fmt.Errorf("%s not started: %w", p.Args[0], err)
	}
	cmd := exec.Command(path, p.Args[1:]...)
	cmd.Dir, cmd.Env = p.Dir, p.Env
	stdout := newLineSplitter(MaxLine, orDiscard(p.Stdout))
	stderr := newLineSplitter(MaxLine, orDiscard(p.Stderr))
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = pipeDrain
	if err := cmd.Start(); err != nil {
		return Exit{}, fmt.Errorf("start %s: %w", p.Args[0], err)
	}
	pgid := cmd.Process.Pid
	stop := newStopper(pgid, p.Grace)
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			stop.run(done)
		case <-done:
		}
	}()
	waitErr := cmd.Wait()
	close(done)
	// Nothing the deploy started may outlive it.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	stdout.Close()
	stderr.Close()

	exit := Exit{Code: cmd.ProcessState.ExitCode(), Sent: stop.sent()}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		exit.Signal = ws.Signal()
	}
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) && !errors.Is(waitErr, exec.ErrWaitDelay) {
		return exit, fmt.Errorf("wait for %s: %w", p.Args[0], waitErr)
	}
	return exit, nil
}

// stopper walks the signal ladder for one process group.
type stopper struct {
	pgid  int
	grace time.Duration
	mu    sync.Mutex
	sigs  []syscall.Signal
}

func newStopper(pgid int, grace time.Duration) *stopper {
	return &stopper{pgid: pgid, grace: grace}
}

func (s *stopper) run(done <-chan struct{}) {
	steps := []struct {
		sig syscall.Signal
		at  time.Duration
	}{{syscall.SIGINT, 0}, {syscall.SIGTERM, s.grace / 2}, {syscall.SIGKILL, s.grace}}
	start := time.Now()
	for _, step := range steps {
		timer := time.NewTimer(max(step.at-time.Since(start), 0))
		select {
		case <-done:
			timer.Stop()
			return
		case <-timer.C:
		}
		s.mu.Lock()
		s.sigs = append(s.sigs, step.sig)
		s.mu.Unlock()
		_ = syscall.Kill(-s.pgid, step.sig)
	}
}

func (s *stopper) sent() []syscall.Signal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]syscall.Signal(nil), s.sigs...)
}

func orDiscard(f func([]byte, int)) func([]byte, int) {
	if f == nil {
		return func([]byte, int) {}
	}
	return f
}

// lookPath finds name in the directories of pathList, as a shell with that PATH would.
func lookPath(name, pathList string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	for _, dir := range filepath.SplitList(pathList) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: not found in PATH (%s)", name, pathList)
}

// envValue is the value of name in an environment list ("" when absent).
func envValue(env []string, name string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(env[i], "="); ok && k == name {
			return v
		}
	}
	return ""
}

func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGKILL:
		return "SIGKILL"
	}
	return s.String()
}
