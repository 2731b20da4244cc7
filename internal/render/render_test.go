package render

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sdkgen/sdkgen/model/dump"
	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// testAPI is a small dump with two services.
func testAPI() *dump.Dump {
	d := &dump.Dump{Title: "Pets", Version: "1"}
	d.Services = []*dump.Service{
		{Name: "Pets", GoName: "Pets", Operations: []*dump.Operation{{ID: "getPet", GoName: "GetPet", Method: "GET", Path: "/pets/{id}"}}},
		{Name: "Pet Stores", GoName: "PetStores", Operations: []*dump.Operation{{ID: "stores/list", GoName: "List", Method: "GET", Path: "/stores"}}},
	}
	d.Types = []*dump.Type{{Key: "#/components/schemas/Pet", GoName: "Pet", Kind: "struct"}}
	return d
}

func render(t *testing.T, sets ...Set) ([]File, string) {
	t.Helper()
	files, diags := Render(testAPI(), SDK{Package: "pets", ImportPath: "example.com/pets"}, sets, []string{"client.go"})
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	return files, strings.Join(msgs, "\n")
}

func TestBuiltinsAreReplacedByUserTemplates(t *testing.T) {
	builtin := fstest.MapFS{
		"docs/index.md.tmpl": {Data: []byte("built-in {{.Title}}")},
		"keep.txt.tmpl":      {Data: []byte("kept")},
		"notatemplate.txt":   {Data: []byte("ignored")},
	}
	user := fstest.MapFS{"docs/index.md.tmpl": {Data: []byte("mine {{.Title}}")}}
	files, diags := render(t, Set{FS: builtin, Display: "builtin"}, Set{FS: user, Display: "tmpl"})
	if diags != "" {
		t.Fatal(diags)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Content)
	}
	if len(got) != 2 || got["docs/index.md"] != "mine Pets" || got["keep.txt"] != "kept" {
		t.Errorf("files = %q", got)
	}
}

func TestPerItemTemplates(t *testing.T) {
	user := fstest.MapFS{
		"docs/[service].md.tmpl":             {Data: []byte("{{.Name}} in {{.API.Title}}")},
		"ops/[service]/[operation].txt.tmpl": {Data: []byte("{{.ServiceOf.GoName}}.{{.GoName}} {{.Method}} {{.Path}} of {{.API.Title}}")},
	}
	files, diags := render(t, Set{FS: user, Display: "tmpl"})
	if diags != "" {
		t.Fatal(diags)
	}
	want := map[string]string{
		"docs/pets.md":                   "Pets in Pets",
		"docs/pet-stores.md":             "Pet Stores in Pets",
		"ops/pets/get-pet.txt":           "Pets.GetPet GET /pets/{id} of Pets",
		"ops/pet-stores/stores-list.txt": "PetStores.List GET /stores of Pets",
	}
	if len(files) != len(want) {
		t.Errorf("got %d files, want %d", len(files), len(want))
	}
	for _, f := range files {
		if want[f.Path] != string(f.Content) {
			t.Errorf("%s = %q, want %q", f.Path, f.Content, want[f.Path])
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"a.txt.tmpl", "ok\n x {{if}}", "tmpl/a.txt.tmpl:2:4: error: missing value for if"},
		{"a.txt.tmpl", "{{.Title}} {{.Nope}}", "tmpl/a.txt.tmpl:1:14: error: at <.Nope>: can't evaluate field Nope"},
		{"a.txt.tmpl", "{{index .Services 9}}", "tmpl/a.txt.tmpl:1:3: error: at <index .Services 9>: error calling index"},
		{"a.go.tmpl", "package x\nfunc {", "tmpl/a.go.tmpl:1:1: error: a.go does not parse as Go: a.go:2:6:"},
		{"client.go.tmpl", "package x", "renders client.go, which is already a file sdkgen generates"},
		{"go.mod.tmpl", "module x", `output path "go.mod" refused: go.mod is sdkgen's own file`},
		{"[service]/x.txt.tmpl", "{{.Name}}", ""},
		{"x.txt.tmpl", `{{indent "a" 3}}`, "expected string; found 3"},
	} {
		_, diags := render(t, Set{FS: fstest.MapFS{tc.name: {Data: []byte(tc.text)}}, Display: "tmpl"})
		if tc.want == "" && diags != "" || !strings.Contains(diags, tc.want) {
			t.Errorf("%s %q: diagnostics\n%s\nwant %q", tc.name, tc.text, diags, tc.want)
		}
	}
	// Two templates rendering to one file.
	_, diags := render(t, Set{FS: fstest.MapFS{
		"[service].txt.tmpl": {Data: []byte("a")},
		"pets.txt.tmpl":      {Data: []byte("b")},
	}, Display: "tmpl"})
	if !strings.Contains(diags, "renders pets.txt, which is already the output of tmpl/[service].txt.tmpl") {
		t.Errorf("diagnostics %s", diags)
	}
}

