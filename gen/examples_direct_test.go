package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// TestExamplesSource: the examples file laid out directly, and the
// samples it quotes, are those jennifer, go/format and wrapLong give, on
// every testdata spec and, where the shared specs are at hand, on the
// corpus, Swagger 2.0, bench and Moov specs; and most are laid out
// directly.
func TestExamplesSource(t *testing.T) {
	specs := testSpecs(t, "corpus/*", "swagger2/*", "bench/*", "moov/*.yaml")
	// Required arguments of every kind of type, named and not.
	odd := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(odd, []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{day}:
    post:
      operationId: makeThing
      parameters:
        - {name: day, in: path, required: true, schema: {type: string, format: date}}
        - {name: kinds, in: query, required: true, schema: {type: array, items: {$ref: "#/components/schemas/Kind"}}}
        - {name: at, in: header, required: true, schema: {type: string, format: date-time}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [tags, parts, extra, when, blob, nested, counts, ratio]
              properties:
                tags: {type: array, minItems: 1, items: {$ref: "#/components/schemas/Kind"}}
                parts: {type: array, minItems: 2, items: {$ref: "#/components/schemas/Part"}}
                extra: {type: object, additionalProperties: {$ref: "#/components/schemas/Part"}}
                when: {type: string, format: date}
                blob: {type: string, format: byte}
                nested: {type: object, required: [x], properties: {x: {type: integer, format: int32}}}
                counts: {type: array, minItems: 1, items: {type: integer}}
                ratio: {type: number, format: float}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Part"}}}}
  /upload:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {type: object, required: [file], properties: {file: {type: string, format: binary}}}
      responses:
        "204": {description: ok}
components:
  schemas:
    Kind: {type: string, enum: [a, b]}
    Part: {type: object, required: [name, kind], properties: {name: {type: string}, kind: {$ref: "#/components/schemas/Kind"}}}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	specs = append(specs, odd)
	direct, checked := 0, 0
	for _, spec := range specs {
		api, diags := sdkparser.Parse(spec, sdkparser.Config{})
		if diags.HasErrors() || api == nil {
			continue
		}
		checked++
		g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk", Examples: true}, "example.com/sdk/internal/core")
		samples, got, ok := g.examplesSource()
		if !ok {
			continue
		}
		direct++
		wantSamples, f := g.samples()
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			t.Fatal(err)
		}
		want := groupImports(wrapLong(buf.Bytes()))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the examples laid out directly differ from jennifer's layout:\n%s", spec, firstDiff(got, want))
			continue
		}
		quoteExamples(want, wantSamples)
		for i, s := range samples {
			if s.Go != wantSamples[i].Go || s.Example != wantSamples[i].Example || s.Curl != wantSamples[i].Curl {
				t.Errorf("%s: sample %s is\n%s\nwant\n%s", spec, s.Example, s.Go, wantSamples[i].Go)
			}
		}
	}
	if direct < checked*3/4 {
		t.Errorf("only %d of %d specs' examples were laid out directly", direct, checked)
	}
}
