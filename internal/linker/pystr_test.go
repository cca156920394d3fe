package linker

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"unicode"
)

type pyUnicodeFacts struct {
	Python     string                       `json:"python"`
	Unicode    string                       `json:"unicode"`
	Predicates map[string][][2]rune         `json:"predicates"`
	Maps       map[string]map[string]string `json:"maps"`
	Samples    [][4]string                  `json:"samples"`
}

func loadPyUnicodeFacts(t *testing.T) pyUnicodeFacts {
	t.Helper()
	f, err := os.Open("testdata/pyunicode.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var facts pyUnicodeFacts
	if err := json.NewDecoder(zr).Decode(&facts); err != nil {
		t.Fatal(err)
	}
	return facts
}

func inRanges(rs [][2]rune, r rune) bool {
	lo, hi := 0, len(rs)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case r < rs[m][0]:
			hi = m
		case r > rs[m][1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// TestPyStrEveryCodePoint compares each predicate and case mapping with CPython
// for every Unicode scalar value.
func TestPyStrEveryCodePoint(t *testing.T) {
	t.Parallel()
	facts := loadPyUnicodeFacts(t)
	if facts.Unicode != unicode.Version {
		t.Fatalf("facts are for Unicode %s, Go has %s: regenerate with a matching CPython", facts.Unicode, unicode.Version)
	}
	if tables := pyUnicodeVersion; tables != facts.Unicode {
		t.Fatalf("pystr_tables.go is for Unicode %s, the facts for %s", tables, facts.Unicode)
	}
	preds := map[string]func(rune) bool{
		"alnum":     pyIsAlnum,
		"digit":     pyIsDigit,
		"decimal":   pyIsDecimal,
		"space":     pyIsSpace,
		"upper":     pyIsUpper,
		"cased":     func(r rune) bool { return pyIsCased(r) && !pyIsCaseIgnorable(r) },
		"ignorable": pyIsCaseIgnorable,
	}
	maps := map[string]func(string) string{
		"upper": pyUpper,
		"lower": pyLower,
		"title": pyCapitalize,
	}
	for name := range preds {
		if _, ok := facts.Predicates[name]; !ok {
			t.Fatalf("facts lack predicate %q", name)
		}
	}
	failures := 0
	for r := rune(0); r <= unicode.MaxRune && failures < 20; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		for name, pred := range preds {
			if want := inRanges(facts.Predicates[name], r); pred(r) != want {
				t.Errorf("%s(%U) = %v, Python says %v", name, r, pred(r), want)
				failures++
			}
		}
		key := strconv.Itoa(int(r))
		for name, fn := range maps {
			want, ok := facts.Maps[name][key]
			if !ok {
				want = string(r)
			}
			if got := fn(string(r)); got != want {
				t.Errorf("%s(%U) = %q, Python says %q", name, r, got, want)
				failures++
			}
		}
	}
}

func TestPyStrSamples(t *testing.T) {
	facts := loadPyUnicodeFacts(t)
	if len(facts.Samples) == 0 {
		t.Fatal("no samples")
	}
	for _, s := range facts.Samples {
		if got := pyUpper(s[0]); got != s[1] {
			t.Errorf("upper(%q) = %q, want %q", s[0], got, s[1])
		}
		if got := pyLower(s[0]); got != s[2] {
			t.Errorf("lower(%q) = %q, want %q", s[0], got, s[2])
		}
		if got := pyCapitalize(s[0]); got != s[3] {
			t.Errorf("capitalize(%q) = %q, want %q", s[0], got, s[3])
		}
	}
}
