package parser

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/templates/core"
)

const renameSpec = `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /things/{thing_id}/{type}:
    get:
      operationId: getThing
      parameters:
        - {name: thing_id, in: path, required: true, x-go-name: key, schema: {type: string}}
        - {name: fields, in: query, x-speakeasy-name-override: Select, schema: {type: string}}
        - {name: type, in: path, required: true, x-go-name: go, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing_v2'}
components:
  schemas:
    thing_v2:
      x-speakeasy-name-override: Thing
      type: object
      properties:
        created_at: {type: string, x-go-name: Created}
        owner: {$ref: '#/components/schemas/person', x-go-name: Owner2}
        MarshalJSON: {type: string}
        other: {type: string, x-go-name: MarshalJSON}
    person:
      x-go-name: Person_Record
      type: object
      properties:
        name: {type: string}
`

func parseString(t *testing.T, spec string, cfg Config) (*model.API, model.Diagnostics) {
	t.Helper()
	api, diags := ParseBytes("openapi.yaml", []byte(spec), cfg)
	if api == nil || diags.HasErrors() {
		t.Fatalf("parse failed: %v", diags)
	}
	return api, diags
}

func typeByKey(api *model.API, key string) *model.Type {
	for _, t := range api.Types {
		if t.Key == key {
			return t
		}
	}
	return nil
}

func TestRenameExtensions(t *testing.T) {
	api, diags := parseString(t, renameSpec, Config{})
	thing := typeByKey(api, "#/components/schemas/thing_v2")
	person := typeByKey(api, "#/components/schemas/person")
	if thing.GoName != "Thing" || person.GoName != "Person_Record" {
		t.Errorf("types = %s, %s; want Thing, Person_Record (an identifier as written stays)", thing.GoName, person.GoName)
	}
	var fields []string
	for _, f := range thing.Fields {
		fields = append(fields, f.Name+"="+f.GoName)
	}
	// The $ref's sibling names the field; the target's own rename names
	// the type. A rename to a method name the struct has is refused.
	want := []string{"created_at=Created", "owner=Owner2", "MarshalJSON=MarshalJSONModel", "other=Other"}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields = %v, want %v", fields, want)
	}
	op := api.Operations()[0]
	var params []string
	for _, p := range op.Params {
		params = append(params, p.Name+"="+p.ArgName+p.GoName)
	}
	// "go" is a keyword: the argument is go_.
	if want := []string{"thing_id=key", "type=go_", "fields=Select"}; !reflect.DeepEqual(params, want) {
		t.Errorf("params = %v, want %v", params, want)
	}
	var warns []string
	for _, d := range diags {
		if d.Code == "bad-extension" {
			warns = append(warns, d.String())
		}
	}
	if len(warns) != 1 || !strings.Contains(warns[0], `x-go-name "MarshalJSON"`) || !strings.Contains(warns[0], "openapi.yaml:26:42") {
		t.Errorf("warnings = %v, want one about MarshalJSON at 26:42", warns)
	}
}

// TestRenamePrecedence: sdkgen.lock, then the config's names, then the
// extension, then the derived name.
func TestRenamePrecedence(t *testing.T) {
	key := "type:#/components/schemas/thing_v2"
	for _, tt := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"extension", Config{}, "Thing"},
		{"config over extension", Config{Names: map[string]string{key: "Widget"}}, "Widget"},
		{"lock over config", Config{Names: map[string]string{key: "Widget"}, PreviousNames: map[string]string{key: "ThingV2"}}, "ThingV2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api, _ := parseString(t, renameSpec, tt.cfg)
			if got := typeByKey(api, "#/components/schemas/thing_v2").GoName; got != tt.want {
				t.Errorf("GoName = %s, want %s", got, tt.want)
			}
			if api.Names[key] != tt.want {
				t.Errorf("lock entry = %q, want %q", api.Names[key], tt.want)
			}
		})
	}
}

func retrySpec(doc, op string) string {
	return "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\n" + doc + `paths:
  /a:
    get:
      operationId: getA
` + op + `      responses:
        "204": {description: ok}
`
}

