package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/wirecheck"
	"github.com/sdkgen/sdkgen/parser"
)

// constrainedSpec declares parameters, bodies and responses whose values
// are constrained by format, pattern, enum, bounds, lengths and item
// counts, so that arbitrary sample values would be rejected. (No query
// array has minItems: the validator counts the items of each exploded
// value on its own, and so rejects tags=a&tags=b under minItems: 2.)
const constrainedSpec = `openapi: 3.0.3
info: {title: Constrained, version: "1"}
servers: [{url: https://api.example.com/v2}]
paths:
  /accounts/{accountID}/items:
    parameters:
      - {name: accountID, in: path, required: true, schema: {type: string, format: uuid}}
    get:
      operationId: listItems
      parameters:
        - {name: code, in: query, required: true, schema: {type: string, pattern: '^[A-Z]{3}-\d{2,4}$'}}
        - {name: email, in: query, schema: {type: string, format: email}}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: day, in: query, schema: {type: string, format: date}}
        - {name: ip, in: query, schema: {type: string, format: ipv4}}
        - {name: limit, in: query, schema: {type: integer, format: int32, minimum: 10, maximum: 20, multipleOf: 5}}
        - {name: ratio, in: query, schema: {type: number, minimum: 2, exclusiveMinimum: true, maximum: 3}}
        - {name: name, in: query, schema: {type: string, minLength: 5, maxLength: 8}}
        - {name: tags, in: query, schema: {type: array, items: {type: string, enum: [a, b]}}}
        - {name: ex, in: query, schema: {type: string, pattern: '^ex_[0-9]+$', example: ex_42}}
        - {name: filter, in: query, style: deepObject, explode: true, schema: {$ref: '#/components/schemas/Filter'}}
        - {name: X-Trace, in: header, schema: {type: string, pattern: '^[a-f0-9]{8}$'}}
      responses:
        "200":
          description: ok
          headers:
            X-Rate-Remaining: {required: true, schema: {type: integer, minimum: 100}}
            X-Request-ID: {required: true, schema: {type: string, format: uuid}}
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Item'}}
    post:
      operationId: createItem
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/Filter'}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Filter:
      type: object
      properties:
        status: {type: string, enum: [open, closed]}
        min: {type: integer, minimum: 3}
        prefix: {type: string, pattern: '^[a-z]+$', minLength: 2}
    Item:
      type: object
      required: [id, sku]
      properties:
        id: {type: string, format: uuid, readOnly: true}
        sku: {type: string, pattern: '^SKU-[0-9]{6}$'}
        price: {type: number, multipleOf: 0.01, minimum: 0.5}
        qty: {type: integer, exclusiveMinimum: true, minimum: 0, maximum: 9}
        site: {type: string, format: uri}
        labels: {type: array, minItems: 2, maxItems: 3, items: {type: string, maxLength: 3}}
        owner:
          oneOf:
            - {$ref: '#/components/schemas/Loose'}
            - {$ref: '#/components/schemas/Person'}
        attrs: {type: object, additionalProperties: {type: integer, minimum: 7}}
        note: {type: string, nullable: true, maxLength: 2}
    Loose:
      type: object
      properties:
        nick: {type: string}
    Person:
      type: object
      required: [first]
      properties:
        first: {type: string, minLength: 2}
`

// TestConformanceValidates generates an SDK for constrainedSpec, runs its
// conformance test with recording on, and has libopenapi-validator judge
// every request and response: the synthesised values must honour the
// schema, and both the required-only and the all-optional cases must send
// what the spec allows.
func TestConformanceValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated module")
	}
	dir := t.TempDir()
	spec := filepath.Join(dir, "openapi.yaml")
	if err := os.WriteFile(spec, []byte(constrainedSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	api, diags := parser.Parse(spec, parser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := gen.Generate(api, gen.Config{Package: "constrained", Module: "example.com/constrained", GoMod: true, Conformance: true})
	if err != nil {
		t.Fatal(err)
	}
	mod := writeModule(t, files)
	records := filepath.Join(dir, "records.jsonl")
	t.Setenv(gen.RecordEnv, records)
	out := run(t, mod, "go", "test", "-count=1", "-v", "-run", "TestConformance", ".")
	if n := strings.Count(out, "--- PASS: TestConformance/"); n != 6 {
		t.Errorf("conformance cases passed = %d, want 6:\n%s", n, out)
	}
	recs, err := wirecheck.ReadRecords(records)
	if err != nil {
		t.Fatal(err)
	}
	st, err := wirecheck.Validate(spec, recs["constrained"])
	if err != nil {
		t.Fatal(err)
	}
	if st.Requests != 6 || st.Responses != 6 {
		t.Errorf("validated %d requests and %d responses, want 6 each", st.Requests, st.Responses)
	}
	for _, f := range st.Failures {
		t.Errorf("validation: %s", f)
	}
	// The all-optional call sends every optional parameter.
	for _, r := range recs["constrained"] {
		if r.Case != "listItems/all optional" {
			continue
		}
		for _, p := range []string{"email=", "since=", "day=", "ip=", "limit=", "ratio=", "name=", "tags=", "ex=ex_42", "filter%5Bstatus%5D="} {
			if !strings.Contains(r.URL, p) {
				t.Errorf("all-optional request %s lacks %s", r.URL, p)
			}
		}
		if r.Header["X-Trace"] == nil {
			t.Errorf("all-optional request lacks X-Trace")
		}
	}
}
