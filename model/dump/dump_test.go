package dump_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"text/template"

	"github.com/google/go-cmp/cmp"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/model/dump"
	"github.com/sdkgen/sdkgen/parser"
)

// update rewrites the golden dumps and the reference page:
// SDKGEN_UPDATE=1 go test ./model/dump/
var update = os.Getenv("SDKGEN_UPDATE") != ""

// specOf finds a case's root spec.
func specOf(dir string) string {
	for _, name := range []string{"openapi.yaml", "openapi.yml", "openapi.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return filepath.Join(dir, name)
		}
	}
	return ""
}

// dumpOf parses spec and returns its dump as JSON, or nil when the spec
// has errors.
func dumpOf(t *testing.T, spec string) []byte {
	t.Helper()
	api, diags := parser.Parse(spec, parser.Config{})
	if diags.HasErrors() || api == nil {
		return nil
	}
	b, err := dump.Build(api, dump.Options{Dir: filepath.Dir(spec)}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGolden pins the dump of every testdata case that parses without
// errors in testdata/<case>.json, byte for byte, so a parser or naming
// change shows up as a model diff. Cases that only the dump shows (the
// generated Go does not use them) live in testdata/cases.
func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/*")
	local, _ := filepath.Glob("testdata/cases/*")
	cases = append(cases, local...)
	n := 0
	for _, dir := range cases {
		spec := specOf(dir)
		if spec == "" {
			continue
		}
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			got := dumpOf(t, spec)
			golden := filepath.Join("testdata", name+".json")
			if got == nil {
				if _, err := os.Stat(golden); err == nil {
					if update {
						os.Remove(golden)
						return
					}
					t.Fatalf("%s has errors now, but %s exists", spec, golden)
				}
				return
			}
			n++
			if update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (SDKGEN_UPDATE=1 go test ./model/dump/ writes it)", err)
			}
			if d := cmp.Diff(string(want), string(got)); d != "" {
				t.Errorf("dump of %s differs from %s (-want +got):\n%s", spec, golden, d)
			}
			if bytes.Contains(got, []byte(`"file": "/`)) {
				t.Errorf("a position names an absolute path")
			}
		})
	}
	if n < 2 {
		t.Fatalf("only %d cases dumped", n)
	}
}

// TestDeterministic dumps the same spec from two parses and from the same
// model twice: the bytes must not move.
func TestDeterministic(t *testing.T) {
	for _, c := range []string{"moov-ticket", "types-unions", "types-recursive", "security"} {
		spec := specOf(filepath.Join("../../testdata", c))
		a, b := dumpOf(t, spec), dumpOf(t, spec)
		if a == nil || !bytes.Equal(a, b) {
			t.Errorf("%s: two parses dump differently (or not at all)", c)
		}
		api, _ := parser.Parse(spec, parser.Config{})
		x, _ := dump.Build(api, dump.Options{}).Marshal()
		y, _ := dump.Build(api, dump.Options{}).Marshal()
		if !bytes.Equal(x, y) {
			t.Errorf("%s: two builds of one model differ", c)
		}
	}
}

// TestRecursiveTypesByKey shows that recursive schemas become references:
// the dump is a tree, and a struct that contains itself refers to its own key.
func TestRecursiveTypesByKey(t *testing.T) {
	d := mustDump(t, "../../testdata/types-recursive/openapi.yaml")
	self := 0
	for _, ty := range d.Types {
		eachRef(ty, func(ref string) {
			if ref == ty.Key {
				self++
			}
		})
	}
	if self == 0 {
		t.Errorf("no type in types-recursive refers to itself")
	}
	checkRefs(t, d)
}

// TestAnonymousCycle builds a model whose anonymous type contains itself
// (the parser does not make one, but the model allows it): the dump still
// has no cycle, declaring the type under a synthetic key.
func TestAnonymousCycle(t *testing.T) {
	anon := &model.Type{Kind: model.KindStruct}
	anon.Fields = []*model.Field{{Name: "next", GoName: "Next", Type: anon}}
	named := &model.Type{Kind: model.KindArray, Name: "List", Key: "#/components/schemas/List", GoName: "List", Elem: anon}
	api := &model.API{Title: "t", Types: []*model.Type{named}}
	d := dump.Build(api, dump.Options{})
	if _, err := d.Marshal(); err != nil {
		t.Fatal(err)
	}
	checkRefs(t, d)
	if len(d.Types) != 2 || d.Types[1].Key != "anonymous/1" || d.Types[0].Elem.Fields[0].Type.Ref != "anonymous/1" {
		b, _ := d.Marshal()
		t.Errorf("unexpected dump:\n%s", b)
	}
	if anon.Key != "" {
		t.Errorf("Build changed the model")
	}
}

// TestPositionsRelativeToSpecFolder checks that positions name files
// relative to the root spec's folder, wherever the process runs.
func TestPositionsRelativeToSpecFolder(t *testing.T) {
	spec, _ := filepath.Abs("../../testdata/moov-ticket/openapi.yaml")
	d := mustDump(t, spec)
	if d.Pos.File != "openapi.yaml" || d.Services[0].Operations[0].Pos.File != "openapi.yaml" || d.Services[0].Operations[0].Pos.Line == 0 {
		t.Errorf("positions: %+v, %+v", d.Pos, d.Services[0].Operations[0].Pos)
	}
}

// mustDump parses and builds a spec's dump, round-tripped through JSON so
// the checks see what a consumer of `sdkgen model` sees.
func mustDump(t *testing.T, spec string) *dump.Dump {
	t.Helper()
	b := dumpOf(t, spec)
	if b == nil {
		t.Fatalf("%s has errors", spec)
	}
	var d dump.Dump
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

// eachRef calls f with every Ref inside ty (not crossing into declarations).
func eachRef(ty *dump.Type, f func(string)) {
	if ty == nil {
		return
	}
	if ty.Ref != "" {
		f(ty.Ref)
		return
	}
	for _, fl := range ty.Fields {
		eachRef(fl.Type, f)
	}
	eachRef(ty.Additional, f)
	eachRef(ty.Elem, f)
	eachRef(ty.EnumBase, f)
	for _, v := range ty.Variants {
		eachRef(v.Type, f)
	}
}

// eachUse calls f with every type use in the dump, declarations included.
func eachUse(d *dump.Dump, f func(*dump.Type)) {
	for _, g := range d.Globals {
		f(g.Type)
	}
	contents := func(cs []*dump.Content) {
		for _, c := range cs {
			f(c.Type)
		}
	}
	for _, s := range d.Services {
		for _, o := range s.Operations {
			for _, p := range o.Params {
				f(p.Type)
			}
			if o.Body != nil {
				contents(o.Body.Contents)
			}
			for _, r := range o.Responses {
				contents(r.Contents)
				for _, h := range r.Headers {
					f(h.Type)
				}
			}
		}
	}
	for _, ty := range d.Types {
		f(ty)
	}
}

// checkRefs fails unless every key is declared once, every ref names a
// declared key, and a reference holds nothing but its ref.
func checkRefs(t *testing.T, d *dump.Dump) {
	t.Helper()
	keys := map[string]bool{}
	for _, ty := range d.Types {
		if ty.Key == "" || ty.Ref != "" {
			t.Errorf("declaration %q/%q: want a key and no ref", ty.Key, ty.Ref)
		}
		if keys[ty.Key] {
			t.Errorf("key %s declared twice", ty.Key)
		}
		keys[ty.Key] = true
	}
	eachUse(d, func(ty *dump.Type) {
		eachRef(ty, func(ref string) {
			if !keys[ref] {
				t.Errorf("ref %s is not declared", ref)
			}
		})
	})
	eachUse(d, func(ty *dump.Type) {
		eachPlain(ty, func(r *dump.Type) {
			if r.Ref != "" && !reflect.DeepEqual(*r, dump.Type{Ref: r.Ref}) {
				t.Errorf("reference to %s carries more than its ref", r.Ref)
			}
		})
	})
}

// eachPlain calls f with ty and every type nested in it.
func eachPlain(ty *dump.Type, f func(*dump.Type)) {
	if ty == nil {
		return
	}
	f(ty)
	for _, fl := range ty.Fields {
		eachPlain(fl.Type, f)
	}
	eachPlain(ty.Additional, f)
	eachPlain(ty.Elem, f)
	eachPlain(ty.EnumBase, f)
	for _, v := range ty.Variants {
		eachPlain(v.Type, f)
	}
}

// TestTemplateData renders templates over a Dump with the field names the
// template contract promises, so a rename breaks here first.
func TestTemplateData(t *testing.T) {
	api, diags := parser.Parse("../../testdata/moov-ticket/openapi.yaml", parser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d := dump.Build(api, dump.Options{})
	for _, c := range []struct{ tmpl, want string }{
		{`{{range .Services}}{{range .Operations}}{{.ID}}{{"\n"}}{{end}}{{end}}`, "getTicket\n"},
		{`{{.Title}} {{.Version}}`, "Moov API v2026.01.00"},
		{`{{range .Services}}{{.Name}} {{.GoName}} {{len .Operations}}{{end}}`, "Support Support 1"},
		{`{{range .Services}}{{range .Operations}}{{.GoName}} {{.Method}} {{.Path}} {{len .Params}} {{.Scopes}}{{end}}{{end}}`,
			"GetTicket GET /accounts/{accountID}/tickets/{ticketID} 3 [[/accounts/{accountID}/tickets.read] [/accounts/{partnerAccountID}/tickets.read /accounts/{accountID}/profile.read]]"},
		{`{{range .Types}}{{if eq .GoName "Ticket"}}{{.Key}} {{.Kind}}{{end}}{{end}}`, "#/components/schemas/Ticket struct"},
		{`{{with $.Type "#/components/schemas/Ticket"}}{{(index .Fields 0).GoName}}{{end}}`, "TicketID"},
	} {
		tm, err := template.New("t").Parse(c.tmpl)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := tm.Execute(&b, d); err != nil {
			t.Errorf("%s: %v", c.tmpl, err)
			continue
		}
		if b.String() != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.tmpl, b.String(), c.want)
		}
	}
}
