package gen_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// TestDeterministic20 runs the whole pipeline (parse, name, generate,
// format) on every testdata case 20 times in one process: every run must
// give the same files, byte for byte. Map iteration order changes from run
// to run and files are formatted concurrently, so an order that leaks from
// either shows up here. Diagnostics count too (diagnostics.txt).
func TestDeterministic20(t *testing.T) {
	const runs = 20
	cases, _ := filepath.Glob("../testdata/*")
	for _, dir := range cases {
		if specOf(dir) == "" {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			first := render(t, dir)
			for i := 1; i < runs; i++ {
				got := render(t, dir)
				if !maps.EqualFunc(first, got, bytes.Equal) {
					for _, p := range slices.Sorted(maps.Keys(first)) {
						if !bytes.Equal(first[p], got[p]) {
							t.Errorf("run %d: %s differs from run 0", i+1, p)
						}
					}
					for p := range got {
						if _, ok := first[p]; !ok {
							t.Errorf("run %d: %s appears, absent from run 0", i+1, p)
						}
					}
					return
				}
			}
		})
	}
}

// TestDeterministicHostileAndMoov does the same for the injection spec,
// whose names all collide after sanitising (where an order leak in
// collision resolution would show), and for Moov's whole API when it is
// present.
func TestDeterministicHostileAndMoov(t *testing.T) {
	hostile, err := json.Marshal(injectionSpec())
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"injection": hostile}
	if b, err := os.ReadFile(moovSpec); err == nil && !testing.Short() {
		inputs["moov"] = b
	}
	for _, name := range slices.Sorted(maps.Keys(inputs)) {
		t.Run(name, func(t *testing.T) {
			var first []gen.File
			for i := range 20 {
				api, diags := parser.ParseBytes(name+"/openapi", inputs[name], parser.Config{})
				if diags.HasErrors() {
					t.Fatal(diags)
				}
				files, err := gen.Generate(api, gen.Config{Package: "sdk", Module: "example.com/sdk", GoMod: true, Conformance: true})
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = files
					continue
				}
				if !slices.EqualFunc(first, files, func(a, b gen.File) bool { return a.Path == b.Path && bytes.Equal(a.Content, b.Content) }) {
					t.Fatalf("run %d differs from run 1", i+1)
				}
			}
		})
	}
}
