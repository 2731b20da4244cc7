package main

import (
	"encoding/json"
	"errors"
	"github.com/sdkgen/sdkgen/gen"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model"
)

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"generate", "--out", "sdk"},
		{"generate", "--spec", "spec.yaml"},
		{"generate", "--spec", "spec.yaml", "--out", "sdk", "--bogus"},
		{"generate", "--spec", "spec.yaml", "--out", "sdk", "--module", "example.com/x", "--format", "xml"},
		{"generate", "--spec", "spec.yaml", "--out", "sdk", "--module", "example.com/x", "--package", "not-an-ident"},
		{"generate", "--spec", "spec.yaml", "--out", "sdk", "--module", "example.com/x", "--package", "main"},
		{"generate", "--spec", "spec.yaml", "--out", "sdk", "--module", "bad path!"},
		{"generate", "--spec", "spec.yaml", "--out", "sdk", "--module", "example.com/x", "--config", "missing.yaml"},
		{"generate", "--spec", "spec.yaml", "--out", "sdk"}, // no go.mod anywhere, no --module
		{"lint"},
		{"version", "extra"},
	} {
		e := newEnv(t, map[string]string{"a.go": hdr})
		if got := e.run(args...); got != exitUsage {
			t.Errorf("sdkgen %q: exit %d, want 2\n%s", args, got, e.stderr.String())
		}
		if e.exists("sdk") {
			t.Errorf("sdkgen %q created sdk", args)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	e := newEnv(t, nil)
	e.mustRun(0, "--help")
	if !strings.Contains(e.stdout.String(), "generate") {
		t.Errorf("help: %q", e.stdout.String())
	}
	e.mustRun(0, "generate", "--help")
	e.mustRun(0, "version")
	if got := e.stdout.String(); got != "sdkgen v9.9.9-test\n" {
		t.Errorf("version: %q", got)
	}
	if v := sdkgenVersion(); v == "" {
		t.Error("empty version")
	}
}

func TestMissingSpecIsIOError(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr})
	e.mustRun(4, "generate", "--spec", "nope.yaml", "--out", "sdk", "--module", "example.com/x")
	e.mustRun(4, "lint", "nope.yaml")
}

func TestSpecErrors(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr})
	spec := e.path("spec.yaml") // the real parser is given an absolute path
	e.fake.diags = model.Diagnostics{
		{Pos: model.Pos{File: spec, Line: 12, Col: 7, Pointer: "#/paths/~1pets/get"}, Severity: model.Error, Code: "unresolved-ref", Message: "$ref #/components/schemas/Nope resolves to nothing"},
		{Pos: model.Pos{File: spec, Line: 3, Col: 1}, Severity: model.Warning, Code: "unsupported-union", Message: "union degraded"},
	}
	e.mustRun(1, genArgs...)
	want := "spec.yaml:3:1: warning: union degraded\n" +
		"spec.yaml:12:7: error: $ref #/components/schemas/Nope resolves to nothing (at #/paths/~1pets/get)\n"
	if got := e.stderr.String(); got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
	if e.exists("sdk") {
		t.Error("sdk created despite errors")
	}
	e.mustRun(1, checkArgs...)
	e.mustRun(1, "lint", "spec.yaml")
	if got := e.stdout.String(); got != want {
		t.Errorf("lint stdout:\n%s\nwant:\n%s", got, want)
	}

	// JSON.
	e.mustRun(1, "lint", "--format", "json", "spec.yaml")
	var got []jsonDiagnostic
	if err := json.Unmarshal(e.stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	wantJSON := []jsonDiagnostic{
		{File: "spec.yaml", Line: 3, Col: 1, Severity: "warning", Code: "unsupported-union", Message: "union degraded"},
		{File: "spec.yaml", Line: 12, Col: 7, Severity: "error", Code: "unresolved-ref", Message: "$ref #/components/schemas/Nope resolves to nothing", Pointer: "#/paths/~1pets/get"},
	}
	if !slices.Equal(got, wantJSON) {
		t.Errorf("json = %+v", got)
	}
	e.mustRun(1, append(slices.Clone(genArgs), "--format", "json")...)
	if err := json.Unmarshal(e.stderr.Bytes(), &got); err != nil {
		t.Fatalf("generate --format json stderr is not JSON: %v", err)
	}

	// A clean spec lints to nothing (text) or [] (json).
	e.fake.diags = nil
	e.mustRun(0, "lint", "spec.yaml")
	if e.stdout.Len() != 0 {
		t.Errorf("lint stdout %q", e.stdout.String())
	}
	e.mustRun(0, "lint", "--format", "json", "spec.yaml")
	if got := e.stdout.String(); got != "[]\n" {
		t.Errorf("lint json %q", got)
	}
}

