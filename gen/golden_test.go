package gen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pb33f/go-yaml"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// update rewrites the golden files: SDKGEN_UPDATE=1 go test ./gen/...
// (an environment variable, not a flag, so `go test ./...` never trips on it).
var update = os.Getenv("SDKGEN_UPDATE") != ""

// caseConfig is the part of a case's sdkgen.yaml the golden test reads.
type caseConfig struct {
	Package    string `yaml:"package"`
	Module     string `yaml:"module"`
	SDKVersion string `yaml:"sdkVersion"`
}

// specOf finds a case's root spec.
func specOf(dir string) string {
	for _, name := range []string{"openapi.yaml", "openapi.yml", "openapi.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return filepath.Join(dir, name)
		}
	}
	return ""
}

// render runs the pipeline on one case as the CLI would, returning the
// files it would write, diagnostics.txt included when there are any.
func render(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	name := filepath.Base(dir)
	cfg := caseConfig{Package: strings.ReplaceAll(name, "-", ""), Module: "example.com/" + name}
	if b, err := os.ReadFile(filepath.Join(dir, "sdkgen.yaml")); err == nil {
		if err := yaml.Unmarshal(b, &cfg); err != nil {
			t.Fatalf("%s/sdkgen.yaml: %v", dir, err)
		}
	}
	out := map[string][]byte{}
	api, diags := parser.Parse(specOf(dir), parser.Config{})
	if len(diags) > 0 {
		var b strings.Builder
		for _, d := range diags {
			d.Pos.File = filepath.ToSlash(strings.TrimPrefix(d.Pos.File, "../"))
			b.WriteString(d.String() + "\n")
		}
		out["diagnostics.txt"] = []byte(b.String())
	}
	if diags.HasErrors() {
		return out
	}
	files, err := gen.Generate(api, gen.Config{Package: cfg.Package, Module: cfg.Module, SDKVersion: cfg.SDKVersion, GoMod: true, Conformance: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		out[f.Path] = f.Content
	}
	return out
}

// owned lists the files in a golden folder that the generator wrote:
// go.mod, diagnostics.txt and every file with the generated header. Hand
// written behaviour tests beside them are not the generator's.
func owned(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "go.mod" || rel == "diagnostics.txt" || bytes.HasPrefix(b, []byte(gen.Header)) {
			got[rel] = b
		}
		return nil
	})
	return got
}

func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob("../testdata/*")
	for _, dir := range cases {
		if specOf(dir) == "" {
			continue
		}
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			want := render(t, dir)
			goldenDir := filepath.Join("../golden", name)
			have := owned(t, goldenDir)
			if update {
				for p := range have {
					if _, ok := want[p]; !ok {
						os.Remove(filepath.Join(goldenDir, p))
					}
				}
				for p, b := range want {
					full := filepath.Join(goldenDir, p)
					os.MkdirAll(filepath.Dir(full), 0o755)
					if err := os.WriteFile(full, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			var paths []string
			for p := range want {
				paths = append(paths, p)
			}
			for p := range have {
				if _, ok := want[p]; !ok {
					paths = append(paths, p)
				}
			}
			slices.Sort(paths)
			for _, p := range paths {
				if d := cmp.Diff(string(have[p]), string(want[p])); d != "" {
					t.Errorf("golden/%s/%s differs (-golden +generated); run SDKGEN_UPDATE=1 go test ./gen/... and review:\n%s", name, p, d)
				}
			}
		})
	}
}

// TestDeterministic generates every case twice in one process: the output
// must be byte-identical.
func TestDeterministic(t *testing.T) {
	cases, _ := filepath.Glob("../testdata/*")
	for _, dir := range cases {
		if specOf(dir) == "" {
			continue
		}
		a, b := render(t, dir), render(t, dir)
		if d := cmp.Diff(a, b); d != "" {
			t.Errorf("%s: two runs differ:\n%s", dir, d)
		}
	}
}
