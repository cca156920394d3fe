package ghsim_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// fixture is a simulator with one repository holding a main branch and an open pull
// request #1 from branch "feature".
type fixture struct {
	sim  *ghsim.Sim
	repo *ghsim.Repo
	gh   *github.Client
	ctx  context.Context
	pr   int
}

func newFixture(t testing.TB, opts ...ghsim.Option) *fixture {
	t.Helper()
	sim := ghsim.New(t, append([]ghsim.Option{ghsim.ValidateResponses()}, opts...)...)
	repo := sim.Repo("octo", "app")
	repo.Push("main", "initial", ghsim.Files{"stlv_app.py": "app = 1\n", "functions/a.py": "def h(): pass\n"})
	repo.Push("feature", "change", ghsim.Files{"functions/b.py": "def g(): pass\n"})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	pr := repo.OpenPR(ghsim.PR{Head: "feature", User: "alice"})
	return &fixture{sim: sim, repo: repo, gh: sim.Client(ghsim.WriteToken), ctx: ctx, pr: pr}
}
