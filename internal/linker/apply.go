package linker

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Change is a stlv_resources.py that is not what Stelvio would leave on disk.
type Change struct {
	Path      string // relative to the project root, slash-separated
	Action    string // "write" or "delete"
	Old       string
	OldExists bool
	New       string
}

// Changes compares the planned files with the project on disk. Files whose content is
// unknown are returned separately: they must be neither written nor called up to date.
func Changes(dir string, files []File) (changes []Change, unknown []string, err error) {
	for _, f := range files {
		if f.Action == "unknown" {
			unknown = append(unknown, f.Path)
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		exists := err == nil
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("read %s: %w", f.Path, err)
		}
		switch {
		case f.Action == "write" && (!exists || string(b) != f.Content):
			changes = append(changes, Change{Path: f.Path, Action: "write", Old: string(b), OldExists: exists, New: f.Content})
		case f.Action == "delete" && exists:
			changes = append(changes, Change{Path: f.Path, Action: "delete", Old: string(b), OldExists: true})
		}
	}
	return changes, unknown, nil
}

// Apply writes and deletes files as Stelvio would: UTF-8, LF, no trailing newline added.
func Apply(dir string, changes []Change) error {
	for _, c := range changes {
		p := filepath.Join(dir, filepath.FromSlash(c.Path))
		switch c.Action {
		case "write":
			if err := os.WriteFile(p, []byte(c.New), 0o644); err != nil {
				return fmt.Errorf("write %s: %w", c.Path, err)
			}
		case "delete":
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("delete %s: %w", c.Path, err)
			}
		}
	}
	return nil
}
