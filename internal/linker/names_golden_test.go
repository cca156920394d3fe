package linker

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// goldenRow is one line of testdata/stelvio_names.jsonl.gz: a link name and a
// property with what Stelvio computes from them; "!KeyError" and the like
// mean Stelvio raises that exception.
type goldenRow struct {
	name, prop, classV3, attrV3, envVar, classV1, attrV1, attrV2 string
}

func loadNameGoldens(t *testing.T) []goldenRow {
	t.Helper()
	f, err := os.Open("testdata/stelvio_names.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var rows []goldenRow
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		var cols []string
		if err := json.Unmarshal(sc.Bytes(), &cols); err != nil || len(cols) != 8 {
			t.Fatalf("line %d: %v (%d columns)", len(rows)+1, err, len(cols))
		}
		rows = append(rows, goldenRow{cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// outcome renders a Go result the way the golden table writes Stelvio's.
func outcome(s string, err error) string {
	var ne *NameError
	switch {
	case err == nil:
		return s
	case errors.As(err, &ne) && ne.Exception != "":
		return "!" + ne.Exception
	}
	return "!go: " + err.Error()
}

func attrOutcome(class string, classErr error, flavour CodegenFlavour) string {
	if classErr != nil {
		return outcome("", classErr)
	}
	return AttributeName(class, flavour)
}

// TestNamesMatchStelvio checks every row of the golden table, produced by
// running Stelvio's own naming and codegen functions (HEAD for v3, v0.4.0a6
// for v1, v0.6.1a9 for v2) on 100,000 random link names.
func TestNamesMatchStelvio(t *testing.T) {
	t.Parallel()
	rows := loadNameGoldens(t)
	if len(rows) < 100_000 {
		t.Fatalf("golden table has %d rows, want 100,000", len(rows))
	}
	mismatches, failures := 0, 0
	for _, r := range rows {
		c3, err3 := ClassName(r.name, CodegenV3)
		c1, err1 := ClassName(r.name, CodegenV1)
		c2, err2 := ClassName(r.name, CodegenV2)
		env, envErr := EnvVarName(r.name, r.prop)
		got := []string{
			outcome(c3, err3), attrOutcome(c3, err3, CodegenV3), outcome(env, envErr),
			outcome(c1, err1), attrOutcome(c1, err1, CodegenV1), attrOutcome(c2, err2, CodegenV2),
		}
		want := []string{r.classV3, r.attrV3, r.envVar, r.classV1, r.attrV1, r.attrV2}
		for i, col := range []string{"class v3", "attr v3", "env var", "class v1", "attr v1", "attr v2"} {
			if got[i] == want[i] {
				continue
			}
			mismatches++
			if mismatches <= 20 {
				t.Errorf("%s of %q (prop %q): got %q, Stelvio %q", col, r.name, r.prop, got[i], want[i])
			}
		}
		if strings.HasPrefix(r.classV3, "!") || strings.HasPrefix(r.envVar, "!") {
			failures++
		}
	}
	if mismatches > 0 {
		t.Fatalf("%d mismatches in %d rows", mismatches, len(rows))
	}
	t.Logf("%d names agree with Stelvio (%d of them make Stelvio raise)", len(rows), failures)
}

// TestResourcesFileMatchesStelvio renders 3,000 random link maps per codegen
// flavour and compares with what Stelvio's generator of that flavour returned
// (testdata/stelvio_codegen.jsonl.gz: SHA-256 and length, None, or the exception).
func TestResourcesFileMatchesStelvio(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/stelvio_codegen.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(zr)
	rows, mismatches := 0, 0
	for dec.More() {
		var row struct {
			Flavour CodegenFlavour
			Links   []LinkProps
			CORS    bool
			Want    json.RawMessage
		}
		var raw [4]json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("row %d: %v", rows+1, err)
		}
		var links [][2]json.RawMessage
		if err := errors.Join(json.Unmarshal(raw[0], &row.Flavour), json.Unmarshal(raw[1], &links),
			json.Unmarshal(raw[2], &row.CORS)); err != nil {
			t.Fatalf("row %d: %v", rows+1, err)
		}
		for _, l := range links {
			var lp LinkProps
			if err := errors.Join(json.Unmarshal(l[0], &lp.Link), json.Unmarshal(l[1], &lp.Props)); err != nil {
				t.Fatalf("row %d: %v", rows+1, err)
			}
			row.Links = append(row.Links, lp)
		}
		rows++
		want := string(raw[3])
		content, ok, err := ResourcesFile(row.Links, row.CORS, row.Flavour)
		got := "null"
		switch {
		case err != nil:
			got = `"` + outcome("", err) + `"`
		case ok:
			got = fmt.Sprintf(`{"sha256": "%x", "len": %d}`, sha256.Sum256([]byte(content)), len(content))
		}
		if got != want {
			mismatches++
			if mismatches <= 10 {
				t.Errorf("%v %+v cors=%v: got %s, Stelvio %s\n%s", row.Flavour, row.Links, row.CORS, got, want, content)
			}
		}
	}
	if rows != 9000 || mismatches > 0 {
		t.Fatalf("%d rows, %d mismatches", rows, mismatches)
	}
}

// TestASCIIFastPaths checks the byte-level conversions against the general
// Unicode ones, which the golden tables pin to Stelvio, on the ASCII names of
// the golden table and on 50,000 random ASCII names.
func TestASCIIFastPaths(t *testing.T) {
	t.Parallel()
	var names, props []string
	for _, r := range loadNameGoldens(t) {
		if r.name != "" && isASCII(r.name) && isASCII(r.prop) {
			names, props = append(names, r.name), append(props, r.prop)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aAbBzZxXyY019_-. $\t\x1c\x1f!'"
	for range 50_000 {
		name := make([]byte, 1+rng.IntN(14))
		for i := range name {
			name[i] = alphabet[rng.IntN(len(alphabet))]
		}
		names, props = append(names, string(name)), append(props, "p-q_"+string(name[:1]))
	}
	for i, name := range names {
		prefix, err := envVarPrefixUnicode(name)
		if want := prefix + "_" + pyUpper(props[i]); err != nil || envVarASCII(name, props[i]) != want {
			t.Errorf("env of %q/%q: fast %q, general %q (%v)", name, props[i], envVarASCII(name, props[i]), want, err)
		}
		for _, f := range []CodegenFlavour{CodegenV1, CodegenV3} {
			want, err := classNameUnicode(name, f)
			if got := classNameASCII(name, f); err != nil || got != want {
				t.Errorf("class %v of %q: fast %q, general %q (%v)", f, name, got, want, err)
				continue
			}
			if got, want := pascalToSnakeASCII(want), pascalToSnakeUnicode(want); got != want {
				t.Errorf("snake of %q: fast %q, general %q", want, got, want)
			}
		}
	}
	t.Logf("%d ASCII names checked", len(names))
}

// TestSafeNameMatchesStelvio replays 3,000 calls of Stelvio HEAD's safe_name
// (testdata/stelvio_safe_names.jsonl.gz); "!ValueError" rows must fail.
func TestSafeNameMatchesStelvio(t *testing.T) {
	f, err := os.Open("testdata/stelvio_safe_names.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(zr)
	rows := 0
	for dec.More() {
		var row [6]any
		if err := dec.Decode(&row); err != nil {
			t.Fatalf("row %d: %v", rows+1, err)
		}
		rows++
		prefix, name, suffix, want := row[0].(string), row[1].(string), row[3].(string), row[5].(string)
		maxLen, pulumi := int(row[2].(float64)), int(row[4].(float64))
		got, err := SafeNameWithPulumiSuffix(prefix, name, maxLen, suffix, pulumi)
		if strings.HasPrefix(want, "!") {
			if err == nil {
				t.Errorf("safe_name(%q, %q, %d, %q, %d) = %q, Stelvio raises %s", prefix, name, maxLen, suffix, pulumi, got, want)
			}
		} else if err != nil || got != want {
			t.Errorf("safe_name(%q, %q, %d, %q, %d) = %q, %v; Stelvio %q", prefix, name, maxLen, suffix, pulumi, got, err, want)
		}
	}
	if rows != 3000 {
		t.Fatalf("%d rows", rows)
	}
}
