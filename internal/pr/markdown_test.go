package pr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// hostile are names and values that would break a table, open HTML, end the marker or
// mention someone if they were written as they are.
var hostile = []string{
	"a|b",
	"tick`s``and```more",
	"`edge`",
	"line\nbreak\r\nand\rcr",
	"<script>alert(1)</script>",
	"</details><img src=x onerror=alert(1)>",
	"--> <!-- x",
	"@octocat **bold** [link](http://x) _em_",
	"\\|escaped\\",
	"  spaced  ",
}

func TestCellsSurviveHostileText(t *testing.T) {
	var fns []linker.Function
	for i, h := range hostile {
		f := fn(t, fmt.Sprintf("f%d", i), link{name: "l" + fmt.Sprint(i), perms: []linker.LinkStatement{allow(h, "s3:GetObject")}})
		f.Name = h
		f.Env = append(f.Env, linker.EnvVar{Name: h, Value: "${" + h + "}", Link: h, Source: "link"})
		fns = append(fns, f)
	}
	head := result(t, fns...)
	head.Unresolved = []linker.Unresolved{{File: "stlv_app.py", Line: 3, Message: hostile[5] + hostile[3]}}
	rep := Diff(result(t), head, catalogue(t))
	md := Markdown(rep, Options{AppName: "app-->x", Env: "<b>"})
	tables, htmlOut := checkMarkdown(t, md)

	// Tables: broadened, IAM, managed policies, env; one row per hostile function in each.
	if len(tables) != 4 {
		t.Fatalf("found %d tables, want 4:\n%s", len(tables), md)
	}
	for i, tb := range tables {
		if len(tb.rows) != len(hostile) {
			t.Errorf("table %d (%q) has %d rows, want %d", i, tb.header, len(tb.rows), len(hostile))
		}
	}
	env := tables[3]
	for _, row := range env.rows {
		name, variable, value, via := row[1], row[2], row[3], row[4]
		want := oneLine(name)
		if variable != want || via != want || value != "${"+want+"}" {
			t.Errorf("env row %q: cells do not read as written (want %q)", row, want)
		}
	}
	for _, bad := range []string{"<script", "<img", "<b>", "<a "} {
		if strings.Contains(htmlOut, bad) {
			t.Errorf("rendered HTML holds %q", bad)
		}
	}
	if !strings.HasPrefix(md, "<!-- stelvio-action:app--%3Ex:%3Cb%3E -->\n") {
		t.Errorf("marker: %.60q", md)
	}
}

