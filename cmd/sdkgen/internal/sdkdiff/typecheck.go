package sdkdiff

import (
	"errors"
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
	"strconv"
	"strings"
	"sync"

	"github.com/sdkgen/sdkgen/gen"
)

// stdImporter imports standard-library packages for every type-check of a
// process. It is shared so that both SDKs of a comparison see the same
// *types.Package for context, net/http and time: apidiff then finds
// context.Context identical on both sides instead of merely alike.
//
// Export data comes from one `go list -export -deps` call naming every
// standard package the SDKs import, which is much faster than one go list
// per package (what go/importer does by default). When that fails (no go
// command, or export data this binary cannot read) it falls back to
// type-checking the standard library from GOROOT's sources.
type stdImporter struct {
	mu      sync.Mutex
	fset    *token.FileSet
	gc      types.Importer
	source  types.Importer
	exports map[string]string // import path → export data file
	pkgs    map[string]*types.Package
	listErr error // the go list failure, once there was one
}

var sharedStd = sync.OnceValue(func() *stdImporter {
	s := &stdImporter{fset: token.NewFileSet(), exports: map[string]string{}, pkgs: map[string]*types.Package{}}
	s.gc = importer.ForCompiler(s.fset, "gc", s.lookup)
	return s
})

// prepare locates the export data of paths (and their dependencies) in one
// go list call, skipping those already known.
func (s *stdImporter) prepare(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var missing []string
	for _, p := range paths {
		if _, ok := s.exports[p]; !ok {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 || s.listErr != nil {
		return
	}
	cmd := exec.Command("go", append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, missing...)...)
	// Outside any module, so the caller's go.mod (its toolchain line, a
	// vendor folder) has no say in how the standard library is built.
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			err = fmt.Errorf("%v: %s", err, strings.TrimSpace(string(ee.Stderr)))
		}
		s.listErr = fmt.Errorf("go list: %v", err)
		return
	}
	for line := range strings.SplitSeq(string(out), "\n") {
		if p, file, ok := strings.Cut(line, "\t"); ok {
			s.exports[p] = file
		}
	}
}

// lookup hands the gc importer the export data go list found.
func (s *stdImporter) lookup(p string) (io.ReadCloser, error) {
	file := s.exports[p]
	if file == "" {
		return nil, fmt.Errorf("no export data for %s", p)
	}
	return os.Open(file)
}

// Import imports a standard-library package; anything else is refused, as
// a generated SDK needs nothing outside the standard library.
func (s *stdImporter) Import(p string) (*types.Package, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pkg, ok := s.pkgs[p]; ok {
		return pkg, nil
	}
	if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
		return nil, fmt.Errorf("the SDK imports %q, which is not in the standard library", p)
	}
	var pkg *types.Package
	var err error
	if s.exports[p] != "" {
		pkg, err = s.gc.Import(p)
	}
	if pkg == nil {
		if s.source == nil {
			s.source = importer.ForCompiler(s.fset, "source", nil)
		}
		var serr error
		if pkg, serr = s.source.Import(p); serr != nil {
			return nil, errors.Join(err, s.listErr, serr)
		}
	}
	s.pkgs[p] = pkg
	return pkg, nil
}

// importFunc adapts a function to types.Importer.
type importFunc func(path string) (*types.Package, error)

func (f importFunc) Import(path string) (*types.Package, error) { return f(path) }

// sdkFiles is one SDK's Go source, split into the package itself and its
// runtime (internal/core); tests and other folders are left out, since
// neither is part of the API users import.
type sdkFiles struct {
	root, core []gen.File
}

// splitFiles picks an SDK's package and runtime files out of its file set.
func splitFiles(files []gen.File) sdkFiles {
	var s sdkFiles
	for _, f := range files {
		if path.Ext(f.Path) != ".go" || strings.HasSuffix(f.Path, "_test.go") {
			continue
		}
		switch path.Dir(f.Path) {
		case ".":
			s.root = append(s.root, f)
		case "internal/core":
			s.core = append(s.core, f)
		}
	}
	return s
}

// typeCheck parses and type-checks one SDK: internal/core first, then the
// package with an importer that serves that runtime (from the same files)
// and the standard library. module is the package's import path.
func typeCheck(module string, s sdkFiles) (*types.Package, error) {
	fset := token.NewFileSet()
	parse := func(files []gen.File, dir string) ([]*ast.File, error) {
		var out []*ast.File
		for _, f := range files {
			af, err := parser.ParseFile(fset, path.Join(dir, path.Base(f.Path)), f.Content, parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			out = append(out, af)
		}
		return out, nil
	}
	rootAST, err := parse(s.root, module)
	if err != nil {
		return nil, err
	}
	if len(rootAST) == 0 {
		return nil, errors.New("no Go files in the SDK package")
	}
	coreAST, err := parse(s.core, module+"/internal/core")
	if err != nil {
		return nil, err
	}

	std := sharedStd()
	std.prepare(stdImports(append(slices.Clone(rootAST), coreAST...)))

	corePath := module + "/internal/core"
	var corePkg *types.Package
	if len(coreAST) > 0 {
		if corePkg, err = check(fset, corePath, coreAST, std); err != nil {
			return nil, err
		}
	}
	imp := importFunc(func(p string) (*types.Package, error) {
		if p == corePath && corePkg != nil {
			return corePkg, nil
		}
		return std.Import(p)
	})
	return check(fset, module, rootAST, imp)
}

// check type-checks one package at the Go version generated SDKs target.
func check(fset *token.FileSet, pkgPath string, files []*ast.File, imp types.Importer) (*types.Package, error) {
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
	pkg, _ := conf.Check(pkgPath, fset, files, nil)
	if len(errs) > 0 {
		return nil, fmt.Errorf("type errors in %s:\n\t%s", pkgPath, strings.Join(errs, "\n\t"))
	}
	return pkg, nil
}

// stdImports lists the standard-library packages files import.
func stdImports(files []*ast.File) []string {
	seen := map[string]bool{}
	for _, f := range files {
		for _, im := range f.Imports {
			p, err := strconv.Unquote(im.Path.Value)
			if err != nil {
				continue
			}
			if first, _, _ := strings.Cut(p, "/"); !strings.Contains(first, ".") {
				seen[p] = true
			}
		}
	}
	return slices.Sorted(func(yield func(string) bool) {
		for p := range seen {
			if !yield(p) {
				return
			}
		}
	})
}
