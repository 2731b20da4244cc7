package gen_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
)

// checker type-checks generated SDKs with go/types. One checker is shared
// by every call (and every fuzz iteration): standard-library packages are
// imported once from the go command's export data and cached, and the SDK runtime
// (internal/core), which is the same bytes in every SDK, is checked once
// per distinct content. The SDK's own packages are then checked against
// it with an importer that hands out the cached runtime.
type checker struct {
	mu   sync.Mutex
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package // std packages by path
	core map[[32]byte]*types.Package
	// exports maps standard-library import paths to their export data.
	exports map[string]string
}

var sharedChecker = sync.OnceValue(func() *checker {
	c := &checker{
		fset:    token.NewFileSet(),
		pkgs:    map[string]*types.Package{},
		core:    map[[32]byte]*types.Package{},
		exports: map[string]string{},
	}
	c.std = importer.ForCompiler(c.fset, "gc", c.lookup)
	return c
})

// commonStd are the packages generated code imports; their export data is
// located in one go list call. (Every fuzz worker process starts afresh, so
// this warm-up is paid often: one call instead of one per package.)
var commonStd = []string{"bytes", "cmp", "context", "crypto/rand", "encoding", "encoding/base64", "encoding/binary",
	"encoding/hex", "encoding/json", "errors", "fmt", "io", "iter", "maps", "math", "math/bits", "mime",
	"mime/multipart", "net/http", "net/http/httptest", "net/http/httptrace", "net/textproto", "net/url", "os",
	"path", "reflect", "runtime", "slices", "strconv", "strings", "sync", "sync/atomic", "testing", "time", "unicode/utf8"}

// lookup finds the export data of a standard-library package with go list
// (which builds it into the cache when needed).
func (c *checker) lookup(p string) (io.ReadCloser, error) {
	if _, ok := c.exports[p]; !ok {
		pkgs := []string{p}
		if len(c.exports) == 0 {
			pkgs = append(pkgs, commonStd...)
		}
		cmd := exec.Command("go", append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, pkgs...)...)
		cmd.Env = append(os.Environ(), "GOWORK=off")
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list %s: %v", p, err)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if path, file, ok := strings.Cut(line, "\t"); ok {
				c.exports[path] = file
			}
		}
	}
	file := c.exports[p]
	if file == "" {
		return nil, fmt.Errorf("no export data for %s", p)
	}
	return os.Open(file)
}

// importFunc adapts a function to types.Importer.
type importFunc func(path string) (*types.Package, error)

func (f importFunc) Import(path string) (*types.Package, error) { return f(path) }

// importStd imports a standard-library package; anything else is refused,
// since a generated SDK needs nothing outside the standard library.
func (c *checker) importStd(p string) (*types.Package, error) {
	if pkg, ok := c.pkgs[p]; ok {
		return pkg, nil
	}
	if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
		return nil, fmt.Errorf("generated code imports %q, which is not in the standard library", p)
	}
	pkg, err := c.std.Import(p)
	if err != nil {
		return nil, err
	}
	c.pkgs[p] = pkg
	return pkg, nil
}

// check type-checks every Go package among files, the module's root
// package (with its in-package test files) after internal/core. It
// returns the first problems found, or nil.
func (c *checker) check(module string, files []gen.File) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	byDir := map[string][]gen.File{}
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".go") {
			byDir[path.Dir(f.Path)] = append(byDir[path.Dir(f.Path)], f)
		}
	}
	corePath := module + "/internal/core"
	var corePkg *types.Package
	if cf := byDir["internal/core"]; len(cf) > 0 {
		h := sha256.New()
		for _, f := range cf {
			fmt.Fprintf(h, "%s\x00%d\x00", f.Path, len(f.Content))
			h.Write(f.Content)
		}
		var key [32]byte
		copy(key[:], h.Sum(nil))
		if corePkg = c.core[key]; corePkg == nil {
			pkg, err := c.checkDir(c.fset, corePath, cf, importFunc(c.importStd))
			if err != nil {
				return err
			}
			c.core[key] = pkg
			corePkg = pkg
		}
	}
	imp := importFunc(func(p string) (*types.Package, error) {
		if p == corePath && corePkg != nil {
			return corePkg, nil
		}
		return c.importStd(p)
	})
	for _, dir := range slices.Sorted(func(yield func(string) bool) {
		for d := range byDir {
			if d != "internal/core" && !yield(d) {
				return
			}
		}
	}) {
		p := module
		if dir != "." {
			p = module + "/" + dir
		}
		// A file set per run: a shared one would grow with every fuzz
		// iteration. Only the cached runtime keeps its positions.
		if _, err := c.checkDir(token.NewFileSet(), p, byDir[dir], imp); err != nil {
			return err
		}
	}
	return nil
}