func TestGenerateError(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr})
	e.fake.genErr = errors.New("cannot emit")
	e.mustRun(1, genArgs...)
	if e.exists("sdk") {
		t.Error("sdk created")
	}
}

func TestConfig(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr})
	e.write("sdkgen.yaml", `# settings
package: petstore
module: example.com/pets/v2
sdkVersion: 1.2.3
globals: [X-Version, -X-Trace]
ignore:
  - unsupported-union
  - never-happens
names:
  schema/Pet: Animal
`)
	e.fake.diags = model.Diagnostics{
		{Pos: model.Pos{File: e.path("spec.yaml"), Line: 3, Col: 1}, Severity: model.Warning, Code: "unsupported-union", Message: "union degraded"},
		{Pos: model.Pos{File: e.path("spec.yaml"), Line: 4, Col: 1}, Severity: model.Warning, Code: "other", Message: "kept"},
	}
	e.mustRun(0, "generate", "--spec", "spec.yaml", "--out", "sdk")
	g, p := e.fake.gotGen, e.fake.gotParse
	if g.Package != "petstore" || g.Module != "example.com/pets/v2" || g.SDKVersion != "1.2.3" || !g.GoMod {
		t.Errorf("gen.Config = %+v", g)
	}
	if !slices.Equal(p.Globals, []string{"X-Version", "-X-Trace"}) || p.Names["schema/Pet"] != "Animal" {
		t.Errorf("parser.Config = %+v", p)
	}
	want := "sdkgen.yaml:8:5: warning: ignore entry \"never-happens\" silenced nothing\nspec.yaml:4:1: warning: kept\n"
	if got := e.stderr.String(); got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}

	// The second run passes the lock's names back.
	e.mustRun(0, "generate", "--spec", "spec.yaml", "--out", "sdk")
	if e.fake.gotParse.PreviousNames["op/listPets"] != "ListPets" {
		t.Errorf("PreviousNames = %v", e.fake.gotParse.PreviousNames)
	}

	// Flags win.
	e.mustRun(0, "generate", "--spec", "spec.yaml", "--out", "sdk2", "--package", "other", "--module", "example.com/other")
	if g := e.fake.gotGen; g.Package != "other" || g.Module != "example.com/other" {
		t.Errorf("gen.Config = %+v", g)
	}

	// --config names another file; unused-ignore can itself be ignored.
	e.write("conf/alt.yaml", "module: example.com/alt\nignore: [unused-ignore, nope, other]\n")
	e.mustRun(0, "generate", "--spec", "spec.yaml", "--out", "sdk3", "--config", "conf/alt.yaml")
	if g := e.fake.gotGen; g.Package != "alt" || g.Module != "example.com/alt" {
		t.Errorf("gen.Config = %+v", g)
	}
	if !strings.Contains(e.stderr.String(), "union degraded") || strings.Contains(e.stderr.String(), "kept") || strings.Contains(e.stderr.String(), "nope") {
		t.Errorf("stderr:\n%s", e.stderr.String())
	}
}

func TestConfigErrors(t *testing.T) {
	for name, c := range map[string]struct{ content, want string }{
		"unknown field":  {"package: x\npackge: y\n", `sdkgen.yaml:2:1: unknown field "packge"`},
		"unknown scopes": {"scopes:\n  rule: x\n  mode: y\n", `sdkgen.yaml:3:3: unknown field "scopes.mode"`},
		"wrong type":     {"globals: 5\n", "sdkgen.yaml:"},
		"not a mapping":  {"- a\n- b\n", "must be a mapping"},
		"bad yaml":       {"package: [\n", "sdkgen.yaml:"},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, map[string]string{"a.go": hdr})
			e.write("sdkgen.yaml", c.content)
			e.mustRun(2, genArgs...)
			if !strings.Contains(e.stderr.String(), c.want) {
				t.Errorf("stderr %q lacks %q", e.stderr.String(), c.want)
			}
			if e.fake.parsed != 0 || e.exists("sdk") {
				t.Error("went on after a bad config")
			}
			e.mustRun(2, "lint", "spec.yaml")
		})
	}
}

