// Command extract regenerates ghsim's testdata from the official npm packages: the subset of
// GitHub's REST OpenAPI description that the simulator serves (from @octokit/openapi) and a
// few real webhook payloads (from @octokit/webhooks-examples). It needs npm and the npm
// registry; tests never run it, they read what it wrote.
//
// Usage (from internal/ghsim, see generate.go):
//
//	go run ./internal/extract -openapi 23.0.2 -webhooks 7.6.1 -out testdata
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	openapiVersion := flag.String("openapi", "", "version of @octokit/openapi")
	webhooksVersion := flag.String("webhooks", "", "version of @octokit/webhooks-examples")
	out := flag.String("out", "testdata", "testdata directory")
	flag.Parse()
	if err := run(*openapiVersion, *webhooksVersion, *out); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}

func run(openapiVersion, webhooksVersion, out string) error {
	if openapiVersion == "" || webhooksVersion == "" {
		return errors.New("both -openapi and -webhooks versions are required")
	}
	tmp, err := os.MkdirTemp("", "ghsim-extract-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	spec, err := npmFile(tmp, "@octokit/openapi", openapiVersion, "package/generated/api.github.com.json")
	if err != nil {
		return err
	}
	ops, err := readOperations(filepath.Join(out, "openapi", "operations.txt"))
	if err != nil {
		return err
	}
	subset, err := subsetSpec(spec, ops, "@octokit/openapi@"+openapiVersion+" generated/api.github.com.json")
	if err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(out, "openapi", "api.github.com.subset.json"), subset); err != nil {
		return err
	}

	examples, err := npmFile(tmp, "@octokit/webhooks-examples", webhooksVersion, "package/api.github.com/index.json")
	if err != nil {
		return err
	}
	return writeEvents(filepath.Join(out, "events"), examples, "@octokit/webhooks-examples@"+webhooksVersion)
}

// npmFile downloads one package tarball with `npm pack` and returns one file from it.
func npmFile(tmp, pkg, version, member string) ([]byte, error) {
	cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", tmp, pkg+"@"+version)
	cmd.Stderr = os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %s@%s: %w", pkg, version, err)
	}
	f, err := os.Open(filepath.Join(tmp, strings.TrimSpace(string(name))))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pkg, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("%s@%s has no %s", pkg, version, member)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pkg, err)
		}
		if h.Name == member {
			return io.ReadAll(tr)
		}
	}
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