func TestRetriesExtension(t *testing.T) {
	ms := time.Millisecond
	for _, tt := range []struct {
		name  string
		ext   string
		want  *model.Retry
		warns int
	}{
		{"none", "", nil, 0},
		{"strategy none", "{strategy: none}", &model.Retry{}, 0},
		{"false", "false", &model.Retry{}, 0},
		{"statuses only", "{statusCodes: [5XX, 429, '503', 4xx]}", &model.Retry{MaxRetries: 2, Statuses: []string{"5XX", "429", "503", "4XX"}}, 0},
		{"empty statuses", "{statusCodes: []}", &model.Retry{MaxRetries: 2, Statuses: []string{}}, 0},
		{"backoff", "{strategy: backoff, backoff: {initialInterval: 200, maxInterval: 3000, exponent: 1.5}, retryConnectionErrors: false}",
			&model.Retry{MaxRetries: 2, InitialBackoff: 200 * ms, MaxBackoff: 3 * time.Second, Exponent: 1.5, NoConnectionRetries: true}, 0},
		// 100+200+400+800 = 1.5s fit in 2s; the fifth wait would not.
		{"maxElapsedTime", "{backoff: {initialInterval: 100, maxInterval: 800, maxElapsedTime: 2000}}",
			&model.Retry{MaxRetries: 4, InitialBackoff: 100 * ms, MaxBackoff: 800 * ms, MaxElapsed: 2 * time.Second}, 0},
		{"tiny maxElapsedTime: still one", "{backoff: {maxElapsedTime: 1}}", &model.Retry{MaxRetries: 1, MaxElapsed: ms}, 0},
		{"huge maxElapsedTime: bounded", "{backoff: {initialInterval: 1, maxInterval: 1, maxElapsedTime: 86400000}}",
			&model.Retry{MaxRetries: 100, InitialBackoff: ms, MaxBackoff: ms, MaxElapsed: 24 * time.Hour}, 0},
		{"bad values", "{backoff: {initialInterval: soon, exponent: 0}, statusCodes: [600, '5X', 503], retryConnectionErrors: maybe}",
			&model.Retry{MaxRetries: 2, Statuses: []string{"503"}}, 5},
		{"unknown strategy", "{strategy: linear}", nil, 1},
		{"not an object", "[1]", nil, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			op := ""
			if tt.ext != "" {
				op = "      x-speakeasy-retries: " + tt.ext + "\n"
			}
			api, diags := parseString(t, retrySpec("", op), Config{})
			got := api.Operations()[0].Retry
			if got != nil {
				if got.Pos.Line != 7 {
					t.Errorf("Pos = %+v, want line 7", got.Pos)
				}
				got.Pos = model.Pos{}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Retry = %+v, want %+v", got, tt.want)
			}
			n := 0
			for _, d := range diags {
				if d.Code == "bad-extension" {
					n++
				}
			}
			if n != tt.warns {
				t.Errorf("%d bad-extension warnings, want %d: %v", n, tt.warns, diags)
			}
		})
	}
	api, _ := parseString(t, retrySpec("x-speakeasy-retries: {statusCodes: [503]}\n", ""), Config{})
	if api.Retry == nil || !reflect.DeepEqual(api.Retry.Statuses, []string{"503"}) || api.Operations()[0].Retry != nil {
		t.Errorf("document policy = %+v, operation's = %+v", api.Retry, api.Operations()[0].Retry)
	}
}

// TestRetryDefaultsMatchRuntime: the parser derives counts with the
// runtime's defaults, which it cannot import at run time.
func TestRetryDefaultsMatchRuntime(t *testing.T) {
	def := core.DefaultRetryPolicy()
	if def.MaxRetries != defaultRetries {
		t.Errorf("defaultRetries = %d, runtime's %d", defaultRetries, def.MaxRetries)
	}
	r := &model.Retry{MaxElapsed: def.InitialBackoff + 2*def.InitialBackoff}
	if n := retriesWithin(r); n != 2 {
		t.Errorf("retriesWithin(%v) = %d with the runtime's default backoff %v, want 2", r.MaxElapsed, n, def.InitialBackoff)
	}
}

