package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/doc/comment"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model"
	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// TestSourceLayout: the files sdkgen lays out itself, without go/format,
// are what go/format and wrapLong make of them, byte for byte, on enums
// chosen for the edges of gofmt's layout: one-line method bodies around
// the printer's 100-byte limit, constant runs split by comments and
// aligned by runes, tables that wrap or hold an entry wider than a line,
// a mixed enum's literal map that must be broken, doc comments with a
// list, code and quotes gofmt rewrites; structs with every kind of field.
func TestSourceLayout(t *testing.T) {
	schemas := map[string]any{}
	// Names from 10 to 90 bytes long put IsKnown's signature and
	// statement on both sides of the limit, for one value and for two.
	for n := 10; n <= 90; n++ {
		name := "E" + strings.Repeat("x", n-1)
		schemas[name+"One"] = map[string]any{"type": "string", "enum": []any{"v"}}
		schemas[name+"Two"] = map[string]any{"type": "string", "enum": []any{"a", "bb"}}
	}
	var many []any
	for i := range 60 {
		many = append(many, fmt.Sprintf("value_%d_%s", i, strings.Repeat("z", i%7)))
	}
	many = append(many, strings.Repeat("w", 130), `q"uo\te`, "café", "naïve_ünïcode")
	schemas["Many"] = map[string]any{
		"type": "string", "enum": many,
		"description": "The values.\n\nDetails Here\n\nIn prose:\n\n    code line\n\n- one\n- two\n\nA [link](https://example.com).",
	}
	schemas["Ints"] = map[string]any{"type": "integer", "enum": []any{-3, 0, 7, 1 << 40}, "deprecated": true}
	var mixed []any
	for i := range 40 {
		mixed = append(mixed, fmt.Sprintf("m%d", i), i)
	}
	schemas["Mixed"] = map[string]any{"enum": append(mixed, true, false)}
	schemas["Documented"] = map[string]any{"oneOf": []any{
		map[string]any{"const": "a", "description": "The ``first''."},
		map[string]any{"const": "bbbbbbb"},
		map[string]any{"const": "cc"},
		map[string]any{"const": "dddd", "description": "The fourth,\n\nin two paragraphs."},
		map[string]any{"const": "éé"},
		map[string]any{"const": "f"},
	}}
	props := map[string]any{}
	for name := range schemas {
		props[strings.ToLower(name)] = map[string]any{"$ref": "#/components/schemas/" + name}
	}
	schemas["Holder"] = map[string]any{"type": "object", "properties": props}
	// Fields: comments gofmt rewrites (“quotes”), runs of them between
	// comments, a name no tag can hold, date-times read leniently and
	// properties the schema does not name.
	schemas["Nothing"] = map[string]any{"type": "object", "properties": map[string]any{}, "additionalProperties": false}
	schemas["Tree"] = map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/Tree"}}
	schemas["Record"] = map[string]any{"type": "object", "required": []any{"at"},
		"additionalProperties": map[string]any{"type": "integer"},
		"properties": map[string]any{
			"quoted":                      map[string]any{"type": "string", "description": "It is ''sure''."},
			"at":                          map[string]any{"type": "string", "format": "date-time"},
			"a_much_longer_property_name": map[string]any{"type": "array", "items": map[string]any{"type": "string", "format": "date-time"}},
			"n":                           map[string]any{"type": "integer", "nullable": true},
			"bad\"name":                   map[string]any{"type": "boolean"},
			"café":                        map[string]any{"type": "number", "format": "float"},
			"nothing":                     map[string]any{"$ref": "#/components/schemas/Nothing"},
			"tree":                        map[string]any{"$ref": "#/components/schemas/Tree"},
		}}
	props["record"] = map[string]any{"$ref": "#/components/schemas/Record"}
	// Unions: tags of lengths that break the map's alignment, an object
	// two unions share with property lists spanning lines, kinds alone.
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	pet := func() map[string]any {
		return map[string]any{"type": "object", "required": []any{"petType"}, "properties": map[string]any{"petType": map[string]any{"type": "string"}}}
	}
	schemas["Cat"], schemas["Dog"] = pet(), pet()
	longTag := strings.Repeat("long_tag_", 6)
	schemas["Pet"] = map[string]any{"oneOf": []any{ref("Cat"), ref("Dog")}, "discriminator": map[string]any{
		"propertyName": "petType",
		"mapping":      map[string]any{"cat": "#/components/schemas/Cat", longTag: "#/components/schemas/Dog", "dg": "#/components/schemas/Dog"},
	}}
	big := map[string]any{}
	var required []any
	for i := range 30 {
		name := fmt.Sprintf("property_number_%d", i)
		big[name] = map[string]any{"type": "string"}
		required = append(required, name)
	}
	schemas["Big"] = map[string]any{"type": "object", "properties": big, "required": required}
	schemas["U1"] = map[string]any{"oneOf": []any{map[string]any{"type": "string"}, ref("Big")}}
	schemas["U2"] = map[string]any{"oneOf": []any{map[string]any{"type": "integer"}, ref("Big")}}
	schemas["Prim"] = map[string]any{"oneOf": []any{
		map[string]any{"type": "string"}, map[string]any{"type": "integer"}, map[string]any{"type": "boolean"},
		map[string]any{"type": "number"}, map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	}}
	// A union whose name and variant names are too long for their lines.
	long := strings.Repeat("VeryLongName", 9)
	schemas[long+"A"], schemas[long+"B"] = pet(), pet()
	schemas[long] = map[string]any{"oneOf": []any{ref(long + "A"), ref(long + "B")}}
	for _, name := range []string{"Pet", "U1", "U2", "Prim", long} {
		props[strings.ToLower(name)] = ref(name)
	}
	// The conformance case: a query list too long for its line, response
	// headers whose names break the map's alignment.
	var queryParams []any
	for i := range 8 {
		queryParams = append(queryParams, map[string]any{"in": "query", "name": fmt.Sprintf("filter_number_%d", i), "schema": map[string]any{"type": "string"}})
	}
	responseHeaders := map[string]any{}
	for _, h := range []string{"X-A", "X-Rate", strings.Repeat("X-Very-Long-Header-Name", 3), "X-B"} {
		responseHeaders[h] = map[string]any{"schema": map[string]any{"type": "string"}}
	}
	spec, err := json.Marshal(map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": "Layout", "version": "1"},
		"paths": map[string]any{"/holder": map[string]any{"get": map[string]any{
			"operationId": "getHolder",
			"parameters":  queryParams,
			"responses": map[string]any{"200": map[string]any{
				"description": "ok",
				"headers":     responseHeaders,
				"content": map[string]any{
					"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Holder"}},
				},
			}},
		}}},
		"components": map[string]any{"schemas": schemas},
	})
	if err != nil {
		t.Fatal(err)
	}
	api, diags := sdkparser.ParseBytes("layout/openapi.json", spec, sdkparser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := Generate(api, Config{Package: "layout", Module: "example.com/layout", Conformance: true})
	if err != nil {
		t.Fatal(err)
	}
	content := map[string][]byte{}
	for _, f := range files {
		content[f.Path] = f.Content
	}
	for path, wants := range map[string][]string{
		"enums.go": {
			"func (v ExxxxxxxxxOne) IsKnown() bool { return v == ExxxxxxxxxOneV }", // one line
			"One) IsKnown() bool {\n\treturn v ==",                                 // and broken
			"Two) IsKnown() bool { return slices.Contains(",
			"Two) IsKnown() bool {\n\treturn slices.Contains(",
			"\tMixedM0    Mixed = \"m0\"\n\tMixed0     Mixed = \"0\"\n", // aligned
			"var literalsMixed = map[string]string{\n",
			"\t// The “first”.\n\tDocumentedA       Documented = \"a\"\n\tDocumentedBbbbbbb",
			"\tDocumentedDddd Documented = \"dddd\"\n\tDocumentedÉé   Documented = \"éé\"\n", // aligned by runes
		},
		"unions.go": {
			"var tagsPet = map[string]int{\n\t\"cat\": 0,\n\t\"dg\":  1,\n\t\"" + longTag + "\": 1,\n}",
			"var shapeBig = core.Shape{\n\tKind: core.KindObject,\n\tRequired: []string{",
			"var shapesPrim = []core.Shape{{Kind: core.KindString}, {Kind: core.KindInteger}, {Kind: core.KindBool},",
			"func (u Prim) Unknown() json.RawMessage { return u.unknown }",
		},
		"sdkgen_conformance_test.go": {
			"\t\tquery: []string{\n\t\t\t\"filter_number_0\",\n", // broken by wrapLong
			"\t\tresponseHeader: map[string]string{\n\t\t\t\"X-A\":    \"x\",\n",
			"\t\tname:   \"getHolder/all optional\",\n", // its section ends at the broken list
		},
		"models.go": {
			"\t// It is ”sure”.\n",
			"type Nothing struct{}\n",
			"type Tree []Tree\n",
			"\tAt                      time.Time   `json:\"at\"`\n",
			"\tBadName *bool           `json:\"-\"`\n",
			"\tN       Nullable[int64] `json:\"n,omitzero\"`\n",
			"core.UnmarshalLenient(data, (*plain)(t), \"a_much_longer_property_name\", \"at\")",
			"t.AdditionalProperties, err = core.Extra[int64](\n\t\tdata,\n", // broken by wrapLong
		},
	} {
		got := content[path]
		if testing.Verbose() {
			t.Logf("%s:\n%s", path, got)
		}
		for _, want := range wants {
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("%s has no %q", path, want)
			}
		}
		formatted, err := format.Source(got)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if wrapped := wrapLong(formatted); !bytes.Equal(wrapped, got) {
			t.Errorf("%s is not laid out as gofmt and wrapLong lay it out:\n%s", path, firstDiff(got, wrapped))
		}
	}
}

