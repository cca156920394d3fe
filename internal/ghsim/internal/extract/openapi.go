package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

type operation struct{ method, path string }

func readOperations(path string) ([]operation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ops []operation
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		method, p, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want \"METHOD /path\", got %q", path, n, line)
		}
		ops = append(ops, operation{strings.ToLower(method), p})
	}
	return ops, sc.Err()
}

// subsetSpec keeps the listed operations and every component they reach through $ref, and
// drops the media-type examples (most of the description's size, never used to validate).
func subsetSpec(data []byte, ops []operation, source string) (map[string]any, error) {
	var spec map[string]any
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("openapi description: %w", err)
	}
	allPaths, _ := spec["paths"].(map[string]any)
	paths := map[string]any{}
	for _, op := range ops {
		item, _ := allPaths[op.path].(map[string]any)
		opValue, ok := item[op.method]
		if !ok {
			return nil, fmt.Errorf("%s %s is not in the description", strings.ToUpper(op.method), op.path)
		}
		kept, _ := paths[op.path].(map[string]any)
		if kept == nil {
			kept = map[string]any{}
			if params, ok := item["parameters"]; ok {
				kept["parameters"] = params
			}
			paths[op.path] = kept
		}
		kept[op.method] = opValue
	}
	dropExamples(paths)

	components, _ := spec["components"].(map[string]any)
	keptComponents := map[string]any{}
	pending := collectRefs(paths, nil)
	seen := map[string]bool{}
	for len(pending) > 0 {
		ref := pending[len(pending)-1]
		pending = pending[:len(pending)-1]
		if seen[ref] {
			continue
		}
		seen[ref] = true
		kind, name, err := splitRef(ref)
		if err != nil {
			return nil, err
		}
		group, _ := components[kind].(map[string]any)
		value, ok := group[name]
		if !ok {
			return nil, fmt.Errorf("dangling $ref %s", ref)
		}
		dropExamples(value)
		out, _ := keptComponents[kind].(map[string]any)
		if out == nil {
			out = map[string]any{}
			keptComponents[kind] = out
		}
		out[name] = value
		pending = collectRefs(value, pending)
	}

	info, _ := spec["info"].(map[string]any)
	info["x-ghsim-source"] = source
	info["x-ghsim-operations"] = len(ops)
	return map[string]any{
		"openapi":    spec["openapi"],
		"info":       info,
		"servers":    spec["servers"],
		"paths":      paths,
		"components": keptComponents,
	}, nil
}

func splitRef(ref string) (kind, name string, err error) {
	parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
	if !strings.HasPrefix(ref, "#/components/") || len(parts) != 2 {
		return "", "", fmt.Errorf("unexpected $ref %q", ref)
	}
	return parts[0], parts[1], nil
}

func collectRefs(v any, into []string) []string {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := v[k].(string); ok && k == "$ref" {
				into = append(into, s)
				continue
			}
			into = collectRefs(v[k], into)
		}
	case []any:
		for _, e := range v {
			into = collectRefs(e, into)
		}
	}
	return into
}

// dropExamples removes "examples" maps of media types (they reference components/examples,
// which are large sample payloads); schema-level "example" values stay.
func dropExamples(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if k == "content" {
				if media, ok := e.(map[string]any); ok {
					for _, m := range media {
						if mt, ok := m.(map[string]any); ok {
							delete(mt, "examples")
						}
					}
				}
			}
			dropExamples(e)
		}
	case []any:
		for _, e := range v {
			dropExamples(e)
		}
	}
}
