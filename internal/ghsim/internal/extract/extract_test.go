package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const tinySpec = `{
 "openapi": "3.0.3",
 "info": {"title": "t", "version": "1.2.3"},
 "paths": {
  "/a/{id}": {
   "get": {
    "parameters": [{"$ref": "#/components/parameters/id"}],
    "responses": {"200": {"description": "ok", "content": {"application/json": {
      "schema": {"$ref": "#/components/schemas/thing"},
      "examples": {"default": {"$ref": "#/components/examples/thing"}}}}}}
   },
   "delete": {"responses": {"204": {"description": "gone"}}}
  },
  "/b": {"get": {"responses": {"200": {"description": "ok"}}}}
 },
 "components": {
  "parameters": {"id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}},
  "schemas": {
   "thing": {"type": "object", "properties": {"owner": {"$ref": "#/components/schemas/user"}}},
   "user": {"type": "object", "properties": {"login": {"type": "string"}}},
   "unused": {"type": "string"}
  },
  "examples": {"thing": {"value": {"owner": {"login": "x"}}}}
 }
}`

func TestSubsetKeepsListedOperationsAndWhatTheyReference(t *testing.T) {
	out, err := subsetSpec([]byte(tinySpec), []operation{{"get", "/a/{id}"}}, "test@1")
	if err != nil {
		t.Fatal(err)
	}
	paths := out["paths"].(map[string]any)
	item := paths["/a/{id}"].(map[string]any)
	if len(paths) != 1 || item["get"] == nil || item["delete"] != nil {
		t.Fatalf("paths kept: %v", paths)
	}
	components := out["components"].(map[string]any)
	var kinds []string
	for kind, group := range components {
		for name := range group.(map[string]any) {
			kinds = append(kinds, kind+"/"+name)
		}
	}
	want := map[string]bool{"parameters/id": true, "schemas/thing": true, "schemas/user": true}
	if len(kinds) != len(want) {
		t.Fatalf("components kept: %v", kinds)
	}
	for _, k := range kinds {
		if !want[k] {
			t.Fatalf("components kept: %v", kinds)
		}
	}
	data, _ := json.Marshal(out)
	if strings.Contains(string(data), "examples") {
		t.Fatal("media-type examples survived")
	}
	if out["info"].(map[string]any)["x-ghsim-source"] != "test@1" {
		t.Fatal("source not recorded")
	}
}

func TestSubsetRejectsUnknownOperations(t *testing.T) {
	if _, err := subsetSpec([]byte(tinySpec), []operation{{"post", "/b"}}, "x"); err == nil || !strings.Contains(err.Error(), "POST /b") {
		t.Fatalf("unknown operation: %v", err)
	}
}

func TestReadOperations(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ops.txt")
	if err := os.WriteFile(p, []byte("# comment\n\nGET /a/{id}\nPATCH /b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ops, err := readOperations(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ops, []operation{{"get", "/a/{id}"}, {"patch", "/b"}}) {
		t.Fatalf("operations: %v", ops)
	}
	if err := os.WriteFile(p, []byte("GET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readOperations(p); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Fatalf("bad line: %v", err)
	}
}

func TestFirstExamplePicksTheAction(t *testing.T) {
	groups := []webhookGroup{{Name: "pull_request", Examples: []map[string]any{{"action": "closed"}, {"action": "opened", "n": 1.0}, {"action": "opened", "n": 2.0}}}}
	ex, err := firstExample(groups, "pull_request", "opened")
	if err != nil || ex["n"] != 1.0 {
		t.Fatalf("example %v, %v", ex, err)
	}
	if _, err := firstExample(groups, "push", ""); err == nil {
		t.Fatal("missing event found")
	}
}