const typeOverrideSpec = `openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    M:
      type: object
      properties:
        ttl: {type: integer, x-go-type: time.Duration, x-go-type-import: {path: time}}
        n: {type: integer, x-go-type: uint16}
        big: {type: integer, format: int32, x-go-type: int64}
        raw: {type: object, x-go-type: json.RawMessage, properties: {a: {type: string}}}
        free: {x-speakeasy-type-override: any, type: object, properties: {a: {type: string}}}
        when: {type: string, x-go-type: time.Time}
        id: {type: string, x-go-type: uuid.UUID, x-go-type-import: {path: github.com/google/uuid}}
        id2: {type: string, x-go-type: uuid.UUID}
        addr: {type: string, x-go-type: netip.Addr, x-go-type-import: net/netip}
        wrong: {type: string, x-go-type: int64}
        oddimport: {type: integer, x-go-type: time.Duration, x-go-type-import: {path: example.com/time}}
        bad: {type: string, x-speakeasy-type-override: [any]}
    Shape:
      x-go-type: any
      type: object
      properties:
        a: {type: string}
`

// TestTypeOverrideExtensions: x-go-type takes predeclared and a few
// standard-library types that agree with the schema's JSON type;
// x-speakeasy-type-override: any makes any JSON value. A package outside
// the standard library is a go-type-import warning at the extension, and
// the schema's own type stays.
func TestTypeOverrideExtensions(t *testing.T) {
	api, diags := parseString(t, typeOverrideSpec, Config{})
	m := typeByKey(api, "#/components/schemas/M")
	got := map[string]string{}
	for _, f := range m.Fields {
		got[f.Name] = fmt.Sprintf("%s/%d/%s/%s", f.Type.Kind, f.Type.Bits, f.Type.GoImport, f.Type.GoType)
	}
	want := map[string]string{
		"ttl": "int/64/time/Duration", "n": "int/64//uint16", "big": "int/64//", "raw": "raw/0//", "free": "any/0//",
		"when": "datetime/0//", "id": "string/0//", "id2": "string/0//", "addr": "string/0//", "wrong": "string/0//",
		"oddimport": "int/64//", "bad": "string/0//",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields:\n got %v\nwant %v", got, want)
	}
	// The overridden objects declare no type of their own.
	for _, ty := range api.Types {
		if ty.Key != "#/components/schemas/M" {
			t.Errorf("type %s (%s) declared; only M should be", ty.GoName, ty.Key)
		}
	}
	var warns []string
	for _, d := range diags {
		if d.Code == "go-type-import" || d.Code == "bad-extension" {
			warns = append(warns, fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message))
		}
	}
	for i, w := range []string{
		"15:39 go-type-import x-go-type uuid.UUID needs the package github.com/google/uuid",
		"16:40 go-type-import x-go-type uuid.UUID needs a package the SDK cannot import",
		"17:41 bad-extension x-go-type netip.Addr is not a type sdkgen can hold",
		"18:42 bad-extension x-go-type int64 cannot hold a value of type string",
		"19:47 go-type-import x-go-type time.Duration needs the package example.com/time",
		"20:56 bad-extension x-speakeasy-type-override (not a string) is not any",
	} {
		if i >= len(warns) || !strings.HasPrefix(warns[i], w) {
			t.Errorf("warning %d = %q, want %q…", i, strings.Join(warns[i:min(i+1, len(warns))], ""), w)
		}
	}
	if len(warns) != 6 {
		t.Errorf("%d warnings, want 6: %v", len(warns), warns)
	}
}

func errorsSpec(doc, paths, item, op string) string {
	return "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\n" + doc + "paths:\n" + paths + `  /a:
` + item + `    get:
      operationId: getA
` + op + `      responses:
        "200": {description: ok}
        "404": {description: nf}
        "409": {description: conflict}
        4XX: {description: client}
        "500": {description: failed}
        default: {description: other}
`
}

