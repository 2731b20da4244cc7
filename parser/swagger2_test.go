package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sdkgen/sdkgen/model"
)

// lineOf returns the 1-based line of the first line of doc containing s,
// and the column where s starts.
func lineOf(t *testing.T, doc, s string) (int, int) {
	t.Helper()
	for i, l := range strings.Split(doc, "\n") {
		if j := strings.Index(l, s); j >= 0 {
			return i + 1, len([]rune(l[:j])) + 1
		}
	}
	t.Fatalf("%q is not in the document", s)
	return 0, 0
}

// petstore2 and petstore3 describe the same API in Swagger 2.0 and in
// OpenAPI 3.0, written by hand from the two specifications.
const petstore2 = `swagger: "2.0"
info: {title: Pets, version: "1"}
host: pets.example.test
basePath: /v1
schemes: [http, https]
consumes: [application/json]
produces: [application/json]
securityDefinitions:
  key: {type: apiKey, name: X-Key, in: header}
  basic: {type: basic}
  oauth: {type: oauth2, flow: accessCode, authorizationUrl: "https://a.test/auth", tokenUrl: "https://a.test/token", scopes: {read: Read.}}
security: [{key: []}]
tags: [{name: pets, description: Pets.}]
parameters:
  Limit: {name: limit, in: query, type: integer, format: int32, default: 10}
responses:
  Problem: {description: A problem., schema: {$ref: "#/definitions/Problem"}}
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, type: string}
    get:
      tags: [pets]
      operationId: getPet
      parameters:
        - $ref: "#/parameters/Limit"
        - {name: ids, in: query, type: array, items: {type: integer}, collectionFormat: pipes}
        - {name: X-Trace, in: header, type: string, x-nullable: true}
      responses:
        "200":
          description: The pet.
          headers: {X-Rate: {type: integer}}
          schema: {$ref: "#/definitions/Pet"}
        default: {$ref: "#/responses/Problem"}
    put:
      tags: [pets]
      operationId: putPet
      security: [{oauth: [read]}, {basic: []}]
      parameters:
        - {name: pet, in: body, required: true, schema: {$ref: "#/definitions/Pet"}}
      responses:
        "204": {description: Stored.}
    post:
      tags: [pets]
      operationId: photo
      consumes: [multipart/form-data]
      parameters:
        - {name: file, in: formData, type: file, required: true}
        - {name: note, in: formData, type: string}
      responses:
        "204": {description: Stored.}
definitions:
  Pet:
    type: object
    required: [name]
    discriminator: name
    properties:
      name: {type: string}
      owner: {$ref: "#/definitions/Owner", x-nullable: true}
      tags: {type: array, items: {type: string}}
  Owner:
    type: object
    properties:
      email: {type: string, x-nullable: true, readOnly: true}
  Problem:
    type: object
    properties:
      title: {type: string}
`

const petstore3 = `openapi: 3.0.3
info: {title: Pets, version: "1"}
servers:
  - url: https://pets.example.test/v1
  - url: http://pets.example.test/v1
components:
  securitySchemes:
    key: {type: apiKey, name: X-Key, in: header}
    basic: {type: http, scheme: basic}
    oauth: {type: oauth2, flows: {authorizationCode: {authorizationUrl: "https://a.test/auth", tokenUrl: "https://a.test/token", scopes: {read: Read.}}}}
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, format: int32, default: 10}, style: form, explode: true}
  responses:
    Problem:
      description: A problem.
      content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}
  schemas:
    Pet:
      type: object
      required: [name]
      discriminator: {propertyName: name}
      properties:
        name: {type: string}
        owner: {$ref: "#/components/schemas/Owner", nullable: true}
        tags: {type: array, items: {type: string}}
    Owner:
      type: object
      properties:
        email: {type: string, nullable: true, readOnly: true}
    Problem:
      type: object
      properties:
        title: {type: string}
security: [{key: []}]
tags: [{name: pets, description: Pets.}]
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      tags: [pets]
      operationId: getPet
      parameters:
        - $ref: "#/components/parameters/Limit"
        - {name: ids, in: query, schema: {type: array, items: {type: integer}}, style: pipeDelimited, explode: false}
        - {name: X-Trace, in: header, schema: {type: string, nullable: true}}
      responses:
        "200":
          description: The pet.
          headers: {X-Rate: {schema: {type: integer}}}
          content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
        default: {$ref: "#/components/responses/Problem"}
    put:
      tags: [pets]
      operationId: putPet
      security: [{oauth: [read]}, {basic: []}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
      responses:
        "204": {description: Stored.}
    post:
      tags: [pets]
      operationId: photo
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                note: {type: string}
      responses:
        "204": {description: Stored.}
`

