package pr

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// iamKeys lists a report's IAM changes as "+fn action resource" strings, sorted.
func iamKeys(r *Report) []string {
	var out []string
	for _, c := range r.IAM {
		s := "+"
		if c.Change == Removed {
			s = "-"
		}
		if c.Broadened {
			s += "!"
		}
		out = append(out, s+strings.TrimPrefix(c.Function, "todo-api-prod-")+" "+c.Action+" "+c.Resource)
	}
	slices.Sort(out)
	return out
}

func TestReorderingIsNoChange(t *testing.T) {
	base := result(t, fn(t, "list", tableLink("todos"), bucketLink("uploads")))
	head := result(t, fn(t, "list", tableLink("todos"), bucketLink("uploads")))
	f := &head.Functions[0]
	slices.Reverse(f.Statements)
	for i := range f.Statements {
		slices.Reverse(f.Statements[i].Actions)
	}
	rep := Diff(base, head, catalogue(t))
	if len(rep.IAM) != 0 {
		t.Errorf("reordered statements gave changes: %v", iamKeys(rep))
	}
}

func TestStatementGivesActionsTimesResources(t *testing.T) {
	base := result(t, fn(t, "list"))
	head := result(t, fn(t, "list", link{name: "x", perms: []linker.LinkStatement{{Effect: "Allow",
		Actions:   []string{"s3:GetObject", "s3:PutObject"},
		Resources: []string{"${a.arn}/*", "${b.arn}/*", "${c.arn}/*"}}}}))
	rep := Diff(base, head, catalogue(t))
	if len(rep.IAM) != 6 {
		t.Fatalf("2 actions × 3 resources gave %d tuples: %v", len(rep.IAM), iamKeys(rep))
	}
	for _, c := range rep.IAM {
		if c.Change != Added || !slices.Equal(c.Links, []string{"x"}) {
			t.Errorf("tuple %+v: want added via x", c)
		}
	}
}

