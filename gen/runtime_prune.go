package gen

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"sync"
)

// coreUses calls fn with the name of each reference of generated code to
// the runtime package: what follows "core." where "core" starts a word
// and the name is an identifier (the matches of \bcore\.([A-Za-z_]\w*),
// found without a regexp, which took a tenth of a second on Stripe's
// files).
func coreUses(src []byte, fn func(name []byte)) {
	const prefix = "core."
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(prefix))
		if j < 0 {
			return
		}
		j += i
		i = j + len(prefix)
		if j > 0 && isWordByte(src[j-1]) {
			continue
		}
		if i < len(src) && (isWordByte(src[i]) && (src[i] < '0' || src[i] > '9')) {
			k := i + 1
			for k < len(src) && isWordByte(src[k]) {
				k++
			}
			fn(src[i:k])
			i = k
		}
	}
}

// isWordByte reports whether b is an ASCII letter, digit or underscore.
func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// neededRuntime keeps the runtime files the SDK uses: those declaring what
// the SDK's files name through core., what those files name in turn, and
// methods of the types kept. An SDK without streams carries no stream
// parser, one without OAuth2 no token source. The test is by name over
// each file's identifiers, a superset of its real uses, so a file is never
// dropped that something needs; the golden and corpus SDKs compile with
// the result.
func neededRuntime(sdk []File) []File {
	files := runtimeIndex()
	keep := make([]bool, len(files))
	needed := map[string]bool{}
	for _, f := range sdk {
		if strings.HasSuffix(f.Path, ".go") {
			coreUses(f.Content, func(name []byte) { needed[string(name)] = true })
		}
	}
	for changed := true; changed; {
		changed = false
		for i, rf := range files {
			if !keep[i] {
				keep[i] = rf.always || slices.ContainsFunc(rf.decls, func(n string) bool { return needed[n] })
				if !keep[i] {
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
		if keep[i] {
			out = append(out, rf.file)
		}
	}
	return out
}

// rtFile is what neededRuntime knows of one runtime file.
type rtFile struct {
	file   File
	decls  []string // top-level names it declares, and the receiver types of its methods
	uses   []string // every identifier it mentions
	always bool     // kept whatever the SDK uses (an init, or not Go it understands)
}

// runtimeIndex reads the runtime files once per process: they are the
// same for every SDK.
var runtimeIndex = sync.OnceValue(func() []rtFile {
	var files []rtFile
	for _, f := range RuntimeFiles() {
		rf := rtFile{file: f}
		af, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Content, parser.SkipObjectResolution)
		if !strings.HasSuffix(f.Path, ".go") || err != nil {
			rf.always = true
			files = append(files, rf)
			continue
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					rf.decls = append(rf.decls, receiverType(d.Recv.List[0].Type))
					continue
				}
				rf.always = rf.always || d.Name.Name == "init"
				rf.decls = append(rf.decls, d.Name.Name)
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
		slices.Sort(rf.uses)
		rf.uses = slices.Compact(rf.uses)
		files = append(files, rf)
	}
	return files
})

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
