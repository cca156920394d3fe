package deploy

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The deploy scenarios around uv: the image has none, so a run either finds one on PATH or
// downloads the release (here from a local server) and puts it first on the child's PATH.

// setPath replaces PATH in the run's environment and sets RUNNER_TEMP to a fresh directory,
// which it returns.
func (h *harness) setPath(path string) string {
	h.t.Helper()
	temp := h.t.TempDir()
	env := slices.DeleteFunc(slices.Clone(h.cfg.Environ), func(kv string) bool {
		return strings.HasPrefix(kv, "PATH=") || strings.HasPrefix(kv, "RUNNER_TEMP=")
	})
	h.cfg.Environ = append(env, "PATH="+path, "RUNNER_TEMP="+temp)
	return temp
}

// standInUVScript is the uv inside the test archive: it notes where it runs from and hands
// over to the stand-in uv (internal/fakestlv), which plays uv sync and uv run.
func standInUVScript() string {
	return "#!/bin/sh\necho \"$0\" >> .fakestlv/uv-script\nexec " + filepath.Join(fakeBin, "uv") + " \"$@\"\n"
}

func TestDeployDownloadsUV(t *testing.T) {
	for _, tc := range []struct {
		name string
		path func() string
	}{
		// A PATH with nothing on it: not even a uv the machine might have in /usr/bin.
		{"no uv on PATH", func() string { return t.TempDir() }},
		// uv-version names a release, so the uv on PATH is not used.
		{"uv-version set, uv on PATH too", func() string { return fakeBin + ":/usr/bin:/bin" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
			archive := uvArchive(t, standInUVScript())
			srv := newUVServer(t, serveBytes(archive))
			path := tc.path()
			temp := h.setPath(path)
			h.cfg.UVVersion, h.cfg.UVSHA256, h.cfg.UVDownloadURL = "0.99.0", sha256Hex(archive), srv.srv.URL+"/mirror/uv"

			res, err := h.run(context.Background())
			if err != nil || !res.Deployed {
				t.Fatalf("Deployed %v, err %v", res.Deployed, err)
			}
			if want := "/mirror/uv/0.99.0/uv-" + testUVTarget(t) + ".tar.gz"; !slices.Equal(srv.requests(), []string{want}) {
				t.Errorf("requests %v, want [%s]", srv.requests(), want)
			}
			wantCmds := []string{"uv sync --locked", "uv run --no-sync stlv deploy prod --yes --stream", "stlv deploy prod --yes --stream",
				"uv run --no-sync stlv outputs prod --json", "stlv outputs prod --json"}
			if got := h.commands(); !slices.Equal(got, wantCmds) {
				t.Errorf("commands:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantCmds, "\n"))
			}
			// Every uv that ran was the downloaded one, from a directory under RUNNER_TEMP
			// that was first on the child's PATH.
			ran := strings.Fields(readTestFile(t, filepath.Join(h.appDir, ".fakestlv", "uv-script")))
			if len(ran) != 3 {
				t.Fatalf("the downloaded uv ran %d times (%v), want 3", len(ran), ran)
			}
			uvDir := filepath.Dir(ran[0])
			if filepath.Dir(uvDir) != temp || !strings.HasPrefix(filepath.Base(uvDir), "stelvio-action-uv-") {
				t.Errorf("uv ran from %s, want a directory in RUNNER_TEMP %s", ran[0], temp)
			}
			for _, c := range h.calls() {
				if want := "PATH=" + uvDir + ":" + path; !slices.Contains(c.Env, want) {
					t.Errorf("%s %v: PATH is not %s", c.Tool, c.Args, want)
				}
			}
			if left, _ := os.ReadDir(temp); len(left) != 0 {
				t.Errorf("RUNNER_TEMP still holds %v after the deploy", left)
			}
			if !strings.Contains(h.log.String(), "uv 0.99.0: SHA-256 "+sha256Hex(archive)+" verified") {
				t.Error("the log does not say the digest was verified")
			}
			h.checkChildEnv()
			h.assertNoSecrets()
		})
	}
}

func TestDeployUsesUVOnPathWithoutDownloading(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	srv := newUVServer(t, serveStatus(500))
	h.cfg.UVDownloadURL = srv.srv.URL
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d downloads with uv on PATH", n)
	}
	if want := "uv: " + filepath.Join(fakeBin, "uv") + ", from PATH"; !strings.Contains(h.log.String(), want) {
		t.Errorf("the log does not say %q", want)
	}
	for _, c := range h.calls() {
		if !slices.Contains(c.Env, "PATH="+fakeBin+":/usr/bin:/bin") {
			t.Errorf("%s %v: PATH changed: %v", c.Tool, c.Args, c.Env)
		}
	}
}

