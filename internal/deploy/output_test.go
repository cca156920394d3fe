package deploy

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

func TestHugeOutput(t *testing.T) {
	// A 10 MB line, 100k lines of chatter, then the events: the deploy still reads them all.
	huge := successfulDeploy()
	huge.HugeLine = 10 << 20
	huge.ManyLines = 100_000
	h := newHarness(t, scenario{Deploy: []step{huge}, Outputs: outputsJSON()})
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	if res.Counts.Created != 3 {
		t.Errorf("Counts %+v: events after the huge output were lost", res.Counts)
	}
	log := h.log.String()
	if !strings.Contains(log, " … ["+strconv.Itoa(10<<20-displayMax)+" more bytes not shown]") {
		t.Error("the huge line is not shown cut")
	}
	if !strings.Contains(log, "user code progress line 99999\n") {
		t.Error("the last chatter line is missing")
	}
	if len(log) > 8<<20 {
		t.Errorf("log is %d bytes: the huge line was not cut", len(log))
	}
}

func TestGarbageLinesAreShownNotParsed(t *testing.T) {
	garbage := []string{
		"plain text from user code",
		`{"not": "an event"}`,
		`{"event": "resource", "resource": "wrong shape"`,
		`{"event": "resource", "resource": [1, 2]}`,
		"\x00\x01\xff\xfe binary",
		"::add-mask::everything",
		"  ::set-output name=deployed::true",
		"##[error]fake error",
		"debug dump: {{env:AWS_SESSION_TOKEN}} {{env:AWS_SECRET_ACCESS_KEY}}",
		`{"event": "summary", "summary": {"created": "three"}}`,
	}
	sc := successfulDeploy()
	sc.Stdout = append(append([]string{sc.Stdout[0]}, garbage...), sc.Stdout[1:]...)
	sc.Stderr = []string{"Traceback (most recent call last):", "ValueError: not fatal"}
	h := newHarness(t, scenario{Deploy: []step{sc}, Outputs: outputsJSON()})
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	if res.Counts.Created != 3 || res.Counts.Updated != 1 {
		t.Errorf("Counts %+v", res.Counts)
	}
	log := h.log.String()
	for _, want := range []string{"plain text from user code\n", `{"not": "an event"}` + "\n", "(stlv) ::add-mask::everything\n",
		"(stlv)   ::set-output name=deployed::true\n", "(stlv) ##[error]fake error\n", "\uFFFD\uFFFD binary", "ValueError: not fatal\n"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if strings.Contains(log, "\n::add-mask::everything") || strings.Contains(log, "\n  ::set-output") {
		t.Error("a child's line reached the log as a workflow command")
	}
	if h.stepOutputs()["deployed"] != "true" {
		t.Error("a printed ::set-output changed the outputs")
	}
	if !strings.Contains(log, "debug dump: *** ***\n") {
		t.Error("the keys the child printed are not masked")
	}
	h.assertNoSecrets()
}
