package linker

import (
	"encoding/json"
	"math/rand"
	"testing"
)

// referencePolicyDocument is the document as encoding/json lays it out from the provider's
// model; PolicyDocument writes the same bytes by hand.
func referencePolicyDocument(statements []Statement) string {
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
	out, _ := json.MarshalIndent(doc, "", "  ")
	return string(out)
}

func TestPolicyDocumentMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"s3:GetObject", "dynamodb:*", "*", "${t.arn}/index/*", "&{aws:username}", "a<b>&c", "\u2028", "é", "x\"y\\z", "\n\t", "\xff"}
	pick := func() []string {
		n := rng.Intn(4)
		out := make([]string, n)
		for i := range out {
			out[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return out
	}
	for i := 0; i < 5000; i++ {
		stmts := make([]Statement, 1+rng.Intn(4))
		for j := range stmts {
			stmts[j] = Statement{Actions: pick(), Resources: pick()}
		}
		got, err := PolicyDocument(stmts)
		if err != nil {
			t.Fatal(err)
		}
		if want := referencePolicyDocument(stmts); got != want {
			t.Fatalf("statements %q:\n got %s\nwant %s", stmts, got, want)
		}
	}
}
