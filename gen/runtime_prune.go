package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
)

// coreUse is a reference of generated code to the runtime package.
var coreUse = regexp.MustCompile(`\bcore\.([A-Za-z_]\w*)`)

// neededRuntime keeps the runtime files the SDK uses: those declaring what
// the SDK's files name through core., what those files name in turn, and
// methods of the types kept. An SDK without streams carries no stream
// parser, one without OAuth2 no token source. The test is by name over
// each file's identifiers, a superset of its real uses, so a file is never
// dropped that something needs; the golden and corpus SDKs compile with
// the result.
func neededRuntime(sdk, runtime []File) []File {
	type rtFile struct {
		decls   []string // top-level names it declares
		methods []string // receiver types of the methods it declares
		uses    []string // every identifier it mentions
		keep    bool
	}
	files := make([]*rtFile, len(runtime))
	for i, f := range runtime {
		rf := &rtFile{}
		files[i] = rf
		if !strings.HasSuffix(f.Path, ".go") {
			rf.keep = true
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Content, parser.SkipObjectResolution)
		if err != nil {
			rf.keep = true // not understood: kept, as before
			continue
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					if d.Name.Name == "init" {
						rf.keep = true
					}
					rf.decls = append(rf.decls, d.Name.Name)
					continue
				}
				rf.methods = append(rf.methods, receiverType(d.Recv.List[0].Type))
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						rf.decls = append(rf.decls, s.Name.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							rf.decls = append(rf.decls, n.Name)
						}
					}
				}
			}
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				rf.uses = append(rf.uses, id.Name)
			}
			return true
		})
	}
	needed := map[string]bool{}
	for _, f := range sdk {
		if strings.HasSuffix(f.Path, ".go") {
			for _, m := range coreUse.FindAllSubmatch(f.Content, -1) {
				needed[string(m[1])] = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, rf := range files {
			if !rf.keep {
				for _, n := range append(rf.decls, rf.methods...) {
					if needed[n] {
						rf.keep = true
						break
					}
				}
				if !rf.keep {
					continue
				}
			}
			for _, u := range rf.uses {
				if !needed[u] {
					needed[u] = true
					changed = true
				}
			}
		}
	}
	var out []File
	for i, rf := range files {
		if rf.keep {
			out = append(out, runtime[i])
		}
	}
	return out
}

// receiverType is the type name of a method's receiver (T, *T, T[P]).
func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
