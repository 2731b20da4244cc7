package floor

import "testing"

// TestWalk: the floor visits each schema of the seed spec once, however
// many times the spec refers to it.
func TestWalk(t *testing.T) {
	n, err := Walk("../../../testdata/moov-ticket/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no schemas walked")
	}
	again, err := Walk("../../../testdata/moov-ticket/openapi.yaml")
	if err != nil || again != n {
		t.Fatalf("second walk: %d, %v; first %d", again, err, n)
	}
	if _, err := Walk("no-such-spec.yaml"); err == nil {
		t.Fatal("a missing spec walked without error")
	}
}
