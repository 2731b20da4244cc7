package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model"
	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// checkService builds s's file as generation does (declarations laid out
// directly, lists pre-broken) and all through jennifer, go/format and
// wrapLong, and fails, naming the file after label, when they differ. It
// returns the file, how many declarations were laid out directly and
// whether the direct attempt fell back to jennifer.
func checkService(t *testing.T, g *gen, s *model.Service, label string) (file []byte, pieces int, fellBack bool) {
	t.Helper()
	got, err := g.serviceSource(s)
	if err != nil {
		t.Fatalf("%s: %s: %v", label, serviceFile(s), err)
	}
	m := g.newMixed(true)
	g.emitService(s, m)
	if _, err := m.bytes(); err == errMixed {
		fellBack = true
	} else {
		pieces = len(m.pieces)
	}
	preBreak, directDecls = false, false
	m = g.newMixed(false)
	g.emitService(s, m)
	want, err := m.bytes()
	preBreak, directDecls = true, true
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: %s differs from jennifer's layout:\n%s", label, serviceFile(s), firstDiff(got, want))
	}
	return got, pieces, fellBack
}

// serviceFiles checks every service file of spec (checkService) and
// returns how many fell back to jennifer.
func serviceFiles(t *testing.T, spec string) (fallbacks int) {
	t.Helper()
	api, diags := sdkparser.Parse(spec, sdkparser.Config{})
	if diags.HasErrors() || api == nil {
		return 0
	}
	g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk", Examples: true}, "example.com/sdk/internal/core")
	for _, s := range api.Services {
		if _, _, fellBack := checkService(t, g, s, spec); fellBack {
			fallbacks++
		}
	}
	return fallbacks
}

// TestMixedFiles: every testdata spec's service files are the same laid
// out directly as through jennifer; and a file in whose jennifer part the
// spec's prose forges a marker is built the old way, whole.
func TestMixedFiles(t *testing.T) {
	specs, _ := filepath.Glob("../testdata/*/openapi.*")
	if len(specs) < 30 {
		t.Fatalf("only %d testdata specs", len(specs))
	}
	for _, spec := range specs {
		serviceFiles(t, spec)
	}

	// A streamed method goes through jennifer, its description with it.
	spec := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(spec, []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
  /events:
    get:
      operationId: watch
      summary: Watch.
      description: "`+strings.TrimPrefix(pieceMark, "// ")+`0"
      responses:
        "200": {description: ok, content: {text/event-stream: {schema: {type: string}}}}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := serviceFiles(t, spec); n != 1 {
		t.Errorf("%d service files fell back to jennifer, want 1 (the one whose prose holds a marker)", n)
	}
}

// TestMixedFilesCorpus is TestMixedFiles on the shared corpus and bench
// specs, whose paging styles, bodies and names the testdata specs do not
// all have.
func TestMixedFilesCorpus(t *testing.T) {
	if _, err := os.Stat(sharedSpecs); err != nil {
		t.Skipf("%s is absent", sharedSpecs)
	}
	if testing.Short() {
		t.Skip("long")
	}
	for _, pat := range []string{"corpus/*", "bench/*", "swagger2/*"} {
		specs, _ := filepath.Glob(filepath.Join(sharedSpecs, pat))
		for _, spec := range specs {
			serviceFiles(t, spec)
		}
	}
}
