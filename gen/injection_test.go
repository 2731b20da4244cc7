package gen_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	sdkparser "github.com/sdkgen/sdkgen/parser"
	"github.com/sdkgen/sdkgen/templates"
)

// Payloads a hostile spec writes into every text the generator copies.
const (
	closeComment = "*/ func init() { panic(1) } /*"
	exitLit      = `"+os.Exit(1)+"`
	lineInit     = "\n// func init() {}\nfunc init() { panic(2) }\n"
)

// hostileText is prose with every way out of a comment or literal.
var hostileText = strings.Join([]string{
	"Looks harmless. " + closeComment,
	"carriage\rreturn func init() {}",
	lineInit,
	"nul\x00byte",
	"bom\ufeffinside",
	"line\u2028separator func init() {}",
	"para\u2029separator func init() {}",
	"next\u0085line func init() {}",
	"bidi \u202e}{ tini cnuf \u202c and \u2066isolate\u2069 \u200f",
	"back`tick` and `" + exitLit + "`",
	"{{ .Exploit }} {{- template \"x\" -}}",
}, " ")

// hostileStrings go where the generator writes Go string literals.
var hostileStrings = []string{
	exitLit,
	`quote" and \backslash\`,
	"new\nline\r\n",
	"{{.}}",
	"nul\x00",
	"bidi\u202eX",
	"sep\u2028\u2029",
	"bom\ufeff",
	"back`tick",
	"ünïcödé ✓",
}

// injectionSpec builds an OpenAPI document in which every string the
// generator copies tries to escape into code.
func injectionSpec() map[string]any {
	str := func(extra map[string]any) map[string]any {
		m := map[string]any{"type": "string", "description": hostileText}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	enumVals := make([]any, len(hostileStrings))
	for i, s := range hostileStrings {
		enumVals[i] = s
	}
	props := map[string]any{
		exitLit:        str(map[string]any{"default": exitLit, "example": "ex\"\n" + exitLit}),
		"a\nb":         str(nil),
		"`tag`":        str(nil),
		`x"y\z`:        str(map[string]any{"default": `\"` + "\n"}),
		"{{x}}":        str(nil),
		"ünïcödé":      str(nil),
		"type":         str(nil),
		"func":         map[string]any{"type": "integer", "default": 7},
		"init":         str(nil),
		"":             str(nil),
		"!!!":          str(nil),
		"Error":        str(nil),
		"*/":           str(nil),
		"bidi\u202eok": str(nil),
		"bom\ufeffok":  str(nil),
		"kind":         map[string]any{"$ref": "#/components/schemas/Kind"},
		"self":         map[string]any{"$ref": "#/components/schemas/func"},
	}
	schemas := map[string]any{
		"func": map[string]any{
			"type": "object", "description": hostileText, "required": []any{exitLit, "kind"},
			"properties": props,
		},
		"Kind":  map[string]any{"type": "string", "description": hostileText, "enum": enumVals, "default": exitLit, "example": exitLit},
		"init":  map[string]any{"type": "object", "description": closeComment, "properties": map[string]any{"init": str(nil)}},
		"type":  map[string]any{"type": "integer", "enum": []any{1, 2}, "description": hostileText},
		"":      map[string]any{"type": "object", "properties": map[string]any{"x": str(nil)}},
		"!!!":   map[string]any{"type": "object", "properties": map[string]any{"y": str(nil)}},
		"*/":    map[string]any{"type": "string", "enum": []any{"*/", "/*"}},
		"{{.}}": map[string]any{"type": "string", "enum": []any{"{{.}}", "{{"}},
		"Über":  map[string]any{"type": "string", "enum": []any{"Ä", "ä", "a"}},
		"_":     map[string]any{"type": "object", "properties": map[string]any{"_": str(nil)}},
		"Nullable": map[string]any{"type": "object", "properties": map[string]any{
			"n": map[string]any{"type": []any{"string", "null"}, "description": hostileText},
		}},
	}
	param := func(in, name string, required bool, schema map[string]any) map[string]any {
		return map[string]any{"in": in, "name": name, "required": required, "description": hostileText, "schema": schema,
			"example": exitLit}
	}
	okResponse := map[string]any{
		"description": hostileText,
		"headers": map[string]any{
			"X-\"Evil\"\\": map[string]any{"description": hostileText, "schema": str(nil)},
			exitLit:        map[string]any{"schema": str(nil)},
		},
		"content": map[string]any{"application/json": map[string]any{
			"schema":  map[string]any{"$ref": "#/components/schemas/func"},
			"example": map[string]any{exitLit: exitLit},
		}},
	}
	op := func(id string, params []any, body bool) map[string]any {
		o := map[string]any{
			"operationId": id,
			"tags":        []any{"Evil\"Tag\n" + exitLit},
			"summary":     hostileText,
			"description": closeComment + "\n" + hostileText + " requires the `" + exitLit + "` scope.",
			"responses": map[string]any{
				"200":     okResponse,
				"4XX":     map[string]any{"description": closeComment, "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/init"}}}},
				"default": map[string]any{"description": hostileText},
			},
			"security": []any{map[string]any{"oauth\"2": []any{exitLit, "read:{{x}}"}}, map[string]any{"key\n": []any{}}},
		}
		if params != nil {
			o["parameters"] = params
		}
		if body {
			o["requestBody"] = map[string]any{"description": hostileText, "required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/func"}},
			}}
		}
		return o
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			// A line break in the title is TestInjectionThroughTitle's.
			"title": "Evil " + exitLit + closeComment, "version": "1\"\n" + exitLit + "\u202e", "description": hostileText,
		},
		"servers": []any{
			map[string]any{"url": "https://api.example.com/" + exitLit + "\\\n`{{.}}`", "description": hostileText},
			map[string]any{"url": "https://{region\"}.example.com", "variables": map[string]any{
				"region\"": map[string]any{"default": exitLit, "enum": []any{exitLit, "eu\n"}, "description": hostileText},
			}},
		},
		"tags": []any{map[string]any{"name": "Evil\"Tag\n" + exitLit, "description": hostileText}},
		"paths": map[string]any{
			"/items/{it\"em}/{id}": map[string]any{
				"summary": hostileText,
				"get": op(exitLit, []any{
					param("path", "it\"em", true, str(nil)),
					param("path", "id", true, str(map[string]any{"enum": enumVals})),
					param("query", exitLit, false, str(map[string]any{"default": exitLit})),
					param("query", "q\\\n", true, map[string]any{"$ref": "#/components/schemas/Kind"}),
					param("header", "X-\"Evil\"\\", false, str(map[string]any{"default": "a\"b\\c"})),
					param("header", "X-Ünï{{x}}", false, str(nil)),
					param("cookie", "c\"ookie", false, str(nil)),
					param("query", "ctx", false, str(nil)),
					param("query", "opts", false, str(nil)),
					param("query", "func", false, str(nil)),
				}, false),
				"post":  op("post\"Item\\\n{{x}}", []any{param("path", "it\"em", true, str(nil)), param("path", "id", true, str(nil))}, true),
				"put":   op("init", []any{param("path", "it\"em", true, str(nil)), param("path", "id", true, str(nil))}, true),
				"patch": op("", []any{param("path", "it\"em", true, str(nil)), param("path", "id", true, str(nil))}, true),
			},
			"/ü/*/": map[string]any{
				"delete": op("ünïcödé", nil, false),
				"head":   op("*/", nil, false),
			},
		},
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"oauth\"2": map[string]any{"type": "oauth2", "description": hostileText, "flows": map[string]any{
					"clientCredentials": map[string]any{"tokenUrl": "https://x.example/" + exitLit, "scopes": map[string]any{
						exitLit: hostileText, "read:{{x}}": closeComment,
					}},
				}},
				"key\n": map[string]any{"type": "apiKey", "in": "header", "name": "X-Key\"\n" + exitLit, "description": hostileText},
			},
		},
	}
}

