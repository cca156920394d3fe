package deploy

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// extractUV writes the `uv` binary of a release archive (uv-<target>/uv, or uv at the top) to
// dest, executable, and nothing else: the other entries are read past, never written. An
// archive with an entry that names a path outside itself, more than one uv, a uv that is not
// a regular file, or a uv over maxBinary bytes is refused whole. On error dest does not exist.
func extractUV(archive, dest string, maxBinary int64) (err error) {
	f, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("the archive is not gzip: %w", err)
	}
	defer gz.Close()
	defer func() {
		if err != nil {
			_ = os.Remove(dest)
		}
	}()
	// Entries read past are decompressed too: bound the whole stream, not only uv.
	tr := tar.NewReader(io.LimitReader(gz, 2*maxBinary+(16<<20)))
	found := false
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("reading the archive: %w", err)
		}
		name, err := archiveEntryName(h)
		if err != nil {
			return err
		}
		if path.Base(name) != "uv" || strings.Count(name, "/") > 1 {
			continue
		}
		if found {
			return fmt.Errorf("the archive holds uv twice (%q)", h.Name)
		}
		found = true
		if err := writeUV(tr, h, dest, maxBinary); err != nil {
			return err
		}
	}
	if !found {
		return errors.New("the archive holds no uv binary (uv or <dir>/uv)")
	}
	return nil
}

// archiveEntryName is h's name, cleaned, or an error when it or its link target leaves the
// archive's directory (absolute, or with a `..` that climbs out).
func archiveEntryName(h *tar.Header) (string, error) {
	for _, p := range []string{h.Name, h.Linkname} {
		if p == "" {
			continue
		}
		if path.IsAbs(p) || strings.ContainsRune(p, '\\') {
			return "", fmt.Errorf("the archive entry %q points outside the archive: refused", h.Name)
		}
		if c := path.Clean(p); c == ".." || strings.HasPrefix(c, "../") {
			return "", fmt.Errorf("the archive entry %q points outside the archive: refused", h.Name)
		}
	}
	return path.Clean(h.Name), nil
}

// writeUV copies the uv entry to dest, a path that must not exist yet.
func writeUV(tr *tar.Reader, h *tar.Header, dest string, maxBinary int64) error {
	if h.Typeflag != tar.TypeReg {
		return fmt.Errorf("uv in the archive (%q) is not a regular file (tar type %q)", h.Name, h.Typeflag)
	}
	if h.Size > maxBinary {
		return fmt.Errorf("uv in the archive is %d bytes, more than the %d allowed", h.Size, maxBinary)
	}
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o700)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(tr, maxBinary))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("unpacking uv: %w", err)
	}
	if n != h.Size {
		return fmt.Errorf("unpacking uv: %d of %d bytes", n, h.Size)
	}
	// Explicit: OpenFile's mode went through the umask.
	return os.Chmod(dest, 0o755)
}
