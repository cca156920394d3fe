package deploy

import (
	"context"
	"fmt"
)

// checkFresh refuses a stale deploy: a run that starts late (queued behind another, or
// re-run) must not roll the env back to an older commit. The commit may deploy when it is
// still the branch head, or when the env's last successful deployment is an ancestor of it
// (or the same commit). It returns the reason to skip, "" to go ahead.
func checkFresh(ctx context.Context, gh GitHub, t Target) (string, error) {
	head, err := gh.BranchHead(ctx, t.Branch)
	if err != nil {
		return "", err
	}
	if head == t.SHA {
		return "", nil
	}
	last, found, err := gh.LastSuccessfulDeploy(ctx, t.Env)
	if err != nil {
		return "", err
	}
	if !found {
		return fmt.Sprintf("%s is no longer the head of %s (now %s) and %s has no successful deployment to compare with; the run for %s deploys instead",
			shortSHA(t.SHA), t.Branch, shortSHA(head), t.Env, shortSHA(head)), nil
	}
	status, err := gh.Compare(ctx, last, t.SHA)
	if err != nil {
		return "", err
	}
	switch status {
	case "ahead", "identical":
		return "", nil
	default:
		return fmt.Sprintf("%s is no longer the head of %s (now %s) and is not newer than %s, last deployed to %s (%s)",
			shortSHA(t.SHA), t.Branch, shortSHA(head), shortSHA(last), t.Env, status), nil
	}
}