// TestSwagger2Equivalent: a 2.0 document gives the model its 3.0 twin
// gives, positions aside.
func TestSwagger2Equivalent(t *testing.T) {
	api2, diags2 := ParseBytes("pets2.yaml", []byte(petstore2), Config{})
	api3, diags3 := ParseBytes("pets3.yaml", []byte(petstore3), Config{})
	if len(diags2)+len(diags3) > 0 {
		t.Fatalf("diagnostics:\n%v\n%v", diags2, diags3)
	}
	if diff := cmp.Diff(api3, api2, cmpopts.IgnoreTypes(model.Pos{}), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("2.0 model differs from 3.0 (-3.0 +2.0):\n%s", diff)
	}
}

// TestSwagger2Positions: what the model records points into the 2.0
// document as written, with pointers into it.
func TestSwagger2Positions(t *testing.T) {
	api, diags := ParseBytes("pets.yaml", []byte(petstore2), Config{})
	if len(diags) > 0 || api == nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	ops := map[string]*model.Operation{}
	for _, o := range api.Operations() {
		ops[o.ID] = o
	}
	at := func(what string, got model.Pos, text, ptr string) {
		t.Helper()
		line, col := lineOf(t, petstore2, text)
		if got.File != "pets.yaml" || got.Line != line || got.Col != col || got.Pointer != ptr {
			t.Errorf("%s at %s:%d:%d (%s), want pets.yaml:%d:%d (%s)", what, got.File, got.Line, got.Col, got.Pointer, line, col, ptr)
		}
	}
	at("getPet", ops["getPet"].Pos, "tags: [pets]", "#/paths/~1pets~1{id}/get")
	at("putPet body", ops["putPet"].Body.Pos, "{name: pet, in: body", "#/paths/~1pets~1{id}/put/parameters/0")
	at("photo body", ops["photo"].Body.Pos, "{name: file, in: formData", "#/paths/~1pets~1{id}/post/parameters/0")
	at("getPet 200", ops["getPet"].Responses[0].Pos, "description: The pet.", "#/paths/~1pets~1{id}/get/responses/200")
	for _, prm := range ops["getPet"].Params {
		switch prm.Name {
		case "id":
			at("id", prm.Pos, "{name: id, in: path", "#/paths/~1pets~1{id}/parameters/0")
		case "ids":
			at("ids", prm.Pos, "{name: ids", "#/paths/~1pets~1{id}/get/parameters/1")
		}
	}
	line, _ := lineOf(t, petstore2, "  Owner:")
	for _, ty := range api.Types {
		if ty.Name == "Owner" && (ty.Pos.Line != line+1 || ty.Pos.Col != 5 || ty.Pos.Pointer != "#/definitions/Owner") {
			t.Errorf("Owner at %+v, want line %d col 5 (#/definitions/Owner)", ty.Pos, line+1)
		}
	}
}

// TestSwagger2Diagnostics: errors libopenapi finds in the converted
// document are reported at the 2.0 file's lines, columns and pointers,
// with $refs as the 2.0 document wrote them.
func TestSwagger2Diagnostics(t *testing.T) {
	for _, c := range []struct {
		name, doc, at, ptr, msg string
	}{
		{
			name: "missing definition",
			doc: `swagger: "2.0"
info: {title: x, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          schema:
            $ref: "#/definitions/Nope"
`,
			at: `$ref: "#/definitions/Nope"`, ptr: "#/paths/~1a/get/responses/200/schema", msg: "$ref \"#/definitions/Nope\" points to nothing",
		},
		{
			name: "missing body parameter",
			doc: `swagger: "2.0"
info: {title: x, version: "1"}
paths:
  /a:
    post:
      parameters:
        - $ref: "#/parameters/Body"
      responses:
        "204": {description: ok}
`,
			at: `$ref: "#/parameters/Body"`, ptr: "#/paths/~1a/post/parameters/0", msg: "component `#/parameters/Body` does not exist",
		},
		{
			name: "items as a list",
			doc: `swagger: "2.0"
info: {title: x, version: "1"}
paths: {}
definitions:
  Pet:
    type: object
    properties:
      tags:
        type: array
        items: [1, 2]
`,
			at: "type: array", ptr: "#/definitions/Pet/properties/tags", msg: "line 10, col 16",
		},
		{
			name: "parameters not a list",
			doc: `swagger: "2.0"
info: {title: x, version: "1"}
paths:
  /a:
    get:
      parameters: {name: a, in: query}
      responses:
        "204": {description: ok}
`,
			at: "{name: a", ptr: "#/paths/~1a/get/parameters", msg: "input is not an array",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, diags := ParseBytes("bad.yaml", []byte(c.doc), Config{})
			if len(diags) == 0 {
				t.Fatal("no diagnostics")
			}
			d := diags[0]
			line, col := lineOf(t, c.doc, c.at)
			if d.Severity != model.Error || d.Pos.Line != line || d.Pos.Col != col || d.Pos.Pointer != c.ptr || !strings.Contains(d.Message, c.msg) {
				t.Errorf("got %s\nwant bad.yaml:%d:%d: error: …%s… (at %s)", d, line, col, c.msg, c.ptr)
			}
		})
	}
}