// TestSpeakeasyErrorsExtension: each level (document, paths, path item,
// operation) adds its statuses to those above, or replaces them with
// override: true; the documented non-2xx responses it does not list are
// returned, except default.
func TestSpeakeasyErrorsExtension(t *testing.T) {
	for _, tt := range []struct {
		name                 string
		doc, paths, item, op string
		errors, returned     []string
		warns                int
	}{
		{name: "none", errors: nil, returned: nil},
		{name: "document", doc: "x-speakeasy-errors: {statusCodes: [5XX, 404]}\n", errors: []string{"5XX", "404"}, returned: []string{"409", "4XX"}},
		{name: "merged down", doc: "x-speakeasy-errors: {statusCodes: [5XX]}\n", paths: "  x-speakeasy-errors: {statusCodes: [409]}\n",
			item: "    x-speakeasy-errors: {statusCodes: ['404']}\n", op: "      x-speakeasy-errors: {statusCodes: [4xx]}\n",
			errors: []string{"5XX", "409", "404", "4XX"}, returned: nil},
		{name: "override", doc: "x-speakeasy-errors: {statusCodes: [5XX, 404]}\n", op: "      x-speakeasy-errors: {override: true, statusCodes: [409]}\n",
			errors: []string{"409"}, returned: []string{"404", "500", "4XX"}},
		{name: "override with nothing: no errors", op: "      x-speakeasy-errors: {override: true}\n", errors: []string{}, returned: []string{"404", "409", "500", "4XX"}},
		{name: "no statusCodes: nothing changes", doc: "x-speakeasy-errors: {statusCodes: [4XX]}\n", op: "      x-speakeasy-errors: {}\n", errors: []string{"4XX"}, returned: []string{"500"}},
		{name: "bad values", op: "      x-speakeasy-errors: {override: maybe, statusCodes: [600, 4X, '409', {a: 1}]}\n", errors: []string{"409"}, returned: []string{"404", "500", "4XX"}, warns: 4},
		{name: "not an object", op: "      x-speakeasy-errors: [404]\n", warns: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api, diags := parseString(t, errorsSpec(tt.doc, tt.paths, tt.item, tt.op), Config{})
			o := api.Operations()[0]
			if !reflect.DeepEqual(o.ErrorStatuses, tt.errors) {
				t.Errorf("ErrorStatuses = %#v, want %#v", o.ErrorStatuses, tt.errors)
			}
			var returned []string
			for _, r := range o.ReturnedResponses() {
				returned = append(returned, r.Status)
			}
			if !reflect.DeepEqual(returned, tt.returned) {
				t.Errorf("returned = %v, want %v", returned, tt.returned)
			}
			if (len(tt.returned) > 0) != (o.ResultName != "") {
				t.Errorf("ResultName = %q; an OpResult exactly when statuses are returned", o.ResultName)
			}
			n := 0
			for _, d := range diags {
				if d.Code == "bad-extension" {
					n++
				}
			}
			if n != tt.warns {
				t.Errorf("%d bad-extension warnings, want %d: %v", n, tt.warns, diags)
			}
		})
	}
}

// TestParamSensitiveAndInlineRenames: x-speakeasy-param-sensitive marks
// the parameter; a rename on an inline object (a body's, a property's)
// names its type.
func TestParamSensitiveAndInlineRenames(t *testing.T) {
	api, _ := parseString(t, `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a/{id}:
    post:
      operationId: postA
      parameters:
        - {name: id, in: path, required: true, x-speakeasy-param-sensitive: true, schema: {type: string}}
        - {name: key, in: query, x-speakeasy-param-sensitive: true, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              x-speakeasy-name-override: Draft
              type: object
              properties:
                opts: {type: object, x-go-name: Options, properties: {a: {type: string}}}
      responses:
        "204": {description: ok}
`, Config{})
	var sensitive []string
	for _, p := range api.Operations()[0].Params {
		sensitive = append(sensitive, fmt.Sprintf("%s=%v", p.Name, p.Sensitive))
	}
	if want := []string{"id=true", "key=true", "q=false"}; !reflect.DeepEqual(sensitive, want) {
		t.Errorf("sensitive = %v, want %v", sensitive, want)
	}
	body := api.Operations()[0].Body.Contents[0].Type
	if body.GoName != "Draft" || body.Fields[0].Type.GoName != "Options" || body.Fields[0].GoName != "Options" {
		t.Errorf("body type %s, its opts type %s and field %s; want Draft, Options, Options", body.GoName, body.Fields[0].Type.GoName, body.Fields[0].GoName)
	}
}
