package pr

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestLayoutKeepsTheValue(t *testing.T) {
	in := map[string]any{
		"s":     `tricky "quotes" {braces} [brackets], commas: colons \ back`,
		"empty": []any{}, "obj": map[string]any{},
		"list":  []any{map[string]any{"a": []any{1, 2, map[string]any{"b": "]},{"}}}, "x", 3.5, nil, true},
		"inner": map[string]any{"deep": map[string]any{"deeper": []any{"y"}}},
	}
	compact, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := layout(compact, 2)
	var back any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("layout broke the JSON: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(normalise(t, in), back) {
		t.Errorf("layout changed the value:\n%s", out)
	}
	// Depth 2 lines up with full indentation at the top, and puts each element of a
	// top-level list on one line.
	if got := strings.Count(string(out), "\n"); got != 15 {
		t.Errorf("%d lines:\n%s", got, out)
	}
	if !strings.Contains(string(out), "\n  \"empty\": [],\n") || !strings.Contains(string(out), "\n    {\"a\":[1,2,{\"b\":\"]},{\"}]},\n") {
		t.Errorf("layout:\n%s", out)
	}
}

func normalise(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONReportShape(t *testing.T) {
	for _, p := range goldenPairs(t) {
		js, err := JSON(Diff(p.base, p.head, catalogue(t)), goldenOptions())
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Schema  string         `json:"schema"`
			Changed bool           `json:"changed"`
			Summary map[string]int `json:"summary"`
			IAM     []struct {
				Change, Action, Resource, Access string
				Links                            []string
			} `json:"iam"`
		}
		if err := json.Unmarshal(js, &got); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		if got.Schema != Schema || got.Changed != (p.name != "no-changes") {
			t.Errorf("%s: schema %q, changed %v", p.name, got.Schema, got.Changed)
		}
		if n := got.Summary["iam_added"] + got.Summary["iam_removed"]; n != len(got.IAM) {
			t.Errorf("%s: summary counts %d IAM tuples, the list has %d", p.name, n, len(got.IAM))
		}
		for _, c := range got.IAM {
			if c.Access == "" || len(c.Links) == 0 || (c.Change != "added" && c.Change != "removed") {
				t.Errorf("%s: incomplete tuple %+v", p.name, c)
			}
		}
	}
}
