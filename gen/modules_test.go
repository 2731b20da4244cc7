package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestModules builds, vets and tests the golden SDKs with the go command:
// every package of the shared golden module (one subtest per case, and one
// for its runtime) and every standalone module in golden/<case>. So plain
// `go test ./...` at the root covers the generated SDKs and the
// hand-written behaviour tests beside them, though golden/ is a module of
// its own. `go test ./gen/ -run TestModules/<case>` checks one case.
func TestModules(t *testing.T) {
	const root = "../golden"
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the shared golden module is missing: %v", err)
	}
	// Read every file so go test's cache knows the result depends on them
	// (it cannot see what the go commands below read).
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_, err = os.ReadFile(p)
		}
		return err
	})
	// The race detector needs cgo; use it where the toolchain has it.
	test := []string{"test", "-count=1"}
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err == nil && strings.TrimSpace(string(out)) == "1" {
		test = append(test, "-race")
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		dir, pattern := root, "./"+name+"/..."
		if _, err := os.Stat(filepath.Join(root, name, "go.mod")); err == nil {
			dir, pattern = filepath.Join(root, name), "./..."
		} else if !hasGo(filepath.Join(root, name)) {
			continue // a failing case: diagnostics.txt only
		}
		ran++
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, args := range [][]string{{"vet", pattern}, append(slices.Clone(test), pattern)} {
				cmd := exec.Command("go", args...)
				cmd.Dir = dir
				// Each golden module stands alone; a go.work above must
				// not pull it into another build.
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
				}
			}
		})
	}
	if ran == 0 {
		t.Fatal("no golden packages found")
	}
}

// hasGo reports whether dir or a folder below it holds a Go file.
func hasGo(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}
