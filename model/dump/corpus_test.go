package dump_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model/dump"
	"github.com/sdkgen/sdkgen/parser"
)

// specsDir holds the shared real-world specs; tests that need them skip
// when it is absent.
const specsDir = "../../../shared/specs"

// TestRealSpecs dumps every spec of the shared corpus, the big benchmark
// specs and the Swagger 2.0 ones: each dump must be valid JSON that decodes
// back into a Dump, have every reference declared and nothing but the ref
// in a reference, and come out the same when built twice from one model.
func TestRealSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: parses every real spec")
	}
	var specs []string
	for _, dir := range []string{"corpus", "bench", "swagger2"} {
		entries, err := os.ReadDir(filepath.Join(specsDir, dir))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if ext := filepath.Ext(e.Name()); ext == ".json" || ext == ".yaml" || ext == ".yml" {
				specs = append(specs, filepath.Join(specsDir, dir, e.Name()))
			}
		}
	}
	if len(specs) == 0 {
		t.Skipf("no specs under %s", specsDir)
	}
	for _, spec := range specs {
		name := strings.TrimPrefix(filepath.ToSlash(spec), specsDir+"/")
		t.Run(name, func(t *testing.T) {
			api, diags := parser.Parse(spec, parser.Config{})
			if api == nil || diags.HasErrors() {
				t.Skipf("spec has errors: %v", diags[0])
			}
			opts := dump.Options{Dir: filepath.Dir(spec)}
			b, err := dump.Build(api, opts).Marshal()
			if err != nil {
				t.Fatal(err)
			}
			again, _ := dump.Build(api, opts).Marshal()
			if !bytes.Equal(b, again) {
				t.Errorf("two builds of one model differ")
			}
			if !json.Valid(b) {
				t.Fatal("invalid JSON")
			}
			var d dump.Dump
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			checkRefs(t, &d)
			ops := 0
			for _, s := range d.Services {
				for _, o := range s.Operations {
					ops++
					if o.Service != s.Name || o.GoName == "" || o.ID == "" {
						t.Errorf("operation %s/%s: service %q, goName %q", s.Name, o.ID, o.Service, o.GoName)
					}
				}
			}
			if ops != len(api.Operations()) {
				t.Errorf("%d operations dumped, model has %d", ops, len(api.Operations()))
			}
			if bytes.Contains(b, []byte(`"file": "/`)) {
				t.Errorf("a position names an absolute path")
			}
		})
	}
}

// TestMoov dumps Moov's spec: every one of its 171 operations under its
// service, with scopes, the same bytes on every run.
func TestMoov(t *testing.T) {
	spec := filepath.Join(specsDir, "moov", "openapi.yaml")
	if _, err := os.Stat(spec); err != nil {
		t.Skip("no Moov spec")
	}
	d := mustDump(t, spec)
	if !bytes.Equal(dumpOf(t, spec), dumpOf(t, spec)) {
		t.Errorf("two runs dump Moov differently")
	}
	api, _ := parser.Parse(spec, parser.Config{})
	want := map[string]string{}
	for _, o := range api.Operations() {
		b, _ := json.Marshal(o.Scopes)
		want[o.ID] = string(b)
	}
	ops, scoped := 0, 0
	for _, s := range d.Services {
		for _, o := range s.Operations {
			ops++
			if len(o.Scopes) > 0 {
				scoped++
			}
			if b, _ := json.Marshal(o.Scopes); string(b) != want[o.ID] {
				t.Errorf("%s: scopes %s, model has %s", o.ID, b, want[o.ID])
			}
		}
	}
	if ops != 171 {
		t.Errorf("%d operations, want 171", ops)
	}
	if scoped < 100 {
		t.Errorf("only %d of %d operations have scopes", scoped, ops)
	}
	checkRefs(t, d)
}