func TestMarker(t *testing.T) {
	tests := map[[2]string]string{
		{"todo-api", "prod"}:        "<!-- stelvio-action:todo-api:prod -->",
		{"my app", "dev.1_x"}:       "<!-- stelvio-action:my%20app:dev.1_x -->",
		{"a:b", "c-->"}:             "<!-- stelvio-action:a%3Ab:c--%3E -->",
		{"ümlaut", ""}:              "<!-- stelvio-action:%C3%BCmlaut: -->",
		{"x%41", "percent is kept"}: "<!-- stelvio-action:x%2541:percent%20is%20kept -->",
	}
	for in, want := range tests {
		if got := Marker(in[0], in[1]); got != want {
			t.Errorf("Marker(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

// bigChange is a change to n functions: each loses a statement, gains an env var and has
// a literal changed; every tenth gains a grant the base did not give. It returns the
// report and how many broadened tuples it holds.
func bigChange(t testing.TB, n int) (*Report, int) {
	var base, head []linker.Function
	broadened := 0
	for i := range n {
		name := fmt.Sprintf("svc%04d", i)
		b := withEnv(fn(t, name, tableLink("todos"), bucketLink("uploads")), "MODE", "blue")
		base = append(base, b)
		narrowed := bucketLink("uploads").withPermissions(allow("${uploads.arn}/*", "s3:GetObject"))
		links := []link{tableLink("todos"), narrowed}
		if i%10 == 0 {
			links = append(links, link{name: "audit", perms: []linker.LinkStatement{allow("${audit.arn}", "sqs:SendMessage")}})
			broadened++
		}
		h := withEnv(fn(t, name, links...), "MODE", "green")
		h.Env = append(h.Env, linker.EnvVar{Name: "STLV_EXTRA", Value: "${extra.name}", Link: "extra", Source: "link"})
		head = append(head, h)
	}
	return Diff(result(t, base...), result(t, head...), catalogue(t)), broadened
}

func TestHugeChangeFitsTheCommentBudget(t *testing.T) {
	rep, broadened := bigChange(t, 2000)
	md := Markdown(rep, Options{BaseSHA: baseSHA, HeadSHA: headSHA})
	if len(md) > CommentBudget {
		t.Fatalf("comment is %d bytes, budget %d", len(md), CommentBudget)
	}
	tables, _ := checkMarkdown(t, md)
	if !strings.Contains(md, "**"+summaryLine(rep.Summary())+"**") {
		t.Error("the summary line is missing")
	}
	if !strings.Contains(md, "> **Permissions broadened:** 200 grants") {
		t.Error("the warning block is missing")
	}
	if len(tables) == 0 || tables[0].header[len(tables[0].header)-1] != "Why" {
		t.Fatal("the broadened table is not first")
	}
	if got := len(tables[0].rows); got != broadened {
		t.Errorf("the broadened table has %d rows, want all %d", got, broadened)
	}
	if !strings.Contains(md, "more IAM rows (") || !strings.Contains(md, "env rows not shown") && !strings.Contains(md, "more env rows") {
		t.Errorf("cut sections do not say how much is missing")
	}
	if !strings.HasSuffix(md, "· stelvio-action</sub>\n") {
		t.Error("the footer is missing")
	}
}

func TestHugeChangeFitsTheSummaryBudget(t *testing.T) {
	rep, _ := bigChange(t, 2000)
	md := Markdown(rep, Options{Budget: SummaryBudget})
	if len(md) > SummaryBudget {
		t.Fatalf("summary is %d bytes, budget %d", len(md), SummaryBudget)
	}
	if strings.Contains(md, "…and") || strings.Contains(md, "not shown") {
		t.Fatal("the job summary cut rows that fit in 1 MiB")
	}
	tables, _ := checkMarkdown(t, md)
	groups := len(groupIAM(rep.IAM))
	if len(tables) != 3 || len(tables[1].rows) != groups || len(tables[2].rows) != len(rep.EnvVars) {
		t.Errorf("tables: %d; IAM rows %d of %d; env rows %d of %d", len(tables), len(tables[1].rows), groups, len(tables[2].rows), len(rep.EnvVars))
	}
}

// TestEveryBudgetHolds renders one report at many budgets: the output never exceeds the
// budget once the summary fits, its tables stay whole, and the cuts add up.
func TestEveryBudgetHolds(t *testing.T) {
	rep, _ := bigChange(t, 60)
	full := Markdown(rep, Options{Budget: SummaryBudget})
	for budget := 1200; budget < len(full)+200; budget += 97 {
		md := Markdown(rep, Options{Budget: budget})
		if len(md) > budget {
			t.Fatalf("budget %d: %d bytes", budget, len(md))
		}
		tables, _ := checkMarkdown(t, md)
		for _, tb := range tables {
			if len(tb.rows) == 0 {
				t.Errorf("budget %d: a table with no rows", budget)
			}
		}
		if !strings.Contains(md, summaryLine(rep.Summary())) {
			t.Fatalf("budget %d: no summary", budget)
		}
	}
}

func TestTinyBudgetKeepsSummaryAndWarnings(t *testing.T) {
	rep, _ := bigChange(t, 50)
	md := Markdown(rep, Options{Budget: 1})
	for _, want := range []string{"<!-- stelvio-action:", summaryLine(rep.Summary()), "[!WARNING]", "</sub>"} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestGroupsConsecutiveActions(t *testing.T) {
	base := result(t, fn(t, "list"))
	head := result(t, fn(t, "list", link{name: "t", perms: []linker.LinkStatement{
		allow("${t.arn}", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:DeleteItem"),
	}}))
	groups := groupIAM(Diff(base, head, catalogue(t)).IAM)
	var got []string
	for _, g := range groups {
		got = append(got, strings.Join(g.actions, ","))
	}
	// GetItem (Read) splits the Write run: only consecutive actions with equal cells merge.
	want := []string{"dynamodb:PutItem,dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:DeleteItem"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("groups %q, want %q", got, want)
	}
}
