package parser_test

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

const moovSpec = "../../shared/specs/moov/openapi.yaml"

func needMoov(b *testing.B) {
	if _, err := os.Stat(moovSpec); err != nil {
		b.Skipf("skipping: %s is absent", moovSpec)
	}
}

// BenchmarkGenerateMoov times the whole pipeline on Moov's API: parse,
// build the model, name everything, and render every file gofmt-formatted
// in memory (what `sdkgen generate` does before writing).
func BenchmarkGenerateMoov(b *testing.B) {
	needMoov(b)
	b.ReportAllocs()
	for b.Loop() {
		api, diags := parser.Parse(moovSpec, parser.Config{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		if _, err := gen.Generate(api, gen.Config{Package: "moov", Module: "example.com/moov", GoMod: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLibopenapiMoov is the baseline: libopenapi alone reading the
// file, building its model and walking every schema once (the least any
// generator on libopenapi must do).
func BenchmarkLibopenapiMoov(b *testing.B) {
	needMoov(b)
	b.ReportAllocs()
	for b.Loop() {
		data, err := os.ReadFile(moovSpec)
		if err != nil {
			b.Fatal(err)
		}
		abs, _ := filepath.Abs(moovSpec)
		cfg := datamodel.NewDocumentConfiguration()
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		cfg.BasePath = filepath.Dir(abs)
		cfg.SpecFilePath = filepath.Base(abs)
		cfg.TransformSiblingRefs = false
		doc, err := libopenapi.NewDocumentWithConfiguration(data, cfg)
		if err != nil {
			b.Fatal(err)
		}
		m, err := doc.BuildV3Model()
		if err != nil {
			b.Fatal(err)
		}
		seen := map[*yaml.Node]bool{}
		var walk func(sp *base.SchemaProxy)
		walk = func(sp *base.SchemaProxy) {
			if sp == nil {
				return
			}
			if low := sp.GoLow(); low != nil {
				n := low.GetValueNode()
				if seen[n] {
					return
				}
				seen[n] = true
			}
			s := sp.Schema()
			if s == nil {
				return
			}
			for _, c := range [][]*base.SchemaProxy{s.AllOf, s.OneOf, s.AnyOf, s.PrefixItems} {
				for _, x := range c {
					walk(x)
				}
			}
			for _, p := range s.Properties.FromOldest() {
				walk(p)
			}
			if s.Items != nil && s.Items.IsA() {
				walk(s.Items.A)
			}
			if s.AdditionalProperties != nil && s.AdditionalProperties.IsA() {
				walk(s.AdditionalProperties.A)
			}
		}
		for _, sp := range m.Model.Components.Schemas.FromOldest() {
			walk(sp)
		}
		for _, item := range m.Model.Paths.PathItems.FromOldest() {
			for _, op := range item.GetOperations().FromOldest() {
				for _, p := range op.Parameters {
					walk(p.Schema)
				}
				if op.RequestBody != nil {
					for _, mt := range op.RequestBody.Content.FromOldest() {
						walk(mt.Schema)
					}
				}
				if op.Responses != nil {
					for _, r := range op.Responses.Codes.FromOldest() {
						for _, mt := range r.Content.FromOldest() {
							walk(mt.Schema)
						}
					}
				}
			}
		}
	}
}
