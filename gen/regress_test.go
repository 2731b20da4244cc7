package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// Regressions found by FuzzGenerate and TestInjection: small specs whose
// output must type-check. Each names the bug it guards against (all fixed
// in gen/types.go since).
var typeCheckRegressions = []struct{ name, spec string }{
	{
		// gen/types.go fieldShape: an optional field whose schema is
		// nullable and refers back to its own type became Nullable[R]
		// inside R, which holds R by value: "invalid recursive type".
		name: "optional nullable self reference",
		spec: `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    R:
      type: [object, "null"]
      properties:
        self: {$ref: "#/components/schemas/R"}
`,
	},
	{
		// The same through another type: A.n is Nullable[B], B.a is a
		// required A (a value), so A contains itself.
		name: "optional nullable indirect reference",
		spec: `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        n: {$ref: "#/components/schemas/B"}
    B:
      type: [object, "null"]
      required: [a]
      properties:
        a: {$ref: "#/components/schemas/A"}
`,
	},
	{
		// And through a 3.0 nullable allOf wrapper.
		name: "optional nullable allOf self reference",
		spec: `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    D:
      type: object
      properties:
        x: {allOf: [{$ref: "#/components/schemas/D"}], nullable: true}
`,
	},
}

func TestTypeCheckRegressions(t *testing.T) {
	for _, c := range typeCheckRegressions {
		t.Run(c.name, func(t *testing.T) {
			api, diags := parser.ParseBytes("regress/openapi.yaml", []byte(c.spec), parser.Config{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			const module = "example.com/regress"
			files, err := gen.Generate(api, gen.Config{Package: "regress", Module: module, GoMod: true, Conformance: true})
			if err != nil {
				t.Fatal(err)
			}
			typeCheck(t, module, files)
		})
	}
}

// TestConformanceEscapedStaticPath: a path template whose static text
// holds characters that must be percent-encoded ("/ü/a*b/{id}"). The
// runtime used to write static text raw, so Go re-encoded the whole path
// from its decoded form and the %2F inside a parameter value became a
// real "/" (a value could add path segments); and the generated
// conformance test compared the wire path with the template as written.
// The generated conformance test, run here, checks both.
func TestConformanceEscapedStaticPath(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a generated module")
	}
	spec := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /ü/a*b/{id}:
    delete:
      operationId: deleteThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: gone}
`
	api, diags := parser.ParseBytes("regress/openapi.yaml", []byte(spec), parser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := gen.Generate(api, gen.Config{Package: "regress", Module: "example.com/regress", GoMod: true, Conformance: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	cmd := exec.Command("go", "test", "-count=1", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the generated conformance test fails: %v\n%s", err, out)
	}
}

// writeFiles writes generated files under dir.
func writeFiles(t *testing.T, dir string, files []gen.File) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
