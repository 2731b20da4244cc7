package gen_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/pipeline"
	"github.com/sdkgen/sdkgen/model"
)

// TestReservedCoversFixedNames keeps model.Reserved the one list of names
// the generator declares for itself: across every testdata case, every
// exported package-level name in the SDK package (tests included) either
// came from the naming pass (types, services, requests, options, enum
// constants) or is in model.Reserved. A fixed declaration added to the
// generator without reserving its name fails here, before a spec with a
// schema of that name can break an SDK.
func TestReservedCoversFixedNames(t *testing.T) {
	entries, err := os.ReadDir("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	reserved := map[string]bool{}
	// StreamNames are reserved only in SDKs with streams, but declared
	// only there too.
	for _, r := range slices.Concat(model.Reserved, model.StreamNames) {
		reserved[r] = true
	}
	checked := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		res, err := pipeline.Run(caseRequest(t, e.Name()))
		if err != nil {
			continue // a case of spec errors
		}
		assigned := map[string]bool{}
		for _, n := range res.API.Names {
			assigned[n] = true
		}
		for _, ty := range res.API.Types {
			for _, v := range ty.Enum {
				assigned[v.GoName] = true
			}
		}
		for _, f := range res.Files {
			if path.Dir(f.Path) != "." || path.Ext(f.Path) != ".go" {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Content, 0)
			if err != nil {
				t.Fatalf("%s/%s: %v", e.Name(), f.Path, err)
			}
			for _, name := range declared(file) {
				// Examples are named Example<Type>_<Method>, as go test
				// wants; the naming pass never makes a name with "_".
				if f.Path == gen.ExamplesFile && strings.HasPrefix(name, "Example") && strings.Contains(name, "_") {
					continue
				}
				if ast.IsExported(name) && !assigned[name] && !reserved[name] {
					t.Errorf("%s/%s declares %s, which model.Reserved (or StreamNames) does not list", e.Name(), f.Path, name)
				}
			}
			checked++
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d files", checked)
	}
}

// declared lists a file's package-level names (methods excluded).
func declared(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	slices.Sort(names)
	return names
}
