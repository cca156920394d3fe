package pr

import (
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

func TestFingerprint(t *testing.T) {
	if Fingerprint(nil) != "" {
		t.Error("no broadening must have no fingerprint")
	}
	a, b := Fingerprint([]string{"x", "y"}), Fingerprint([]string{"y", "x"})
	if a != b || len(a) != 20 {
		t.Errorf("order changed the fingerprint: %q %q", a, b)
	}
	if a == Fingerprint([]string{"x", "y", "z"}) {
		t.Error("a new grant kept the fingerprint")
	}
}

func TestApprovalIDRoundTrip(t *testing.T) {
	ap := Approval{Fingerprint: "abc", Approved: true, By: "maria", Via: "label"}
	rec, ok := parseApprovalID(ap.externalID())
	if !ok || rec.broadened != "abc" || rec.approved != "abc" || rec.by != "maria" || rec.via != "label" {
		t.Errorf("%q read back as %+v", ap.externalID(), rec)
	}
	if rec, ok := parseApprovalID(Approval{}.externalID()); !ok || rec.approved != "-" || rec.broadened != "-" {
		t.Errorf("no approval read back as %+v", rec)
	}
	if _, ok := parseApprovalID("something else"); ok {
		t.Error("a foreign external id was taken for ours")
	}
}

func permissionsConclusion(t *testing.T, sc *scenario) ghsim.CheckRun {
	t.Helper()
	return sc.check(CheckPermissions)
}

func TestBroadeningNeedsApprovalFromAWriter(t *testing.T) {
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", addGrant(shop(), "s3:GetObject *"), true))
	sc.inputs.FailOnBroadened = true

	res := sc.run(runOpts{action: "opened"})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" || !strings.Contains(c.Summary, "s3:GetObject") {
		t.Fatalf("unapproved: %+v", c)
	}
	if res.out.ExitCode != 1 || !res.out.Broadened || res.out.Approval.Approved {
		t.Errorf("fail-on-broadened: outcome %+v", res.out)
	}

	// A reviewer with triage access approves: not enough.
	review := sc.repo.AddReview(sc.number, ghsim.Review{User: "tom", State: "APPROVED"})
	sc.run(runOpts{review: review})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" || !strings.Contains(c.Summary, "@tom approved but lacks write access") {
		t.Fatalf("triage review: %+v", c)
	}

	// The same user adds the label: not enough either.
	sc.repo.AddLabels(sc.number, "stelvio:approve-iam")
	sc.run(runOpts{action: "labeled", sender: "tom", label: "stelvio:approve-iam"})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" || !strings.Contains(c.Summary, "@tom added the label") {
		t.Fatalf("label by triage: %+v", c)
	}

	// A maintainer adds it: approved.
	res = sc.run(runOpts{action: "labeled", sender: "maria", label: "stelvio:approve-iam"})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" || c.Title != "Broadened permissions approved by @maria" {
		t.Fatalf("label by a maintainer: %+v", c)
	}
	if res.out.ExitCode != 0 {
		t.Errorf("approved, yet exit %d", res.out.ExitCode)
	}

	// A push that broadens nothing new keeps the approval.
	sc.push("docs", map[string]string{"README.md": "docs\n"})
	res = sc.run(runOpts{})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" {
		t.Fatalf("after a harmless push: %+v\n%s", c, res.log)
	}

	// A new broadening resets it.
	sc.push("more", appFiles(".", addGrant(addGrant(shop(), "s3:GetObject *"), "iam:PassRole *"), true))
	res = sc.run(runOpts{})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" || !strings.Contains(c.Summary, "iam:PassRole") {
		t.Fatalf("after a new broadening: %+v", c)
	}
	if res.out.ExitCode != 1 {
		t.Errorf("exit %d, want 1", res.out.ExitCode)
	}

	// A maintainer's approving review of the new head approves it again.
	review = sc.repo.AddReview(sc.number, ghsim.Review{User: "maria", State: "APPROVED"})
	sc.run(runOpts{review: review})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" || !strings.Contains(c.Summary, "@maria approved (review)") {
		t.Fatalf("review by a maintainer: %+v", c)
	}
}

func TestRemovingTheLabelWithdrawsItsApproval(t *testing.T) {
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", addGrant(shop(), "s3:GetObject *"), true))
	sc.repo.AddLabels(sc.number, "stelvio:approve-iam")
	sc.run(runOpts{action: "labeled", sender: "maria", label: "stelvio:approve-iam"})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" {
		t.Fatalf("approved: %+v", c)
	}
	sc.run(runOpts{action: "unlabeled", sender: "maria", label: "stelvio:approve-iam"})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" {
		t.Fatalf("after removing the label: %+v", c)
	}
}

