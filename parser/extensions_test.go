package parser

import (
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
