package linker

import (
	"reflect"
	"testing"
)

func TestLinkMapSetKeepsFirstPosition(t *testing.T) {
	// linking.md §5.6 and §10 #4: the same name twice keeps its first position
	// and takes the last list (corpus app 12, link "ingest").
	var m LinkMap
	m.Set("ingest", []string{"table_arn", "table_name"})
	m.Set("orders-sqs", []string{})
	m.Set("ingest", []string{"table_name"})
	want := []LinkProps{{"ingest", []string{"table_name"}}, {"orders-sqs", []string{}}}
	if got := m.Entries(); !reflect.DeepEqual(got, want) || m.Len() != 2 {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestLinkMapUpdateAndUnion(t *testing.T) {
	// stelvio-newer.md §4.3: fa links orders without table_arn and is built
	// first; fb links orders fully.
	fa := []LinkProps{{"orders", []string{"table_name"}}, {"jobs", []string{"queue_url"}}}
	fb := []LinkProps{{"orders", []string{"table_arn", "table_name"}}, {"jobs", []string{}}}

	var old LinkMap
	old.Update(fa)
	old.Update(fb)
	wantOld := []LinkProps{{"orders", []string{"table_arn", "table_name"}}, {"jobs", []string{}}}
	if got := old.Entries(); !reflect.DeepEqual(got, wantOld) {
		t.Errorf("Update: got %v, want %v", got, wantOld)
	}

	var union LinkMap
	union.Union(fa)
	union.Union(fb)
	wantUnion := []LinkProps{{"orders", []string{"table_name", "table_arn"}}, {"jobs", []string{"queue_url"}}}
	if got := union.Entries(); !reflect.DeepEqual(got, wantUnion) {
		t.Errorf("Union: got %v, want %v", got, wantUnion)
	}
}

func TestLinkMapCopiesLists(t *testing.T) {
	props := []string{"a"}
	var m LinkMap
	m.Set("x", props)
	props[0] = "changed"
	m.Union([]LinkProps{{"x", []string{"b"}}})
	if got := m.Entries()[0].Props; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("got %v", got)
	}
}