func TestApprovalOfAnEarlierCommitCountsWhileNothingNewIsBroadened(t *testing.T) {
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", addGrant(shop(), "s3:GetObject *"), true))
	sc.run(runOpts{action: "opened"})
	sc.repo.AddReview(sc.number, ghsim.Review{User: "maria", State: "APPROVED"})
	// The review event's run never happened (say, it was cancelled); a later push
	// broadening nothing new still finds the approval through the reviews.
	sc.push("docs", map[string]string{"README.md": "docs\n"})
	res := sc.run(runOpts{action: "synchronize"})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" {
		t.Fatalf("%+v\n%s", c, res.log)
	}
	// A later request for changes by the same reviewer withdraws it.
	sc.repo.AddReview(sc.number, ghsim.Review{User: "maria", State: "CHANGES_REQUESTED"})
	sc.push("docs 2", map[string]string{"README.md": "docs 2\n"})
	sc.run(runOpts{})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" {
		t.Fatalf("after changes requested: %+v", c)
	}
}

func TestCoversIsASubsetTest(t *testing.T) {
	ab, a, c := []string{"a", "b"}, []string{"a"}, []string{"a", "c"}
	rec := recordedApproval{broadened: Fingerprint(ab), approved: Fingerprint(ab)}
	run := &github.CheckRun{Text: grantsText(ab)}
	if !covers(run, rec, Fingerprint(a), a) || !covers(run, rec, Fingerprint(ab), ab) {
		t.Error("a recorded set must cover itself and its subsets")
	}
	if covers(run, rec, Fingerprint(c), c) {
		t.Error("a set with a grant not recorded was covered")
	}
	// Runs written before grants were recorded cover exactly their fingerprint.
	legacy := &github.CheckRun{}
	if !covers(legacy, rec, Fingerprint(ab), ab) || covers(legacy, rec, Fingerprint(a), a) {
		t.Error("a run without recorded grants must match by fingerprint only")
	}
}

func twoGrants() fakeApp {
	return addGrant(addGrant(shop(), "s3:GetObject *"), "iam:PassRole *")
}

func TestApprovalSurvivesAPushThatOnlyRemovesGrants(t *testing.T) {
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", twoGrants(), true))
	sc.repo.AddLabels(sc.number, "stelvio:approve-iam")
	sc.run(runOpts{action: "labeled", sender: "maria", label: "stelvio:approve-iam"})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" {
		t.Fatalf("approved: %+v", c)
	}

	// Dropping a grant narrows what was approved: the approval stays.
	sc.push("drop PassRole", appFiles(".", addGrant(shop(), "s3:GetObject *"), true))
	res := sc.run(runOpts{})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" || c.Title != "Broadened permissions approved by @maria" || strings.Contains(c.Summary, "PassRole") {
		t.Fatalf("after a push that only removes a grant: %+v\n%s", c, res.log)
	}
	if !res.out.Approval.Approved || res.out.Approval.Via != "label" {
		t.Errorf("approval %+v", res.out.Approval)
	}

	// Bringing it back broadens beyond what the last approved head held: reset.
	sc.push("PassRole again", appFiles(".", twoGrants(), true))
	sc.run(runOpts{})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" || !strings.Contains(c.Summary, "iam:PassRole") {
		t.Fatalf("after a push that adds a grant back: %+v", c)
	}
}

func TestReviewApprovalOfAnEarlierCommitCoversItsGrantsOnly(t *testing.T) {
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", twoGrants(), true))
	sc.run(runOpts{action: "opened"})
	sc.repo.AddReview(sc.number, ghsim.Review{User: "maria", State: "APPROVED"})
	// The review event's run never happened; a push dropping one grant still finds the
	// approval through the reviews.
	sc.push("drop PassRole", appFiles(".", addGrant(shop(), "s3:GetObject *"), true))
	res := sc.run(runOpts{})
	if c := permissionsConclusion(t, sc); c.Conclusion != "success" || !strings.Contains(c.Summary, "@maria approved (review)") {
		t.Fatalf("after a push that only removes a grant: %+v\n%s", c, res.log)
	}
	// A grant the reviewed commit did not have is not covered.
	sc.push("put", appFiles(".", addGrant(addGrant(shop(), "s3:GetObject *"), "s3:PutObject *"), true))
	sc.run(runOpts{})
	if c := permissionsConclusion(t, sc); c.Conclusion != "failure" || !strings.Contains(c.Summary, "s3:PutObject") {
		t.Fatalf("after a push that adds a grant: %+v", c)
	}
}
