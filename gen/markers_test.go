package gen_test

import (
	"bytes"
	"encoding/json"
	"go/format"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// TestCommentMarkersInDescriptions: spec text whose lines are comment
// markers ("/*", "*/", "/* x */", "//") generates code that parses and is
// gofmt-clean, with no block comment; a link broken across comment lines
// stays tied to its definition, so gofmt leaves the comment as it is. jennifer writes a Comment that starts
// with "//" or "/*" as it is, so a description line "/*" once opened a
// block comment and generation failed with "comment not terminated".
func TestCommentMarkersInDescriptions(t *testing.T) {
	markers := []string{"/*", "*/", "/* x */", "//", "// x", "/**/"}
	texts := []string{
		strings.Join(markers, "\n"),                     // one paragraph
		strings.Join(markers, "\n\n"),                   // one paragraph each
		"```\n" + strings.Join(markers, "\n") + "\n```", // code lines
		"- " + strings.Join(markers, "\n- "),            // list items
		// A link whose text must wrap: gofmt finds it defined only
		// if no comment line ends in a space.
		"Read the [" + strings.Repeat("long link text ", 8) + "](https://example.com/guide) first. See [docs](https://example.com/docs).",
	}
	text := strings.Join(texts, "\n\n")
	b := descriptionSpec(t, text)
	api, diags := sdkparser.ParseBytes("markers/openapi.json", b, sdkparser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := gen.Generate(api, gen.Config{Package: "markers", Module: "example.com/markers"})
	if err != nil {
		t.Fatal(err)
	}
	checkGenerated(t, files)
	seen := false
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		formatted, err := format.Source(f.Content)
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		if !bytes.Equal(formatted, f.Content) {
			t.Errorf("%s is not gofmt-clean", f.Path)
		}
		seen = seen || bytes.Contains(f.Content, []byte("\n// /*\n"))
	}
	if !seen {
		t.Error(`no comment line "// /*": the markers did not reach a comment line on their own`)
	}
}

// descriptionSpec is a small spec with text in every place a description
// reaches a Go comment: API, tag, operation, parameters, response, schema,
// enum.
func descriptionSpec(t testing.TB, text string) []byte {
	str := map[string]any{"type": "string", "description": text}
	spec := map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": "Markers", "version": "1", "description": text},
		"tags":    []any{map[string]any{"name": "Things", "description": text}},
		"paths": map[string]any{"/things/{id}": map[string]any{"get": map[string]any{
			"operationId": "getThing", "tags": []any{"Things"},
			"summary": "/*", "description": text,
			"parameters": []any{
				map[string]any{"in": "path", "name": "id", "required": true, "description": text, "schema": str},
				map[string]any{"in": "query", "name": "q", "description": text, "schema": str},
			},
			"responses": map[string]any{"200": map[string]any{"description": text, "content": map[string]any{
				"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Thing"}},
			}}},
		}}},
		"components": map[string]any{"schemas": map[string]any{
			"Thing": map[string]any{"type": "object", "description": "/*\n" + text, "properties": map[string]any{
				"name": str,
				"kind": map[string]any{"type": "string", "enum": []any{"a"}, "description": "*/\n" + text},
			}},
		}},
	}
	b, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzDescriptions: whatever a description says, the SDK generates,
// parses and is gofmt-clean. Seeds are comment markers in the places
// Markdown gives them meaning.
func FuzzDescriptions(f *testing.F) {
	for _, seed := range []string{
		"/*", "*/", "//", "/* open", "a\n/*\nb", "```\n/*\n```", "- /*\n- */", "> /*", "    /* indented code",
		"<pre>/*</pre>", "`/*`", "[/*](https://example.com/*)", "*/ /* */ //go:generate rm -rf /", "\x00\r/*\r\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		api, diags := sdkparser.ParseBytes("markers/openapi.json", descriptionSpec(t, text), sdkparser.Config{})
		if diags.HasErrors() {
			t.Skip("not a spec this test is about")
		}
		files, err := gen.Generate(api, gen.Config{Package: "markers", Module: "example.com/markers"})
		if err != nil {
			t.Fatalf("description %q: %v", text, err)
		}
		for _, file := range files {
			if !strings.HasSuffix(file.Path, ".go") {
				continue
			}
			formatted, err := format.Source(file.Content)
			if err != nil {
				t.Fatalf("description %q: %s: %v", text, file.Path, err)
			}
			if !bytes.Equal(formatted, file.Content) {
				t.Fatalf("description %q: %s is not gofmt-clean", text, file.Path)
			}
		}
	})
}