// topLevelFuncs are the functions (not methods) a generated SDK declares
// outside internal/core; With* client options come on top.
var topLevelFuncs = map[string]bool{
	"New": true, "Ptr": true, "Null": true, "NewNullable": true, "RequiredScopes": true,
	"ExpandScope": true, "TestConformance": true, "hasQuery": true, "credentialsFromEnv": true,
	"recordExchange": true,
}

var optionRE = regexp.MustCompile(`^With[A-Z0-9][A-Za-z0-9]*$`)

// TestInjection generates an SDK from a spec that tries to inject code
// through every text it controls, then shows that the output compiles and
// vets, declares only the functions the generator emits, keeps no raw
// line-breaking, NUL or bidi characters anywhere, and holds the spec's
// strings intact inside Go literals.
func TestInjection(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on a generated module")
	}
	spec, err := json.MarshalIndent(injectionSpec(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	api, diags := sdkparser.ParseBytes("injection/openapi.json", spec, sdkparser.Config{})
	for _, d := range diags {
		t.Log(d)
	}
	if diags.HasErrors() {
		t.Fatal("the hostile spec must generate, with warnings at most")
	}
	const module = "example.com/evil"
	files, err := gen.Generate(api, gen.Config{Package: "evil", Module: module, GoMod: true, Conformance: true, Examples: true, Docs: true})
	if err != nil {
		t.Fatal(err)
	}

	literals := checkGenerated(t, files)

	// The spec's strings arrive intact as data: enum values as constants,
	// the server URL, defaults and header names as literals.
	for _, want := range append([]string{
		"https://api.example.com/" + exitLit + "\\\n`{{.}}`", // servers[0]
		"X-\"Evil\"\\", // header parameter name
	}, hostileStrings...) {
		found := false
		for _, l := range literals {
			if strings.Contains(l, want) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no string literal holds %q", want)
		}
	}

	dir := t.TempDir()
	writeFiles(t, dir, files)
	// go vet builds the package and its conformance test too.
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet in the generated module: %v\n%s", err, out)
	}
}

