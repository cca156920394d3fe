package linker

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// stelvioGit is a git directory of stelviodev/stelvio with its release tags; STELVIO_GIT
// overrides the helper machines' mirror.
func stelvioGit(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("STELVIO_GIT")
	if dir == "" {
		dir = "/work/.mirror/stelviodev+stelvio/repo"
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no Stelvio git directory at %s (set STELVIO_GIT): %v", dir, err)
	}
	return dir
}

// Each module of moduleArrivals exists in the stelvio/ tree of exactly the release tags from
// its arrival on: the table is what the releases shipped.
func TestModuleArrivalsMatchReleaseTags(t *testing.T) {
	git := stelvioGit(t)
	for _, rel := range KnownReleases() {
		tag := "v" + rel
		if exec.Command("git", "--git-dir", git, "rev-parse", "--verify", "-q", tag).Run() != nil {
			continue // a release the mirror does not have (newer than its snapshot)
		}
		out, err := exec.Command("git", "--git-dir", git, "ls-tree", "-r", "--name-only", tag, "stelvio").Output()
		if err != nil {
			t.Fatalf("%s: git ls-tree: %v", tag, err)
		}
		files := map[string]bool{}
		for _, f := range strings.Split(string(out), "\n") {
			files[f] = true
		}
		absent := absentModules(mustParseVersion(rel))
		for name := range moduleArrivals {
			path := strings.ReplaceAll(name, ".", "/")
			has := files[path+".py"] || files[path+"/__init__.py"]
			if _, missing := absent[name]; has == missing {
				t.Errorf("%s: module %s present=%v, but the table says absent=%v", tag, name, has, missing)
			}
		}
	}
}
