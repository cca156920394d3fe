package pr

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// The fixtures build linker.Results the way the linker resolves Stelvio's default links
// (linking.md §3.1): same env var names, symbols, statement order and stlv_resources.py.

// link is one entry of a function's links=[...].
type link struct {
	name  string
	props []string // property names; values are ${name.prop-suffix} symbols
	attrs []string // the symbol attribute of each property
	perms []linker.LinkStatement
}

func tableLink(name string) link {
	arn := "${" + name + ".arn}"
	return link{name: name, props: []string{"table_arn", "table_name"}, attrs: []string{"arn", "name"},
		perms: []linker.LinkStatement{
			{Effect: "Allow", Actions: []string{"dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}, Resources: []string{arn}},
			{Effect: "Allow", Actions: []string{"dynamodb:Query", "dynamodb:Scan"}, Resources: []string{arn + "/index/*"}},
		}}
}

func bucketLink(name string) link {
	arn := "${" + name + ".arn}"
	return link{name: name, props: []string{"bucket_arn", "bucket_name"}, attrs: []string{"arn", "name"},
		perms: []linker.LinkStatement{
			{Effect: "Allow", Actions: []string{"s3:ListBucket"}, Resources: []string{arn}},
			{Effect: "Allow", Actions: []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, Resources: []string{arn + "/*"}},
		}}
}

func queueLink(name string) link {
	arn := "${" + name + ".arn}"
	return link{name: name, props: []string{"queue_url", "queue_arn", "queue_name"}, attrs: []string{"url", "arn", "name"},
		perms: []linker.LinkStatement{{Effect: "Allow", Actions: []string{"sqs:SendMessage", "sqs:GetQueueAttributes"}, Resources: []string{arn}}}}
}

// withPermissions is link.with_permissions(...): same properties, the given statements.
func (l link) withPermissions(perms ...linker.LinkStatement) link {
	l.perms = perms
	return l
}

func allow(resource string, actions ...string) linker.LinkStatement {
	return linker.LinkStatement{Effect: "Allow", Actions: actions, Resources: []string{resource}}
}

// fn is a function in folder "functions" with the env and statements its links give.
func fn(t testing.TB, name string, links ...link) linker.Function {
	t.Helper()
	f := linker.Function{Name: "todo-api-prod-" + name, Handler: "functions/" + name + ".handler",
		LambdaHandler: name + ".handler", Folder: "functions", DefinedAt: "stlv_app.py:20",
		Links: []string{}, Env: []linker.EnvVar{}, Statements: []linker.LinkStatement{},
		ManagedPolicies: []string{linker.BasicExecutionPolicy}}
	for _, l := range links {
		f.Links = append(f.Links, l.name)
		for i, p := range l.props {
			env, err := linker.EnvVarName(l.name, p)
			if err != nil {
				t.Fatalf("env var name: %v", err)
			}
			f.Env = append(f.Env, linker.EnvVar{Name: env, Value: "${" + l.name + "." + l.attrs[i] + "}", Link: l.name, Source: "link"})
		}
		for _, s := range l.perms {
			s.Link = l.name
			s.Actions = slices.Clone(s.Actions)
			s.Resources = slices.Clone(s.Resources)
			f.Statements = append(f.Statements, s)
		}
	}
	return f
}

// withEnv adds environment={name: value} with a literal value.
func withEnv(f linker.Function, name, value string) linker.Function {
	f.Env = append(slices.Clone(f.Env), linker.EnvVar{Name: name, Value: value, Source: "environment", Literal: true})
	return f
}

// result is the app with its functions sorted and the stlv_resources.py each folder gets.
func result(t testing.TB, fns ...linker.Function) *linker.Result {
	t.Helper()
	r := &linker.Result{App: "todo-api", Env: "prod", StelvioVersion: "0.9.0b5", Functions: fns,
		Files: []linker.File{}, Unresolved: []linker.Unresolved{}}
	sort.Slice(r.Functions, func(i, j int) bool { return r.Functions[i].Name < r.Functions[j].Name })
	folders := map[string][]linker.LinkProps{}
	var order []string
	for _, f := range fns {
		if _, ok := folders[f.Folder]; !ok {
			order = append(order, f.Folder)
			folders[f.Folder] = nil
		}
		for _, name := range f.Links {
			props := propsOf(f, name)
			i := slices.IndexFunc(folders[f.Folder], func(lp linker.LinkProps) bool { return lp.Link == name })
			if i >= 0 {
				folders[f.Folder][i].Props = props
			} else {
				folders[f.Folder] = append(folders[f.Folder], linker.LinkProps{Link: name, Props: props})
			}
		}
	}
	for _, folder := range order {
		p := path.Join(folder, linker.ResourcesFileName)
		content, ok, err := linker.ResourcesFile(folders[folder], false, linker.CodegenV3)
		if err != nil {
			t.Fatalf("codegen: %v", err)
		}
		if !ok {
			r.Files = append(r.Files, linker.File{Path: p, Action: "delete"})
			continue
		}
		sum := sha256.Sum256([]byte(content))
		r.Files = append(r.Files, linker.File{Path: p, Action: "write", SHA256: hex.EncodeToString(sum[:]), Content: content})
	}
	sort.Slice(r.Files, func(i, j int) bool { return r.Files[i].Path < r.Files[j].Path })
	return r
}

// propsOf recovers a link's property names from the function's env vars.
func propsOf(f linker.Function, linkName string) []string {
	var props []string
	for _, e := range f.Env {
		if e.Link == linkName && e.Source == "link" {
			// STLV_<LINK>_<PROP>: the property is what follows the link prefix.
			prefix, _ := linker.EnvVarPrefix(linkName)
			props = append(props, lower(strings.TrimPrefix(e.Name[len(prefix):], "_")))
		}
	}
	return props
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
