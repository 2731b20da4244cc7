package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model"
)

const overlaySpec = `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok}
  /b:
    get:
      operationId: getB
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
`

// parseWithOverlays writes the spec and the overlays into a folder and
// parses the spec with them applied, in order.
func parseWithOverlays(t *testing.T, spec string, overlays ...string) (*model.API, model.Diagnostics, string) {
	t.Helper()
	dir := t.TempDir()
	specPath := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	var cfg Config
	for i, o := range overlays {
		p := filepath.Join(dir, "ov"+string(rune('0'+i))+".yaml")
		if err := os.WriteFile(p, []byte(o), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg.Overlays = append(cfg.Overlays, p)
	}
	api, diags := Parse(specPath, cfg)
	return api, diags, dir
}

func TestOverlayPositionsPointIntoTheSpec(t *testing.T) {
	// The first action removes /a, which shifts every later line of the
	// overlaid text; the error about /b must still name the line the spec
	// file has. The $ref the overlay adds points at its nearest enclosing
	// node that the spec has: paths.
	ov := `overlay: 1.0.0
info: {title: x, version: "1"}
actions:
  - target: $.paths['/a']
    remove: true
  - target: $.paths
    update:
      /c:
        get:
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Gone'
`
	_, diags, dir := parseWithOverlays(t, overlaySpec, ov)
	spec := filepath.Join(dir, "spec.yaml")
	line, col := lineOf(t, overlaySpec, "$ref: '#/components/schemas/Missing'")
	pathsLine, pathsCol := lineOf(t, overlaySpec, "/a:")
	want := map[string]model.Pos{
		"Missing": {File: spec, Line: line, Col: col},
		"Gone":    {File: spec, Line: pathsLine, Col: pathsCol},
	}
	for _, d := range diags {
		for name, pos := range want {
			if d.Code == "unresolved-ref" && strings.Contains(d.Message, name) {
				if d.Pos.File != pos.File || d.Pos.Line != pos.Line || d.Pos.Col != pos.Col {
					t.Errorf("%s: got %s, want %s:%d:%d", name, d, pos.File, pos.Line, pos.Col)
				}
				delete(want, name)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("missing diagnostics for %v in:\n%v", want, diags)
	}
}

func TestOverlayAppliesInOrder(t *testing.T) {
	fix := `overlay: 1.0.0
info: {title: fix, version: "1"}
actions:
  - target: $.paths['/b'].get.responses['200'].content['application/json'].schema
    update:
      type: object
      properties:
        id: {type: string}
  - target: $.paths['/b'].get.responses['200'].content['application/json'].schema['$ref']
    remove: true
`
	rename := `overlay: 1.0.0
info: {title: rename, version: "1"}
actions:
  - target: $.paths['/b'].get
    update:
      operationId: fetchB
  - target: $.paths['/nowhere']
    remove: true
`
	api, diags, dir := parseWithOverlays(t, overlaySpec, fix, rename)
	if diags.HasErrors() || api == nil {
		t.Fatalf("errors: %v", diags)
	}
	var ids []string
	for _, s := range api.Services {
		for _, o := range s.Operations {
			ids = append(ids, o.ID)
		}
	}
	if got := strings.Join(ids, ","); got != "getA,fetchB" {
		t.Errorf("operations %s, want getA,fetchB", got)
	}
	// The second overlay's last action matches nothing: a warning at its target.
	var warned bool
	for _, d := range diags {
		if d.Code == "overlay-no-match" {
			warned = true
			if d.Pos.File != filepath.Join(dir, "ov1.yaml") || d.Pos.Line != 7 || d.Pos.Col != 13 {
				t.Errorf("no-match warning at %s, want ov1.yaml:7:13", d)
			}
		}
	}
	if !warned {
		t.Errorf("no overlay-no-match warning in %v", diags)
	}
}

func TestOverlayMalformed(t *testing.T) {
	for _, tc := range []struct {
		name, overlay, want string
	}{
		{"syntax", "overlay: 1.0.0\ninfo: {title: x, version: 1\nactions: [\n", `ov0.yaml:2:7: error: invalid YAML`},
		{"not a mapping", "- a\n- b\n", `ov0.yaml:1:1: error: not an overlay document`},
		{"no version", "info: {title: x, version: \"1\"}\nactions: [{target: $.a, remove: true}]\n", `ov0.yaml:1:1: error: not an overlay document: the top-level`},
		{"bad version", "overlay: 2.0.0\ninfo: {title: x, version: \"1\"}\nactions: [{target: $.a, remove: true}]\n", `ov0.yaml:1:10: error: overlay version "2.0.0" is not supported`},
		{"no info version", "overlay: 1.0.0\ninfo: {title: x}\nactions: [{target: $.a, remove: true}]\n", `ov0.yaml:2:7: error: the overlay's info needs a version`},
		{"no actions", "overlay: 1.0.0\ninfo: {title: x, version: \"1\"}\nactions: []\n", `ov0.yaml:3:10: error: the overlay's actions must be a non-empty list`},
		{"no target", "overlay: 1.0.0\ninfo: {title: x, version: \"1\"}\nactions:\n  - remove: true\n", `ov0.yaml:4:5: error: action 0 has no target`},
		{"bad jsonpath", "overlay: 1.0.0\ninfo: {title: x, version: \"1\"}\nactions:\n  - target: \"$.paths[?(\"\n    remove: true\n", `ov0.yaml:4:13: error: action target "$.paths[?(" is not a valid JSONPath expression`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api, diags, dir := parseWithOverlays(t, overlaySpec, tc.overlay)
			if api != nil || !diags.HasErrors() {
				t.Fatalf("want an error, got api=%v diags=%v", api != nil, diags)
			}
			got := strings.ReplaceAll(diags[0].String(), dir+string(filepath.Separator), "")
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %s\nwant %s…", got, tc.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		dir := t.TempDir()
		spec := filepath.Join(dir, "spec.yaml")
		if err := os.WriteFile(spec, []byte(overlaySpec), 0o644); err != nil {
			t.Fatal(err)
		}
		missing := filepath.Join(dir, "nope.yaml")
		_, diags := Parse(spec, Config{Overlays: []string{missing}})
		if !diags.HasErrors() || diags[0].Pos.File != missing || diags[0].Code != "overlay" {
			t.Fatalf("want an overlay error naming %s, got %v", missing, diags)
		}
	})
}

func TestSpeakeasyIgnore(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id, must]
                properties:
                  id: {type: string}
                  secret: {type: string, x-speakeasy-ignore: true}
                  must: {type: string, x-speakeasy-ignore: true}
    post:
      operationId: postA
      x-speakeasy-ignore: true
      responses:
        "204": {description: ok}
  /internal:
    x-speakeasy-ignore: true
    get:
      operationId: internal
      responses:
        "204": {description: ok}
`
	api, diags, _ := parseWithOverlays(t, spec)
	if diags.HasErrors() || api == nil {
		t.Fatalf("errors: %v", diags)
	}
	var ids, fields []string
	for _, s := range api.Services {
		for _, o := range s.Operations {
			ids = append(ids, o.ID)
			for _, r := range o.Responses {
				for _, c := range r.Contents {
					if c.Type != nil {
						for _, f := range c.Type.Fields {
							fields = append(fields, f.Name)
						}
					}
				}
			}
		}
	}
	if got := strings.Join(ids, ","); got != "getA" {
		t.Errorf("operations %s, want getA", got)
	}
	if got := strings.Join(fields, ","); got != "id,must" {
		t.Errorf("fields %s, want id,must (a required property is kept)", got)
	}
}
