package pipeline

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// TestRunPassesTheConfig: every config setting and the previous lock reach
// the parser and the generator, the ignore list is applied, and the new
// lock lists every generated file but go.mod.
func TestRunPassesTheConfig(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "openapi.yaml")
	if err := os.WriteFile(spec, []byte("openapi: 3.0.0\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseConfig("sdkgen.yaml", []byte("sdkVersion: 1.2.3\nglobals: [X-Tenant]\nnames: {\"type:A\": B}\nignore: [noisy, unused]\nconformanceTests: false\nexamples: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	var gotParse parser.Config
	var gotGen gen.Config
	req := Request{
		Spec: spec, WD: dir, Config: cfg, ImportPath: "example.com/x/petstore", ModuleRoot: true,
		Runtime: "example.com/x/internal/core", Generator: "v1", Builtins: fstest.MapFS{},
		Previous: &Lock{Names: map[string]string{"type:C": "D"}},
		ParseFunc: func(path string, c parser.Config) (*model.API, model.Diagnostics) {
			gotParse = c
			var ds model.Diagnostics
			ds.Add(model.Warning, "noisy", model.Pos{File: path, Line: 2}, "silenced")
			ds.Add(model.Warning, "kept", model.Pos{File: path, Line: 1}, "shown")
			return &model.API{Title: "Pets", Names: map[string]string{"type:A": "B"}}, ds
		},
		GenerateFunc: func(api *model.API, c gen.Config) ([]gen.File, error) {
			gotGen = c
			return []gen.File{{Path: "client.go"}, {Path: "go.mod"}}, nil
		},
	}
	res, err := Run(req)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gotParse.Globals, []string{"X-Tenant"}) || gotParse.Names["type:A"] != "B" || gotParse.PreviousNames["type:C"] != "D" {
		t.Errorf("parser.Config = %+v", gotParse)
	}
	want := gen.Config{Package: "petstore", Module: "example.com/x/petstore", SDKVersion: "1.2.3", GoMod: true, Docs: true, Runtime: "example.com/x/internal/core"}
	if !reflect.DeepEqual(gotGen, want) { // funcs are equal only when nil

		t.Errorf("gen.Config = %+v, want %+v", gotGen, want)
	}
	var codes []string
	for _, d := range res.Diagnostics {
		codes = append(codes, d.Code+"@"+d.Pos.File)
	}
	if want := []string{"kept@openapi.yaml", "unused-ignore@sdkgen.yaml"}; !slices.Equal(codes, want) {
		t.Errorf("diagnostics %q, want %q", codes, want)
	}
	if res.Lock.Spec != SpecHash([]byte("openapi: 3.0.0\n")) || !slices.Equal(res.Lock.Files, []string{"client.go"}) ||
		!maps.Equal(res.Lock.Names, map[string]string{"type:A": "B"}) || res.Lock.Generator != "v1" {
		t.Errorf("lock = %+v", res.Lock)
	}

	// APIOnly drops go.mod and the conformance test; without an import
	// path the SDK is generated against example.com/<package>.
	cfg.ConformanceTests = nil
	req.APIOnly, req.ImportPath, req.Runtime = true, "", ""
	if res, err = Run(req); err != nil {
		t.Fatal(err)
	}
	if gotGen.GoMod || gotGen.Conformance || gotGen.Package != "pets" || res.ImportPath != "example.com/pets" {
		t.Errorf("API-only gen.Config = %+v, result %+v", gotGen, res)
	}
}

// TestRunSpecErrors: a spec with errors returns ErrSpec with the
// diagnostics, which the ignore list cannot hide; a missing file is a
// ReadError.
func TestRunSpecErrors(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "openapi.yaml")
	os.WriteFile(spec, []byte("x"), 0o666)
	cfg, _ := ParseConfig("sdkgen.yaml", []byte("ignore: [bad]\n"))
	req := Request{Spec: spec, Config: cfg, ImportPath: "example.com/x",
		ParseFunc: func(path string, c parser.Config) (*model.API, model.Diagnostics) {
			var ds model.Diagnostics
			ds.Add(model.Error, "bad", model.Pos{File: path}, "broken")
			return nil, ds
		},
	}
	res, err := Run(req)
	if !errors.Is(err, ErrSpec) || res == nil || !res.Diagnostics.HasErrors() {
		t.Errorf("Run = %+v, %v", res, err)
	}
	req.Spec = filepath.Join(dir, "missing.yaml")
	var re *ReadError
	if _, err := Run(req); !errors.As(err, &re) {
		t.Errorf("missing spec: %v", err)
	}
}
