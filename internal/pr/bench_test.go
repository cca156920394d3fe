package pr

import (
	"fmt"
	"syscall"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// thousandFunctions is two revisions of a 1,000-function app: every function has a table,
// a bucket and a queue link; head narrows every third bucket, adds a queue to every fifth
// function, renames one table for every seventh and changes a literal everywhere.
func thousandFunctions(b *testing.B) (base, head *linker.Result) {
	var bf, hf []linker.Function
	for i := range 1000 {
		name := fmt.Sprintf("svc%04d", i)
		bf = append(bf, withEnv(fn(b, name, tableLink("todos"), bucketLink("uploads"), queueLink("jobs")), "MODE", "blue"))
		links := []link{tableLink("todos"), bucketLink("uploads"), queueLink("jobs")}
		if i%3 == 0 {
			links[1] = links[1].withPermissions(allow("${uploads.arn}/*", "s3:GetObject"))
		}
		if i%5 == 0 {
			links = append(links, queueLink("audit"))
		}
		if i%7 == 0 {
			links[0] = tableLink("tasks")
		}
		hf = append(hf, withEnv(fn(b, name, links...), "MODE", "green"))
	}
	return result(b, bf...), result(b, hf...)
}

// BenchmarkDiffAndRender is the worst case: every one of 1,000 functions changes. Target:
// diff plus both Markdown renderings plus JSON under 30 ms.
func BenchmarkDiffAndRender(b *testing.B) {
	base, head := thousandFunctions(b)
	iam := catalogue(b)
	b.ReportAllocs()
	defer cpuTime(b)()
	for b.Loop() {
		rep := Diff(base, head, iam)
		_ = Markdown(rep, Options{})
		_ = Markdown(rep, Options{Budget: SummaryBudget})
		if _, err := JSON(rep, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime reports the process's CPU time per op beside ns/op: on a shared machine wall
// time also counts other processes' turns.
func cpuTime(b *testing.B) func() {
	start := rusage(b)
	return func() {
		b.ReportMetric(float64(rusage(b)-start)/float64(b.N), "cpu-ns/op")
	}
}

func rusage(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkDiffAndRenderTypical is the usual PR: ten of 1,000 functions change.
func BenchmarkDiffAndRenderTypical(b *testing.B) {
	var bf, hf []linker.Function
	for i := range 1000 {
		name := fmt.Sprintf("svc%04d", i)
		bf = append(bf, withEnv(fn(b, name, tableLink("todos"), bucketLink("uploads"), queueLink("jobs")), "MODE", "blue"))
		links := []link{tableLink("todos"), bucketLink("uploads"), queueLink("jobs")}
		if i%100 == 0 {
			links = append(links, queueLink("audit"))
		}
		hf = append(hf, withEnv(fn(b, name, links...), "MODE", "blue"))
	}
	base, head := result(b, bf...), result(b, hf...)
	iam := catalogue(b)
	b.ReportAllocs()
	defer cpuTime(b)()
	for b.Loop() {
		rep := Diff(base, head, iam)
		_ = Markdown(rep, Options{})
		_ = Markdown(rep, Options{Budget: SummaryBudget})
		if _, err := JSON(rep, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	base, head := thousandFunctions(b)
	iam := catalogue(b)
	b.ReportAllocs()
	defer cpuTime(b)()
	for b.Loop() {
		_ = Diff(base, head, iam)
	}
}

func BenchmarkRender(b *testing.B) {
	base, head := thousandFunctions(b)
	rep := Diff(base, head, catalogue(b))
	s := rep.Summary()
	b.Logf("IAM +%d −%d, env %d, files %d", s.IAMAdded, s.IAMRemoved, len(rep.EnvVars), s.Files)
	b.Run("comment", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			_ = Markdown(rep, Options{})
		}
	})
	b.Run("summary", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			_ = Markdown(rep, Options{Budget: SummaryBudget})
		}
	})
	b.Run("json", func(b *testing.B) {
		defer cpuTime(b)()
		for b.Loop() {
			if _, err := JSON(rep, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
