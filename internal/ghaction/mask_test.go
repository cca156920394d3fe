package ghaction

import (
	"bytes"
	"strings"
	"testing"
)

func TestAddMaskRegistersWithRunner(t *testing.T) {
	a, out := newTestAction(t, nil)
	a.AddMask("s3cr%t")
	a.AddMask("s3cr%t") // twice: announced once
	a.AddMask("")       // nothing to mask
	if got, want := out.String(), "::add-mask::s3cr%25t\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAddMaskMultiLine(t *testing.T) {
	a, out := newTestAction(t, nil)
	a.AddMask("-----BEGIN KEY-----\r\nAAAA\nBBBB\n")
	want := "::add-mask::-----BEGIN KEY-----\n::add-mask::AAAA\n::add-mask::BBBB\n"
	if got := out.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := a.Mask("key: AAAA"); got != "key: ***" {
		t.Errorf("one line of a multi-line secret is not masked: %q", got)
	}
}

func TestSecretsMaskedInOwnOutput(t *testing.T) {
	a, out := newTestAction(t, nil)
	a.AddMask("ghs_token123")
	a.AddMask("AKIAEXAMPLE")
	start := len(out.String())
	a.Errorf("auth failed with ghs_token123")
	a.Warningf("key AKIAEXAMPLE, again AKIAEXAMPLE")
	a.Annotate(LevelNotice, Annotation{Title: "ghs_token123", File: "a.py"}, "x")
	a.Debugf("%s", "ghs_token123")
	a.Infof("env AWS_ACCESS_KEY_ID=%s", "AKIAEXAMPLE")
	a.Group("ghs_token123")
	got := out.String()[start:]
	if strings.Contains(got, "ghs_token123") || strings.Contains(got, "AKIAEXAMPLE") {
		t.Fatalf("secret leaked:\n%s", got)
	}
	want := "::error::auth failed with ***\n" +
		"::warning::key ***, again ***\n" +
		"::notice file=a.py,title=***::x\n" +
		"::debug::***\n" +
		"env AWS_ACCESS_KEY_ID=***\n" +
		"::group::***\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMaskLongestFirst(t *testing.T) {
	a, _ := newTestAction(t, nil)
	a.AddMask("abc")
	a.AddMask("abcdef")
	if got := a.Mask("xabcdefx abc"); got != "x***x ***" {
		t.Errorf("got %q: a shorter secret left part of a longer one visible", got)
	}
}

func TestMaskWriterAcrossWrites(t *testing.T) {
	a, _ := newTestAction(t, nil)
	a.AddMask("SECRETVALUE")
	a.AddMask("SEC") // shares a prefix with the longer one
	var dst bytes.Buffer
	w := a.NewMaskWriter(&dst)
	chunks := []string{"start SECR", "ETVAL", "UE end\npartial SE", "C tail SECRETV"}
	for _, c := range chunks {
		if n, err := w.Write([]byte(c)); err != nil || n != len(c) {
			t.Fatalf("Write(%q) = %d, %v", c, n, err)
		}
		if strings.Contains(dst.String(), "SECRETVALUE") || strings.Contains(dst.String(), "SECR") {
			t.Fatalf("after %q the log shows part of a secret: %q", c, dst.String())
		}
	}
	if got := dst.String(); got != "start *** end\npartial *** tail " {
		t.Errorf("before Close: %q", got)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// An unfinished secret at the very end is not the secret; only the short one in it is masked.
	if got := dst.String(); got != "start *** end\npartial *** tail ***RETV" {
		t.Errorf("after Close: %q", got)
	}
}

func TestMaskWriterStreamsWithoutNewline(t *testing.T) {
	a, _ := newTestAction(t, nil)
	a.AddMask("topsecret")
	var dst bytes.Buffer
	w := a.NewMaskWriter(&dst)
	if _, err := w.Write([]byte("progress: 10%")); err != nil {
		t.Fatal(err)
	}
	if got := dst.String(); got != "progress: 10%" {
		t.Errorf("text with no possible secret was held back: %q", got)
	}
}

func TestMaskConcurrent(t *testing.T) {
	a, out := newTestAction(t, nil)
	done := make(chan struct{})
	for i := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			s := strings.Repeat(string(rune('a'+i)), 12)
			a.AddMask(s)
			a.Infof("%s", s)
		}()
	}
	for range 8 {
		<-done
	}
	for i := range 8 {
		if s := strings.Repeat(string(rune('a'+i)), 12); strings.Contains(strings.ReplaceAll(out.String(), "::add-mask::"+s, ""), s) {
			t.Errorf("%s leaked", s)
		}
	}
}

func TestMaskWriterOverlappingSecrets(t *testing.T) {
	a, _ := newTestAction(t, nil)
	a.AddMask("ABCD")
	a.AddMask("CDEF")
	var dst bytes.Buffer
	w := a.NewMaskWriter(&dst)
	for _, c := range []string{"xABCDE", "Z"} {
		if _, err := w.Write([]byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := dst.String(); got != "x***EZ" {
		t.Errorf("got %q", got)
	}
}
