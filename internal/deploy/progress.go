package deploy

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// progress shows one `stlv deploy --stream` run in the log as it happens and collects what
// the report needs. Stdout and stderr arrive on two goroutines, hence the mutex.
type progress struct {
	log Log

	mu         sync.Mutex
	group      string // the component group open in the log, "" for none
	app        string
	summary    *Event
	cliError   *Event
	firstError string
	tally      Counts // from resource events, for when no summary arrives
	stderrTail []string
}

// stderrTailLines is how much of stderr is kept to explain a failure without events.
const stderrTailLines = 20

// displayMax is the most of one raw output line shown in the log.
const displayMax = 4000

func newProgress(log Log) *progress { return &progress{log: log} }

func (p *progress) stdout(line []byte, dropped int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if dropped == 0 {
		if ev, ok := parseEvent(line); ok {
			p.event(ev)
			return
		}
	}
	// Not an event: something user code or a library printed. Shown, never interpreted.
	p.raw(line, dropped)
}

func (p *progress) stderr(line []byte, dropped int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	text := p.raw(line, dropped)
	if len(p.stderrTail) == stderrTailLines {
		p.stderrTail = p.stderrTail[1:]
	}
	p.stderrTail = append(p.stderrTail, text)
}

// raw logs a line that is not an event and returns what was shown.
func (p *progress) raw(line []byte, dropped int) string {
	text := displayLine(line, dropped)
	p.log.Infof("%s", text)
	return p.log.Mask(text)
}

func (p *progress) event(ev Event) {
	if ev.App != "" {
		p.app = ev.App
	}
	switch ev.Event {
	case "start":
		p.log.Infof("Stelvio is deploying %s to %s", ev.App, ev.Env)
	case "resource":
		p.resource(ev)
	case "warning":
		p.warning(ev)
	case "error":
		p.error(ev)
	case "summary":
		p.closeGroup()
		p.summary = &ev
		p.noteFirstError(summaryError(ev))
	default:
		p.log.Infof("(unknown Stelvio event %q)", ev.Event)
	}
}

func (p *progress) resource(ev Event) {
	if ev.Resource == nil {
		return
	}
	title := "Other resources"
	if c := ev.Component; c != nil && c.Type != "" {
		title = strings.TrimSpace(c.Type + " " + c.Name)
	}
	if title != p.group {
		p.closeGroup()
		p.log.Group(title)
		p.group = title
	}
	res := ev.Resource
	if res.Error != "" {
		p.tally.Failed++
		p.logText(fmt.Sprintf("✗ %s failed to %s: ", res.Name, res.Operation), res.Error)
		p.noteFirstError(res.Name + ": " + res.Error)
		return
	}
	p.countOperation(res.Operation)
	p.log.Infof("✓ %-9s %s (%s)", pastTense(res.Operation), res.Name, res.Type)
}

func (p *progress) countOperation(op string) {
	switch op {
	case "create":
		p.tally.Created++
	case "update":
		p.tally.Updated++
	case "delete":
		p.tally.Deleted++
	case "replace":
		p.tally.Replaced++
	}
}

func (p *progress) warning(ev Event) {
	msg := ev.Message
	if ev.Component != nil {
		msg = strings.TrimSpace(ev.Component.Type+" "+ev.Component.Name) + ": " + msg
	}
	if ev.Hint != "" {
		msg += " (" + ev.Hint + ")"
	}
	p.log.Warningf("%s", msg)
}

func (p *progress) error(ev Event) {
	if ev.Error != nil {
		p.logText("✗ "+ev.Error.Subject()+": ", ev.Error.Text())
		p.noteFirstError(ev.Error.Subject() + ": " + ev.Error.Text())
		return
	}
	// A CLI-level error (validation, lock, missing --yes) is the only line of its run.
	p.closeGroup()
	p.cliError = &ev
	for _, e := range ev.Errors {
		p.logText("✗ ", e.Message)
		p.noteFirstError(e.Message)
	}
}

func (p *progress) noteFirstError(msg string) {
	if p.firstError == "" && strings.TrimSpace(msg) != "" {
		p.firstError = p.log.Mask(strings.TrimSpace(msg))
	}
}

// logText logs a message that may span lines, each line made safe on its own.
func (p *progress) logText(prefix, text string) {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		if i == 0 {
			p.log.Infof("%s", safeLine(prefix+l))
		} else {
			p.log.Infof("    %s", safeLine(l))
		}
	}
}

func (p *progress) closeGroup() {
	if p.group != "" {
		p.log.EndGroup()
		p.group = ""
	}
}

// finish closes an open group; call it after the process ended.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeGroup()
}

// lockHolder reads who holds the state lock from Stelvio's StateLockedError message:
// "Environment locked by 'deploy' since <time>. Run 'stlv unlock ENV' to force unlock."
var lockHolder = regexp.MustCompile(`locked by '([^']+)' since (.+?)\. Run `)

func describeLock(msg string) string {
	if m := lockHolder.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("held by '%s' since %s", m[1], m[2])
	}
	if msg != "" {
		return msg
	}
	return "Stelvio did not say who holds it"
}

func summaryError(ev Event) string {
	for _, e := range ev.Errors {
		if e.Message == "" {
			continue
		}
		if e.Resource != "" {
			return e.Resource + ": " + e.Message
		}
		return e.Message
	}
	return ""
}

func pastTense(op string) string {
	switch op {
	case "create", "update", "delete", "replace":
		return op + "d"
	case "refresh":
		return "refreshed"
	case "read":
		return "read"
	}
	return op
}

// displayLine makes a raw output line fit and safe for the log.
func displayLine(line []byte, dropped int) string {
	more := dropped
	if len(line) > displayMax {
		more += len(line) - displayMax
		line = line[:displayMax]
	}
	text := strings.ToValidUTF8(string(line), "\uFFFD")
	if more > 0 {
		text += fmt.Sprintf(" … [%d more bytes not shown]", more)
	}
	return safeLine(text)
}

// safeLine keeps a child's line from being read as a workflow command by the runner
// (::set-output, ::add-mask::, ::stop-commands:: and the legacy ##[ form).
func safeLine(s string) string {
	t := strings.TrimLeft(s, " \t")
	if strings.HasPrefix(t, "::") || strings.HasPrefix(t, "##[") {
		return "(stlv) " + s
	}
	return s
}
