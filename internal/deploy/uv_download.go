package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// uvInstaller downloads a uv release archive, checks its digest and unpacks the binary.
type uvInstaller struct {
	Client *http.Client
	// Sleep waits between attempts; it returns early with the context's error.
	Sleep func(ctx context.Context, d time.Duration) error
	// Attempts bounds the tries of a download that failed in a way worth retrying.
	Attempts int
	// AttemptTimeout bounds one try, connection to last byte.
	AttemptTimeout time.Duration
	// Backoff is the wait after the first failed try; it doubles after each one.
	Backoff time.Duration
	// MaxArchive and MaxBinary bound what is written to disk: uv 0.11's binary is 59 MB and
	// its archive smaller, so the bounds leave room for growth, not for abuse.
	MaxArchive int64
	MaxBinary  int64
}

func newUVInstaller(sleep func(ctx context.Context, d time.Duration) error) *uvInstaller {
	return &uvInstaller{
		Client:         &http.Client{}, // the default transport honours HTTPS_PROXY and NO_PROXY
		Sleep:          sleep,
		Attempts:       3,
		AttemptTimeout: 3 * time.Minute,
		Backoff:        5 * time.Second,
		MaxArchive:     256 << 20,
		MaxBinary:      512 << 20,
	}
}

// install downloads rel into dir, verifies it, and leaves dir/uv, executable. Nothing from the
// archive is read before its digest matched.
func (in *uvInstaller) install(ctx context.Context, rel uvRelease, dir string) error {
	archive := filepath.Join(dir, rel.Asset)
	if err := in.download(ctx, rel, archive); err != nil {
		return fmt.Errorf("could not download uv %s from %s: %w; set uv-download-url to a reachable mirror, "+
			"set uv-version and uv-sha256 to another release, or provide uv on PATH", rel.Version, rel.URL, err)
	}
	defer os.Remove(archive)
	if err := extractUV(archive, filepath.Join(dir, "uv"), in.MaxBinary); err != nil {
		return fmt.Errorf("uv %s from %s: %w", rel.Version, rel.URL, err)
	}
	return nil
}

// download fetches rel.URL to dest with bounded retries and checks its SHA-256; on failure
// dest is removed.
func (in *uvInstaller) download(ctx context.Context, rel uvRelease, dest string) error {
	wait := in.Backoff
	for attempt := 1; ; attempt++ {
		retry, err := in.fetch(ctx, rel, dest)
		if err == nil {
			return nil
		}
		_ = os.Remove(dest)
		if attempt > 1 {
			err = fmt.Errorf("attempt %d of %d: %w", attempt, in.Attempts, err)
		}
		if !retry || attempt >= in.Attempts || ctx.Err() != nil {
			return err
		}
		if serr := in.Sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%w (cancelled before retrying: %w)", err, serr)
		}
		wait *= 2
	}
}

// fetch makes one try and says whether another may do better: network errors, timeouts, 408,
// 429 and 5xx may pass; a missing asset, an oversized body or a wrong digest will not.
func (in *uvInstaller) fetch(ctx context.Context, rel uvRelease, dest string) (retry bool, err error) {
	actx, cancel := context.WithTimeout(ctx, in.AttemptTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, rel.URL, nil)
	if err != nil {
		return false, err
	}
	resp, err := in.Client.Do(req)
	if err != nil {
		return true, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s := resp.StatusCode
		return s == http.StatusRequestTimeout || s == http.StatusTooManyRequests || s >= 500, errors.New(resp.Status)
	}
	if resp.ContentLength > in.MaxArchive {
		return false, fmt.Errorf("the archive is %d bytes, more than the %d allowed", resp.ContentLength, in.MaxArchive)
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return false, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(resp.Body, in.MaxArchive+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return true, fmt.Errorf("reading the archive: %w", err)
	case n > in.MaxArchive:
		return false, fmt.Errorf("the archive is more than the %d bytes allowed", in.MaxArchive)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != rel.SHA256 {
		return false, fmt.Errorf("SHA-256 mismatch: the archive has %s, want %s; it was not unpacked", got, rel.SHA256)
	}
	return false, nil
}
