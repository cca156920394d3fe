package linker

import (
	"fmt"
	"testing"
)

// benchApp is a 1,000-function app where every function links three
// components (a table, a queue and a camel-case function), as in issue 3's
// benchmark target.
func benchApp() [][]LinkProps {
	fns := make([][]LinkProps, 1000)
	for i := range fns {
		fns[i] = []LinkProps{
			{Link: fmt.Sprintf("orders-table-%d", i%50), Props: []string{"table_arn", "table_name"}},
			{Link: fmt.Sprintf("jobs.fifo%d", i%20), Props: []string{"queue_url", "queue_arn", "queue_name"}},
			{Link: fmt.Sprintf("processOrderAPI%d", i), Props: []string{"function_arn", "function_name"}},
		}
	}
	return fns
}

// BenchmarkLinkNamesAndCodegen1000x3 computes, per op, every env var name, class
// and attribute name and the stlv_resources.py content of 1,000 functions with
// three links each.
func BenchmarkLinkNamesAndCodegen1000x3(b *testing.B) {
	fns := benchApp()
	b.ReportAllocs()
	for b.Loop() {
		for i, links := range fns {
			for _, l := range links {
				for _, p := range l.Props {
					if _, err := EnvVarName(l.Link, p); err != nil {
						b.Fatal(err)
					}
				}
			}
			if _, ok, err := ResourcesFile(links, i%3 == 0, CodegenV3); err != nil || !ok {
				b.Fatal(ok, err)
			}
		}
	}
}

func BenchmarkClassName(b *testing.B) {
	for b.Loop() {
		if _, err := ClassName("getHTTPResponseCode-v2.fifo", CodegenV3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassNameUnicode(b *testing.B) {
	for b.Loop() {
		if _, err := ClassName("Straße-ΣΑΣ_İstanbul", CodegenV3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnvVarName(b *testing.B) {
	for b.Loop() {
		if _, err := EnvVarName("user-table", "table_arn"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPolicyDocument(b *testing.B) {
	arn := "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
	stmts := []Statement{
		{Actions: []string{"dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}, Resources: []string{arn}},
		{Actions: []string{"dynamodb:Query", "dynamodb:Scan"}, Resources: []string{arn + "/index/*"}},
		{Actions: []string{"sqs:SendMessage", "sqs:GetQueueAttributes"}, Resources: []string{"arn:aws:sqs:us-east-1:123456789012:jobs"}},
	}
	for b.Loop() {
		if _, err := PolicyDocument(stmts); err != nil {
			b.Fatal(err)
		}
	}
}
