package pr

import (
	"context"
	"errors"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

type commitAPI interface {
	CreateTree(ctx context.Context, baseTree string, files []github.FileWrite) (string, error)
	CreateCommit(ctx context.Context, message, tree string, parents []string) (github.Commit, error)
	FastForward(ctx context.Context, branch, sha string) error
	Branch(ctx context.Context, branch string) (string, error)
}

// InputTrailer is the commit-message trailer that carries the hash of what a regeneration
// was computed from. Finding it on the head commit with the same hash means the head is
// our own regeneration of these very inputs: committing again would loop.
const InputTrailer = "Stelvio-Action-Input"

// Regeneration is a commit of regenerated files on top of a pull request's head.
type Regeneration struct {
	Parent        string // the head the files were computed from
	ParentTree    string
	ParentMessage string
	Files         []github.FileWrite
	InputHash     string
	// Describe is the body of the commit message, before the trailer.
	Describe string
}

func (g *Regeneration) message() string {
	return "stelvio: regenerate stlv_resources.py\n\n" + strings.TrimSpace(g.Describe) + "\n\n" + InputTrailer + ": " + g.InputHash + "\n"
}

// Errors commitBack ends with when it leaves the branch alone on purpose.
var (
	// ErrLoopGuard: the head already is our regeneration of the same inputs.
	ErrLoopGuard = errors.New("the head commit is already stelvio-action's regeneration of these inputs, yet files are still stale: not committing again")
	// ErrHeadMoved: the branch moved twice while we committed.
	ErrHeadMoved = errors.New("the pull request's branch moved while the files were being committed, twice")
)

// hasTrailer reports whether message ends with our trailer for hash.
func hasTrailer(message, hash string) bool {
	for _, line := range strings.Split(message, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), InputTrailer) && strings.TrimSpace(v) == hash {
			return true
		}
	}
	return false
}

// replanFunc computes the regeneration again for a new head: nil when its files are in
// sync.
type replanFunc func(ctx context.Context, head string) (*Regeneration, error)

// commitBack commits g onto branch with the Git Data API: a tree on the head's tree, a
// commit whose only parent is the head, and a fast-forward of the branch, never a force
// push. When the branch moved meanwhile, the files are computed again for the new head and
// committed once more; a second move gives up with ErrHeadMoved. It returns the new
// commit, or "" when the new head needed nothing.
func commitBack(ctx context.Context, api commitAPI, branch string, g *Regeneration, replan replanFunc) (string, error) {
	for attempt := 0; ; attempt++ {
		if hasTrailer(g.ParentMessage, g.InputHash) {
			return "", ErrLoopGuard
		}
		sha, err := commitOnce(ctx, api, branch, g)
		if err == nil {
			return sha, nil
		}
		if !errors.Is(err, github.ErrConflict) {
			return "", err
		}
		head, err := api.Branch(ctx, branch)
		if err != nil {
			return "", err
		}
		if head == g.Parent {
			// Refused although the branch is where we left it (a 409 while GitHub was
			// busy): the commit is good, only the ref update needs trying again.
			if err := api.FastForward(ctx, branch, sha); err != nil {
				return "", err
			}
			return sha, nil
		}
		if attempt > 0 {
			return "", ErrHeadMoved
		}
		if g, err = replan(ctx, head); err != nil || g == nil {
			return "", err
		}
	}
}

// commitOnce makes the tree and commit and moves the branch; on a refused move it returns
// the commit it made with the ErrConflict.
func commitOnce(ctx context.Context, api commitAPI, branch string, g *Regeneration) (string, error) {
	tree, err := api.CreateTree(ctx, g.ParentTree, g.Files)
	if err != nil {
		return "", err
	}
	c, err := api.CreateCommit(ctx, g.message(), tree, []string{g.Parent})
	if err != nil {
		return "", err
	}
	return c.SHA, api.FastForward(ctx, branch, c.SHA)
}
