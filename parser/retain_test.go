package parser

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/pb33f/libopenapi/index"
)

// retainSpec has every keyword whose value libopenapi hands out by
// pointer: the numeric bounds of a schema and an encoding's explode.
const retainSpec = `openapi: 3.1.0
info: {title: Retain, version: "1"}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                tags: {type: array, items: {type: string}, minItems: 1, maxItems: 9}
            encoding:
              tags: {style: form, explode: false}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string, minLength: 1, maxLength: 40, pattern: "^[a-z]+$"}
        size: {type: number, minimum: 0, maximum: 10, multipleOf: 0.5}
        low: {type: integer, exclusiveMinimum: 3, exclusiveMaximum: 30}
`

// TestModelDropsDocument: once parsed, the model must not keep
// libopenapi's document alive (its index and nodes are most of the
// memory a parse takes), so the generator renders with that memory free.
func TestModelDropsDocument(t *testing.T) {
	specs := map[string][]byte{"retain.yaml": []byte(retainSpec)}
	files, _ := filepath.Glob("../testdata/*/openapi.*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		specs[f] = b
	}
	for name, b := range specs {
		api, idx := parseKeepingIndex(name, b)
		if api == nil {
			t.Fatalf("%s: no model", name)
		}
		if !collected(idx) {
			t.Errorf("%s: the model keeps libopenapi's index alive", name)
		}
		runtime.KeepAlive(api)
	}
}

// collected reports whether the index is freed within a few collections.
// libopenapi's own goroutines may still be winding down when the parse
// returns, and while one runs it holds the index; that is not the model
// keeping it, so one collection alone would make the test flaky on a busy
// machine.
func collected(idx weak.Pointer[index.SpecIndex]) bool {
	for range 20 {
		runtime.GC()
		if idx.Value() == nil {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// parseKeepingIndex parses as ParseBytes does and returns the model with
// a weak pointer to the document's index.
func parseKeepingIndex(path string, b []byte) (any, weak.Pointer[index.SpecIndex]) {
	p := &parser{rootPath: path}
	api := p.run(b)
	var idx weak.Pointer[index.SpecIndex]
	if p.m != nil {
		idx = weak.Make(p.m.Index)
	}
	return api, idx
}
