package deploy

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/stelvio-action/stelvio-action/internal/config"
)

// RepoConfigPath is the repository's own settings file for the action.
const RepoConfigPath = ".github/stelvio.yml"

// RepoConfig is what the deploy reads from .github/stelvio.yml:
//
//	deploy:
//	  main: prod
//	  release/*: staging
//	environment_url_output: api_url
//
// Other top-level keys belong to other parts of the action and are left alone.
type RepoConfig struct {
	// Deploy maps branch patterns to envs, in file order (the first match wins).
	Deploy []config.DeployBranch
	// Lines holds the line of each Deploy entry, for messages.
	Lines []int
	// EnvironmentURLOutput names the Stelvio output whose value is the env's URL.
	EnvironmentURLOutput string
}

// ReadRepoConfig reads .github/stelvio.yml from the repository fsys; a missing file is an
// empty configuration. Errors name the file and line.
func ReadRepoConfig(fsys fs.FS) (*RepoConfig, error) {
	data, err := fs.ReadFile(fsys, RepoConfigPath)
	if errors.Is(err, fs.ErrNotExist) {
		return &RepoConfig{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", RepoConfigPath, err)
	}
	return parseRepoConfig(data)
}

func parseRepoConfig(data []byte) (*RepoConfig, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", RepoConfigPath, err)
	}
	rc := &RepoConfig{}
	if doc.Kind == 0 || len(doc.Content) == 0 { // empty file
		return rc, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, repoConfigErr(root, "the file must be a mapping (key: value)")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, value := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "deploy":
			if err := rc.readDeploy(value); err != nil {
				return nil, err
			}
		case "environment_url_output":
			if value.Kind != yaml.ScalarNode || value.Tag != "!!str" || strings.TrimSpace(value.Value) == "" {
				return nil, repoConfigErr(value, "environment_url_output must be the name of a Stelvio output, like api_url")
			}
			rc.EnvironmentURLOutput = strings.TrimSpace(value.Value)
		}
	}
	return rc, nil
}

func (rc *RepoConfig) readDeploy(m *yaml.Node) error {
	if m.Kind == yaml.ScalarNode && m.Tag == "!!null" {
		return nil
	}
	if m.Kind != yaml.MappingNode {
		return repoConfigErr(m, "deploy must map branches to environments, like `main: prod`")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, value := m.Content[i], m.Content[i+1]
		pattern := strings.TrimSpace(key.Value)
		if key.Kind != yaml.ScalarNode || pattern == "" {
			return repoConfigErr(key, "a deploy key must be a branch name or pattern")
		}
		if err := checkBranchPattern(pattern); err != nil {
			return repoConfigErr(key, err.Error())
		}
		if seen[pattern] {
			return repoConfigErr(key, fmt.Sprintf("branch pattern %q is mapped twice", pattern))
		}
		seen[pattern] = true
		if value.Kind != yaml.ScalarNode || value.Tag == "!!null" {
			return repoConfigErr(value, fmt.Sprintf("%s: the environment must be a name, like prod", pattern))
		}
		if err := checkEnvName(value.Value); err != nil {
			return repoConfigErr(value, err.Error())
		}
		rc.Deploy = append(rc.Deploy, config.DeployBranch{Pattern: pattern, Env: value.Value})
		rc.Lines = append(rc.Lines, key.Line)
	}
	return nil
}

// checkBranchPattern accepts the wildcards the deploy-branches input accepts: * and **.
func checkBranchPattern(p string) error {
	switch {
	case strings.ContainsAny(p, " \t"):
		return fmt.Errorf("branch pattern %q contains a space", p)
	case strings.ContainsAny(p, "?+[]") || strings.HasPrefix(p, "!"):
		return fmt.Errorf("branch pattern %q: only the wildcards * and ** are supported", p)
	}
	return nil
}

func repoConfigErr(n *yaml.Node, msg string) error {
	return fmt.Errorf("%s:%d: %s", RepoConfigPath, n.Line, msg)
}
