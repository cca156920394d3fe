package pr

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// JobSummaryLimit is GitHub's limit for one step's job summary.
const JobSummaryLimit = 1 << 20

// ReviewSchema names the format of report.json.
const ReviewSchema = "stelvio-action/review/v1"

// finish writes the one notice about skipped writes, the job summary, the report and the
// exit code.
func (s *reviewRun) finish() {
	if len(s.denied) > 0 {
		var perms []string
		for _, what := range s.out.Skipped {
			perms = append(perms, "`"+s.denied[what]+"` for "+what)
		}
		s.Log.Noticef("The token lacks permissions (%s), so those were skipped; the review is in the job summary and report.json. "+
			"Grant them in the workflow's `permissions:` to get them.", strings.Join(perms, ", "))
	}
	s.out.Summary = s.summary()
	s.out.Report = s.report()
	ap := s.out.Approval
	switch {
	case len(s.errs) > 0:
		s.out.ExitCode = 3
	case s.input:
		s.out.ExitCode = 2
	case s.Check && len(s.out.Stale) > 0:
		s.out.ExitCode = 1
	case s.Inputs.FailOnBroadened && ap.Fingerprint != "" && !ap.Approved:
		s.out.ExitCode = 1
	}
}

func (s *reviewRun) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## 🔗 Stelvio review of #%d\n\nHead `%s` compared with ", s.number, abbrev(s.headSHA))
	if of := s.mergeBaseOf(); of != "" {
		fmt.Fprintf(&b, "merge base `%s` of %s", abbrev(s.compared), code(of, false))
	} else {
		fmt.Fprintf(&b, "base `%s`", abbrev(s.compared))
	}
	if s.regen.Committed != "" {
		fmt.Fprintf(&b, "; regenerated files committed as `%s`", abbrev(s.regen.Committed))
	}
	b.WriteString(".\n\n")
	if s.readOnlyFork() && !s.Check {
		b.WriteString("> [!NOTE]\n> A pull request from a fork runs with a read-only token: this summary and `report.json` are the review.\n\n")
	}
	if len(s.out.Skipped) > 0 {
		fmt.Fprintf(&b, "> [!NOTE]\n> Skipped for lack of permission: %s.\n\n", strings.Join(s.out.Skipped, ", "))
	}
	if failed := s.failedApps(); len(failed) > 0 {
		b.WriteString("### ❌ Apps that cannot be read\n\n" + strings.Join(failed, "\n") + "\n\n")
	}
	if len(s.out.Stale) > 0 {
		b.WriteString("### Generated files\n\n")
		if s.regen.Committed != "" {
			fmt.Fprintf(&b, "Committed as `%s`:\n\n%s\n\n", abbrev(s.regen.Committed), s.staleList())
		} else {
			fmt.Fprintf(&b, "Stale, not committed: %s.\n\n%s\n\nApply this patch at the repository's root (`git apply`):\n\n%s\n",
				s.regen.Why, s.staleList(), diffBlock(s.patch()))
		}
	}
	if ap := s.out.Approval; ap.Fingerprint != "" {
		b.WriteString("### Broadened permissions\n\n")
		if ap.Approved {
			fmt.Fprintf(&b, "Approved by @%s (%s).\n\n", ap.By, ap.Via)
		} else {
			fmt.Fprintf(&b, "Not approved: an approving review, or the label `%s`, from a user with write access approves them.\n\n", s.Inputs.ApprovalLabel)
		}
		if len(ap.Notes) > 0 {
			b.WriteString(bulletList(ap.Notes) + "\n\n")
		}
	}
	for _, a := range s.apps {
		if a.Rendered.Summary != "" {
			b.WriteString(a.Rendered.Summary)
			if !strings.HasSuffix(a.Rendered.Summary, "\n") {
				b.WriteByte('\n')
			}
			b.WriteByte('\n')
		}
	}
	return cutSummary(b.String())
}

// cutSummary keeps a job summary within GitHub's limit, cutting at a line.
func cutSummary(s string) string {
	if len(s) <= JobSummaryLimit {
		return s
	}
	const note = "\n\n…cut at GitHub's 1 MiB job-summary limit; report.json has everything.\n"
	cut := s[:JobSummaryLimit-len(note)]
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	return cut + note
}

type reviewReport struct {
	Schema       string            `json:"schema"`
	Repository   string            `json:"repository"`
	PullRequest  int               `json:"pull_request"`
	BaseSHA      string            `json:"base_sha"`
	MergeBaseSHA string            `json:"merge_base_sha,omitempty"`
	HeadSHA      string            `json:"head_sha"`
	CommitSHA    string            `json:"commit_sha,omitempty"`
	Environment  string            `json:"environment,omitempty"`
	Changed      bool              `json:"changed"`
	StaleFiles   []string          `json:"stale_files"`
	NotCommitted string            `json:"not_committed,omitempty"`
	Broadened    string            `json:"broadened_fingerprint,omitempty"`
	Approval     *reportApproval   `json:"approval,omitempty"`
	Apps         []reportAppResult `json:"apps"`
}

type reportApproval struct {
	Approved bool   `json:"approved"`
	By       string `json:"by,omitempty"`
	Via      string `json:"via,omitempty"`
}

type reportAppResult struct {
	Dir    string          `json:"dir"`
	Name   string          `json:"name"`
	Error  string          `json:"error,omitempty"`
	Report json.RawMessage `json:"report,omitempty"`
}

// report is report.json: every app's full JSON report (never cut) with the run's facts.
func (s *reviewRun) report() []byte {
	r := reviewReport{Schema: ReviewSchema, Repository: s.Event.BaseRepo, PullRequest: s.number, BaseSHA: s.baseSHA, HeadSHA: s.headSHA,
		CommitSHA: s.regen.Committed, Environment: s.env, Changed: s.out.Changed, StaleFiles: slices.Clip(s.out.Stale),
		NotCommitted: s.regen.Why, Broadened: s.out.Approval.Fingerprint, Apps: []reportAppResult{}}
	if !s.noMergeBase {
		r.MergeBaseSHA = s.compared
	}
	if r.StaleFiles == nil {
		r.StaleFiles = []string{}
	}
	if ap := s.out.Approval; ap.Fingerprint != "" {
		r.Approval = &reportApproval{Approved: ap.Approved, By: ap.By, Via: ap.Via}
	}
	for _, a := range s.apps {
		ar := reportAppResult{Dir: a.Dir, Name: a.Name}
		if a.Err != nil {
			ar.Error = a.Err.Error()
		}
		if len(a.Rendered.JSON) > 0 {
			ar.Report = json.RawMessage(a.Rendered.JSON)
		}
		r.Apps = append(r.Apps, ar)
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		// Every field is a plain value; only an invalid app report can get here.
		s.fail(fmt.Errorf("encode report.json: %w", err))
		return nil
	}
	return append(data, '\n')
}
