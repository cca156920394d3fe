package deploy

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// tarEntry is one entry of a test archive; Type defaults to a regular file.
type tarEntry struct {
	Name, Body, Link string
	Type             byte
	Mode             int64
}

// tarGz builds a gzip-compressed tar archive, as uv's releases are.
func tarGz(t *testing.T, entries ...tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.Name, Linkname: e.Link, Typeflag: cmpByte(e.Type, tar.TypeReg), Mode: e.Mode, ModTime: time.Unix(1700000000, 0)}
		if h.Mode == 0 {
			h.Mode = 0o755
		}
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.Body))
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.Body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func cmpByte(b, fallback byte) byte {
	if b == 0 {
		return fallback
	}
	return b
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// testUVTarget is the target triple uv names its archive for on this machine.
func testUVTarget(t *testing.T) string {
	switch runtime.GOARCH {
	case "amd64":
		return "x86_64-unknown-linux-musl"
	case "arm64":
		return "aarch64-unknown-linux-musl"
	}
	t.Skipf("no uv build is pinned for %s", runtime.GOARCH)
	return ""
}

// uvArchive is a release archive laid out as uv's are, with script as the uv binary.
func uvArchive(t *testing.T, script string) []byte {
	dir := "uv-" + testUVTarget(t)
	return tarGz(t,
		tarEntry{Name: dir + "/", Type: tar.TypeDir},
		tarEntry{Name: dir + "/uv", Body: script},
		tarEntry{Name: dir + "/uvx", Body: "#!/bin/sh\necho uvx\n"},
	)
}

// uvServer serves releases: each request is recorded and answered by the next of answers
// (the last one repeats).
type uvServer struct {
	srv   *httptest.Server
	mu    sync.Mutex
	paths []string
}

type uvAnswer func(w http.ResponseWriter, r *http.Request)

func serveBytes(data []byte) uvAnswer {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data)
	}
}

func serveStatus(code int) uvAnswer {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
}

