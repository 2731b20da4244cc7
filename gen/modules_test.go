package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/wirecheck"
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
			records := filepath.Join(t.TempDir(), "records.jsonl")
			for _, args := range [][]string{{"vet", pattern}, append(slices.Clone(test), pattern)} {
				cmd := exec.Command("go", args...)
				cmd.Dir = dir
				// Each golden module stands alone; a go.work above must
				// not pull it into another build.
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", gen.RecordEnv+"="+records)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
				}
			}
			validateGolden(t, name, records)
		})
	}
	if ran == 0 {
		t.Fatal("no golden packages found")
	}
}

// validateGolden checks every request a golden case's conformance test sent,
// and every response it was given, against the case's spec with
// libopenapi-validator: what the generated test calls a right request must
// be one to a validator we did not write. Swagger 2.0 cases are not read
// by the validator.
func validateGolden(t *testing.T, name, records string) {
	specs, _ := filepath.Glob(filepath.Join("../testdata", name, "openapi.*"))
	if len(specs) != 1 || strings.HasPrefix(name, "swagger2") {
		return
	}
	known, limited := validatorLimits[name]
	if limited && known.match == "" {
		return
	}
	if _, err := os.Stat(records); err != nil {
		return // no conformance test ran (a case without operations)
	}
	recs, err := wirecheck.ReadRecords(records)
	if err != nil {
		t.Fatal(err)
	}
	var all []gen.Record
	for _, rs := range recs {
		all = append(all, rs...)
	}
	st, err := wirecheck.Validate(specs[0], all)
	if err != nil {
		t.Fatalf("validating %s: %v", specs[0], err)
	}
	for _, f := range st.Failures {
		if limited && strings.Contains(f.String(), known.match) {
			continue
		}
		t.Errorf("%s: %s", name, f)
	}
}

// validatorLimits are the golden cases whose specs are odd on purpose in a
// way libopenapi-validator reads differently from OpenAPI, and so fail
// there although the SDK is right: a failure containing match is expected
// (an empty match skips the case).
var validatorLimits = map[string]struct{ match, reason string }{
	"types-unions": {"'oneOf' failed, subschemas 0, 1 matched",
		"the validator ignores the discriminator, and the variants differ only in its value"},
	"types-nullable": {"The `nullable` keyword is not supported in OpenAPI 3.1",
		"the case is a 3.1 document using 3.0's nullable on purpose; the validator does not compile its schemas"},
	"path-query":     {"", "the spec's path keys hold a query (/search?beta=true), which the validator matches literally"},
	"overlay":        {"", "the SDK is generated from the spec with its overlay applied; the file alone lacks the overlay's operations"},
	"circular-allof": {"", "the case's allOf cycle (A is B is A) is there on purpose; the validator cannot compile it"},
	"odd-json":       {"", "the validator's YAML reader refuses the control characters the case holds on purpose"},
	"fixed-headers": {"Header parameter 'Content-Type'",
		"the spec fixes a Content-Type parameter to application/json on a form body; OpenAPI ignores Content-Type parameters, the validator does not"},
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
