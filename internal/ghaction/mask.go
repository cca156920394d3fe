package ghaction

import (
	"io"
	"slices"
	"strings"
	"sync"
)

// MaskText is what a masked secret looks like, in our output as in the runner's.
const MaskText = "***"

// AddMask registers secret with the runner (::add-mask::) and with this Action, whose own
// output (commands, Infof, MaskWriter) then shows MaskText instead.
//
// The runner masks log lines one at a time, so a multi-line secret would never match whole:
// each of its lines is registered on its own as well.
func (a *Action) AddMask(secret string) {
	parts := []string{secret}
	if strings.ContainsAny(secret, "\r\n") {
		for line := range strings.Lines(secret) {
			parts = append(parts, strings.TrimRight(line, "\r\n"))
		}
	}
	a.mu.Lock()
	var fresh []string
	for _, p := range parts {
		if p != "" && !slices.Contains(a.secrets, p) {
			a.secrets = append(a.secrets, p)
			fresh = append(fresh, p)
		}
	}
	if len(fresh) > 0 {
		slices.SortStableFunc(a.secrets, func(x, y string) int { return len(y) - len(x) })
		pairs := make([]string, 0, 2*len(a.secrets))
		for _, s := range a.secrets {
			pairs = append(pairs, s, MaskText)
		}
		a.masker = strings.NewReplacer(pairs...)
	}
	a.mu.Unlock()
	for _, p := range fresh {
		if !strings.ContainsAny(p, "\r\n") {
			// Written directly: command() would mask the very value being registered.
			a.writeRaw("::add-mask::" + escapeData(p) + "\n")
		}
	}
}

// Mask returns s with every registered secret replaced by MaskText.
func (a *Action) Mask(s string) string {
	a.mu.Lock()
	m := a.masker
	a.mu.Unlock()
	if m == nil {
		return s
	}
	return m.Replace(s)
}

func (a *Action) writeRaw(s string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, _ = io.WriteString(a.out, s)
}

// MaskWriter masks registered secrets in a stream, such as a child process's output, before
// it reaches the log. Text is forwarded as soon as it arrives, except a tail that could be
// the start of a secret split across two writes; Close flushes that tail.
type MaskWriter struct {
	action  *Action
	dst     io.Writer
	mu      sync.Mutex
	pending string
}

// NewMaskWriter returns a MaskWriter that writes to dst.
func (a *Action) NewMaskWriter(dst io.Writer) *MaskWriter {
	return &MaskWriter{action: a, dst: dst}
}

// Write masks p and forwards it, holding back only a possible partial secret at its end.
func (w *MaskWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	raw := w.pending + string(p)
	cut := w.action.safeCut(raw)
	if _, err := io.WriteString(w.dst, w.action.Mask(raw[:cut])); err != nil {
		return 0, err
	}
	w.pending = raw[cut:]
	return len(p), nil
}

// Close flushes the held-back tail. It does not close dst.
func (w *MaskWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pending == "" {
		return nil
	}
	_, err := io.WriteString(w.dst, w.action.Mask(w.pending))
	w.pending = ""
	return err
}

// safeCut is how much of s can be masked and written now: everything before a tail that
// may be the start of a secret still arriving, and before any secret crossing that point.
func (a *Action) safeCut(s string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	cut := len(s)
	for _, secret := range a.secrets {
		for n := min(len(secret)-1, len(s)); n > 0; n-- {
			if strings.HasSuffix(s, secret[:n]) {
				cut = min(cut, len(s)-n)
				break
			}
		}
	}
	for moved := true; moved; {
		moved = false
		for _, secret := range a.secrets {
			from := max(0, cut-len(secret)+1)
			if i := strings.Index(s[from:], secret); i >= 0 && from+i < cut && from+i+len(secret) > cut {
				cut, moved = from+i, true
			}
		}
	}
	return cut
}
