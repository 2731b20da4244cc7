package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// Regressions found by FuzzGenerate and TestInjection: small specs whose
// output must type-check. Each names the bug it guards against.
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
	{
		// gen/service.go: an operation with a request body and two
		// response media types got a method per response media type
		// (CreateSample, CreateSampleTextCSV), and each declared the
		// request struct CreateSampleRequest: "redeclared in this block".
		// Found by FuzzGenerate (corpus entry 06f8070b4666def6).
		name: "request type of several response media types",
		spec: `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /samples:
    post:
      operationId: createSample
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {a: {type: string}}}
      responses:
        "201":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {a: {type: string}}}
            text/csv:
              schema: {type: string}
`,
	},
	{
		// A union listing the same schema twice, with a discriminator:
		// the generated discriminator switch had the case "Cat" twice
		// ("duplicate case in expression switch"). Without the
		// discriminator it compiled, with two variants Cat and Cat2 of
		// one type. Found by FuzzGenerateShapes.
		name: "union listing one schema twice",
		spec: `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Cat:
      type: object
      properties:
        kind: {type: string}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Cat'
      discriminator:
        propertyName: kind
`,
	},
}

// knownBugs are type errors of the open regressions above. The fuzz
// targets skip inputs that fail only with one of them, so that a run
// looks for new bugs instead of finding these again and again. Remove an
// entry when its regression passes.
var knownBugs = []string{
	// None open. An entry is a fragment of the type error, such as
	// "Request redeclared in this block".
}

// isKnownBug reports whether every type error in err is a known one.
func isKnownBug(err error) bool {
	lines := strings.Split(err.Error(), "\n")[1:]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.Contains(l, "other declaration of") {
			continue
		}
		known := false
		for _, k := range knownBugs {
			known = known || strings.Contains(l, k)
		}
		if !known {
			return false
		}
	}
	return len(lines) > 0
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

// crashRegressions are specs that crashed the generator outright (a fatal
// error such as a stack overflow, which no recover catches and which ends
// the process with exit status 2, the code sdkgen uses for bad usage).
// TestCrashRegressions runs each in a child process, so one that still
// crashes fails its own subtest instead of killing the whole test binary.
var crashRegressions = []struct{ name, spec string }{
	{
		// model/naming.go kindWord: for an array it recurses into the
		// element before looking at the type's name, so naming a union
		// variant "array of Tree", where Tree is the named array
		// type Tree []Tree, recursed for ever: "fatal error: stack
		// overflow". Found by FuzzGenerateShapes (72535d5f1fab37c6).
		name: "union variant array of a self-referencing array",
		spec: `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Tree:
      type: array
      items: {$ref: '#/components/schemas/Tree'}
    Node:
      oneOf:
        - type: string
        - {type: array, items: {$ref: '#/components/schemas/Tree'}}
`,
	},
}

// knownCrashers are fuzz corpus entries that still crash the generator:
// replaying them in process under plain go test would end the whole test
// binary, so the fuzz targets skip them there (TestCrashRegressions
// reports the crash). Remove an entry once its crash is fixed.
var knownCrashers = map[string]bool{
	// None open. An entry is the fuzz input, as a string.
}

func TestCrashRegressions(t *testing.T) {
	if spec := os.Getenv("SDKGEN_CRASH_SPEC"); spec != "" {
		// The child: run the pipeline; a crash ends this process.
		api, diags := parser.ParseBytes("crash/openapi.yaml", []byte(spec), parser.Config{})
		if diags.HasErrors() {
			return
		}
		if _, err := gen.Generate(api, gen.Config{Package: "crash", Module: "example.com/crash", Conformance: true}); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, c := range crashRegressions {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashRegressions$", "-test.count=1")
			cmd.Env = append(os.Environ(), "SDKGEN_CRASH_SPEC="+c.spec)
			out, err := cmd.CombinedOutput()
			if err != nil {
				msg := string(out)
				if i := strings.Index(msg, "fatal error"); i >= 0 {
					msg = msg[i:min(len(msg), i+1500)]
				}
				t.Errorf("the pipeline crashed: %v\n%s", err, msg)
			}
		})
	}
}

// TestExamplesPackageClient: an SDK whose package is named client (or
// ctx), the name the samples give their client (or context), still has
// examples that compile: the variable is c there, which would otherwise
// shadow the package.
func TestExamplesPackageClient(t *testing.T) {
	for _, spec := range []string{"../testdata/pagination/openapi.yaml", "../testdata/streams/openapi.yaml"} {
		api, diags := parser.Parse(spec, parser.Config{})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		const module = "example.com/client"
		files, err := gen.Generate(api, gen.Config{Package: "client", Module: module, GoMod: true, Examples: true})
		if err != nil {
			t.Fatal(err)
		}
		examples := false
		for _, f := range files {
			if f.Path == gen.ExamplesFile {
				examples = strings.Contains(string(f.Content), "\tc := client.New(")
			}
		}
		if !examples {
			t.Fatalf("%s: no examples file creating c := client.New(...)", spec)
		}
		typeCheck(t, module, files)
	}
	api, diags := parser.Parse("../testdata/streams/openapi.yaml", parser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := gen.Generate(api, gen.Config{Package: "ctx", Module: "example.com/ctx", GoMod: true, Examples: true})
	if err != nil {
		t.Fatal(err)
	}
	typeCheck(t, "example.com/ctx", files)
}