func TestConfigScopesReserved(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr})
	e.write("sdkgen.yaml", "scopes:\n  rule: backticks\n")
	e.mustRun(0, genArgs...)
	if !strings.Contains(e.stderr.String(), "sdkgen.yaml:1:1: warning: the scopes setting is reserved") {
		t.Errorf("stderr:\n%s", e.stderr.String())
	}
	e.write("sdkgen.yaml", "scopes:\n  rule: backticks\nignore: [unsupported-config]\n")
	e.mustRun(0, genArgs...)
	if e.stderr.Len() != 0 {
		t.Errorf("stderr:\n%s", e.stderr.String())
	}
}

func TestEmptyConfig(t *testing.T) {
	cfg, err := parseConfig("sdkgen.yaml", []byte("# nothing yet\n"))
	if err != nil || cfg.Package != "" {
		t.Fatalf("%+v %v", cfg, err)
	}
}

func TestImportPathFromEnclosingModule(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n"})
	e.write("go.mod", "module example.com/repo\n\ngo 1.24\n")
	e.mustRun(0, "generate", "--spec", "spec.yaml", "--out", "sdk/petstore-go")
	if g := e.fake.gotGen; g.Module != "example.com/repo/sdk/petstore-go" || g.Package != "petstore" || g.GoMod {
		t.Errorf("gen.Config = %+v", g)
	}
	if e.exists("sdk/petstore-go/go.mod") {
		t.Error("go.mod written without --module")
	}
	// "." is the module root; absolute paths work too.
	e.mustRun(0, "generate", "--spec", e.path("spec.yaml"), "--out", e.path("."), "--package", "repo")
	if g := e.fake.gotGen; g.Module != "example.com/repo" {
		t.Errorf("gen.Config = %+v", g)
	}
	// The working directory may be below the module root.
	e.wd = e.path("sdk")
	e.mustRun(0, "generate", "--spec", "../spec.yaml", "--out", "v2")
	if g := e.fake.gotGen; g.Module != "example.com/repo/sdk/v2" || g.Package != "sdk" {
		t.Errorf("gen.Config = %+v", g)
	}
	if !e.exists("v2/a.go") {
		t.Error("relative --out not resolved from the working directory")
	}
}

func TestLockRoundTrip(t *testing.T) {
	l := &lockFile{
		Version: 1, Spec: specHash([]byte("x")), Generator: "v1.0.0",
		Files: []string{"b.go", "a.go", "internal/core/retry.go"},
		Names: map[string]string{"z": "Z", "a": "A<&>"},
	}
	data := l.Marshal()
	if !slices.Equal(data, l.Marshal()) {
		t.Error("not deterministic")
	}
	want := `{
  "version": 1,
  "spec": "sha256:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
  "generator": "v1.0.0",
  "files": [
    "a.go",
    "b.go",
    "internal/core/retry.go"
  ],
  "names": {
    "a": "A<&>",
    "z": "Z"
  }
}
`
	if string(data) != want {
		t.Errorf("marshal:\n%s\nwant:\n%s", data, want)
	}
	back, err := parseLock(data)
	if err != nil {
		t.Fatal(err)
	}
	if !sameLock(l, back) || back.Generator != "v1.0.0" {
		t.Errorf("round trip: %+v", back)
	}
	other := *back
	other.Generator = "v2.0.0"
	if !sameLock(back, &other) {
		t.Error("generator difference counted")
	}
	other.Names = map[string]string{"a": "A"}
	if sameLock(back, &other) {
		t.Error("names difference not counted")
	}
	empty := (&lockFile{Version: 1}).Marshal()
	if !strings.Contains(string(empty), `"files": []`) || !strings.Contains(string(empty), `"names": {}`) {
		t.Errorf("empty lock: %s", empty)
	}
}

// TestInternalErrorIsNotBadUsage: a panic inside the pipeline is reported
// as an internal error with exit 1, not as exit 2 (bad usage), and DIR is
// left as it was.
func TestInternalErrorIsNotBadUsage(t *testing.T) {
	e := newEnv(t, map[string]string{"client.go": "// Code generated by sdkgen. DO NOT EDIT.\n\npackage x\n"})
	a := &app{
		wd: e.wd, stdout: &e.stdout, stderr: &e.stderr,
		parseFunc:    e.fake.parse,
		generateFunc: func(*model.API, gen.Config) ([]gen.File, error) { panic("boom") },
		version:      "test",
	}
	if code := a.run([]string{"generate", "--spec", "spec.yaml", "--out", "sdk", "--module", "example.com/x"}); code != exitSpec {
		t.Fatalf("exit %d, want %d", code, exitSpec)
	}
	if !strings.Contains(e.stderr.String(), "internal error: boom") {
		t.Errorf("stderr = %q", e.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(e.wd, "sdk")); !os.IsNotExist(err) {
		t.Errorf("sdk was created: %v", err)
	}
}