func TestUpdateIsRemovalPlusAddition(t *testing.T) {
	base := result(t, fn(t, "list", link{name: "t", perms: []linker.LinkStatement{allow("${t.arn}", "dynamodb:GetItem")}}))
	head := result(t, fn(t, "list", link{name: "t", perms: []linker.LinkStatement{allow("${t.arn}/index/x", "dynamodb:GetItem")}}))
	got := iamKeys(Diff(base, head, catalogue(t)))
	want := []string{"+!list dynamodb:GetItem ${t.arn}/index/x", "-list dynamodb:GetItem ${t.arn}"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCoverage(t *testing.T) {
	tests := []struct {
		name       string
		base, head []linker.LinkStatement
		broadened  bool
	}{
		{"service wildcard covers an action",
			[]linker.LinkStatement{allow("${t.arn}", "dynamodb:*")},
			[]linker.LinkStatement{allow("${t.arn}", "dynamodb:*"), allow("${t.arn}", "dynamodb:GetItem")}, false},
		{"narrowing a wildcard is not broadening",
			[]linker.LinkStatement{allow("${t.arn}", "dynamodb:*")},
			[]linker.LinkStatement{allow("${t.arn}", "dynamodb:GetItem", "dynamodb:Query")}, false},
		{"prefix wildcard covers its actions",
			[]linker.LinkStatement{allow("${b.arn}/*", "s3:Get*")},
			[]linker.LinkStatement{allow("${b.arn}/*", "s3:GetObject")}, false},
		{"resource wildcard covers a path",
			[]linker.LinkStatement{allow("${t.arn}/*", "dynamodb:Query")},
			[]linker.LinkStatement{allow("${t.arn}/index/by-owner", "dynamodb:Query")}, false},
		{"star resource covers a symbol",
			[]linker.LinkStatement{allow("*", "dynamodb:Query")},
			[]linker.LinkStatement{allow("${t.arn}", "dynamodb:Query")}, false},
		{"an action is not a wildcard",
			[]linker.LinkStatement{allow("${t.arn}", "dynamodb:GetItem")},
			[]linker.LinkStatement{allow("${t.arn}", "dynamodb:*")}, true},
		{"a path does not cover its wildcard",
			[]linker.LinkStatement{allow("${t.arn}/index/x", "dynamodb:Query")},
			[]linker.LinkStatement{allow("${t.arn}/index/*", "dynamodb:Query")}, true},
		{"symbols are opaque",
			[]linker.LinkStatement{allow("${todos.arn}", "dynamodb:Query")},
			[]linker.LinkStatement{allow("${tasks.arn}", "dynamodb:Query")}, true},
		{"another service is not covered",
			[]linker.LinkStatement{allow("*", "dynamodb:*")},
			[]linker.LinkStatement{allow("*", "s3:GetObject")}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := result(t, fn(t, "list", link{name: "t", perms: tc.base}))
			head := result(t, fn(t, "list", link{name: "t", perms: tc.head}))
			rep := Diff(base, head, catalogue(t))
			got := rep.Summary().Broadened > 0
			if got != tc.broadened {
				t.Errorf("broadened = %v, want %v: %v", got, tc.broadened, iamKeys(rep))
			}
		})
	}
}

func TestWildcardReason(t *testing.T) {
	base := result(t, fn(t, "list", link{name: "t", perms: []linker.LinkStatement{allow("${t.arn}", "dynamodb:GetItem")}}))
	head := result(t, fn(t, "list", link{name: "t", perms: []linker.LinkStatement{allow("${t.arn}", "dynamodb:*")}}))
	rep := Diff(base, head, catalogue(t))
	for _, c := range rep.IAM {
		if c.Change == Added && !slices.Equal(c.Reasons, []string{ReasonNotGranted, ReasonWildcard}) {
			t.Errorf("reasons %q", c.Reasons)
		}
	}
}

func TestRemovedDenyBroadens(t *testing.T) {
	deny := linker.LinkStatement{Effect: "Deny", Actions: []string{"s3:DeleteObject"}, Resources: []string{"*"}}
	base := result(t, fn(t, "list", link{name: "guard", perms: []linker.LinkStatement{deny}}))
	head := result(t, fn(t, "list"))
	rep := Diff(base, head, catalogue(t))
	if len(rep.IAM) != 1 || !rep.IAM[0].Broadened || rep.IAM[0].Reasons[0] != ReasonRemovedDeny {
		t.Fatalf("removed Deny: %+v", rep.IAM)
	}
	// Adding a Deny narrows: it is a change, never a broadening.
	rep = Diff(head, base, catalogue(t))
	if len(rep.IAM) != 1 || rep.IAM[0].Broadened {
		t.Fatalf("added Deny: %+v", rep.IAM)
	}
	md := Markdown(rep, Options{})
	if !strings.Contains(md, "**Deny** `s3:DeleteObject`") {
		t.Errorf("a Deny row does not say so:\n%s", md)
	}
}

func TestNewSensitiveLinkBroadensEvenWhenCovered(t *testing.T) {
	wide := link{name: "all-secrets", perms: []linker.LinkStatement{allow("*", "secretsmanager:GetSecretValue")}}
	one := link{name: "db-secret", perms: []linker.LinkStatement{allow("${db-secret.arn}", "secretsmanager:GetSecretValue")}}
	base := result(t, fn(t, "list", wide))
	head := result(t, fn(t, "list", wide, one))
	rep := Diff(base, head, catalogue(t))
	if len(rep.IAM) != 1 || !rep.IAM[0].Broadened || !slices.Equal(rep.IAM[0].Reasons, []string{ReasonSensitive}) {
		t.Fatalf("new Secrets Manager link under a wider grant: %+v", rep.IAM)
	}
	// The same grant through a link the function already had is covered: no broadening.
	again := link{name: "all-secrets", perms: []linker.LinkStatement{allow("*", "secretsmanager:GetSecretValue"), allow("${db-secret.arn}", "secretsmanager:GetSecretValue")}}
	rep = Diff(base, result(t, fn(t, "list", again)), catalogue(t))
	if len(rep.IAM) != 1 || rep.IAM[0].Broadened {
		t.Fatalf("covered grant through an old link: %+v", rep.IAM)
	}
}

func TestNewFunctionBroadensEveryGrant(t *testing.T) {
	rep := Diff(result(t), result(t, fn(t, "list", queueLink("jobs"))), catalogue(t))
	if !slices.Equal(rep.FunctionsAdded, []string{"todo-api-prod-list"}) {
		t.Errorf("functions added: %q", rep.FunctionsAdded)
	}
	for _, c := range rep.IAM {
		if !c.Broadened || c.Reasons[0] != ReasonNewFunction {
			t.Errorf("%+v: want broadened as a new function's grant", c)
		}
	}
	for _, p := range rep.Policies {
		if p.Broadened {
			t.Errorf("the basic execution policy of a new function counts as broadening: %+v", p)
		}
	}
}

func TestManagedPolicyAddedBroadens(t *testing.T) {
	base := result(t, fn(t, "list"))
	head := result(t, fn(t, "list"))
	head.Functions[0].ManagedPolicies = append(head.Functions[0].ManagedPolicies, "arn:aws:iam::aws:policy/AdministratorAccess")
	rep := Diff(base, head, catalogue(t))
	if len(rep.Policies) != 1 || !rep.Policies[0].Broadened || rep.Summary().Broadened != 1 {
		t.Fatalf("policies: %+v", rep.Policies)
	}
	if rep = Diff(head, base, catalogue(t)); len(rep.Policies) != 1 || rep.Policies[0].Broadened || rep.Policies[0].Change != Removed {
		t.Fatalf("removed policy: %+v", rep.Policies)
	}
}

func TestUnknownActionsAreNotGuessed(t *testing.T) {
	base := result(t, fn(t, "list"))
	head := result(t, fn(t, "list", link{name: "x", perms: []linker.LinkStatement{allow("*", "dynamodb:GetItems", "madeup:*")}}))
	for _, c := range Diff(base, head, catalogue(t)).IAM {
		if c.Access != Unknown {
			t.Errorf("%s: access %q, want %q", c.Action, c.Access, Unknown)
		}
	}
}

func TestUnknownStatementShows(t *testing.T) {
	base := result(t, fn(t, "list"))
	head := result(t, fn(t, "list"))
	head.Functions[0].Links = []string{"?"}
	head.Functions[0].Statements = []linker.LinkStatement{{Effect: "Allow", Actions: []string{}, Resources: []string{}, Link: "?", Unknown: true}}
	head.Functions[0].Unresolved = true
	rep := Diff(base, head, catalogue(t))
	if len(rep.IAM) != 1 || rep.IAM[0].Action != unknownText || !rep.IAM[0].Broadened || !rep.IAM[0].Unknown {
		t.Fatalf("unknown statement: %+v", rep.IAM)
	}
	if !rep.Incomplete {
		t.Error("a head with an unknown link is not marked incomplete")
	}
}

func TestEnvChanges(t *testing.T) {
	base := result(t, withEnv(withEnv(fn(t, "list", tableLink("todos")), "MODE", "a"), "OLD", "x"))
	head := result(t, withEnv(withEnv(fn(t, "list", tableLink("todos")), "MODE", "b"), "NEW", "y"))
	var got []string
	for _, e := range Diff(base, head, catalogue(t)).EnvVars {
		got = append(got, string(e.Change)+" "+e.Name)
	}
	slices.Sort(got)
	want := []string{"added NEW", "changed MODE", "removed OLD"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFileChanges(t *testing.T) {
	file := func(p, action, sha, content string) linker.File {
		return linker.File{Path: p, Action: action, SHA256: sha, Content: content}
	}
	base := &linker.Result{Files: []linker.File{
		file("a/stlv_resources.py", "write", "1", "one"),
		file("b/stlv_resources.py", "write", "2", "two"),
		file("c/stlv_resources.py", "write", "3", "three"),
		file("d/stlv_resources.py", "write", "4", "four"),
		file("e/stlv_resources.py", "unknown", "", ""),
		file("g/stlv_resources.py", "delete", "", ""),
	}}
	head := &linker.Result{Files: []linker.File{
		file("a/stlv_resources.py", "write", "1", "one"),
		file("b/stlv_resources.py", "write", "2b", "two!"),
		file("c/stlv_resources.py", "delete", "", ""),
		{Path: "d/stlv_resources.py", Action: "unknown", Reason: "links= is not known statically"},
		file("e/stlv_resources.py", "unknown", "", ""),
		file("f/stlv_resources.py", "write", "6", "six"),
		file("g/stlv_resources.py", "delete", "", ""),
	}}
	var got []string
	rep := Diff(base, head, catalogue(t))
	for _, f := range rep.Files {
		got = append(got, f.Path[:1]+" "+string(f.Change)+" "+f.BeforeSHA256+">"+f.AfterSHA256+" "+strconv.Itoa(strings.Count(f.Diff, "\n@@"))+" "+f.Reason)
	}
	want := []string{"b changed 2>2b 1 ", "c removed 3> 1 ", "d unknown 4> 0 links= is not known statically", "f added >6 1 "}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	md := Markdown(rep, Options{})
	checkMarkdown(t, md)
	if !strings.Contains(md, "**`d/stlv_resources.py`** · not known statically: links= is not known statically") ||
		!strings.Contains(md, "+two!") {
		t.Errorf("files section:\n%s", md)
	}
}

func TestUnresolvedNewInHead(t *testing.T) {
	base := &linker.Result{Unresolved: []linker.Unresolved{
		{File: "stlv_app.py", Line: 10, Message: "links= is not known statically"},
		{File: "infra/a.py", Line: 3, Message: "dup"},
	}}
	head := &linker.Result{Unresolved: []linker.Unresolved{
		{File: "stlv_app.py", Line: 14, Message: "links= is not known statically"}, // moved down: the same item
		{File: "infra/a.py", Line: 3, Message: "dup"},
		{File: "infra/a.py", Line: 9, Message: "dup"}, // a second one is new
		{File: "infra/b.py", Line: 1, Message: "environment= is not known statically"},
	}}
	got := Diff(base, head, catalogue(t)).Unresolved
	want := []linker.Unresolved{head.Unresolved[2], head.Unresolved[3]}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestMissingSide(t *testing.T) {
	head := result(t, fn(t, "list", tableLink("todos")))
	rep := Diff(nil, head, catalogue(t))
	if rep.App != "todo-api" || rep.Env != "prod" || len(rep.FunctionsAdded) != 1 || len(rep.Files) != 1 || rep.Files[0].Change != Added {
		t.Errorf("new app: %+v", rep)
	}
	rep = Diff(head, nil, catalogue(t))
	if rep.App != "todo-api" || len(rep.FunctionsRemoved) != 1 || rep.Summary().IAMRemoved != 8 || rep.Summary().Broadened != 0 {
		t.Errorf("removed app: %+v", rep.Summary())
	}
}
