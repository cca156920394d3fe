package ghsim_test

import (
	"context"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// BenchmarkListComments measures one validated round trip (a 30-comment page), against the
// same without validation, to show what validating every request costs.
func BenchmarkListComments(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts []ghsim.Option
	}{{"validated", nil}, {"unvalidated", []ghsim.Option{ghsim.WithoutValidation()}}} {
		b.Run(bc.name, func(b *testing.B) {
			sim := ghsim.New(b, bc.opts...)
			repo := sim.Repo("octo", "app")
			repo.Push("main", "init", ghsim.Files{"a": "b"})
			repo.Push("f", "change", ghsim.Files{"c": "d"})
			n := repo.OpenPR(ghsim.PR{Head: "f"})
			for range 30 {
				repo.AddComment(n, "x", "a comment")
			}
			gh := sim.Client(ghsim.WriteToken)
			ctx := context.Background()
			for b.Loop() {
				if _, _, err := gh.Issues.ListComments(ctx, "octo", "app", n, &github.IssueListCommentsOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