// checkGenerated checks generated files for what a hostile spec could
// have smuggled in: raw NUL, line-separator, BOM and bidi characters
// anywhere; outside internal/core (the runtime template, which must be
// byte for byte the template), top-level functions other than the ones
// the generator emits, block comments, imports of os/exec, syscall,
// unsafe or plugin, os calls other than reading the environment, and
// panic calls. It returns the values of every string literal.
func checkGenerated(t *testing.T, files []gen.File) []string {
	t.Helper()
	runtime := map[string][]byte{}
	for _, rf := range templates.Runtime() {
		runtime["internal/core/"+rf.Name] = rf.Content
	}
	var literals []string
	fset := token.NewFileSet()
	for _, f := range files {
		for _, r := range []rune{0, '\r', '\u2028', '\u2029', '\u0085', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\ufeff'} {
			if i := bytes.IndexRune(f.Content, r); i >= 0 {
				t.Errorf("%s: raw %U at byte %d: %q", f.Path, r, i, context(f.Content, i))
			}
		}
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		if strings.HasPrefix(f.Path, "internal/core/") {
			if want, ok := runtime[f.Path]; !ok || !bytes.HasSuffix(f.Content, want) {
				t.Errorf("%s is not the runtime template byte for byte", f.Path)
			}
			continue
		}
		af, err := parser.ParseFile(fset, f.Path, f.Content, parser.ParseComments)
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		for _, d := range af.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil {
				continue
			}
			if n := fd.Name.Name; !topLevelFuncs[n] && !optionRE.MatchString(n) && !(f.Path == gen.ExamplesFile && strings.HasPrefix(n, "Example")) {
				t.Errorf("%s: unexpected top-level func %s", f.Path, n)
			}
		}
		for _, imp := range af.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "os/exec" || p == "syscall" || p == "unsafe" || p == "plugin" {
				t.Errorf("%s imports %s", f.Path, p)
			}
		}
		ast.Inspect(af, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				// The SDK reads credentials from the environment, nothing more.
				// The conformance test (test code, never built into the SDK)
				// also appends to the record file the environment names.
				recording := f.Path == gen.ConformanceFile && (n.Sel.Name == "OpenFile" || strings.HasPrefix(n.Sel.Name, "O_"))
				if x, ok := n.X.(*ast.Ident); ok && x.Name == "os" && n.Sel.Name != "Getenv" && n.Sel.Name != "LookupEnv" && !recording {
					t.Errorf("%s: os.%s at %s", f.Path, n.Sel.Name, fset.Position(n.Pos()))
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "panic" {
					t.Errorf("%s: panic call at %s", f.Path, fset.Position(n.Pos()))
				}
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					s, err := strconv.Unquote(n.Value)
					if err != nil {
						t.Errorf("%s: bad literal %s", f.Path, n.Value)
					}
					literals = append(literals, s)
				}
			}
			return true
		})
		for _, cg := range af.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "/*") {
					t.Errorf("%s: block comment at %s: %.60q", f.Path, fset.Position(c.Pos()), c.Text)
				}
			}
		}
	}

	return literals
}

// context shows a few bytes around offset i.
func context(b []byte, i int) string {
	return string(b[max(i-40, 0):min(i+40, len(b))])
}

// TestInjectionThroughTitle: the API title reaches the Client type's doc
// comment. gen/client.go wrote it with jen.Comment("Client calls " +
// title + …), raw; jennifer renders a comment holding a line break as a
// /* */ block, so a title "x\n*/ func init() { panic(1) } /*" declared a
// real func init in client.go (and U+2028 reached the file raw). Every
// spec text must go through doc (gen/docs.go).
func TestInjectionThroughTitle(t *testing.T) {
	spec := `{"openapi": "3.0.3",
 "info": {"title": "Evil\n*/ func init() { panic(1) } /*\u2028x", "version": "1\n*/ func init() {} /*"},
 "paths": {"/a": {"get": {"operationId": "getA", "responses": {"204": {"description": "gone"}}}}}}`
	api, diags := sdkparser.ParseBytes("title/openapi.json", []byte(spec), sdkparser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := gen.Generate(api, gen.Config{Package: "evil", Module: "example.com/evil"})
	if err != nil {
		t.Fatal(err)
	}
	checkGenerated(t, files)
}