// checkDir parses and checks one folder's files as package path p, the
// Go version floor of generated SDKs applied. Files of an external test
// package (package x_test) are checked as their own package.
func (c *checker) checkDir(fset *token.FileSet, p string, files []gen.File, imp types.Importer) (*types.Package, error) {
	var main, ext []*ast.File
	for _, f := range files {
		af, err := parser.ParseFile(fset, p+"/"+path.Base(f.Path), f.Content, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Path, err)
		}
		if strings.HasSuffix(af.Name.Name, "_test") {
			ext = append(ext, af)
		} else {
			main = append(main, af)
		}
	}
	var errs []string
	conf := types.Config{
		Importer:  imp,
		GoVersion: "go" + gen.GoVersion,
		Error: func(err error) {
			if len(errs) < 10 {
				errs = append(errs, err.Error())
			}
		},
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	pkg, _ := conf.Check(p, fset, main, info)
	if len(errs) > 0 {
		return nil, fmt.Errorf("type errors in %s:\n\t%s", p, strings.Join(errs, "\n\t"))
	}
	if !strings.HasSuffix(p, "/internal/core") {
		if redundant := redundantConversions(fset, info, main); len(redundant) > 0 {
			return nil, fmt.Errorf("redundant conversions in %s:\n\t%s", p, strings.Join(redundant, "\n\t"))
		}
	}
	if len(ext) > 0 {
		conf.Importer = importFunc(func(q string) (*types.Package, error) {
			if q == p {
				return pkg, nil
			}
			return imp.Import(q)
		})
		conf.Check(p+"_test", fset, ext, nil)
		if len(errs) > 0 {
			return nil, fmt.Errorf("type errors in %s_test:\n\t%s", p, strings.Join(errs, "\n\t"))
		}
	}
	return pkg, nil
}

// typeCheck type-checks generated files with the shared checker.
func typeCheck(t testing.TB, module string, files []gen.File) {
	t.Helper()
	if err := sharedChecker().check(module, files); err != nil {
		t.Fatal(err)
	}
}

// fuzzTypeCheck is typeCheck for the fuzz targets: an input that fails
// only with an open, known bug (see knownBugs) is skipped while fuzzing,
// so the run goes on looking for new ones. Replaying the corpus under plain
// go test reports it, so the regression stays visible.
func fuzzTypeCheck(t *testing.T, module string, files []gen.File, spec []byte) {
	t.Helper()
	err := sharedChecker().check(module, files)
	if err == nil {
		return
	}
	if isKnownBug(err) && fuzzing() {
		t.Skip("known bug:", err)
	}
	t.Fatalf("%v\nspec:\n%s", err, spec)
}

// fuzzing reports whether the test binary runs with -test.fuzz.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// redundantConversions lists conversions T(x) in generated code where x
// already has type T: noise a reader has to stop at, and a sign the
// emitter lost track of a type.
func redundantConversions(fset *token.FileSet, info *types.Info, files []*ast.File) []string {
	var out []string
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			fun, arg := info.Types[call.Fun], info.Types[call.Args[0]]
			if !fun.IsType() || arg.Type == nil {
				return true
			}
			argType := arg.Type
			if b, ok := argType.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
				argType = types.Default(argType) // bool(true), string("x")
			} else if arg.Value != nil {
				// A typed constant: go/types records the converted type.
				if lit, ok := call.Args[0].(*ast.BasicLit); ok {
					argType = types.Default(types.Typ[map[token.Token]types.BasicKind{token.INT: types.UntypedInt, token.FLOAT: types.UntypedFloat, token.STRING: types.UntypedString, token.CHAR: types.UntypedRune}[lit.Kind]])
				} else if id, ok := call.Args[0].(*ast.Ident); ok && (id.Name == "true" || id.Name == "false") {
					argType = types.Typ[types.Bool]
				} else {
					return true
				}
			}
			if types.Identical(fun.Type, argType) {
				out = append(out, fmt.Sprintf("%s: %s", fset.Position(call.Pos()), types.ExprString(call)))
			}
			return true
		})
	}
	return out
}