func newUVServer(t *testing.T, answers ...uvAnswer) *uvServer {
	s := &uvServer{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		n := len(s.paths)
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		answers[min(n, len(answers)-1)](w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *uvServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// testInstaller is the real installer with short waits, recording them.
func testInstaller(sleeps *[]time.Duration) *uvInstaller {
	in := newUVInstaller(func(ctx context.Context, d time.Duration) error {
		*sleeps = append(*sleeps, d)
		return ctx.Err()
	})
	in.Backoff = time.Second
	in.AttemptTimeout = 10 * time.Second
	return in
}

func testRelease(t *testing.T, srv *uvServer, archive []byte) uvRelease {
	t.Helper()
	rel, err := resolveUVRelease("0.99.0", sha256Hex(archive), srv.srv.URL+"/releases/", runtime.GOARCH)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestUVInstallVerifiesAndUnpacksOnlyUV(t *testing.T) {
	archive := uvArchive(t, "#!/bin/sh\necho \"stand-in uv $*\"\n")
	srv := newUVServer(t, serveBytes(archive))
	rel := testRelease(t, srv, archive)
	dir := t.TempDir()
	var sleeps []time.Duration
	if err := testInstaller(&sleeps).install(context.Background(), rel, dir); err != nil {
		t.Fatal(err)
	}
	if want := "/releases/0.99.0/uv-" + testUVTarget(t) + ".tar.gz"; !slices.Equal(srv.requests(), []string{want}) {
		t.Errorf("requests %v, want [%s]", srv.requests(), want)
	}
	// The archive is gone and uvx was never written: uv is all that is left.
	if names := dirNames(t, dir); !slices.Equal(names, []string{"uv"}) {
		t.Errorf("%s holds %v, want [uv]", dir, names)
	}
	info, err := os.Stat(filepath.Join(dir, "uv"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o755 {
		t.Errorf("uv mode %v, want -rwxr-xr-x", info.Mode())
	}
	out, err := exec.Command(filepath.Join(dir, "uv"), "--version").CombinedOutput()
	if err != nil || string(out) != "stand-in uv --version\n" {
		t.Errorf("running the unpacked uv: %q, %v", out, err)
	}
}

// A tampered archive fails on its digest: nothing of it is unpacked, let alone run.
func TestUVTamperedArchiveIsNeitherUnpackedNorRun(t *testing.T) {
	genuine := uvArchive(t, "#!/bin/sh\necho genuine\n")
	marker := filepath.Join(t.TempDir(), "tampered-uv-ran")
	tampered := uvArchive(t, "#!/bin/sh\ntouch "+marker+"\n")
	srv := newUVServer(t, serveBytes(tampered))
	rel := testRelease(t, srv, genuine)
	dir := t.TempDir()
	var sleeps []time.Duration
	err := testInstaller(&sleeps).install(context.Background(), rel, dir)
	if err == nil {
		t.Fatal("a tampered archive was accepted")
	}
	for _, want := range []string{"could not download uv 0.99.0 from " + rel.URL, "SHA-256 mismatch: the archive has " + sha256Hex(tampered) + ", want " + sha256Hex(genuine), "provide uv on PATH"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("%s holds %v after a failed check", dir, names)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the tampered uv ran")
	}
	if len(srv.requests()) != 1 || len(sleeps) != 0 {
		t.Errorf("a digest mismatch was retried: %d requests, waits %v", len(srv.requests()), sleeps)
	}
}

func TestUVArchiveRefusals(t *testing.T) {
	uv := tarEntry{Name: "uv-t/uv", Body: "#!/bin/sh\n"}
	for _, tc := range []struct {
		name    string
		entries []tarEntry
		want    string
	}{
		{"parent directory before uv", []tarEntry{{Name: "../escaped", Body: "x"}, uv}, `"../escaped" points outside the archive`},
		{"parent directory after uv", []tarEntry{uv, {Name: "uv-t/../../escaped", Body: "x"}}, `"uv-t/../../escaped" points outside the archive`},
		{"absolute path", []tarEntry{uv, {Name: "/tmp/escaped", Body: "x"}}, `"/tmp/escaped" points outside the archive`},
		{"link out of the archive", []tarEntry{uv, {Name: "uv-t/lib", Type: tar.TypeSymlink, Link: "../../etc"}}, `"uv-t/lib" points outside the archive`},
		{"uv is a symlink", []tarEntry{{Name: "uv-t/uv", Type: tar.TypeSymlink, Link: "uvx"}}, "is not a regular file"},
		{"uv is a directory", []tarEntry{{Name: "uv-t/uv/", Type: tar.TypeDir}}, "is not a regular file"},
		{"uv twice", []tarEntry{uv, {Name: "uv", Body: "#!/bin/sh\n"}}, "holds uv twice"},
		{"no uv", []tarEntry{{Name: "uv-t/uvx", Body: "x"}, {Name: "a/b/uv", Body: "x"}}, "holds no uv binary"},
		{"uv over the limit", []tarEntry{{Name: "uv-t/uv", Body: strings.Repeat("x", 4097)}}, "4097 bytes, more than the 4096 allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			archive := tarGz(t, tc.entries...)
			srv := newUVServer(t, serveBytes(archive))
			root := t.TempDir()
			dir := filepath.Join(root, "a", "b")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			var sleeps []time.Duration
			in := testInstaller(&sleeps)
			in.MaxBinary = 4096
			err := in.install(context.Background(), testRelease(t, srv, archive), dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("%s holds %v after a refused archive", dir, names)
			}
			for _, p := range []string{filepath.Join(root, "a", "escaped"), filepath.Join(root, "escaped"), "/tmp/escaped"} {
				if _, err := os.Lstat(p); err == nil {
					t.Errorf("%s was written", p)
				}
			}
		})
	}
}

func TestUVNotGzip(t *testing.T) {
	data := []byte("<html>a login page of a proxy</html>")
	srv := newUVServer(t, serveBytes(data))
	var sleeps []time.Duration
	dir := t.TempDir()
	err := testInstaller(&sleeps).install(context.Background(), testRelease(t, srv, data), dir)
	if err == nil || !strings.Contains(err.Error(), "not gzip") {
		t.Fatalf("error %v", err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("%s holds %v", dir, names)
	}
}

func TestUVDownloadRetriesServerErrors(t *testing.T) {
	archive := uvArchive(t, "#!/bin/sh\n")
	srv := newUVServer(t, serveStatus(503), serveStatus(429), serveBytes(archive))
	var sleeps []time.Duration
	dir := t.TempDir()
	if err := testInstaller(&sleeps).install(context.Background(), testRelease(t, srv, archive), dir); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if !slices.Equal(sleeps, []time.Duration{time.Second, 2 * time.Second}) {
		t.Errorf("waits %v, want [1s 2s]", sleeps)
	}
}

func TestUVDownloadGivesUp(t *testing.T) {
	archive := uvArchive(t, "#!/bin/sh\n")
	for _, tc := range []struct {
		name     string
		answer   uvAnswer
		requests int
		want     string
	}{
		{"missing asset, not retried", serveStatus(404), 1, ": 404 Not Found; set uv-download-url to a reachable mirror, set uv-version and uv-sha256 to another release, or provide uv on PATH"},
		{"server errors, retries bounded", serveStatus(502), 3, ": attempt 3 of 3: 502 Bad Gateway; set uv-download-url"},
		{"too large by its length", serveBytes(bytes.Repeat([]byte("x"), 2048)), 1, "the archive is 2048 bytes, more than the 1024 allowed"},
		{"too large as it streams", func(w http.ResponseWriter, r *http.Request) {
			for range 4 {
				w.Write(bytes.Repeat([]byte("x"), 512))
				w.(http.Flusher).Flush() // chunked: no length to refuse early
			}
		}, 1, "the archive is more than the 1024 bytes allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newUVServer(t, tc.answer)
			rel := testRelease(t, srv, archive)
			var sleeps []time.Duration
			in := testInstaller(&sleeps)
			in.MaxArchive = 1024
			dir := t.TempDir()
			err := in.install(context.Background(), rel, dir)
			if err == nil || !strings.HasPrefix(err.Error(), "could not download uv 0.99.0 from "+rel.URL+": ") ||
				!strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
			if n := len(srv.requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("%s holds %v", dir, names)
			}
		})
	}
}

// Each try has its own deadline: a server that never answers costs Attempts × AttemptTimeout.
func TestUVDownloadAttemptTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := newUVServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	archive := uvArchive(t, "#!/bin/sh\n")
	var sleeps []time.Duration
	in := testInstaller(&sleeps)
	in.Attempts = 2
	in.AttemptTimeout = 50 * time.Millisecond
	err := in.install(context.Background(), testRelease(t, srv, archive), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "attempt 2 of 2") || !strings.Contains(err.Error(), "context deadline exceeded") {
		t.Fatalf("error %v", err)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// A cancelled run stops retrying at once.
func TestUVDownloadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv := newUVServer(t, func(w http.ResponseWriter, r *http.Request) {
		cancel()
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	archive := uvArchive(t, "#!/bin/sh\n")
	var sleeps []time.Duration
	err := testInstaller(&sleeps).install(ctx, testRelease(t, srv, archive), t.TempDir())
	if err == nil || len(srv.requests()) != 1 || len(sleeps) != 0 {
		t.Errorf("error %v after %d requests and waits %v; want one request, no wait", err, len(srv.requests()), sleeps)
	}
}

func TestResolveUVRelease(t *testing.T) {
	custom := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name, version, sum, base, goarch string
		want                             uvRelease
		err                              string
	}{
		{name: "pinned, amd64", goarch: "amd64", want: uvRelease{Version: "0.11.7", Asset: "uv-x86_64-unknown-linux-musl.tar.gz",
			URL:    "https://github.com/astral-sh/uv/releases/download/0.11.7/uv-x86_64-unknown-linux-musl.tar.gz",
			SHA256: "64ddb5f1087649e3f75aa50d139aa4f36ddde728a5295a141e0fa9697bfb7b0f"}},
		{name: "pinned, arm64, from a mirror", base: "https://ghe.example.com/mirror/uv/", goarch: "arm64", want: uvRelease{Version: "0.11.7",
			Asset: "uv-aarch64-unknown-linux-musl.tar.gz", URL: "https://ghe.example.com/mirror/uv/0.11.7/uv-aarch64-unknown-linux-musl.tar.gz",
			SHA256: "46647dc16cbb7d6700f762fdd7a67d220abe18570914732bc310adc91308d272"}},
		{name: "pinned version named", version: "0.11.7", goarch: "amd64", want: uvRelease{Version: "0.11.7", Asset: "uv-x86_64-unknown-linux-musl.tar.gz",
			URL:    "https://github.com/astral-sh/uv/releases/download/0.11.7/uv-x86_64-unknown-linux-musl.tar.gz",
			SHA256: "64ddb5f1087649e3f75aa50d139aa4f36ddde728a5295a141e0fa9697bfb7b0f"}},
		{name: "another version with its digest", version: " 0.12.3 ", sum: strings.ToUpper(custom), goarch: "amd64", want: uvRelease{Version: "0.12.3",
			Asset: "uv-x86_64-unknown-linux-musl.tar.gz", URL: "https://github.com/astral-sh/uv/releases/download/0.12.3/uv-x86_64-unknown-linux-musl.tar.gz", SHA256: custom}},
		{name: "another version without a digest", version: "0.12.3", goarch: "amd64",
			err: "input uv-version is 0.12.3 but uv-sha256 is empty: give the SHA-256 of uv-x86_64-unknown-linux-musl.tar.gz"},
		{name: "a digest without a version", sum: custom, goarch: "amd64", err: "uv-sha256 is set but uv-version is not"},
		{name: "not a digest", version: "0.12.3", sum: "abc", goarch: "amd64", err: `uv-sha256 "abc" is not a SHA-256 digest`},
		{name: "not a version", version: "../../x", sum: custom, goarch: "amd64", err: `uv-version "../../x" is not a uv release version`},
		{name: "not a URL", base: "file:///etc", goarch: "amd64", err: `uv-download-url "file:///etc" is not an http(s) URL`},
		{name: "no pinned build", goarch: "riscv64", err: "no uv build is pinned for the riscv64 architecture: put uv on PATH"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resolveUVRelease(tc.version, tc.sum, tc.base, tc.goarch)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %+v, %v\nwant %+v", got, err, tc.want)
			}
		})
	}
}
