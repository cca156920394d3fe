package linker

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// Statement is one IAM statement built from a link permission. Stelvio emits
// only Allow statements without Sid, principals or conditions.
type Statement struct {
	Actions   []string
	Resources []string
}

// policyJSON and statementJSON mirror the Terraform AWS provider's
// aws_iam_policy_document model, whose json output pulumi-aws returns from
// get_policy_document: key order, omitempty and encoding come from these tags.
type policyJSON struct {
	Version   string          `json:",omitempty"`
	Statement []statementJSON `json:"Statement"`
}

type statementJSON struct {
	Effect   string `json:",omitempty"`
	Action   any    `json:",omitempty"`
	Resource any    `json:",omitempty"`
}

// PolicyDocument renders the policy document Stelvio attaches to a function's
// role, byte for byte as get_policy_document returns it (linking.md §4.4):
// actions and resources are sets (duplicates dropped; one element is a bare
// string, more are sorted in descending byte order), "&{" in resources
// becomes "${", two-space indentation, HTML-escaped, no trailing newline.
func PolicyDocument(statements []Statement) (string, error) {
	if len(statements) == 0 {
		return "", errors.New("no statements: Stelvio creates no policy for such a function")
	}
	// Written by hand in json.MarshalIndent's exact layout: the document has one fixed
	// shape, and the reflective encoder was most of the cost of resolving a large app.
	var b strings.Builder
	b.WriteString("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [")
	for i, s := range statements {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {\n      \"Effect\": \"Allow\"")
		if len(s.Actions) > 0 {
			b.WriteString(",\n      \"Action\": ")
			writeStringSet(&b, stringSet(s.Actions, nil))
		}
		if len(s.Resources) > 0 {
			b.WriteString(",\n      \"Resource\": ")
			writeStringSet(&b, stringSet(s.Resources, expandPolicyVariables))
		}
		b.WriteString("\n    }")
	}
	b.WriteString("\n  ]\n}")
	return b.String(), nil
}

// writeStringSet writes a rendered set at the indentation of a statement's value.
func writeStringSet(b *strings.Builder, set any) {
	switch v := set.(type) {
	case string:
		writeJSONString(b, v)
	case []string:
		b.WriteByte('[')
		for i, s := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n        ")
			writeJSONString(b, s)
		}
		b.WriteString("\n      ]")
	}
}

// writeJSONString writes s as encoding/json does, HTML escaping included; plain ASCII,
// which is nearly every action and ARN, needs no escaping.
func writeJSONString(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			out, _ := json.Marshal(s) // a string always marshals
			b.Write(out)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// expandPolicyVariables turns Terraform's escaped policy variable
// "&{aws:username}" into the IAM form "${aws:username}".
func expandPolicyVariables(s string) string {
	return strings.ReplaceAll(s, "&{", "${")
}

// stringSet renders a Terraform set of strings: deduplicated, then a single
// element as a string, otherwise sorted descending. The provider rewrites
// elements after sorting, so rewriting cannot change the order.
func stringSet(values []string, rewrite func(string) string) any {
	set := slices.Clone(values)
	slices.Sort(set)
	set = slices.Compact(set)
	slices.Reverse(set)
	if rewrite != nil {
		for i, v := range set {
			set[i] = rewrite(v)
		}
	}
	if len(set) == 1 {
		return set[0]
	}
	return set
}
