package gen_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// FuzzGenerateShapes complements FuzzGenerate: raw bytes seldom survive
// as a valid spec, so here the bytes only choose, and a valid spec is
// built from the choices: schemas of every kind (objects, enums, arrays,
// maps, unions, allOf, nullable, recursive, read-only), operations with
// parameters in every place and style, bodies and responses in several
// media types, all named from a pool of names that collide with each
// other, with Go keywords and with what the generator itself declares
// (Client, CreateThingRequest, New, Nullable…). Whatever it builds must
// generate code that type-checks.
//
//	go test ./gen -run '^$' -fuzz FuzzGenerateShapes -parallel 1
func FuzzGenerateShapes(f *testing.F) {
	for _, seed := range []string{
		"",
		"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f",
		"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0",
		"\x03\x05\x01\x07\x02\x09\x04\x00\x06\x08\x03\x01\x05\x02\x07\x04\x09\x06\x00\x08\x11\x13\x17\x19",
		"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
		"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
	} {
		f.Add([]byte(seed))
	}
	const module = "example.com/shapes"
	f.Fuzz(func(t *testing.T, data []byte) {
		if knownCrashers[string(data)] && !fuzzing() {
			t.Skip("still crashes the generator; see TestCrashRegressions")
		}
		spec := buildShapes(data)
		b, err := json.Marshal(spec)
		if err != nil {
			t.Fatal(err)
		}
		api, diags := parser.ParseBytes("shapes/openapi.json", b, parser.Config{})
		for _, d := range diags {
			if d.Code == "internal" {
				t.Fatalf("recovered panic: %s\n%s", d, b)
			}
		}
		if diags.HasErrors() {
			return // a choice can make the spec invalid ($ref to a missing name): fine
		}
		files, err := gen.Generate(api, gen.Config{Package: "shapes", Module: module, GoMod: true, Conformance: true})
		if err != nil {
			t.Fatalf("generate: %v\nspec: %s", err, b)
		}
		fuzzTypeCheck(t, module, files, b)
	})
}

// chooser turns bytes into choices; past the end every choice is 0.
type chooser struct {
	data []byte
	i    int
}

func (c *chooser) n(k int) int {
	if k <= 1 || c.i >= len(c.data) {
		c.i++
		return 0
	}
	v := int(c.data[c.i]) % k
	c.i++
	return v
}

func (c *chooser) bool() bool { return c.n(2) == 1 }

func pick[T any](c *chooser, xs ...T) T { return xs[c.n(len(xs))] }

var (
	shapeNames = []string{"Thing", "thing", "Thing_", "type", "Error", "Client", "Nullable", "A", "a-b", "Ünï",
		"123", "String", "CreateThingRequest", "CreateThing", "New", "Ptr", "Date", "ThingStatus", "APIError", "_"}
	propNames = []string{"id", "ID", "Id", "type", "func", "error", "Error", "String", "status", "next",
		"a-b", "a_b", "123", "Ünï", "@type", "$ref", "self", "items", "default", "body"}
	paramNames = []string{"id", "ID", "type", "ctx", "opts", "req", "r", "s", "c", "body", "Body", "X-Request-ID",
		"Idempotency-Key", "page[size]", "filter.name", "limit", "a-b", "Accept", "func", "err"}
	enumValues = []any{"new", "New", "NEW", "in-progress", "in_progress", "", "1", "a b", "Ünï", "unknown",
		"IsKnown", "String", 1, 2, -1, 0, true, nil}
	mediaTypes = []string{"application/json", "application/json; charset=utf-8", "application/problem+json",
		"multipart/form-data", "application/x-www-form-urlencoded", "application/octet-stream", "text/plain",
		"text/csv", "*/*", "application/xml", "image/png"}
	statusCodes = []string{"200", "201", "202", "204", "2XX", "301", "400", "404", "4XX", "500", "default"}
	formats     = []string{"", "date-time", "date", "int32", "int64", "float", "double", "byte", "binary", "uuid", "email"}
	paths       = []string{"/things", "/things/{id}", "/things/{id}.json", "/{type}/{func}", "/things/{id}/sub/{ID}",
		"/a-b/{a-b}", "/", "/things/{id}/", "/ü/{id}"}
)

