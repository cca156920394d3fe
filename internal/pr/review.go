package pr

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/ghaction"
	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

// ResolveRequest names one app of an extracted revision.
type ResolveRequest struct {
	Root           string // the extracted revision
	AppDir         string // the app's folder under Root, slash-separated ("." for Root)
	Env            string // "" lets the resolver pick, as Stelvio would
	StelvioVersion string // the stelvio-version input; "" follows the app's pin
}

// ResolveFunc reads and resolves one app statically.
type ResolveFunc func(ctx context.Context, req ResolveRequest) (*linker.Result, error)

// LinkDiff is the link diff of one app as the review uses it.
type LinkDiff struct {
	Changed, IAMChanged, EnvChanged, FilesChanged bool
	// Broadened holds one stable key per broadened grant; their Fingerprint is what an
	// approval approves.
	Broadened []string
	// Unresolved are the items head cannot resolve that base could (paths relative to the
	// app's folder).
	Unresolved []linker.Unresolved
	// Render draws the comment, the job-summary section and the JSON report.
	Render func(RenderRequest) (Rendered, error)
}

// RenderRequest says how to draw a LinkDiff.
type RenderRequest struct {
	AppName, Env     string
	BaseSHA, HeadSHA string
	// MergeBaseOf names the base branch when BaseSHA is where head left it rather than the
	// branch's head; MergeBaseMissing names it when BaseSHA is its head only because the
	// merge base could not be found.
	MergeBaseOf, MergeBaseMissing string
	ShowValues                    bool
}

// Rendered is a LinkDiff drawn for each place it goes.
type Rendered struct {
	Comment string // Markdown whose first line is the hidden marker of the app and env
	Summary string // Markdown for the job summary
	JSON    []byte // the app's JSON report
}

// DiffFunc compares two resolved revisions of one app; either may be nil (an app new in
// head, or gone from it).
type DiffFunc func(base, head *linker.Result) (*LinkDiff, error)

// API is the GitHub the review talks to; *github.Client is one.
type API interface {
	sourceAPI
	stickyAPI
	checksAPI
	approvalAPI
	commitAPI
	labelsAPI
	PullRequest(ctx context.Context, number int) (*github.PullRequest, error)
}

// Logger is the run's log; *ghaction.Action is one.
type Logger interface {
	Annotate(level ghaction.Level, at ghaction.Annotation, message string)
	Noticef(format string, args ...any)
	Warningf(format string, args ...any)
	Infof(format string, args ...any)
}

// Review is one review of a pull request: what its links change, sticky comments, the
// check runs, labels and the commit of regenerated files.
type Review struct {
	Inputs *config.Inputs
	// Check writes nothing to GitHub (mode check) and fails the run on stale files.
	Check bool
	// NoCommit leaves stale files uncommitted (mode comment, which pushes nothing).
	NoCommit bool
	Event    *Event
	// API is nil when the review must not call GitHub at all.
	API API
	// Commits pushes regenerated files (a client with the commit-token); nil uses API.
	Commits commitAPI
	Sources *Sources
	Resolve ResolveFunc
	Diff    DiffFunc
	Log     Logger
	// Version is the action's version; it is part of the regeneration's input hash.
	Version string
	// RunURL links the check runs to this run.
	RunURL string
}

// Outcome is what a review found and did.
type Outcome struct {
	Changed, IAMChanged, EnvChanged, FilesChanged, Broadened bool
	Approval                                                 Approval
	// BaseSHA is what the head was compared with: its merge base with the base branch (or,
	// when none could be found, the pull request's base.sha); HeadSHA is the reviewed head.
	BaseSHA, HeadSHA string
	CommitSHA        string // regenerated files, "" when none was made
	CommentIDs       []int64
	// Stale lists the generated files (repository paths) that differ from what Stelvio
	// would write, before any commit.
	Stale []string
	// Skipped names the GitHub writes the token was not allowed to make.
	Skipped []string
	Summary string // Markdown for the job summary
	Report  []byte // report.json
	// ExitCode follows action.md §2: 0 ok, 1 check failed, 2 input error, 3 unexpected.
	ExitCode int
}

