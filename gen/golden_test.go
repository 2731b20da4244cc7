package gen_test

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/pipeline"
)

// update rewrites the golden files: SDKGEN_UPDATE=1 go test ./gen/...
// (an environment variable, not a flag, so `go test ./...` never trips on it).
var update = os.Getenv("SDKGEN_UPDATE") != ""

// The golden tree: a case whose sdkgen.yaml names a module is a complete
// standalone SDK module in golden/<case>; every other case is package
// golden/<case> of one shared module, which holds the one runtime copy
// they all import.
const (
	sharedModule  = "example.com/golden"
	sharedRuntime = sharedModule + "/internal/core"
)

// specOf finds a case's root spec.
func specOf(dir string) string {
	for _, name := range []string{"openapi.yaml", "openapi.yml", "openapi.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return filepath.Join(dir, name)
		}
	}
	return ""
}

// goldenCases lists the testdata cases: folders holding a spec.
func goldenCases(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob("../testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range dirs {
		if specOf(d) != "" {
			names = append(names, filepath.Base(d))
		}
	}
	if len(names) == 0 {
		t.Fatal("no testdata cases found")
	}
	return names
}

// caseRequest builds the pipeline request for a case the way the CLI
// would for `sdkgen generate --config testdata/<case>/sdkgen.yaml` run from
// the repository root: the whole config file, and testdata/<case>/sdkgen.lock
// (when present) as the previous run's lock.
func caseRequest(t *testing.T, name string) pipeline.Request {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "testdata", name)
	req := pipeline.Request{Spec: specOf(dir), WD: root, Config: &pipeline.Config{}, Generator: "golden"}
	if b, err := os.ReadFile(filepath.Join(dir, "sdkgen.yaml")); err == nil {
		if req.Config, err = pipeline.ParseConfig("testdata/"+name+"/sdkgen.yaml", b); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, pipeline.LockName)); err == nil {
		if req.Previous, err = pipeline.ParseLock(b); err != nil {
			t.Fatalf("testdata/%s/%s: %v", name, pipeline.LockName, err)
		}
	}
	if m := req.Config.Module; m != "" {
		req.ImportPath, req.ModuleRoot = m, true
	} else {
		req.ImportPath, req.Runtime = sharedModule+"/"+name, sharedRuntime
	}
	return req
}

// render runs the pipeline on one case as the CLI would, returning the
// files it would write (paths relative to golden/<case>), diagnostics.txt
// included when there are any.
func render(t *testing.T, name string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	res, err := pipeline.Run(caseRequest(t, name))
	if res != nil && len(res.Diagnostics) > 0 {
		var b strings.Builder
		for _, d := range res.Diagnostics {
			b.WriteString(d.String() + "\n")
		}
		out["diagnostics.txt"] = []byte(b.String())
	}
	switch {
	case errors.Is(err, pipeline.ErrSpec):
		return out
	case err != nil:
		t.Fatalf("%s: %v", name, err)
	}
	for _, f := range res.Files {
		out[f.Path] = f.Content
	}
	return out
}

// sharedFiles are the files of the shared module itself: its go.mod and
// the one runtime copy, paths relative to golden/.
func sharedFiles() map[string][]byte {
	out := map[string][]byte{"go.mod": []byte("module " + sharedModule + "\n\ngo " + gen.GoVersion + "\n")}
	for _, f := range gen.RuntimeFiles() {
		out[f.Path] = f.Content
	}
	return out
}

// owned lists the files under golden/<sub> (all of golden/ when sub is "")
// that the generator wrote: go.mod, diagnostics.txt and every file with the
// generated header, paths relative to golden/. Hand-written behaviour tests
// beside them are not the generator's.
func owned(t *testing.T, sub string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	root := filepath.Join("../golden", sub)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && p == root {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel("../golden", p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if base := filepath.Base(rel); base == "go.mod" || base == "diagnostics.txt" || bytes.HasPrefix(b, []byte(gen.Header)) || bytes.HasPrefix(b, []byte(gen.MarkdownHeader)) {
			got[rel] = b
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// compare checks that the golden files have (paths relative to golden/)
// are exactly want, or makes them so in update mode.
func compare(t *testing.T, have, want map[string][]byte) {
	t.Helper()
	if update {
		for p := range have {
			if _, ok := want[p]; !ok {
				os.Remove(filepath.Join("../golden", p))
				// Drop the folders this emptied (a case's internal/core
				// once it shares the runtime); os.Remove keeps non-empty ones.
				for d := filepath.Dir(p); d != "."; d = filepath.Dir(d) {
					os.Remove(filepath.Join("../golden", d))
				}
			}
		}
		for p, b := range want {
			full := filepath.Join("../golden", p)
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	paths := slices.Sorted(maps.Keys(want))
	for p := range have {
		if _, ok := want[p]; !ok {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		if d := cmp.Diff(string(have[p]), string(want[p])); d != "" {
			t.Errorf("golden/%s differs (-golden +generated); run SDKGEN_UPDATE=1 go test ./gen/ -run TestGolden and review:\n%s", p, d)
		}
	}
}

// prefixed puts every path of files under dir.
func prefixed(dir string, files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for p, b := range files {
		out[dir+"/"+p] = b
	}
	return out
}

// TestGolden compares the whole golden tree, byte for byte, with what the
// pipeline generates: each case's folder, the shared module's go.mod and
// runtime, and nothing else the generator could have written.
func TestGolden(t *testing.T) {
	names := goldenCases(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			compare(t, owned(t, name), prefixed(name, render(t, name)))
		})
	}
	t.Run("shared", func(t *testing.T) {
		have := owned(t, "internal")
		if b, err := os.ReadFile("../golden/go.mod"); err == nil {
			have["go.mod"] = b
		}
		compare(t, have, sharedFiles())
	})
	t.Run("stray", func(t *testing.T) {
		// Generated files of a case that no longer exists, or anywhere
		// else in golden/, would go untested and unnoticed.
		known := map[string]bool{"internal": true, "go.mod": true}
		for _, n := range names {
			known[n] = true
		}
		stray := map[string][]byte{}
		for p, b := range owned(t, "") {
			if top, _, _ := strings.Cut(p, "/"); !known[top] {
				stray[p] = b
			}
		}
		compare(t, stray, nil)
	})
}

// TestDeterministic generates every case twice in one process: the output
// must be byte-identical.
func TestDeterministic(t *testing.T) {
	for _, name := range goldenCases(t) {
		a, b := render(t, name), render(t, name)
		if d := cmp.Diff(a, b); d != "" {
			t.Errorf("%s: two runs differ:\n%s", name, d)
		}
	}
}