// The pinned release's digest is the real uv's: anything else served in its place fails the
// deploy before a process starts, and the failure reaches the Deployment and the comment.
func TestDeployRefusesAnArchiveThatIsNotThePinnedUV(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	marker := filepath.Join(t.TempDir(), "impostor-ran")
	srv := newUVServer(t, serveBytes(uvArchive(t, "#!/bin/sh\ntouch "+marker+"\n")))
	temp := h.setPath(t.TempDir())
	h.cfg.UVDownloadURL = srv.srv.URL
	res, err := h.run(context.Background())
	want := "could not download uv " + DefaultUVVersion + " from " + srv.srv.URL + "/" + DefaultUVVersion + "/uv-" + testUVTarget(t) + ".tar.gz: SHA-256 mismatch"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err %v, want %q", err, want)
	}
	if res.Deployed || len(h.commands()) != 0 {
		t.Errorf("Deployed %v, commands %v", res.Deployed, h.commands())
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the impostor uv ran")
	}
	if left, _ := os.ReadDir(temp); len(left) != 0 {
		t.Errorf("RUNNER_TEMP holds %v", left)
	}
	if d := h.repo.Deployments(); len(d) != 1 || !slices.Equal(d[0].States, []string{"in_progress", "failure"}) {
		t.Errorf("deployments %+v", d)
	}
	if c := h.repo.Comments(h.pr); len(c) != 1 || !strings.Contains(c[0].Body, "SHA-256 mismatch") {
		t.Errorf("comments %+v", c)
	}
	// No AWS call either: uv is settled before credentials are asked for.
	if reqs, _ := h.sts.calls(); len(reqs) != 0 {
		t.Errorf("%d STS calls", len(reqs))
	}
}

func TestDeployNeedsTheDigestOfAnotherUV(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	srv := newUVServer(t, serveStatus(500))
	h.setPath(t.TempDir())
	h.cfg.UVVersion, h.cfg.UVDownloadURL = "0.12.0", srv.srv.URL
	_, err := h.run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "input uv-version is 0.12.0 but uv-sha256 is empty") {
		t.Fatalf("err %v", err)
	}
	if n := len(srv.requests()); n != 0 || len(h.commands()) != 0 {
		t.Errorf("%d downloads, commands %v", n, h.commands())
	}
}

// A container action may be handed the host's RUNNER_TEMP, which does not exist inside it.
func TestDeployDownloadsUVWithoutRunnerTemp(t *testing.T) {
	h := newHarness(t, scenario{Deploy: []step{successfulDeploy()}, Outputs: outputsJSON()})
	archive := uvArchive(t, standInUVScript())
	srv := newUVServer(t, serveBytes(archive))
	h.setPath(t.TempDir())
	h.cfg.Environ = append(h.cfg.Environ, "RUNNER_TEMP=/home/runner/work/_temp/not-in-this-container")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	h.cfg.UVVersion, h.cfg.UVSHA256, h.cfg.UVDownloadURL = "0.99.0", sha256Hex(archive), srv.srv.URL
	res, err := h.run(context.Background())
	if err != nil || !res.Deployed {
		t.Fatalf("Deployed %v, err %v", res.Deployed, err)
	}
	ran := strings.Fields(readTestFile(t, filepath.Join(h.appDir, ".fakestlv", "uv-script")))
	if len(ran) == 0 || filepath.Dir(filepath.Dir(ran[0])) != tmp {
		t.Errorf("uv ran from %v, want a directory in TMPDIR %s", ran, tmp)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("TMPDIR still holds %v after the deploy", left)
	}
}
