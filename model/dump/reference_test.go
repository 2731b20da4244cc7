package dump_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sdkgen/sdkgen/model/dump"
)

// referencePage is the committed field reference of the dump.
const referencePage = "../../docs/model.md"

// TestReferencePage keeps docs/model.md in step with the structs: the page
// is generated from dump.go's declarations and doc comments, and the test
// fails when the committed page differs (SDKGEN_UPDATE=1 rewrites it).
func TestReferencePage(t *testing.T) {
	want, err := renderReference("dump.go")
	if err != nil {
		t.Fatal(err)
	}
	if update {
		if err := os.WriteFile(referencePage, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(referencePage)
	if err != nil {
		t.Fatalf("%v (SDKGEN_UPDATE=1 go test ./model/dump/ writes it)", err)
	}
	if d := cmp.Diff(string(have), want); d != "" {
		t.Errorf("%s is stale; SDKGEN_UPDATE=1 go test ./model/dump/ rewrites it (-have +want):\n%s", referencePage, d)
	}
}

// TestReferenceCoversEveryField checks, by reflection, that every exported
// field of every struct reachable from Dump has a JSON name and a row in
// the page, so the page cannot silently miss a struct either.
func TestReferenceCoversEveryField(t *testing.T) {
	page, err := renderReference("dump.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var walk func(rt reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] {
			return
		}
		seen[rt] = true
		if !strings.Contains(page, "\n## "+rt.Name()+"\n") {
			t.Errorf("no section for %s", rt.Name())
		}
		for i := range rt.NumField() {
			f := rt.Field(i)
			if !f.IsExported() {
				continue // links for templates, not data
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				t.Errorf("%s.%s has no JSON name", rt.Name(), f.Name)
				continue
			}
			row := fmt.Sprintf("| `%s` | `%s` |", name, f.Name)
			if !strings.Contains(page, row) {
				t.Errorf("no row %q for %s.%s", row, rt.Name(), f.Name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(dump.Dump{}))
	if len(seen) < 10 {
		t.Fatalf("walked only %d structs", len(seen))
	}
}

// renderReference builds the reference page from the Go source of the
// dump's structs: one section per struct, in source order, with a row per
// field (JSON name, Go name, type, the field's doc comment).
func renderReference(file string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(`<!-- Generated from model/dump/dump.go by TestReferencePage; do not edit. SDKGEN_UPDATE=1 go test ./model/dump/ rewrites it. -->

# The model as data

` + "`sdkgen model SPEC`" + ` prints the model sdkgen resolved from a spec as one JSON
document; templates get the same value as their root data (a Go ` + "`*dump.Dump`" + `
from package ` + "`github.com/sdkgen/sdkgen/model/dump`" + `). JSON consumers use the
**JSON** names below; templates use the **Go** names (` + "`{{range .Services}}{{.Name}}{{end}}`" + `).

- ` + "`schemaVersion`" + ` is ` + strconv.Itoa(dump.SchemaVersion) + `. It rises when a field is renamed, removed or changes
  meaning; new fields may appear without it.
- Fields at their zero value (false, 0, "", an empty list, an absent object, an
  unknown position) are left out of the JSON, except ` + "`schemaVersion`, `title` and `version`" + `.
- There are no cycles. Every named type is declared once in ` + "`types`" + ` under its
  ` + "`key`" + ` (the JSON pointer of its schema); wherever a type is used, a named type is
  ` + "`{\"ref\": KEY}`" + ` and an anonymous type is written out in place.
- Order is the model's (services, operations, parameters, fields and types as
  the spec and the naming pass give them), so the output is byte-for-byte the
  same on every run.
- Positions name files relative to the root spec's folder, never by a machine path.
`)
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !ts.Name.IsExported() || ts.Name.Name == "Options" {
				continue
			}
			doc := ts.Doc
			if doc == nil {
				doc = gd.Doc
			}
			fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", ts.Name.Name, oneLine(doc.Text()))
			b.WriteString("| JSON | Go | type | meaning |\n|---|---|---|---|\n")
			for _, fld := range st.Fields.List {
				if len(fld.Names) >= 1 && !fld.Names[0].IsExported() {
					continue // links for templates, listed with the methods
				}
				if len(fld.Names) != 1 {
					return "", fmt.Errorf("%s: one exported name per field, please", fset.Position(fld.Pos()))
				}
				tag, _ := strconv.Unquote(fld.Tag.Value)
				jsonName, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
				if fld.Doc == nil {
					return "", fmt.Errorf("%s: field %s.%s has no doc comment", fset.Position(fld.Pos()), ts.Name.Name, fld.Names[0].Name)
				}
				fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", jsonName, fld.Names[0].Name, typeText(fld.Type), oneLine(fld.Doc.Text()))
			}
		}
	}
	b.WriteString(`
## Methods for templates

Templates may also call these methods; they are not part of the JSON.

| receiver | method | meaning |
|---|---|---|
`)
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || !fd.Name.IsExported() {
			continue
		}
		if fd.Doc == nil {
			return "", fmt.Errorf("%s: method %s has no doc comment", fset.Position(fd.Pos()), fd.Name.Name)
		}
		recv := fd.Recv.List[0].Type
		if st, ok := recv.(*ast.StarExpr); ok {
			recv = st.X
		}
		id, _ := recv.(*ast.Ident)
		if id == nil || id.Name == "JSONValue" {
			continue // encoding methods
		}
		fmt.Fprintf(&b, "| [%s](#%s) | `.%s` | %s |\n", id.Name, strings.ToLower(id.Name), fd.Name.Name, oneLine(fd.Doc.Text()))
	}
	return b.String(), nil
}

// typeText describes a field's Go type in JSON terms, linking the dump's
// own structs to their sections.
func typeText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return typeText(e.X)
	case *ast.ArrayType:
		return "list of " + typeText(e.Elt)
	case *ast.Ident:
		switch e.Name {
		case "string":
			return "string"
		case "int", "int64", "float64":
			return "number"
		case "bool":
			return "boolean"
		case "JSONValue":
			return "any JSON value"
		}
		return "[" + e.Name + "](#" + strings.ToLower(e.Name) + ")"
	}
	return "?"
}

// oneLine joins a doc comment's lines for a table cell.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}
