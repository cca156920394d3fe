package deploy

import (
	"bytes"
	"encoding/json"
)

// Event is one line of `stlv deploy --stream` (app-and-cli.md §3.4). Every event carries
// Event, Operation, App, Env and Timestamp; the other fields depend on the kind.
type Event struct {
	Event     string
	Operation string
	App       string // empty (JSON null) in a CLI-level error
	Env       string
	Timestamp string

	// resource events; warnings about a component or resource fill Component too (with the
	// component's type and name) and WarningResource (a resource type).
	Resource        *Resource
	Component       *ComponentRef
	WarningResource string

	// warning
	Message string
	Hint    string

	// error (resource): one of two shapes, see ResourceError.
	Error *ResourceError

	// error (CLI) and summary
	Status   string
	ExitCode *int
	Errors   []ErrorEntry

	// summary
	Summary  *Counts
	Duration float64
	Outputs  json.RawMessage
}

// wireEvent is an event as sent. "resource" and "component" are objects in resource events
// but strings in warnings, so they are decoded once the kind is known.
type wireEvent struct {
	Event     string          `json:"event"`
	Operation string          `json:"operation"`
	App       *string         `json:"app"`
	Env       string          `json:"env"`
	Timestamp string          `json:"timestamp"`
	Resource  json.RawMessage `json:"resource"`
	Component json.RawMessage `json:"component"`
	Name      string          `json:"name"`
	Message   string          `json:"message"`
	Hint      string          `json:"hint"`
	Error     json.RawMessage `json:"error"`
	Status    string          `json:"status"`
	ExitCode  *int            `json:"exit_code"`
	Errors    []ErrorEntry    `json:"errors"`
	Summary   *Counts         `json:"summary"`
	Duration  float64         `json:"duration"`
	Outputs   json.RawMessage `json:"outputs"`
}

// Resource is a changed resource as a `resource` event reports it.
type Resource struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	Operation string `json:"operation"`
	Error     string `json:"error"`
}

// ComponentRef names the Stelvio component a resource belongs to.
type ComponentRef struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// ResourceError is the payload of a resource `error` event. Stelvio sends
// {resource: <type>, message} for a resource it had seen before, and {name, type,
// operation, error} for one it had not.
type ResourceError struct {
	Resource  string `json:"resource"`
	Message   string `json:"message"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	Operation string `json:"operation"`
	Error     string `json:"error"`
}

// Text is the error message whichever shape it came in.
func (e *ResourceError) Text() string {
	if e.Message != "" {
		return e.Message
	}
	return e.Error
}

// Subject is what failed: the resource name, else its type.
func (e *ResourceError) Subject() string {
	switch {
	case e.Name != "":
		return e.Name
	case e.Type != "":
		return e.Type
	}
	return e.Resource
}

// ErrorEntry is one item of `errors` in a summary or CLI error.
type ErrorEntry struct {
	Message   string `json:"message"`
	Resource  string `json:"resource"`
	Component string `json:"component"`
	Name      string `json:"name"`
}

// Counts is a deploy summary (§3.3).
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Deleted   int `json:"deleted"`
	Replaced  int `json:"replaced"`
	Failed    int `json:"failed"`
	Unchanged int `json:"unchanged"`
}

// Changed is the number of resources the deploy changed.
func (c Counts) Changed() int { return c.Created + c.Updated + c.Deleted + c.Replaced }

// parseEvent reads one output line as an event. Lines that are not a JSON object with an
// "event" field, such as what user code printed, give ok false; so do fields of the wrong
// shape, since such a line cannot be one Stelvio wrote.
func parseEvent(line []byte) (ev Event, ok bool) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return Event{}, false
	}
	var w wireEvent
	if err := json.Unmarshal(line, &w); err != nil || w.Event == "" {
		return Event{}, false
	}
	ev = Event{Event: w.Event, Operation: w.Operation, Env: w.Env, Timestamp: w.Timestamp,
		Message: w.Message, Hint: w.Hint, Status: w.Status, ExitCode: w.ExitCode, Errors: w.Errors,
		Summary: w.Summary, Duration: w.Duration, Outputs: w.Outputs}
	if w.App != nil {
		ev.App = *w.App
	}
	switch {
	case isJSONObject(w.Resource):
		if json.Unmarshal(w.Resource, &ev.Resource) != nil {
			return Event{}, false
		}
	case len(w.Resource) > 0 && json.Unmarshal(w.Resource, &ev.WarningResource) != nil:
		return Event{}, false
	}
	var componentType string
	switch {
	case isJSONObject(w.Component):
		if json.Unmarshal(w.Component, &ev.Component) != nil {
			return Event{}, false
		}
	case len(w.Component) > 0:
		if json.Unmarshal(w.Component, &componentType) != nil {
			return Event{}, false
		}
		if componentType != "" {
			ev.Component = &ComponentRef{Type: componentType, Name: w.Name}
		}
	}
	if isJSONObject(w.Error) {
		if json.Unmarshal(w.Error, &ev.Error) != nil {
			return Event{}, false
		}
	}
	return ev, true
}

func isJSONObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}
