// Package bench measures sdkgen's generation speed against a floor: the
// least any generator built on libopenapi must do for the same spec.
//
//	BenchmarkGenerate/<spec>  sdkgen's whole pipeline in memory, as
//	                          `sdkgen generate` runs it before writing:
//	                          parse, name, render and format every file,
//	                          conformance test, examples and docs included
//	BenchmarkFloor/<spec>     libopenapi reads the file, builds its v3 model
//	                          and walks every schema once
//	BenchmarkParse/<spec>     BenchmarkGenerate's first half: read the spec
//	                          and build sdkgen's model
//	BenchmarkBuild/<spec>     its second half: render and format every file
//	                          from a model built once
//
// Both report allocations and peak-heap-MB, the most heap in use at any
// moment of the run. The specs are the big ones kept outside the
// repository; a benchmark whose spec is absent skips. There are no tests
// here: only -bench runs anything, so `go test ./...` stays fast.
//
// go run ./bench/cmd/benchtable runs both interleaved and prints a table.
package bench

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/internal/pipeline"
)

// specs are the benchmarked documents, by the name the sub-benchmarks
// carry.
var specs = []struct{ name, path string }{
	{"moov", "../../shared/specs/moov/openapi.yaml"},
	{"github", "../../shared/specs/bench/github.json"},
	{"stripe-json", "../../shared/specs/bench/stripe.json"},
	{"stripe-yaml", "../../shared/specs/bench/stripe-2023.yaml"},
}

// eachSpec runs fn as a sub-benchmark per spec, skipping absent files.
func eachSpec(b *testing.B, fn func(b *testing.B, path string)) {
	for _, s := range specs {
		b.Run(s.name, func(b *testing.B) {
			abs, err := filepath.Abs(s.path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := os.Stat(abs); err != nil {
				b.Skipf("skipping: %s is absent", s.path)
			}
			b.ReportAllocs()
			peak := samplePeak()
			fn(b, abs)
			b.ReportMetric(peak()/(1<<20), "peak-heap-MB")
		})
	}
}

// BenchmarkGenerate times what `sdkgen generate` does for a fresh module
// folder before it writes: pipeline.Run with the CLI's defaults.
func BenchmarkGenerate(b *testing.B) {
	eachSpec(b, func(b *testing.B, path string) {
		for b.Loop() {
			res, err := pipeline.Run(pipeline.Request{Spec: path, ImportPath: "example.com/sdk", ModuleRoot: true})
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Files) == 0 {
				b.Fatal("no files generated")
			}
		}
	})
}

// BenchmarkFloor is libopenapi alone reading the file, building its model
// and walking every schema once.
func BenchmarkFloor(b *testing.B) {
	eachSpec(b, func(b *testing.B, path string) {
		for b.Loop() {
			if n := floor(b, path); n == 0 {
				b.Fatal("no schemas walked")
			}
		}
	})
}

// floor reads the spec with libopenapi, configured as sdkgen's parser
// configures it, builds the v3 model and visits every schema reachable
// from the components and the operations once; it returns how many.
func floor(b *testing.B, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.BasePath = filepath.Dir(path)
	cfg.SpecFilePath = filepath.Base(path)
	cfg.TransformSiblingRefs = false
	doc, err := libopenapi.NewDocumentWithConfiguration(data, cfg)
	if err != nil {
		b.Fatal(err)
	}
	// Circular references come back as errors along with the model;
	// sdkgen warns about them and carries on, and so does the floor.
	m, err := doc.BuildV3Model()
	if m == nil {
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
	return len(seen)
}

// heapMetrics add up to the heap's in-use bytes (runtime.MemStats'
// HeapInuse): live and not yet swept objects, and the free space inside
// the spans that hold them. Reading them does not stop the world, unlike
// runtime.ReadMemStats.
var heapMetrics = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"}

// samplePeak starts from a collected heap and samples its in-use bytes
// every millisecond until the returned function is called, which stops
// the sampling and returns the highest value seen.
func samplePeak() func() float64 {
	runtime.GC()
	samples := make([]metrics.Sample, len(heapMetrics))
	for i, name := range heapMetrics {
		samples[i].Name = name
	}
	read := func() uint64 {
		metrics.Read(samples)
		var n uint64
		for _, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				n += s.Value.Uint64()
			}
		}
		return n
	}
	var (
		wg   sync.WaitGroup
		peak = read()
		done = make(chan struct{})
	)
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				peak = max(peak, read())
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(max(peak, read()))
	}
}
