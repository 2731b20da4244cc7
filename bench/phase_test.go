package bench

import (
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/pipeline"
)

// BenchmarkParse is the first half of BenchmarkGenerate: reading the spec
// and building sdkgen's model.
func BenchmarkParse(b *testing.B) {
	eachSpec(b, func(b *testing.B, path string) {
		for b.Loop() {
			if _, err := pipeline.Parse(pipeline.Request{Spec: path}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBuild is the second half: rendering every file of the SDK from
// a model built once.
func BenchmarkBuild(b *testing.B) {
	eachSpec(b, func(b *testing.B, path string) {
		res, err := pipeline.Parse(pipeline.Request{Spec: path})
		if err != nil {
			b.Fatal(err)
		}
		cfg := gen.Config{Package: "sdk", Module: "example.com/sdk", GoMod: true, Conformance: true, Examples: true, Docs: true}
		b.ResetTimer()
		for b.Loop() {
			if _, err := gen.Build(res.API, cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
}