// TestSwagger2JSONColumns: in a JSON 2.0 document, columns after a
// surrogate-pair escape are counted as written.
func TestSwagger2JSONColumns(t *testing.T) {
	doc := `{"swagger": "2.0", "info": {"title": "\ud83d\udc4d", "version": "1"}, "paths": {"/a": {"get": {"description": "\ud83d\udc4d", "responses": {"204": {"description": "ok"}}}}}}`
	_, diags := ParseBytes("x.json", []byte(doc), Config{})
	if len(diags) != 1 || diags[0].Code != "missing-operation-id" {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got, want := diags[0].Pos, (model.Pos{File: "x.json", Line: 1, Col: strings.Index(doc, `{"description"`) + 1, Pointer: "#/paths/~1a/get"}); got != want {
		t.Errorf("at %+v, want %+v", got, want)
	}
}

// TestSwagger2Aliases: anchors, aliases and merge keys read as YAML says;
// aliases that expand to far too much end in one error.
func TestSwagger2Aliases(t *testing.T) {
	doc := `swagger: "2.0"
info: {title: x, version: "1"}
x-common: &ok
  "204": {description: ok}
x-base: &base
  operationId: base
  responses: *ok
paths:
  /a:
    get:
      <<: *base
      operationId: getA
  /b:
    get:
      <<: *base
      operationId: getB
`
	api, diags := ParseBytes("a.yaml", []byte(doc), Config{})
	if len(diags) > 0 || api == nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	var ids []string
	for _, o := range api.Operations() {
		ids = append(ids, o.ID)
		if len(o.Responses) != 1 || o.Responses[0].Status != "204" {
			t.Errorf("%s: responses %v", o.ID, o.Responses)
		}
	}
	if strings.Join(ids, " ") != "getA getB" {
		t.Errorf("operations %v", ids)
	}

	var bomb strings.Builder
	bomb.WriteString("swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\npaths: {}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&bomb, "x-a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), ", "))
	}
	_, diags = ParseBytes("bomb.yaml", []byte(bomb.String()), Config{})
	if len(diags) != 1 || diags[0].Code != "yaml-aliases" || diags[0].Pos.Line < 1 {
		t.Fatalf("want one positioned yaml-aliases error, got %v", diags)
	}
}

// TestSwagger2Refs: $refs naming the file itself, and refs into a
// parameter's schema (a place 3.0 reshapes), resolve; refs inside
// extensions follow what they point to.
func TestSwagger2Refs(t *testing.T) {
	doc := `swagger: "2.0"
info: {title: x, version: "1"}
x-speakeasy-globals:
  parameters:
    - $ref: "#/parameters/Tenant"
parameters:
  Tenant: {name: X-Tenant, in: header, type: string}
  Body: {name: body, in: body, schema: {type: object, properties: {a: {type: string}}}}
paths:
  /a:
    post:
      operationId: postA
      parameters:
        - $ref: "#/parameters/Tenant"
        - $ref: "#/parameters/Body"
      responses:
        "200":
          description: ok
          schema: {$ref: "self.yaml#/definitions/A"}
        "201":
          description: ok
          schema: {$ref: "#/parameters/Body/schema"}
definitions:
  A: {type: object, properties: {id: {type: string}}}
`
	api, diags := ParseBytes("self.yaml", []byte(doc), Config{})
	if len(diags) > 0 || api == nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	o := api.Operations()[0]
	if o.Body == nil || len(o.Body.Contents) != 1 || o.Body.Contents[0].Type.Kind != model.KindStruct {
		t.Fatalf("body %+v", o.Body)
	}
	if ty := o.Responses[0].Contents[0].Type; ty.Name != "A" {
		t.Errorf("200 is %q, want A", ty.Name)
	}
	if ty := o.Responses[1].Contents[0].Type; ty.Kind != model.KindStruct || len(ty.Fields) != 1 {
		t.Errorf("201 is %+v, want the body's object", ty)
	}
}

// TestSwagger2NamesLikeExtensions: in maps of names (definitions,
// properties) an "x-" key is a name, converted like any other; in an
// operation it is an extension, kept as written.
func TestSwagger2NamesLikeExtensions(t *testing.T) {
	doc := `swagger: "2.0"
info: {title: x, version: "1"}
basePath: api
paths:
  /a:
    get:
      operationId: getA
      x-speakeasy-name-override: fetchA
      responses:
        "200": {description: ok, schema: {$ref: "#/definitions/x-thing"}}
definitions:
  x-thing:
    type: object
    required: [x-amz-date]
    properties:
      x-amz-date: {type: string, x-nullable: true}
`
	api, diags := ParseBytes("x.yaml", []byte(doc), Config{})
	if len(diags) > 0 || api == nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	if u := api.Servers[0].URL; u != "/api" {
		t.Errorf("server %q, want /api", u)
	}
	o := api.Operations()[0]
	if o.NameOverride != "fetchA" {
		t.Errorf("name override %q", o.NameOverride)
	}
	ty := o.Responses[0].Contents[0].Type
	if ty.Kind != model.KindStruct || len(ty.Fields) != 1 || !ty.Fields[0].Nullable {
		t.Errorf("x-thing is %+v, want a struct with one nullable field", ty)
	}
}
