package ghsim

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// BenchmarkParseSpec measures what every test binary that uses the simulator pays once.
func BenchmarkParseSpec(b *testing.B) {
	for b.Loop() {
		if _, err := parseSpec(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSubsetIsAValidDescription(t *testing.T) {
	sp, err := parseSpec()
	if err != nil {
		t.Fatal(err)
	}
	// GitHub's own schema examples break their formats here and there ("2012-10-09 23:39:01"
	// for a date-time); they play no part in validating requests.
	if err := sp.doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		t.Fatalf("the extracted description does not validate: %v", err)
	}
	if src, _ := sp.doc.Info.Extensions["x-ghsim-source"].(string); src == "" {
		t.Fatal("the description does not record the package it came from")
	}
}
