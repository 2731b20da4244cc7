package gen

import (
	"bytes"
	"testing"

	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// TestCallParts: the conformance file with its calls laid out directly is
// the file jennifer, go/format and wrapLong write, on every testdata spec
// and, where the shared specs are at hand, on the corpus, Swagger 2.0 and
// big specs; and the calls really are laid out directly.
func TestCallParts(t *testing.T) {
	specs := testSpecs(t, "corpus/*", "swagger2/*", "bench/*", "moov/*.yaml")
	if testing.Short() {
		specs = specs[:min(len(specs), 20)]
	}
	direct := 0
	for _, spec := range specs {
		api, diags := sdkparser.Parse(spec, sdkparser.Config{})
		if diags.HasErrors() || api == nil {
			continue
		}
		g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk", Conformance: true}, "example.com/sdk/internal/core")
		emit := func() []byte {
			out, err := g.emitConformance(&stringTable{name: "conformanceResponses"})
			if err != nil {
				t.Fatalf("%s: %v", spec, err)
			}
			return out
		}
		got := emit()
		var cases []confCase
		for _, s := range api.Services {
			for _, o := range s.Operations {
				for _, v := range g.op(o).methods {
					resp := g.caseResponse(o, v, &stringTable{name: "r"})
					cases = append(cases, g.conformanceCase(s, o, v, resp, true))
				}
			}
		}
		if _, ok, _ := g.callParts(g.newFile(), cases); ok {
			direct++
		}
		directCalls = false
		want := emit()
		directCalls = true
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the calls laid out directly differ from jennifer's layout:\n%s", spec, firstDiff(got, want))
		}
	}
	if direct < len(specs)*3/4 {
		t.Errorf("only %d of %d specs' calls were laid out directly", direct, len(specs))
	}
}
