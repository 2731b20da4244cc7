package parser_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pb33f/go-yaml"

	"github.com/sdkgen/sdkgen/parser"
)

// fuzzSeeds are hand-written inputs that aim at the parser's edges: the
// JSON sanitiser and column fixer, the YAML error-position parser, version
// sniffing, $ref resolution and aliases.
var fuzzSeeds = []string{
	``,
	"\n \t\n",
	`{`,
	`[]`,
	`{"openapi": 3}`,
	`{"openapi": "3.1.0", "info": {"title": "\ud83d\udc4d\ud83d", "version": "1"}, "paths": {}}`,
	"{\"openapi\": \"3.0.0\",\t\"info\": {\"title\": \"a\x00b\x7f\", \"version\": \"1\"}, \"paths\": {}}",
	`{"swagger": "2.0"}`,
	"swagger: '2.0'\n",
	"openapi: 2.5.0\n",
	"openapi: [3.0.0]\n",
	"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a/{b}:\n    get:\n      responses: {'200': {$ref: '#/nope'}}\n",
	"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
	"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {allOf: [{$ref: '#/components/schemas/A'}]}\n",
	"openapi: 3.0.0\ninfo: &i {title: t, version: '1'}\nx-a: &a [*i, *i, *i]\nx-b: [*a, *a, *a]\npaths: {}\n",
	"openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    post:\n      requestBody: {$ref: 'other.yaml#/x'}\n      responses: {default: {description: d}}\n",
	"openapi: 3.0.0\n\tinfo: x\n",
	"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {'': {type: object}, 'a/b~c': {enum: [\"\\\"\", null, 1]}}}\n",
	// libopenapi's resolver indexed past the end of a list ending in "$ref"
	// (found by FuzzGenerateShapes): now a positioned error.
	`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"A":{"type":"object","required":["a","b","$ref"]}}}}`,
	"openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {items: {enum: [x, y, $ref]}}\n",
	// Swagger 2.0, converted on the way in: aliases and merge keys, ref
	// chains and cycles between shared parameters, a body parameter and
	// formData together, odd types where objects are expected.
	"swagger: '2.0'\ninfo: {title: t, version: '1'}\nx-p: &p {name: a, in: formData, type: file}\nparameters:\n  A: {$ref: '#/parameters/B'}\n  B: {$ref: '#/parameters/A'}\n  C: *p\npaths:\n  /a:\n    parameters: [{$ref: '#/parameters/C'}]\n    post:\n      <<: {consumes: [text/plain]}\n      parameters: [{$ref: '#/parameters/A'}, {name: b, in: body, schema: 5}, *p]\n      responses: {'200': {$ref: '#/responses/R'}, default: {schema: {type: file}}}\nresponses:\n  R: {$ref: '#/responses/R'}\n",
	"swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: [x]\nbasePath: 7\nschemes: [ws, ftp]\nsecurityDefinitions: {a: {type: oauth2, flow: nope}, b: {type: basic}, c: 1}\npaths: {/a: {get: {parameters: [{name: q, in: query, type: array, items: {type: array, items: {}, collectionFormat: tsv}, collectionFormat: bogus}], responses: {'204': {description: d, headers: {X: {type: array, collectionFormat: pipes}}}}}}}\ndefinitions: {A: {discriminator: {propertyName: k}, x-nullable: true, allOf: [{$ref: 'missing.yaml#/definitions/B'}, 3]}, B: [1]}\n",
	`{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"parameters": [{"$ref": "#/paths/~1a/get/parameters/0"}], "responses": {"200": {"description": "d", "schema": {"$ref": "#/parameters/X/schema"}}}}}}}`,
}

// FuzzParse feeds arbitrary bytes to the parser: as they are (YAML or
// JSON, which the parser tells by content) and, when they read as YAML,
// converted to JSON, so every YAML input also drives the JSON path
// (sanitising, column fixes). It must never panic (libopenapi's own
// panics are recovered into an "internal" diagnostic, which counts as a
// failure too: a crash with a nicer face), and every diagnostic that
// names a file has a line, a code and a one-line message.
func FuzzParse(f *testing.F) {
	specs, _ := filepath.Glob("../testdata/*/openapi.*")
	for _, s := range specs {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// The paths lie under a folder that does not exist: relative file
		// $refs resolve to nothing rather than reading the project.
		checkParse(t, "fuzz-missing/openapi.yaml", b)
		var v any
		if !isJSONish(b) && yaml.Unmarshal(b, &v) == nil && v != nil {
			if j, err := json.Marshal(v); err == nil {
				checkParse(t, "fuzz-missing/openapi.json", j)
			}
		}
	})
}

// isJSONish reports whether b already starts as JSON does.
func isJSONish(b []byte) bool {
	t := bytes.TrimSpace(b)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

func checkParse(t *testing.T, name string, b []byte) {
	t.Helper()
	in := bytes.Clone(b)
	api, diags := parser.ParseBytes(name, in, parser.Config{})
	if !bytes.Equal(in, b) {
		t.Fatalf("%s: ParseBytes modified its input", name)
	}
	for _, d := range diags {
		if d.Pos.File != "" && d.Pos.Line < 1 {
			t.Errorf("%s: diagnostic without a line: %s [%s]", name, d, d.Code)
		}
		if d.Code == "internal" {
			t.Errorf("%s: recovered panic: %s", name, d)
		}
		if d.Message == "" || d.Code == "" {
			t.Errorf("%s: diagnostic without message or code: %#v", name, d)
		}
		if strings.ContainsAny(d.Message, "\n\r") {
			t.Errorf("%s: diagnostic spans lines: %q", name, d.Message)
		}
	}
	if api == nil && !diags.HasErrors() {
		t.Errorf("%s: no API and no error", name)
	}
}
