// Package floor is the least any generator built on libopenapi must do
// for a spec: read it, build libopenapi's v3 model and visit every schema
// once. sdkgen's benchmarks measure generation against it, in process
// (the bench package) and as a process of its own (cmd/floor).
package floor

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/parser"
)

// Walk reads the spec with libopenapi, configured as sdkgen's parser
// configures it, builds the v3 model and visits every schema reachable
// from the components and the operations once; it returns how many.
func Walk(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, err
	}
	cfg := parser.DocumentConfig(abs, slog.New(slog.NewTextHandler(io.Discard, nil)))
	doc, err := libopenapi.NewDocumentWithConfiguration(data, cfg)
	if err != nil {
		return 0, err
	}
	// Circular references come back as errors along with the model;
	// sdkgen warns about them and carries on, and so does the floor.
	m, err := doc.BuildV3Model()
	if m == nil {
		return 0, err
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
	if m.Model.Components != nil {
		for _, sp := range m.Model.Components.Schemas.FromOldest() {
			walk(sp)
		}
	}
	if m.Model.Paths != nil {
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
	return len(seen), nil
}
