package linker

import (
	"encoding/json"
	"errors"
	"fmt"
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
	doc := policyJSON{Version: "2012-10-17", Statement: make([]statementJSON, len(statements))}
	for i, s := range statements {
		st := statementJSON{Effect: "Allow"}
		if len(s.Actions) > 0 {
			st.Action = stringSet(s.Actions, nil)
		}
		if len(s.Resources) > 0 {
			st.Resource = stringSet(s.Resources, expandPolicyVariables)
		}
		doc.Statement[i] = st
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", fmt.Errorf("render policy document: %w", err)
	}
	return string(out), nil
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
