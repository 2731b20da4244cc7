// Package examples holds template sets users can copy; its tests render
// them against golden output.
package examples

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sdkgen/sdkgen/internal/pipeline"
	"github.com/sdkgen/sdkgen/model/dump"
)

// update rewrites the golden files, as elsewhere in the repository.
var update = os.Getenv("SDKGEN_UPDATE") != ""

// sets are the example template sets and the file each renders.
var sets = map[string][]string{"typescript": {"types.ts"}, "go-operations": {"operation_index.go", "enum_values.go"}}

// cases are the repository's test specs the sets are rendered for.
var cases = []string{"moov-ticket", "types-enums", "types-nullable", "types-unions"}

// generate runs the whole pipeline on a spec with one template set (and no
// built-in templates), as `sdkgen generate --templates` would.
func generate(t *testing.T, spec, set string) *pipeline.Result {
	t.Helper()
	abs, err := filepath.Abs(spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Run(pipeline.Request{
		Spec: abs, Config: &pipeline.Config{}, Package: "sdk", ImportPath: "example.com/sdk",
		ModuleRoot: true, Templates: filepath.Join(mustWD(t), set), Builtins: fstest.MapFS{},
	})
	if err != nil {
		if res != nil {
			for _, d := range res.Diagnostics {
				t.Log(d)
			}
		}
		t.Fatalf("%s with %s: %v", spec, set, err)
	}
	return res
}

func mustWD(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func fileOf(t *testing.T, res *pipeline.Result, name string) []byte {
	t.Helper()
	for _, f := range res.Files {
		if f.Path == name {
			return f.Content
		}
	}
	t.Fatalf("no %s rendered", name)
	return nil
}

// TestGolden renders every set for every case and compares the output
// with testdata/<set>/<case>/ (SDKGEN_UPDATE=1 rewrites it).
func TestGolden(t *testing.T) {
	for set, outs := range sets {
		for _, c := range cases {
			t.Run(set+"/"+c, func(t *testing.T) {
				res := generate(t, filepath.Join("../../testdata", c, "openapi.yaml"), set)
				for _, out := range outs {
					got := fileOf(t, res, out)
					golden := filepath.Join("testdata", set, c, out)
					if update {
						if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(golden, got, 0o644); err != nil {
							t.Fatal(err)
						}
						continue
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (SDKGEN_UPDATE=1 go test ./examples/templates/ writes it)", err)
					}
					if !bytes.Equal(got, want) {
						t.Errorf("%s differs from what the template renders now:\n%s", golden, got)
					}
				}
			})
		}
	}
}

// TestGoOperationsCompiles writes a whole SDK with the go-operations
// template into a module and vets it: the added method compiles with the
// generated client.
func TestGoOperationsCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an SDK")
	}
	dir := t.TempDir()
	res := generate(t, "../../testdata/types-enums/openapi.yaml", "go-operations")
	for _, f := range res.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The spec's TaskReview is an alias of Status: one Values method serves both.
	test := "package sdk\n\nimport \"testing\"\n\nfunc TestOperations(t *testing.T) {\n\tif len(New().Operations()) == 0 {\n\t\tt.Fatal(\"no operations\")\n\t}\n" +
		"\tif v := TaskReviewDone.Values(); len(v) != 4 || v[0] != StatusNew || len(TaskCode1.Values()) != 3 {\n\t\tt.Fatal(v)\n\t}\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "operations_test.go"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-run", "TestOperations", "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestTypeScriptMoov renders the TypeScript set for Moov's whole API and
// checks there is an interface for every object schema (and a type for
// every enum). Skipped when the shared specs are not beside the repository.
func TestTypeScriptMoov(t *testing.T) {
	spec := "../../../shared/specs/moov/openapi.yaml"
	if _, err := os.Stat(spec); err != nil {
		t.Skip("no Moov spec beside the repository")
	}
	res := generate(t, spec, "typescript")
	ts := string(fileOf(t, res, "types.ts"))
	abs, _ := filepath.Abs(spec)
	api, err := pipeline.Parse(pipeline.Request{Spec: abs, Config: &pipeline.Config{}})
	if err != nil {
		t.Fatal(err)
	}
	d := dump.Build(api.API, dump.Options{})
	structs, enums := 0, 0
	for _, ty := range d.Types {
		switch {
		case ty.GoName == "":
		case ty.Kind == "struct":
			structs++
			if !strings.Contains(ts, "\nexport interface "+ty.GoName+" {\n") {
				t.Errorf("no interface %s", ty.GoName)
			}
		case ty.Kind == "enum":
			enums++
			if !regexp.MustCompile(`\nexport type ` + ty.GoName + ` = "`).MatchString(ts) {
				t.Errorf("no string-literal union %s", ty.GoName)
			}
		}
	}
	if structs < 100 || enums < 10 {
		t.Errorf("only %d object schemas and %d enums", structs, enums)
	}
	t.Logf("%d interfaces, %d enums, %d bytes", structs, enums, len(ts))
}