// Run reviews the pull request. An error means nothing useful could be done (the
// revisions could not be read); every other problem is in the Outcome.
func (r *Review) Run(ctx context.Context) (*Outcome, error) {
	s := &reviewRun{Review: r, out: &Outcome{}, denied: map[string]string{}}
	defer s.cleanup()
	if err := s.refresh(ctx); err != nil {
		return nil, err
	}
	if err := s.analyse(ctx); err != nil {
		return nil, err
	}
	s.regenerate(ctx)
	s.approve(ctx)
	s.render()
	s.publish(ctx)
	s.finish()
	return s.out, nil
}

// reviewRun is the state of one Run.
type reviewRun struct {
	*Review
	out *Outcome

	number           int
	headSHA, baseSHA string // reviewed; baseSHA is the pull request's base.sha
	headRef, baseRef string
	// compared is what head is compared with: the merge base of baseSHA and headSHA, else
	// baseSHA, and noMergeBase says so.
	compared           string
	noMergeBase        bool
	labels             []string
	env                string
	headRev, baseRev   *Revision
	headRoot, baseRoot string
	apps               []*appReview

	regen  regenResult
	final  string // the head after a commit of regenerated files
	checks *checkRuns

	denied map[string]string // GitHub write → the permission it lacked
	errs   []error           // unexpected failures: exit 3
	input  bool              // an app could not be read: exit 2
}

// writable reports whether this run may write to GitHub at all. On pull_request from a
// fork GitHub hands out a read-only token: trying would only collect 403s.
func (s *reviewRun) writable() bool {
	return !s.Check && s.API != nil && !s.readOnlyFork()
}

func (s *reviewRun) readOnlyFork() bool {
	return s.Event.Name == "pull_request" && s.Event.Fork()
}

// refresh takes the pull request as it is now: a re-run, or a run that waited in a queue,
// may start after more pushes than its event knows.
func (s *reviewRun) refresh(ctx context.Context) error {
	ev := s.Event
	s.number, s.headSHA, s.baseSHA, s.headRef, s.baseRef, s.labels = ev.Number, ev.HeadSHA, ev.BaseSHA, ev.HeadRef, ev.BaseRef, ev.Labels
	if s.writable() {
		p, err := s.API.PullRequest(ctx, ev.Number)
		switch {
		case s.deny(err, "reading the pull request (the event's copy was used)", "pull-requests: read"):
		case err != nil:
			return fmt.Errorf("read pull request #%d: %w", ev.Number, err)
		default:
			if p.HeadSHA != ev.HeadSHA {
				s.Log.Infof("The pull request's head moved on since the event (%s → %s): reviewing %s.", abbrev(ev.HeadSHA), abbrev(p.HeadSHA), abbrev(p.HeadSHA))
			}
			s.headSHA, s.baseSHA, s.headRef, s.labels = p.HeadSHA, p.BaseSHA, p.HeadRef, p.Labels
			if p.BaseRef != "" {
				s.baseRef = p.BaseRef
			}
		}
	}
	s.env = s.Inputs.Environment
	if s.env == "" {
		s.env, _ = s.Inputs.DeployEnv(ev.BaseRef)
	}
	s.out.BaseSHA, s.out.HeadSHA = s.baseSHA, s.headSHA
	s.compared = s.baseSHA
	s.final = s.headSHA
	if s.API != nil {
		s.checks = newCheckRuns(s.API)
	}
	return nil
}

// deny records a write the token may not make, once per kind; it reports whether err was
// such a refusal.
func (s *reviewRun) deny(err error, what, permission string) bool {
	if !errors.Is(err, github.ErrForbidden) {
		return false
	}
	if _, seen := s.denied[what]; !seen {
		s.denied[what] = permission
		s.out.Skipped = append(s.out.Skipped, what)
	}
	return true
}

func (s *reviewRun) fail(err error) {
	s.errs = append(s.errs, err)
	s.Log.Warningf("%v", err)
}

func (s *reviewRun) cleanup() {
	for _, dir := range []string{s.headRoot, s.baseRoot} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
}