// TestSourceDoc: a doc comment goes out as gofmt rewrites doc comments,
// here an old-style heading, which it turns into a # heading.
func TestSourceDoc(t *testing.T) {
	s := (&gen{cfg: Config{Package: "p"}}).newSource()
	s.decl([]string{"T is a type.", "", "Details Here", "", "More text."}, "type T int")
	got := string(s.bytes())
	want := Header + "\n\npackage p\n\n// T is a type.\n//\n// # Details Here\n//\n// More text.\ntype T int\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if formatted, err := format.Source([]byte(got)); err != nil || string(formatted) != got {
		t.Errorf("not gofmt-clean: %v\n%s", err, formatted)
	}
}

// TestTypeSource: the type expressions models.go spells as source are
// the ones jennifer writes for the other files, for every type and field
// of the types specs.
func TestTypeSource(t *testing.T) {
	specs, _ := filepath.Glob("../testdata/types-*/openapi.yaml")
	if len(specs) == 0 {
		t.Fatal("no types specs")
	}
	n := 0
	for _, spec := range specs {
		api, diags := sdkparser.Parse(spec, sdkparser.Config{})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk"}, "example.com/sdk/internal/core")
		s := g.newSource()
		check := func(mt *model.Type) {
			want := fmt.Sprintf("%#v", g.typ(mt))
			if got := g.typeSource(s, mt); got != want {
				t.Errorf("%s: %s is %s as source, %s through jennifer", spec, mt.Name, got, want)
			}
			n++
		}
		for _, mt := range api.Types {
			check(mt)
			if mt.GoName != "" {
				if want, got := fmt.Sprintf("%#v", g.typeExpr(mt)), g.typeExprSource(s, mt); got != want {
					t.Errorf("%s: %s's structure is %s as source, %s through jennifer", spec, mt.Name, got, want)
				}
			}
			for _, f := range mt.Fields {
				check(f.Type)
			}
			if mt.Additional != nil {
				check(mt.Additional)
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d types compared", n)
	}
}

// TestCompositeSource: key: value pairs are aligned, and their sections
// broken, as go/format does it, for keys of mixed lengths on both sides of
// its 40-byte and 2.5-ratio rules and values that span lines.
func TestCompositeSource(t *testing.T) {
	key := func(n int) string { return strconv.Quote(strings.Repeat("k", n)) }
	multi := "[]string{\"a\",\n\t\t\"b\"}"
	for _, sizes := range [][]int{
		{1}, {1, 2}, {1, 51, 1, 2}, {49, 51, 1, 2}, {39, 41, 120, 44}, {45, 45, 18, 45}, {100, 3, 3, 100},
		{1, -1, 1, 2}, {-1, 50, 3}, {50, -1, -1, 50, 50}, {2, 60, 60, 60, 20, 8}, {10, 36, 4},
	} {
		var pairs [][2]string
		for i, n := range sizes {
			if n < 0 {
				pairs = append(pairs, [2]string{key(3), multi})
				continue
			}
			pairs = append(pairs, [2]string{key(n), strconv.Itoa(i)})
		}
		src := "package p\n\nvar m = map[string]any" + compositeSource(pairs, 0) + "\n"
		formatted, err := format.Source([]byte(src))
		if err != nil {
			t.Fatalf("%v: %v\n%s", sizes, err, src)
		}
		if string(formatted) != src {
			t.Errorf("%v: not as go/format lays it out:\n%s", sizes, firstDiff([]byte(src), formatted))
		}
	}
}

// FuzzPlainDoc: a doc comment writeDoc writes as it is, without
// go/doc/comment, is one that go/doc/comment gives back unchanged.
func FuzzPlainDoc(f *testing.F) {
	for _, seed := range []string{
		"A plain sentence.", "First.\n\nSecond.", "Title\n\nBody.", "Intro.\n\nHeading Here\n\nMore.",
		"Set ``x'' now.", "See [Link].\n\n[Link]: https://example.com", "- item\n- item", "# Heading",
		"Intro.\n\n  indented code", "1. one\n2. two", "Ends with a digit 2\n\nnext.", "Ünïcode Title\n\nx.",
		"Set metadata[key] and [Client].\n\nRef: #/components/schemas/a_b", "Intro.\n\nBob's Heading\n\nMore.",
		"Intro.\n\nVersion 2.0 Notes\n\nMore.", "Intro.\n\nThe end. Really\n\nMore.", "Intro.\n\nLast Words",
		"Intro.\n\n[Link]\n\nMore.", "Intro.\n[Link]: https://example.com", "[Link]: https://example.com\n\nMore.",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// Lines as the generator makes them from a spec's prose, and as
		// they are.
		checkPlainDoc(t, (&doc{}).add(text).lines())
		checkPlainDoc(t, strings.Split(text, "\n"))
	})
}

// checkPlainDoc fails when plainDoc says go/doc/comment gives lines back as
// they are and it does not.
func checkPlainDoc(t *testing.T, lines []string) {
	t.Helper()
	if len(lines) == 0 || !plainDoc(lines) {
		return
	}
	var fast, slow strings.Builder
	writeDoc(&fast, "", lines)
	var p comment.Parser
	var pr comment.Printer
	out := string(pr.Comment(p.Parse(strings.Join(lines, "\n") + "\n")))
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		slow.WriteString(commentLine(l) + "\n")
	}
	if fast.String() != slow.String() {
		t.Errorf("%q: written as\n%s\ngo/doc/comment gives\n%s", lines, fast.String(), slow.String())
	}
}

