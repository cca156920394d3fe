package pr

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// finalState renders what a pull request looks like after a run, with commit ids
// replaced: two runs may make equal commits with different ids.
func finalState(sc *scenario) string {
	var b strings.Builder
	head := sc.repo.Branch("feature")
	for _, p := range []string{"orders/stlv_resources.py", "orders/handler.py", "stlv_app.py"} {
		content, ok := sc.repo.File(head, p)
		fmt.Fprintf(&b, "file %s %v %q\n", p, ok, content)
	}
	fmt.Fprintf(&b, "parents %d\n", len(sc.repo.Parents(head)))
	for _, c := range sc.repo.Comments(sc.number) {
		fmt.Fprintf(&b, "comment by %s: %q\n", c.User, c.Body)
	}
	var runs []string
	for _, c := range sc.repo.CheckRuns(head) {
		runs = append(runs, fmt.Sprintf("check %s %s %s %q", c.Name, c.Status, c.Conclusion, c.Title))
	}
	sort.Strings(runs)
	b.WriteString(strings.Join(runs, "\n"))
	fmt.Fprintf(&b, "\nlabels %v\n", sc.repo.Labels(sc.number))
	return regexp.MustCompile(`\b[0-9a-f]{7,40}\b`).ReplaceAllString(b.String(), "<sha>")
}

func TestReviewFaultsEndInTheSameState(t *testing.T) {
	clean, _ := staleScenario(t)
	clean.inputs.Labels = true
	clean.run(runOpts{action: "opened"})
	want := finalState(clean)

	faulty, _ := staleScenario(t)
	faulty.inputs.Labels = true
	sim := faulty.sim
	sim.FailNext(http.MethodGet, "/repos/{owner}/{repo}/pulls/{pull_number}", ghsim.ServerError(502))
	sim.FailNext(http.MethodGet, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.SecondaryRateLimit(3*time.Second))
	sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.ServerError(500))
	sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/git/trees", ghsim.ServerError(503))
	sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/git/commits", ghsim.PrimaryRateLimit(http.StatusForbidden, 2*time.Second))
	sim.FailNext(http.MethodPatch, "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.ServerError(502))
	sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/check-runs", ghsim.ServerError(502))
	sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/issues/{issue_number}/labels", ghsim.PrimaryRateLimit(http.StatusTooManyRequests, time.Second))
	res := faulty.run(runOpts{action: "opened"})
	if sim.PendingFaults() != 0 {
		t.Fatalf("%d faults never met:\n%s", sim.PendingFaults(), sim.CallLog())
	}
	if res.out.ExitCode != 0 {
		t.Fatalf("exit %d\n%s", res.out.ExitCode, res.log)
	}
	if got := finalState(faulty); got != want {
		t.Errorf("with faults:\n%s\nwithout:\n%s", got, want)
	}
	// Creates of comments and check runs are not repeated blindly after a 5xx (the
	// review looks first), so no wait: one wait per other fault.
	if len(faulty.waits) != 6 {
		t.Errorf("waits %v, want 6", faulty.waits)
	}
	t.Logf("waits asked for: %v", faulty.waits)
}