type shapeBuilder struct {
	c       *chooser
	oas31   bool
	schemas []string // component names in use
}

func buildShapes(data []byte) map[string]any {
	c := &chooser{data: data}
	sb := &shapeBuilder{c: c, oas31: c.bool()}
	n := 1 + c.n(5)
	seen := map[string]bool{}
	for range n {
		name := pick(c, shapeNames...)
		if !seen[name] {
			seen[name] = true
			sb.schemas = append(sb.schemas, name)
		}
	}
	components := map[string]any{}
	for _, name := range sb.schemas {
		components[name] = sb.schema(0)
	}
	pathsObj := map[string]any{}
	for i := range 1 + c.n(4) {
		p := pick(c, paths...)
		item, _ := pathsObj[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			pathsObj[p] = item
		}
		item[pick(c, "get", "post", "put", "patch", "delete", "head")] = sb.operation(p, i)
	}
	version := "3.0.3"
	if sb.oas31 {
		version = "3.1.0"
	}
	return map[string]any{
		"openapi":    version,
		"info":       map[string]any{"title": pick(c, "Shapes", "type", "Client", ""), "version": "1"},
		"servers":    []any{map[string]any{"url": pick(c, "https://api.example.com/v1", "/relative", "https://{host}/x")}},
		"paths":      pathsObj,
		"components": map[string]any{"schemas": components, "securitySchemes": sb.security()},
		"security":   []any{map[string]any{pick(c, "bearer", "key", "oauth"): []any{}}},
	}
}

func (sb *shapeBuilder) ref() map[string]any {
	return map[string]any{"$ref": "#/components/schemas/" + pick(sb.c, sb.schemas...)}
}

// schema builds one schema; depth bounds the nesting.
func (sb *shapeBuilder) schema(depth int) map[string]any {
	c := sb.c
	kinds := 12
	if depth >= 3 {
		kinds = 4 // leaves only
	}
	var s map[string]any
	switch c.n(kinds) {
	case 0:
		s = map[string]any{"type": "string"}
		if f := pick(c, formats...); f != "" && f != "int32" && f != "int64" {
			s["format"] = f
		}
	case 1:
		s = map[string]any{"type": pick(c, "integer", "number", "boolean")}
		if s["type"] != "boolean" {
			if f := pick(c, "", "int32", "int64", "float", "double"); f != "" {
				s["format"] = f
			}
		}
	case 2:
		s = sb.ref()
	case 3:
		vals := []any{}
		for range 1 + c.n(5) {
			vals = append(vals, pick(c, enumValues...))
		}
		s = map[string]any{"enum": vals}
		if c.bool() {
			s["type"] = "string"
		}
	case 4, 5, 6:
		props := map[string]any{}
		var req []any
		for range c.n(5) {
			name := pick(c, propNames...)
			props[name] = sb.schema(depth + 1)
			if c.bool() {
				req = append(req, name)
			}
		}
		s = map[string]any{"type": "object", "properties": props}
		if len(req) > 0 {
			s["required"] = req
		}
		if c.n(4) == 0 {
			s["additionalProperties"] = pick[any](c, true, false, sb.schema(depth+1))
		}
	case 7:
		s = map[string]any{"type": "array", "items": sb.schema(depth + 1)}
	case 8:
		s = map[string]any{"type": "object", "additionalProperties": sb.schema(depth + 1)}
	case 9, 10:
		var members []any
		for range 2 + c.n(2) {
			members = append(members, sb.schema(depth+1))
		}
		s = map[string]any{pick(c, "oneOf", "anyOf"): members}
		if c.bool() {
			s["discriminator"] = map[string]any{"propertyName": pick(c, propNames...)}
		}
	case 11:
		s = map[string]any{"allOf": []any{sb.ref(), sb.schema(depth + 1)}}
	}
	// Modifiers.
	switch c.n(8) {
	case 0:
		if sb.oas31 {
			if t, ok := s["type"].(string); ok {
				s["type"] = []any{t, "null"}
			}
		} else {
			s["nullable"] = true
		}
	case 1:
		s["readOnly"] = true
	case 2:
		s["writeOnly"] = true
	case 3:
		s["deprecated"] = true
	case 4:
		s["description"] = pick(c, "Get a thing.", "*/ func init() {}", "Returns `x` with scope `a:b`.", "")
	case 5:
		if _, ok := s["$ref"]; !ok && s["type"] == "string" {
			s["default"] = pick(c, enumValues...)
		}
	}
	return s
}

