package linker

import (
	"compress/gzip"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recordedCall is one call Stelvio HEAD made to its stlv_resources.py generator
// while the oracle ran a corpus app (testdata/README.md says how it was recorded).
type recordedCall struct {
	App     string   `json:"app"`
	Links   [][2]any `json:"links"`
	CORS    bool     `json:"cors"`
	Content *string  `json:"content"`
	Error   string   `json:"error"`
}

func (c recordedCall) linkProps(t *testing.T) []LinkProps {
	t.Helper()
	out := make([]LinkProps, 0, len(c.Links))
	for _, l := range c.Links {
		name, ok := l[0].(string)
		raw, ok2 := l[1].([]any)
		if !ok || !ok2 {
			t.Fatalf("%s: malformed link entry %v", c.App, l)
		}
		props := make([]string, len(raw))
		for i, p := range raw {
			props[i] = p.(string)
		}
		out = append(out, LinkProps{Link: name, Props: props})
	}
	return out
}

func loadRecordedCalls(t *testing.T) []recordedCall {
	t.Helper()
	f, err := os.Open("testdata/corpus_codegen.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var calls []recordedCall
	if err := json.NewDecoder(zr).Decode(&calls); err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 {
		t.Fatal("no recorded calls")
	}
	return calls
}

func TestResourcesFileRecordedCorpusCalls(t *testing.T) {
	for _, c := range loadRecordedCalls(t) {
		got, ok, err := ResourcesFile(c.linkProps(t), c.CORS, CodegenV3)
		switch {
		case err != nil:
			t.Errorf("%s %v cors=%v: %v", c.App, c.Links, c.CORS, err)
		case c.Content == nil && ok:
			t.Errorf("%s %v cors=%v: got content, Stelvio generated none", c.App, c.Links, c.CORS)
		case c.Content != nil && (!ok || got != *c.Content):
			t.Errorf("%s %v cors=%v: got\n%s\nwant\n%s", c.App, c.Links, c.CORS, got, *c.Content)
		}
	}
}

// TestCorpusFilesAreCovered ties the recorded inputs to the corpus: every
// stlv_resources.py in ../shared/corpus/*/expected/files is the output of one
// of the recorded calls, which the test above renders byte for byte.
func TestCorpusFilesAreCovered(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus not available (%v)", err)
	}
	outputs := map[string]bool{}
	for _, c := range loadRecordedCalls(t) {
		if c.Content != nil {
			outputs[*c.Content] = true
		}
	}
	var files []string
	err := filepath.WalkDir(corpus, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == "stlv_resources.py" && strings.Contains(filepath.ToSlash(path), "/expected/files/") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no expected files found in the corpus")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !outputs[string(b)] {
			t.Errorf("%s is not among the recorded generator outputs", f)
		}
	}
	t.Logf("%d corpus files checked", len(files))
}
