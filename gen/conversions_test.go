package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
)

// TestGoldenTypeCheck type-checks every golden module on disk with the shared
// checker, which also refuses redundant conversions in generated code.
func TestGoldenTypeCheck(t *testing.T) {
	mods, err := filepath.Glob("../golden/*/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mods = append(mods, "../golden/go.mod")
	for _, mod := range mods {
		dir := filepath.Dir(mod)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			gomod, err := os.ReadFile(mod)
			if err != nil {
				t.Fatal(err)
			}
			module := ""
			for _, line := range strings.Split(string(gomod), "\n") {
				if rest, ok := strings.CutPrefix(line, "module "); ok {
					module = strings.TrimSpace(rest)
				}
			}
			var files []gen.File
			err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if d.IsDir() && p != dir {
					if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
						return filepath.SkipDir // a module of its own
					}
				}
				if d.IsDir() || !strings.HasSuffix(p, ".go") {
					return nil
				}
				content, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				files = append(files, gen.File{Path: filepath.ToSlash(rel), Content: content})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			typeCheck(t, module, files)
		})
	}
}