func (sb *shapeBuilder) operation(path string, i int) map[string]any {
	c := sb.c
	op := map[string]any{
		"operationId": pick(c, "createThing", "getThing", "CreateThing", "create_thing", "", "type", "New", fmt.Sprintf("op%d", i), "things/get-thing"),
		"responses":   sb.responses(),
	}
	if c.bool() {
		op["tags"] = []any{pick(c, "Things", "things", "Client", "", "Type", "a b")}
	}
	var params []any
	for _, name := range pathParamsOf(path) {
		params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": sb.paramSchema()})
	}
	for range c.n(4) {
		p := map[string]any{
			"name": pick(c, paramNames...), "in": pick(c, "query", "header", "cookie"),
			"required": c.bool(), "schema": sb.paramSchema(),
		}
		if c.n(3) == 0 {
			p["style"] = pick(c, "form", "spaceDelimited", "pipeDelimited", "deepObject", "simple")
			p["explode"] = c.bool()
		}
		params = append(params, p)
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if c.bool() {
		content := map[string]any{}
		for range 1 + c.n(3) {
			content[pick(c, mediaTypes...)] = map[string]any{"schema": sb.schema(1)}
		}
		op["requestBody"] = map[string]any{"required": c.bool(), "content": content}
	}
	return op
}

func (sb *shapeBuilder) paramSchema() map[string]any {
	c := sb.c
	switch c.n(5) {
	case 0:
		return map[string]any{"type": "array", "items": map[string]any{"type": pick(c, "string", "integer")}}
	case 1:
		return sb.schema(2)
	case 2:
		return map[string]any{"type": "integer", "format": pick(c, "int32", "int64")}
	}
	return map[string]any{"type": "string", "format": pick(c, formats...)}
}

func (sb *shapeBuilder) responses() map[string]any {
	c := sb.c
	out := map[string]any{}
	for range 1 + c.n(3) {
		r := map[string]any{"description": "r"}
		if c.n(3) != 0 {
			content := map[string]any{}
			for range 1 + c.n(2) {
				content[pick(c, mediaTypes...)] = map[string]any{"schema": sb.schema(1)}
			}
			r["content"] = content
		}
		if c.n(3) == 0 {
			r["headers"] = map[string]any{pick(c, "X-Request-ID", "Location", "X-Rate-Limit", "Retry-After"): map[string]any{"schema": sb.paramSchema()}}
		}
		out[pick(c, statusCodes...)] = r
	}
	return out
}

func (sb *shapeBuilder) security() map[string]any {
	return map[string]any{
		"bearer": map[string]any{"type": "http", "scheme": "bearer"},
		"key":    map[string]any{"type": "apiKey", "in": pick(sb.c, "header", "query", "cookie"), "name": pick(sb.c, "X-Key", "key", "Authorization")},
		"oauth": map[string]any{"type": "oauth2", "flows": map[string]any{"clientCredentials": map[string]any{
			"tokenUrl": "https://auth.example.com/token", "scopes": map[string]any{"read": "r", "write:all": "w"},
		}}},
	}
}

// pathParamsOf lists the {names} in a path template.
func pathParamsOf(p string) []string {
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(p); i++ {
		if p[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(p) && p[j] != '}' {
			j++
		}
		if j < len(p) && !seen[p[i+1:j]] {
			seen[p[i+1:j]] = true
			out = append(out, p[i+1:j])
		}
		i = j
	}
	return out
}
