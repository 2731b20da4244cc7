// Package golden holds the expected output of every testdata case, each in
// its own module. This test builds, vets and tests each of those modules,
// so plain `go test ./...` at the root covers the generated SDKs and the
// hand-written behaviour tests beside them.
package golden

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestModules(t *testing.T) {
	mods, _ := filepath.Glob("*/go.mod")
	if len(mods) == 0 {
		t.Fatal("no golden modules found")
	}
	// The race detector needs cgo; use it where the toolchain has it.
	testArgs := []string{"test", "-count=1", "./..."}
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err == nil && strings.TrimSpace(string(out)) == "1" {
		testArgs = []string{"test", "-race", "-count=1", "./..."}
	}
	for _, m := range mods {
		dir := filepath.Dir(m)
		// Read every file so go test's cache knows the result depends on
		// them (it cannot see what the go commands below read).
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				_, err = os.ReadFile(p)
			}
			return err
		})
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			for _, args := range [][]string{{"vet", "./..."}, testArgs} {
				cmd := exec.Command("go", args...)
				cmd.Dir = dir
				// Each golden SDK is a module of its own; a go.work above
				// must not pull it into another build.
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("go %v in golden/%s: %v\n%s", args, dir, err, out)
				}
			}
		})
	}
}