func TestCheckPath(t *testing.T) {
	for _, p := range []string{"", "../x", "a/../../x", "/etc/passwd", "a/", `a\b`, "c:x", "./a", "a//b", "sdkgen.lock", "go.mod", "a/./b"} {
		if checkPath(p) == nil {
			t.Errorf("%q accepted", p)
		}
	}
	for _, p := range []string{"a", "docs/x.md", ".github/x.yml", "a..b"} {
		if err := checkPath(p); err != nil {
			t.Errorf("%q refused: %v", p, err)
		}
	}
}

func TestComment(t *testing.T) {
	in := "First */ line\r\n\r\nthird /* x\rfourth\x00 \xff\ufeff"
	got := Comment(in)
	want := "// First */ line\n//\n// third /* x\n// fourth\ufffd \ufffd\ufffd"
	if got != want {
		t.Fatalf("Comment = %q, want %q", got, want)
	}
	src := "package x\n\n" + got + "\nvar V = 1\n"
	if _, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments); err != nil {
		t.Errorf("does not parse: %v", err)
	}
	if Comment(" \n ") != "" {
		t.Error("blank text should be no comment")
	}
}

func TestCases(t *testing.T) {
	for _, tc := range []struct{ in, camel, pascal, snake, kebab string }{
		{"get ticket-ID", "getTicketID", "GetTicketID", "get_ticket_id", "get-ticket-id"},
		{"listPetStores", "listPetStores", "ListPetStores", "list_pet_stores", "list-pet-stores"},
		{"HTTPServer", "httpServer", "HTTPServer", "http_server", "http-server"},
		{"", "", "", "", ""},
	} {
		if got := Camel(tc.in); got != tc.camel {
			t.Errorf("Camel(%q) = %q, want %q", tc.in, got, tc.camel)
		}
		if got := Pascal(tc.in); got != tc.pascal {
			t.Errorf("Pascal(%q) = %q, want %q", tc.in, got, tc.pascal)
		}
		if got := Snake(tc.in); got != tc.snake {
			t.Errorf("Snake(%q) = %q, want %q", tc.in, got, tc.snake)
		}
		if got := Kebab(tc.in); got != tc.kebab {
			t.Errorf("Kebab(%q) = %q, want %q", tc.in, got, tc.kebab)
		}
	}
}

func TestFuncs(t *testing.T) {
	d := testAPI()
	d.Types = append(d.Types, &dump.Type{Key: "k/enum", GoName: "Color", Kind: "enum"})
	user := fstest.MapFS{"f.txt.tmpl": {Data: []byte(
		`{{json .Title}} {{quote "a\"b"}} {{indent 2 "x\n\ny"}}|{{goType (index .Types 0)}} ` +
			`{{goType (deref (index .Types 0))}} {{sdk.Package}} {{sdk.ImportPath}} {{sample (index .Types 0)}}`)}}
	files, diags := Render(d, SDK{Package: "pets", ImportPath: "example.com/pets"}, []Set{{FS: user, Display: "t"}}, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := "\"Pets\" \"a\\\"b\"   x\n\n  y|Pet Pet pets example.com/pets null"
	if string(files[0].Content) != want {
		t.Errorf("got %q\nwant %q", files[0].Content, want)
	}
	types := []struct {
		t    *dump.Type
		want string
	}{
		{&dump.Type{Ref: "k/enum"}, "Color"},
		{&dump.Type{Kind: "array", Elem: &dump.Type{Kind: "int", Bits: 32}}, "[]int32"},
		{&dump.Type{Kind: "map", Elem: &dump.Type{Kind: "datetime"}}, "map[string]time.Time"},
		{&dump.Type{Kind: "enum", EnumBase: &dump.Type{Kind: "string"}}, "string"},
		{&dump.Type{Kind: "raw"}, "json.RawMessage"},
		{&dump.Type{Ref: "missing"}, "any"},
		{nil, "any"},
	}
	for _, tc := range types {
		if got := goType(d, tc.t, 0); got != tc.want {
			t.Errorf("goType(%+v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// TestDocsListEveryFunc keeps docs/templates.md in step with Funcs.
func TestDocsListEveryFunc(t *testing.T) {
	page, err := os.ReadFile("../../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range Funcs(testAPI(), SDK{}) {
		if !strings.Contains(string(page), "| `"+name) {
			t.Errorf("docs/templates.md does not list %s", name)
		}
	}
}

// TestContractNames renders the names the design promises templates over a
// real spec's model.
func TestContractNames(t *testing.T) {
	api, diags := sdkparser.Parse("../../testdata/moov-ticket/openapi.yaml", sdkparser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d := dump.Build(api, dump.Options{})
	text := `{{.Title}}|{{.Version}}|{{range .Services}}{{.Name}},{{.GoName}}:{{range .Operations}}{{.ID}} {{.GoName}} {{.Method}} {{.Path}} {{len .Params}} {{len .Scopes}} {{.API.Title}}{{end}}{{end}}|{{len .Types}}`
	files, ds := Render(d, SDK{}, []Set{{FS: fstest.MapFS{"x.tmpl": {Data: []byte(text)}}, Display: "t"}}, nil)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := "Moov API|v2026.01.00|Support,Support:getTicket GetTicket GET /accounts/{accountID}/tickets/{ticketID} 3 2 Moov API|3"
	if got := string(files[0].Content); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
