package gen

import (
	"bytes"
	"path/filepath"
	"runtime"
	"testing"

	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// TestConformanceChunks: the conformance file formatted in chunks of
// one case each is the file formatted whole, on every testdata spec; and
// the chunks are really joined, not formatted whole again.
func TestConformanceChunks(t *testing.T) {
	specs, _ := filepath.Glob("../testdata/*/openapi.*")
	defer func(n int) { conformanceChunk, onWholeConformance, directCalls = n, nil, true }(conformanceChunk)
	// The chunks are the path when the calls are not laid out directly.
	directCalls = false
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // chunks need two processors
	wholes := 0
	onWholeConformance = func() { wholes++ }
	checked := 0
	for _, spec := range specs {
		api, diags := sdkparser.Parse(spec, sdkparser.Config{})
		if diags.HasErrors() || api == nil {
			continue
		}
		emit := func(chunk int) []byte {
			conformanceChunk = chunk
			g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk", Conformance: true}, "example.com/sdk/internal/core")
			out, err := g.emitConformance(&stringTable{name: "conformanceResponses"})
			if err != nil {
				t.Fatalf("%s: %v", spec, err)
			}
			return out
		}
		before := wholes
		want := emit(1 << 30)
		if wholes != before+1 {
			t.Fatalf("%s: a file of fewer cases than a chunk was not formatted whole", spec)
		}
		got := emit(1)
		if wholes > before+1 {
			continue // its imports would not join: formatted whole, as checked above
		}
		checked++
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the conformance file in chunks differs from the file whole:\n%s", spec, firstDiff(got, want))
		}
	}
	if checked < len(specs)*3/4 {
		t.Errorf("only %d of %d specs' conformance files were joined from chunks", checked, len(specs))
	}
}
