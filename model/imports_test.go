package model_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportRules enforces the pipeline's shape: only parser
// imports libopenapi, only gen imports jennifer, model and the SDK runtime
// import the standard library alone.
func TestImportRules(t *testing.T) {
	root := ".."
	checked := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			// Generated SDKs and test inputs are not the generator's code.
			if rel == "golden" || rel == "testdata" || strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		checked++
		pkgDir := filepath.ToSlash(filepath.Dir(rel))
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			std := !strings.Contains(strings.Split(path, "/")[0], ".")
			switch {
			case strings.HasPrefix(path, "github.com/pb33f/libopenapi") && pkgDir != "parser" && pkgDir != "internal/wirecheck" && pkgDir != "bench/internal/floor":
				// internal/wirecheck, imported only by tests, reads specs with
				// libopenapi to validate recorded exchanges; the benchmarks'
				// floor is libopenapi alone reading a spec.
				t.Errorf("%s imports %s: only parser may import libopenapi", rel, path)
			case strings.HasPrefix(path, "github.com/dave/jennifer") && pkgDir != "gen":
				t.Errorf("%s imports %s: only gen may import jennifer", rel, path)
			case (pkgDir == "model" || pkgDir == "templates/core") && !std:
				t.Errorf("%s imports %s: %s may import the standard library only", rel, path, pkgDir)
			}
		}
		return nil
	})
	if checked < 10 {
		t.Fatalf("checked only %d files; is the walk rooted right?", checked)
	}
}
