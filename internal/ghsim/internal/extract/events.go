package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
)

// wantedEvents names the payloads the e2e tests start from: the file written, the webhook
// event name and its action ("" for events without one). The first example of each is taken.
var wantedEvents = []struct{ file, event, action string }{
	{"pull_request.opened.json", "pull_request", "opened"},
	{"pull_request.synchronize.json", "pull_request", "synchronize"},
	{"pull_request.labeled.json", "pull_request", "labeled"},
	{"pull_request_review.submitted.json", "pull_request_review", "submitted"},
	{"push.json", "push", ""},
	{"workflow_dispatch.json", "workflow_dispatch", ""},
}

type webhookGroup struct {
	Name     string           `json:"name"`
	Examples []map[string]any `json:"examples"`
}

func writeEvents(dir string, data []byte, source string) error {
	var groups []webhookGroup
	if err := json.Unmarshal(data, &groups); err != nil {
		return fmt.Errorf("webhook examples: %w", err)
	}
	sources := map[string]string{}
	for _, want := range wantedEvents {
		example, err := firstExample(groups, want.event, want.action)
		if err != nil {
			return err
		}
		if err := writeJSON(filepath.Join(dir, want.file), example); err != nil {
			return err
		}
		sources[want.file] = source
	}
	return writeJSON(filepath.Join(dir, "SOURCE.json"), sources)
}

func firstExample(groups []webhookGroup, event, action string) (map[string]any, error) {
	for _, g := range groups {
		if g.Name != event {
			continue
		}
		for _, ex := range g.Examples {
			if got, _ := ex["action"].(string); got == action {
				return ex, nil
			}
		}
	}
	return nil, fmt.Errorf("no %s example with action %q", event, action)
}
