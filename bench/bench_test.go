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
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/bench/internal/floor"
	"github.com/sdkgen/sdkgen/bench/internal/table"
	"github.com/sdkgen/sdkgen/internal/pipeline"
)

// eachSpec runs fn as a sub-benchmark per spec, skipping absent files.
func eachSpec(b *testing.B, fn func(b *testing.B, path string)) {
	for _, s := range table.Specs {
		b.Run(s.Name, func(b *testing.B) {
			// The test runs in bench/, one folder below the checkout.
			abs, err := filepath.Abs(filepath.Join("..", filepath.FromSlash(s.Path)))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := os.Stat(abs); err != nil {
				b.Skipf("skipping: %s is absent", s.Path)
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
			n, err := floor.Walk(path)
			if err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				b.Fatal("no schemas walked")
			}
		}
	})
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
