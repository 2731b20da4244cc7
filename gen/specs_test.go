package gen

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedSpecs is where the shared real specs are, when they are at hand.
const sharedSpecs = "../../shared/specs"

// testSpecs returns the testdata specs and, when the shared specs are at
// hand, those of theirs that the patterns (relative to sharedSpecs)
// match; it logs when they are absent.
func testSpecs(t *testing.T, patterns ...string) []string {
	t.Helper()
	specs, _ := filepath.Glob("../testdata/*/openapi.*")
	if _, err := os.Stat(sharedSpecs); err != nil {
		t.Logf("%s is absent: checking the testdata specs only", sharedSpecs)
		return specs
	}
	for _, pat := range patterns {
		more, _ := filepath.Glob(filepath.Join(sharedSpecs, pat))
		specs = append(specs, more...)
	}
	return specs
}
