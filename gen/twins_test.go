package gen

import (
	"testing"

	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// TestTwinsIncremental: keying again only the types whose fields name a
// type whose root changed finds the twins that keying every type in
// every round finds, on the testdata specs and, where they are at hand,
// the shared corpus, bench and Swagger 2.0 specs.
func TestTwinsIncremental(t *testing.T) {
	specs := testSpecs(t, "corpus/*", "bench/*", "swagger2/*")
	defer func() { twinsIncremental = true }()
	rounds := 0
	for _, spec := range specs {
		api, diags := sdkparser.Parse(spec, sdkparser.Config{})
		if diags.HasErrors() || api == nil {
			continue
		}
		g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk"}, "example.com/sdk/internal/core")
		twinsIncremental = true
		got := g.twins(g.plan)
		twinsIncremental = false
		want := g.twins(g.plan)
		if len(got) != len(want) {
			t.Errorf("%s: %d twins, want %d", spec, len(got), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s is an alias of %v, want %s", spec, k.GoName, got[k], v.GoName)
			}
		}
		if len(want) > 0 {
			rounds++
		}
	}
	if rounds == 0 {
		t.Error("no spec has twins")
	}
}
