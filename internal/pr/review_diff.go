package pr

import (
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// NewLinkDiff is the review's DiffFunc on this package's link diff: Diff for the facts,
// Markdown (comment and job-summary budgets) and JSON for the renderings.
func NewLinkDiff(iam IAM) DiffFunc {
	return func(base, head *linker.Result) (*LinkDiff, error) {
		rep := Diff(base, head, iam)
		sum := rep.Summary()
		d := &LinkDiff{Changed: sum.HasChanges(), IAMChanged: sum.HasIAMChanges(), EnvChanged: sum.HasEnvChanges(),
			FilesChanged: len(rep.Files) > 0, Unresolved: rep.Unresolved}
		for _, c := range rep.IAM {
			if c.Broadened {
				d.Broadened = append(d.Broadened, strings.Join([]string{string(c.Change), c.Function, c.Effect, c.Action, c.Resource}, " "))
			}
		}
		for _, p := range rep.Policies {
			if p.Broadened {
				d.Broadened = append(d.Broadened, strings.Join([]string{string(p.Change), p.Function, "managed policy", p.ARN}, " "))
			}
		}
		d.Render = func(req RenderRequest) (Rendered, error) {
			opts := Options{AppName: req.AppName, Env: req.Env, BaseSHA: req.BaseSHA, HeadSHA: req.HeadSHA,
				MergeBaseOf: req.MergeBaseOf, MergeBaseMissing: req.MergeBaseMissing, ShowValues: req.ShowValues}
			full := opts
			full.Budget, full.MoreHint = SummaryBudget, "report.json has them all"
			js, err := JSON(rep, opts)
			if err != nil {
				return Rendered{}, err
			}
			return Rendered{Comment: Markdown(rep, opts), Summary: Markdown(rep, full), JSON: js}, nil
		}
		return d, nil
	}
}
