package parser

import (
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model"
)

// schemaDoc wraps component schemas (YAML, indented under schemas:) in a
// document with no operations.
func schemaDoc(schemas string) []byte {
	return []byte("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" + schemas)
}

func typeNamed(api *model.API, name string) *model.Type {
	for _, t := range api.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TestConstEnum: which oneOf/anyOf lists of values become enums.
func TestConstEnum(t *testing.T) {
	for _, tc := range []struct {
		name   string
		schema string
		kind   model.Kind
		values string // enum values, space separated
	}{
		{"consts", "oneOf: [{const: a, title: A}, {const: b}]", model.KindEnum, "a b"},
		{"anyOf with open rest", "anyOf: [{type: string, const: a}, {type: string, maxLength: 9}]", model.KindEnum, "a"},
		{"one-value enums", "oneOf: [{enum: [a]}, {enum: [b]}, {type: 'null'}]", model.KindEnum, "a b"},
		{"integers", "oneOf: [{const: 1}, {const: 2}, {type: integer}]", model.KindEnum, "1 2"},
		{"parent type", "type: string\noneOf: [{const: a}, {const: b}]", model.KindEnum, "a b"},
		{"one const alone", "oneOf: [{const: a}]", model.KindString, ""},
		{"two plain members", "oneOf: [{const: a}, {type: string}, {type: string, pattern: x}]", model.KindUnion, ""},
		{"kinds differ", "oneOf: [{const: a}, {const: 1}]", model.KindUnion, ""},
		{"plain of another kind", "oneOf: [{const: a}, {const: b}, {type: integer}]", model.KindUnion, ""},
		{"floats", "oneOf: [{const: 1.5}, {const: 2.5}]", model.KindUnion, ""},
		{"booleans", "oneOf: [{const: true}, {const: false}]", model.KindUnion, ""},
		{"date-time rest", "oneOf: [{const: now}, {type: string, format: date-time}]", model.KindUnion, ""},
		{"object member", "oneOf: [{const: a}, {type: object, properties: {x: {type: string}}}]", model.KindUnion, ""},
		{"many-value enum member", "oneOf: [{const: a}, {enum: [b, c]}]", model.KindUnion, ""},
		{"object parent", "type: object\noneOf: [{const: a}, {const: b}]", model.KindUnion, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			indented := "      " + strings.ReplaceAll(tc.schema, "\n", "\n      ")
			api, diags := ParseBytes("x.yaml", schemaDoc("    S:\n"+indented+"\n"), Config{})
			if api == nil || diags.HasErrors() {
				t.Fatalf("parse: %v", diags)
			}
			s := typeNamed(api, "S")
			var got model.Kind
			var vals []string
			if s != nil {
				got = s.Kind
				for _, v := range s.Enum {
					vals = append(vals, v.Value)
				}
			} else {
				got = model.KindString // not declared: written inline
			}
			if got != tc.kind || strings.Join(vals, " ") != tc.values {
				t.Errorf("got %s %q, want %s %q", got, vals, tc.kind, tc.values)
			}
		})
	}
}

// TestConstEnumDocs: each constant's doc is its member's description, else
// its title; integer constants are named by their titles.
func TestConstEnumDocs(t *testing.T) {
	api, _ := ParseBytes("x.yaml", schemaDoc(`    S:
      oneOf:
        - {const: a, title: Short, description: Long text.}
        - {const: b, title: Only title}
        - {const: c}
    N:
      oneOf:
        - {const: 1, title: Low}
        - {const: 2}
`), Config{})
	s, n := typeNamed(api, "S"), typeNamed(api, "N")
	if s == nil || n == nil {
		t.Fatal("types missing")
	}
	var docs, names []string
	for _, v := range s.Enum {
		docs = append(docs, v.Doc)
	}
	for _, v := range n.Enum {
		names = append(names, v.GoName)
	}
	if strings.Join(docs, "|") != "Long text.|Only title|" {
		t.Errorf("docs = %q", docs)
	}
	if strings.Join(names, " ") != "NLow N2" {
		t.Errorf("names = %q", names)
	}
	if n.EnumBase == nil || n.EnumBase.Kind != model.KindInt {
		t.Errorf("N base = %+v", n.EnumBase)
	}
}

// TestRequiredUndeclared: where a required property no schema declares
// gets a field, and where it is warned about.
func TestRequiredUndeclared(t *testing.T) {
	api, diags := ParseBytes("x.yaml", schemaDoc(`    Plain:
      type: object
      required: [a, b]
      properties:
        a: {type: string}
    Closed:
      type: object
      required: [x]
      additionalProperties: false
    Open:
      type: object
      required: [x]
      properties:
        a: {type: string}
      additionalProperties: true
    Base:
      type: object
      properties:
        id: {type: string}
    Merged:
      allOf:
        - type: object
          required: [id, name]
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            name: {type: integer}
    Nested:
      allOf:
        - allOf:
            - type: object
              required: [id]
              properties:
                z: {type: string}
            - $ref: '#/components/schemas/Base'
        - type: object
          required: [gone]
          properties:
            w: {type: string}
`), Config{})
	fields := func(name string) string {
		tp := typeNamed(api, name)
		if tp == nil {
			t.Fatalf("no type %s", name)
		}
		var out []string
		for _, f := range tp.Fields {
			s := f.Name + ":" + string(f.Type.Kind)
			if f.Undeclared {
				s += "!"
			}
			if f.Required {
				s += "*"
			}
			out = append(out, s)
		}
		return strings.Join(out, " ")
	}
	for name, want := range map[string]string{
		"Plain":  "a:string* b:any!*",
		"Closed": "x:any!*",
		"Open":   "a:string",
		"Merged": "id:string* name:int*",
		"Nested": "z:string id:string* w:string gone:any!*",
	} {
		if got := fields(name); got != want {
			t.Errorf("%s fields = %q, want %q", name, got, want)
		}
	}
	var warned []string
	for _, d := range diags {
		if d.Code == "required-undeclared" {
			warned = append(warned, d.Pos.Pointer+" "+d.Message[:strings.Index(d.Message, " is")])
		}
	}
	want := []string{
		`#/components/schemas/Plain property "b"`,
		`#/components/schemas/Closed property "x"`,
		`#/components/schemas/Nested/allOf/1 property "gone"`,
	}
	if strings.Join(warned, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(want, "\n"))
	}
}
