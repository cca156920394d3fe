package deploy

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
)

// uv is needed only to deploy, and it is most of what an image with it weighs (docs/image-size.md),
// so the image does not carry it: a uv on PATH is used as it is, else the pinned release is
// downloaded, checked against its SHA-256 and put first on the child's PATH.

// DefaultUVVersion is the uv release a deploy downloads when no uv is on PATH.
const DefaultUVVersion = "0.11.7"

// DefaultUVDownloadURL is where uv's releases are: <base>/<version>/<asset>.
const DefaultUVDownloadURL = "https://github.com/astral-sh/uv/releases/download"

// defaultUVSHA256 is the SHA-256 of DefaultUVVersion's musl archive for a Go architecture, as
// Astral publishes it (the asset's .sha256 file; astral-sh/versions v1/uv.ndjson). musl builds
// are static, so one archive serves Alpine, Debian and the runner alike.
func defaultUVSHA256(goarch string) string {
	switch goarch {
	case "amd64":
		return "64ddb5f1087649e3f75aa50d139aa4f36ddde728a5295a141e0fa9697bfb7b0f"
	case "arm64":
		return "46647dc16cbb7d6700f762fdd7a67d220abe18570914732bc310adc91308d272"
	}
	return ""
}

// uvRelease is one uv archive to download and the digest it must have.
type uvRelease struct {
	Version string
	Asset   string // uv-<arch>-unknown-linux-musl.tar.gz
	URL     string
	SHA256  string // lower-case hex
}

var (
	uvVersionPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+([.-][0-9A-Za-z.-]+)?$`)
	sha256Pattern    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// resolveUVRelease picks the archive from the uv-version, uv-sha256 and uv-download-url inputs
// (each may be empty) for a Linux machine of architecture goarch. A version other than the
// pinned one needs its digest: nothing is run that was not checked against one.
func resolveUVRelease(version, sum, baseURL, goarch string) (uvRelease, error) {
	arch, ok := map[string]string{"amd64": "x86_64", "arm64": "aarch64"}[goarch]
	if !ok {
		return uvRelease{}, fmt.Errorf("no uv build is pinned for the %s architecture: put uv on PATH", goarch)
	}
	version = strings.TrimSpace(version)
	sum = strings.ToLower(strings.TrimSpace(sum))
	asset := "uv-" + arch + "-unknown-linux-musl.tar.gz"
	switch {
	case version == "" && sum != "":
		return uvRelease{}, fmt.Errorf("input uv-sha256 is set but uv-version is not: give the uv version the digest belongs to")
	case version == "":
		version = DefaultUVVersion
	case !uvVersionPattern.MatchString(version):
		return uvRelease{}, fmt.Errorf("input uv-version %q is not a uv release version (like %s)", version, DefaultUVVersion)
	}
	if sum == "" {
		if version != DefaultUVVersion {
			return uvRelease{}, fmt.Errorf("input uv-version is %s but uv-sha256 is empty: give the SHA-256 of %s "+
				"(the %s.sha256 file of that release), or leave uv-version empty for the pinned %s", version, asset, asset, DefaultUVVersion)
		}
		sum = defaultUVSHA256(goarch)
	}
	if !sha256Pattern.MatchString(sum) {
		return uvRelease{}, fmt.Errorf("input uv-sha256 %q is not a SHA-256 digest (64 hexadecimal digits)", sum)
	}
	base := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	if base == "" {
		base = DefaultUVDownloadURL
	}
	if !strings.HasPrefix(base, "https://") && !strings.HasPrefix(base, "http://") {
		return uvRelease{}, fmt.Errorf("input uv-download-url %q is not an http(s) URL", baseURL)
	}
	return uvRelease{Version: version, Asset: asset, URL: base + "/" + version + "/" + asset, SHA256: sum}, nil
}

// ensureUV makes uv available to the child processes. It returns the directory to put first
// on their PATH ("" when the uv already on PATH serves) and a cleanup that removes what it
// downloaded. An explicit uv-version always downloads that version, so the input cannot be
// silently ignored in favour of whatever uv the machine has.
func (r *run) ensureUV(ctx context.Context) (string, func(), error) {
	noop := func() {}
	if strings.TrimSpace(r.cfg.UVVersion) == "" {
		if p, err := lookPath("uv", envValue(r.cfg.Environ, "PATH")); err == nil {
			r.deps.Log.Infof("uv: %s, from PATH", p)
			return "", noop, nil
		}
	}
	if runtime.GOOS != "linux" {
		return "", noop, fmt.Errorf("no uv on PATH, and uv is downloaded only on Linux: install uv first")
	}
	rel, err := resolveUVRelease(r.cfg.UVVersion, r.cfg.UVSHA256, r.cfg.UVDownloadURL, runtime.GOARCH)
	if err != nil {
		return "", noop, err
	}
	dir, err := os.MkdirTemp(uvTempParent(r.cfg.Environ), "stelvio-action-uv-")
	if err != nil {
		return "", noop, fmt.Errorf("make a directory for uv: %w", err)
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	r.deps.Log.Infof("uv: downloading %s", rel.URL)
	if err := newUVInstaller(r.deps.Sleep).install(ctx, rel, dir); err != nil {
		cleanup()
		return "", noop, err
	}
	r.deps.Log.Infof("uv %s: SHA-256 %s verified, installed in %s", rel.Version, rel.SHA256, dir)
	return dir, cleanup, nil
}

// uvTempParent is RUNNER_TEMP, which the runner empties after the job, when it is a directory
// here: a container action may be given the host's path, which its container lacks (runners
// mount it at /github/runner_temp only since actions/runner#4011). Else the system's temp dir.
func uvTempParent(environ []string) string {
	if dir := envValue(environ, "RUNNER_TEMP"); dir != "" {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
	}
	return os.TempDir()
}

// prependPath puts dir before the directories of pathList.
func prependPath(dir, pathList string) string {
	if pathList == "" {
		return dir
	}
	return dir + string(os.PathListSeparator) + pathList
}
