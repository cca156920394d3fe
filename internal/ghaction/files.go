package ghaction

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ErrNotInActions reports that a runner file variable ($GITHUB_OUTPUT, …) is unset, which
// means the process is not running as a step of a GitHub Actions job.
var ErrNotInActions = errors.New("not running in GitHub Actions")

// SetOutput sets the step output name to value through $GITHUB_OUTPUT.
func (a *Action) SetOutput(name, value string) error {
	return a.appendKeyValue("GITHUB_OUTPUT", name, value)
}

// SaveState saves a value for a later phase (post) of this action through $GITHUB_STATE.
func (a *Action) SaveState(name, value string) error {
	return a.appendKeyValue("GITHUB_STATE", name, value)
}

// SetEnv sets an environment variable for the following steps through $GITHUB_ENV.
func (a *Action) SetEnv(name, value string) error {
	return a.appendKeyValue("GITHUB_ENV", name, value)
}

// AddPath prepends dir to PATH for the following steps through $GITHUB_PATH.
func (a *Action) AddPath(dir string) error {
	if dir == "" || strings.ContainsAny(dir, "\r\n") {
		return fmt.Errorf("add path %q: must be one non-empty line", dir)
	}
	return a.appendFile("GITHUB_PATH", dir+"\n")
}

// AddStepSummary appends markdown to the job summary ($GITHUB_STEP_SUMMARY). GitHub shows at
// most 1 MiB per step; callers that may exceed it must cut their own text.
func (a *Action) AddStepSummary(markdown string) error {
	if !strings.HasSuffix(markdown, "\n") {
		markdown += "\n"
	}
	return a.appendFile("GITHUB_STEP_SUMMARY", markdown)
}

// delimiterAttempts bounds the search for a delimiter absent from the value; with 128 random
// bits a second attempt is already only needed for values crafted to contain the first.
const delimiterAttempts = 10

// appendKeyValue writes one record in the heredoc form the runner parses,
//
//	name<<ghadelimiter_<random>
//	value
//	ghadelimiter_<random>
//
// which keeps any value, multi-line included, intact.
func (a *Action) appendKeyValue(fileVar, name, value string) error {
	if name == "" || strings.ContainsAny(name, "\r\n=") || strings.Contains(name, "<<") {
		return fmt.Errorf("%s name %q: must be non-empty, one line, without '=' or '<<'", fileVar, name)
	}
	delim, err := a.freeDelimiter(value)
	if err != nil {
		return fmt.Errorf("%s %s: %w", fileVar, name, err)
	}
	return a.appendFile(fileVar, name+"<<"+delim+"\n"+value+"\n"+delim+"\n")
}

func (a *Action) freeDelimiter(value string) (string, error) {
	buf := make([]byte, 16)
	for range delimiterAttempts {
		if _, err := io.ReadFull(a.random, buf); err != nil {
			return "", fmt.Errorf("random delimiter: %w", err)
		}
		delim := "ghadelimiter_" + hex.EncodeToString(buf)
		if !strings.Contains(value, delim) {
			return delim, nil
		}
	}
	return "", fmt.Errorf("no delimiter absent from the value after %d attempts", delimiterAttempts)
}

// appendFile appends text to the file named by the variable fileVar in one write, so a
// record is never interleaved with another writer's.
func (a *Action) appendFile(fileVar, text string) error {
	path := a.getenv(fileVar)
	if path == "" {
		return fmt.Errorf("$%s is not set: %w", fileVar, ErrNotInActions)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("open $%s: %w", fileVar, err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("write $%s: %w", fileVar, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close $%s: %w", fileVar, err)
	}
	return nil
}
