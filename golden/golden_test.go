// Package golden holds the expected output of every testdata case, each in
// its own module. This test builds, vets and tests each of those modules,
// so plain `go test ./...` at the root covers the generated SDKs and the
// hand-written behaviour tests beside them.
package golden

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestModules(t *testing.T) {
	mods, _ := filepath.Glob("*/go.mod")
	if len(mods) == 0 {
		t.Fatal("no golden modules found")
	}
	for _, m := range mods {
		dir := filepath.Dir(m)
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
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
