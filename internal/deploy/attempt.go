package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"time"
)

// deployWithRetries runs `stlv deploy ENV --yes --stream` and, while Stelvio says its state
// lock is held (exit code 4), waits and tries again, up to LockRetries times.
func (r *run) deployWithRetries(ctx context.Context, dir string, env, stlv []string) error {
	wait := r.cfg.LockBackoff
	for attempt := 0; ; attempt++ {
		p, exit, err := r.deployOnce(ctx, dir, env, stlv)
		if err != nil {
			return err
		}
		r.collect(p)
		switch {
		case exit.Code == 0 && (p.summary == nil || p.summary.Status != "failed"):
			return nil
		case exit.Code == exitStateLocked && attempt < r.cfg.LockRetries:
			r.res.LockWaits++
			r.res.FirstError = ""
			r.deps.Log.Noticef("The state of %s is locked, %s. Waiting %s before retry %d of %d.",
				r.res.Target.Env, describeLock(p.firstError), wait, attempt+1, r.cfg.LockRetries)
			if err := r.deps.Sleep(ctx, wait); err != nil {
				return fmt.Errorf("cancelled while waiting for the state lock: %w", err)
			}
			wait = min(wait*2, r.cfg.LockBackoffMax)
		case exit.Code == exitStateLocked:
			r.res.FirstError = ""
			return fmt.Errorf("the state of %s is still locked after %d retries (%s); if no deploy is running, run `stlv unlock %s`",
				r.res.Target.Env, r.cfg.LockRetries, describeLock(p.firstError), r.res.Target.Env)
		default:
			return r.failure(p, exit)
		}
	}
}

// deployOnce runs stlv deploy once under the timeout.
func (r *run) deployOnce(ctx context.Context, dir string, env, stlv []string) (*progress, Exit, error) {
	args := append(append([]string(nil), stlv...), "deploy", r.res.Target.Env, "--yes", "--stream")
	r.deps.Log.Infof("$ %s", strings.Join(args, " "))
	tctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	p := newProgress(r.deps.Log)
	exit, err := r.deps.Runner.Run(tctx, Process{Dir: dir, Args: args, Env: env, Stdout: p.stdout, Stderr: p.stderr, Grace: r.cfg.Grace})
	p.finish()
	if err != nil {
		return nil, exit, fmt.Errorf("stlv deploy: %w", err)
	}
	if exit.Cancelled() {
		what := "was cancelled"
		if errors.Is(tctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
			what = fmt.Sprintf("did not finish within %s (timeout-minutes)", r.cfg.Timeout)
		}
		r.collect(p)
		return nil, exit, fmt.Errorf("stlv deploy %s; stopped it with %s (%s): %w", what, signalList(exit.Sent), exit, tctx.Err())
	}
	return p, exit, nil
}

// collect keeps what the report needs from a finished run of stlv deploy.
func (r *run) collect(p *progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.app != "" {
		r.res.App = p.app
	}
	if p.firstError != "" {
		r.res.FirstError = p.firstError
	}
	if p.summary != nil && p.summary.Summary != nil {
		r.res.Counts = *p.summary.Summary
	} else {
		r.res.Counts = p.tally
	}
}

// failure explains a failed stlv deploy: Stelvio's first error, else its last stderr line.
func (r *run) failure(p *progress, exit Exit) error {
	msg := p.firstError
	if msg == "" {
		msg = lastLine(p.stderrTail)
		r.res.FirstError = msg
	}
	if exit.Code == 2 {
		return fmt.Errorf("stlv deploy refused the project or environment (exit code 2): %s", msg)
	}
	return fmt.Errorf("stlv deploy failed (%s): %s", exit, msg)
}

func signalList(sigs []syscall.Signal) string {
	names := make([]string, len(sigs))
	for i, s := range sigs {
		names[i] = signalName(s)
	}
	return strings.Join(names, ", then ")
}

// readOutputs runs `stlv outputs ENV --json`. The deploy already succeeded, so a failure
// here is a warning, not a failed deploy.
func (r *run) readOutputs(ctx context.Context, dir string, env, stlv []string) {
	args := append(append([]string(nil), stlv...), "outputs", r.res.Target.Env, "--json")
	var out outputBuffer
	p := newProgress(r.deps.Log)
	tctx, cancel := context.WithTimeout(ctx, outputsTimeout)
	defer cancel()
	exit, err := r.deps.Runner.Run(tctx, Process{Dir: dir, Args: args, Env: env, Stdout: out.line, Stderr: p.stderr, Grace: r.cfg.Grace})
	if err == nil && exit.Code != 0 {
		err = fmt.Errorf("%s: %s", exit, lastLine(p.stderrTail))
	}
	var so *StackOutputs
	if err == nil {
		so, err = parseOutputs(out.buf)
	}
	if err != nil {
		r.deps.Log.Warningf("stlv outputs %s --json: %v", r.res.Target.Env, err)
		return
	}
	so.maskSecrets(r.deps.Log.AddMask)
	r.res.Outputs = so
	for _, o := range so.Flat() {
		r.deps.Log.Infof("output %s = %s", o.Key, o.Value)
	}
}

// outputsTimeout bounds `stlv outputs`, which only reads state.
const outputsTimeout = 5 * time.Minute

// outputBuffer keeps stdout whole, up to maxOutputs: outputs --json is one document.
type outputBuffer struct {
	buf       []byte
	truncated bool
}

const maxOutputs = 8 << 20

func (b *outputBuffer) line(line []byte, dropped int) {
	if dropped > 0 || len(b.buf)+len(line)+1 > maxOutputs {
		b.truncated = true
		return
	}
	b.buf = append(append(b.buf, line...), '\n')
}
