package pr

import (
	"sync"
	"testing"
)

var loadCatalogue = sync.OnceValues(LoadCatalogue)

// catalogue is the real IAM catalogue, decoded once per test binary.
func catalogue(t testing.TB) IAM {
	t.Helper()
	iam, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return iam
}