// TestPreBreak: the signatures written already broken (methods, their
// All iterators and the iterators' fetchPage) give the service files
// wrapLong gives without them, byte for byte, with the operations' names
// grown step by step across the width where lines start to break.
func TestPreBreak(t *testing.T) {
	specs := []string{"pagination", "params-styles", "streams", "bodies", "moov-ticket", "path-query", "types-formats"}
	// Two error types, the fewest the descriptor writes one a line.
	twoErrors := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(twoErrors, []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
        "404": {description: no, content: {application/json: {schema: {$ref: "#/components/schemas/Missing"}}}}
        "422": {description: bad, content: {application/json: {schema: {$ref: "#/components/schemas/Invalid"}}}}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: string}}}
    Missing: {type: object, properties: {message: {type: string}}}
    Invalid: {type: object, properties: {field: {type: string}}}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	// Form bodies whose fields' styles make a map as long as their names.
	var forms []string
	for n := 1; n <= 60; n++ {
		name := "p" + strings.Repeat("q", n) // the first field's, one rune longer each time
		spec := filepath.Join(t.TempDir(), "openapi.yaml")
		if err := os.WriteFile(spec, []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /forms:
    post:
      operationId: postForm
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                `+name+`a: {type: object, properties: {x: {type: string}}}
                l: {type: array, items: {type: string}}
            encoding:
              `+name+`a: {style: deepObject, explode: true}
              l: {style: pipeDelimited, explode: false}
      responses:
        "204": {description: done}
`), 0o644); err != nil {
			t.Fatal(err)
		}
		forms = append(forms, spec)
	}
	broken, brokenCalls, pieces := 0, 0, 0
	for _, name := range append(append(specs, twoErrors), forms...) {
		spec, _ := filepath.Glob("../testdata/" + name + "/openapi.*")
		if filepath.IsAbs(name) {
			spec = []string{name}
		}
		if len(spec) != 1 {
			t.Fatalf("%s: no spec", name)
		}
		// The methods' names grow first, then the types' (the requests',
		// the results' and the items' among them), one rune a step; then
		// the types get names of one width, four runes and up.
		last := 180
		if slices.Contains(forms, name) {
			last = 0 // the names of the fields make the widths
		}
		for step := 0; step <= last; step++ {
			api, diags := sdkparser.Parse(spec[0], sdkparser.Config{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			pad := step
			if step > 120 {
				pad = 0
				for i, ty := range api.Types {
					if ty.GoName != "" {
						ty.GoName = fmt.Sprintf("T%03d", i) + strings.Repeat("Y", step-121)
					}
				}
			} else if step > 60 {
				pad = 0
				for _, ty := range api.Types {
					if ty.GoName != "" {
						ty.GoName += strings.Repeat("Y", step-60)
					}
				}
				for _, o := range api.Operations() {
					for _, n := range []*string{&o.RequestName, &o.ResultName} {
						if *n != "" {
							*n += strings.Repeat("Y", step-60)
						}
					}
				}
			}
			grow := strings.Repeat("X", pad)
			for _, o := range api.Operations() {
				o.GoName += grow
				if o.Pagination != nil && o.Pagination.MethodName != "" {
					o.Pagination.MethodName = o.GoName + "All"
				}
				if o.Body != nil {
					for _, c := range o.Body.Contents {
						c.MethodName += grow
					}
				}
				for _, c := range o.Downloads {
					c.MethodName += grow
				}
			}
			g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk", Examples: true}, "example.com/sdk/internal/core")
			for _, s := range api.Services {
				// Laid out directly where it can be, and pre-broken,
				// against all of it formatted and broken by wrapLong.
				direct, n, _ := checkService(t, g, s, fmt.Sprintf("%s, step %d", name, pad))
				pieces += n
				broken += bytes.Count(direct, []byte("(\n\tctx context.Context,\n")) + bytes.Count(direct, []byte("(\n\t\tctx context.Context,\n"))
			}
			var files [2][]byte
			for i, on := range []bool{true, false} {
				preBreak = on
				_, ex := g.samples()
				preBreak = true
				var b bytes.Buffer
				if err := ex.Render(&b); err != nil {
					t.Fatal(err)
				}
				files[i] = b.Bytes()
			}
			if got, want := wrapLong(files[0]), wrapLong(files[1]); !bytes.Equal(got, want) {
				t.Fatalf("%s, step %d: the examples differ from wrapLong's:\n%s", name, step, firstDiff(got, want))
			}
			brokenCalls += bytes.Count(files[0], []byte("(\n\t\tctx,\n"))
		}
	}
	if broken < 100 || brokenCalls < 100 || pieces < 1000 {
		t.Errorf("only %d signatures and %d example calls written broken, %d declarations laid out directly", broken, brokenCalls, pieces)
	}
	t.Logf("%d declarations laid out directly", pieces)
}
