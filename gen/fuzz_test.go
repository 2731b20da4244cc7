package gen_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// generateSeeds are hand-written specs that stress naming, escaping and
// type shapes: every one should generate code that type-checks.
var generateSeeds = []string{
	// Names that collide with each other, with keywords and with the
	// runtime, or that have no letters at all.
	`openapi: 3.0.0
info: {title: "type", version: "1"}
paths:
  /{type}/{func}:
    get:
      operationId: "go"
      tags: ["", "New"]
      parameters:
        - {name: type, in: path, required: true, schema: {type: string}}
        - {name: func, in: path, required: true, schema: {type: integer}}
        - {name: ctx, in: query, schema: {type: string}}
        - {name: opts, in: header, required: true, schema: {type: string}}
        - {name: "", in: query, schema: {type: string}}
        - {name: "--", in: cookie, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/map'}}}}
components:
  schemas:
    map: {type: object, properties: {"": {type: string}, "-": {type: string}, "_": {type: string}, "Error": {type: string}, "String": {type: integer}}}
    "!!": {type: string, enum: ["", "a", "A", "a-", "\"", "\\", "\n"]}
    Client: {type: object}
    Error: {type: object, properties: {error: {type: string}}}
    "123": {type: integer, enum: [1, -1, 0]}
`,
	// Unions, nullable, recursion and allOf in one place.
	`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /x:
    post:
      operationId: postX
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/U'}}
          application/octet-stream: {schema: {type: string, format: binary}}
          text/plain: {schema: {type: string}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/R'}}}}}
        '4XX': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/R'}}}}
        default: {description: bad}
components:
  schemas:
    U:
      oneOf: [{type: string}, {type: integer}, {$ref: '#/components/schemas/R'}, {type: "null"}]
    R:
      type: [object, "null"]
      properties:
        self: {$ref: '#/components/schemas/R'}
        kids: {type: array, items: {$ref: '#/components/schemas/R'}}
        m: {type: object, additionalProperties: {$ref: '#/components/schemas/R'}}
        both: {allOf: [{$ref: '#/components/schemas/R'}, {type: object, properties: {x: {type: string, const: "c"}}}]}
`,
	// Strings that must stay inside their literals and comments.
	`{"openapi": "3.0.3", "info": {"title": "x\"+os.Exit(1)+\"", "version": "1", "description": "*/ func init() { panic(1) } /*\u2028// func init() {}"},
 "servers": [{"url": "https://x.example/\"\n` + "`" + `"}],
 "paths": {"/a": {"get": {"operationId": "a\"b", "summary": "\r\nfunc init() {}", "parameters": [
   {"name": "X-\"H\\", "in": "header", "schema": {"type": "string", "default": "\"\\\n", "enum": ["\"\\\n", "{{", "\u202e"]}}],
   "responses": {"204": {"description": "\u0000"}}}}}}`,
}

// FuzzGenerate runs the whole pipeline on arbitrary spec bytes: whatever
// parses without errors must generate, and what it generates must
// type-check (against the Go version floor of generated SDKs) with the
// conformance test included. Panics anywhere are failures.
func FuzzGenerate(f *testing.F) {
	specs, _ := filepath.Glob("../testdata/*/openapi.*")
	for _, s := range specs {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range generateSeeds {
		f.Add([]byte(s))
	}
	const module = "example.com/fuzzsdk"
	f.Fuzz(func(t *testing.T, b []byte) {
		if knownCrashers[string(b)] && !fuzzing() {
			t.Skip("still crashes the generator; see TestCrashRegressions")
		}
		api, diags := parser.ParseBytes("fuzz-missing/openapi.yaml", b, parser.Config{})
		if diags.HasErrors() {
			return
		}
		if api == nil {
			t.Fatalf("no API and no error; diagnostics: %v", diags)
		}
		files, err := gen.Generate(api, gen.Config{Package: "fuzzsdk", Module: module, GoMod: true, Conformance: true, Examples: true, Docs: true})
		if err != nil {
			t.Fatalf("a spec without errors failed to generate: %v", err)
		}
		fuzzTypeCheck(t, module, files, b)
	})
}
