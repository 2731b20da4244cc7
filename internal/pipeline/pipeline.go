// Package pipeline is sdkgen's one path from a spec and its config to the
// files of an SDK: read the config file, parse the spec with the config's
// names and globals and the previous lock's names, apply the ignore list,
// pick the package name, generate, and compute the new lock.
//
// The CLI (generate, check, lint, diff) and the golden test both call it,
// so what the golden files show is what users get. It never writes: where
// the files go, and whether they may, is the caller's business.
package pipeline

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/render"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/model/dump"
	"github.com/sdkgen/sdkgen/parser"
	"github.com/sdkgen/sdkgen/templates"
)

// Request says what to generate and how.
type Request struct {
	// Spec is the path of the root spec document. Make it absolute so that
	// diagnostics do not depend on the process's directory.
	Spec string
	// WD is the directory diagnostics name files relative to; "" leaves
	// file names as the parser reports them.
	WD string
	// Config is the parsed config file; nil is an empty one.
	Config *Config
	// Package is the Go package name. When empty it is Config.Package, or
	// else derived from ImportPath and the API's title (DefaultPackageName).
	Package string
	// ImportPath is the import path of the SDK package. When empty (an SDK
	// generated only to be compared in memory) it is example.com/<package>.
	ImportPath string
	// ModuleRoot makes the SDK's folder a module root: go.mod is generated.
	ModuleRoot bool
	// Runtime, when set, is the import path of a runtime package shared
	// with other SDKs; the SDK then carries no internal/core of its own.
	Runtime string
	// APIOnly generates only the package's API: no go.mod and no
	// conformance test, whatever the config says.
	APIOnly bool
	// Overlays are OpenAPI Overlay files (absolute, or relative to WD)
	// applied after the config's, in order, before the spec is read.
	Overlays []string
	// Lenient makes a $ref that points to nothing a warning, its use raw
	// JSON, instead of an error.
	Lenient bool
	// MaxSpecSize bounds the spec file's size in bytes; 0 is no bound.
	MaxSpecSize int64
	// Previous is the lock of the earlier run, or nil: its names are kept so
	// that regenerating renames nothing.
	Previous *Lock
	// Generator is the sdkgen version recorded in the new lock.
	Generator string
	// Templates is a folder of the user's templates (absolute), rendered
	// into the SDK after the built-in ones, replacing any of the same
	// name; "" is none.
	Templates string
	// Builtins replaces the built-in templates (templates.SDK()) when set;
	// tests use it to run the mechanism on templates of their own.
	Builtins fs.FS

	// ParseFunc and GenerateFunc replace parser.Parse and gen.Generate
	// when set (tests of the CLI's own rules use stand-ins).
	ParseFunc    func(path string, cfg parser.Config) (*model.API, model.Diagnostics)
	GenerateFunc func(api *model.API, cfg gen.Config) ([]gen.File, error)
}

// Result is what a run produced. Parse fills API and Diagnostics; Run also
// fills the rest.
type Result struct {
	// API is the parsed spec; nil when it has errors.
	API *model.API
	// Diagnostics are the parser's and the config's, sorted, with the
	// config's ignore list applied (and a warning for each unused entry).
	Diagnostics model.Diagnostics
	// Package and ImportPath are the SDK's package name and import path.
	Package, ImportPath string
	// Files are the generated files, in the generator's order.
	Files []gen.File
	// Lock is the lock this run leaves: every generated file but go.mod,
	// the spec's hash and the names the naming pass chose.
	Lock *Lock
}

// ErrSpec is returned, with a Result holding the diagnostics, when the spec
// has errors.
var ErrSpec = errors.New("the spec has errors")

// ErrNoAPI is returned when the parser gave neither an API nor an error.
var ErrNoAPI = errors.New("the spec could not be read")

// ReadError is a failure to read the spec file itself.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return "reading spec: " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// GenerateError is a failure of the generator on a spec that parsed.
type GenerateError struct{ Err error }

func (e *GenerateError) Error() string { return "generating the SDK: " + e.Err.Error() }
func (e *GenerateError) Unwrap() error { return e.Err }

// Parse reads the spec with the config's names and globals and the previous
// lock's names, and returns the API and the diagnostics after the ignore
// list. When the diagnostics hold an error it returns ErrSpec along with
// the Result, so the caller can show them.
func Parse(req Request) (*Result, error) {
	cfg := req.Config
	if cfg == nil {
		cfg = &Config{}
	}
	parse := req.ParseFunc
	if parse == nil {
		parse = parser.Parse
	}
	pcfg := parser.Config{Names: cfg.Names, Globals: cfg.Globals, Lenient: req.Lenient, Pagination: cfg.Pagination, MaxSpecSize: req.MaxSpecSize}
	for _, o := range append(slices.Clone(cfg.Overlays), req.Overlays...) {
		if !filepath.IsAbs(o) && req.WD != "" {
			o = filepath.Join(req.WD, o)
		}
		pcfg.Overlays = append(pcfg.Overlays, o)
	}
	if req.Previous != nil {
		pcfg.PreviousNames = req.Previous.Names
	}
	api, diags := parse(req.Spec, pcfg)
	if req.WD != "" {
		diags = relativize(diags, req.WD)
	}
	diags = applyIgnore(append(diags, cfg.diagnostics()...), cfg)
	res := &Result{Diagnostics: slices.Clone(diags).Sort()}
	if diags.HasErrors() {
		return res, ErrSpec
	}
	if api == nil {
		return res, ErrNoAPI
	}
	res.API = api
	return res, nil
}

// Run is Parse followed by generation: it also reads the spec file's bytes
// for the lock, picks the package name and generates the files. Errors are
// those of Parse, a *ReadError or a *GenerateError; with ErrSpec the Result
// still holds the diagnostics.
func Run(req Request) (*Result, error) {
	rendering, restore := relaxGC()
	defer restore()
	cfg := req.Config
	if cfg == nil {
		cfg = &Config{}
	}
	spec, err := os.ReadFile(req.Spec)
	if err != nil {
		return nil, &ReadError{Err: err}
	}
	// The lock's hash of the spec is taken while the spec is parsed.
	specHash := make(chan string, 1)
	go func() { specHash <- SpecHash(spec) }()
	res, err := Parse(req)
	if err != nil {
		return res, err
	}
	// libopenapi's document, index and nodes, most of the heap by now,
	// died with the parse. Collecting them here, while little else is
	// live, costs a few milliseconds and lets the generator reuse their
	// memory; left to the pacer, the next collection would wait until the
	// heap had grown to a multiple of the parse's size, and the generator
	// would fault in that much fresh memory instead.
	runtime.GC()
	rendering()
	api := res.API
	res.Package = cmp.Or(req.Package, cfg.Package)
	if res.Package == "" {
		res.Package = DefaultPackageName(req.ImportPath, api.Title)
	}
	res.ImportPath = cmp.Or(req.ImportPath, "example.com/"+res.Package)
	gcfg := gen.Config{
		Package:    res.Package,
		Module:     res.ImportPath,
		SDKVersion: cfg.SDKVersion,
		GoMod:      req.ModuleRoot && !req.APIOnly,
		// The conformance test is on unless the config turns it off.
		Conformance: !req.APIOnly && (cfg.ConformanceTests == nil || *cfg.ConformanceTests),
		Examples:    !req.APIOnly && (cfg.Examples == nil || *cfg.Examples),
		Docs:        !req.APIOnly,
		Runtime:     req.Runtime,
	}
	// A replaced generator (tests) yields no documentation data; the
	// built-in documentation templates then render nothing.
	// The templates' data is built from the model alone, so it is built
	// while the generator renders.
	var data *dump.Dump
	var dumped sync.WaitGroup
	if !req.APIOnly {
		dumped.Go(func() { data = dump.Build(api, dump.Options{Dir: filepath.Dir(req.Spec)}) })
	}
	// The templates render as soon as the documentation's data is ready,
	// while the Go files still do; the paths they may not take are
	// checked once every file is generated.
	var (
		sets     []render.Set
		setDiags model.Diagnostics
		prepared *render.Prepared
		prepping sync.WaitGroup
	)
	sdk := render.SDK{Package: res.Package, ImportPath: res.ImportPath}
	if !req.APIOnly {
		sets, setDiags = templateSets(req)
		if !setDiags.HasErrors() && req.GenerateFunc == nil {
			gcfg.OnDocs = func(docs *gen.DocsData) {
				prepping.Go(func() {
					dumped.Wait()
					sdk := sdk
					sdk.Docs = docs
					prepared = render.Prepare(data, sdk, sets)
				})
			}
		}
	}
	var files []gen.File
	var docs *gen.DocsData
	if req.GenerateFunc != nil {
		files, err = req.GenerateFunc(api, gcfg)
	} else {
		var out *gen.Output
		if out, err = gen.Build(api, gcfg); err == nil {
			files, docs = out.Files, out.Docs
		}
	}
	dumped.Wait()
	prepping.Wait()
	if err != nil {
		return res, &GenerateError{Err: err}
	}
	if !req.APIOnly {
		diags := setDiags
		var rendered []render.File
		if !diags.HasErrors() {
			if prepared == nil { // no documentation data came before the end
				sdk.Docs = docs
				prepared = render.Prepare(data, sdk, sets)
			}
			taken := make([]string, 0, len(files))
			for _, f := range files {
				taken = append(taken, f.Path)
			}
			rendered, diags = prepared.Finish(taken)
		}
		if len(diags) > 0 {
			res.Diagnostics = append(res.Diagnostics, diags...).Sort()
		}
		if diags.HasErrors() {
			return res, ErrSpec
		}
		for _, f := range rendered {
			files = append(files, gen.File{Path: f.Path, Content: f.Content})
		}
	}
	res.Files = files
	res.Lock = &Lock{Version: LockVersion, Spec: <-specHash, Generator: req.Generator, Names: api.Names}
	for _, f := range files {
		if f.Path != "go.mod" {
			res.Lock.Files = append(res.Lock.Files, f.Path)
		}
	}
	return res, nil
}

// templateSets are the built-in templates and the user's, rendered over
// the model as data (the same value `sdkgen model` prints); a template may
// not render to a path the generator already produced.
func templateSets(req Request) ([]render.Set, model.Diagnostics) {
	builtins := req.Builtins
	if builtins == nil {
		builtins = templates.SDK()
	}
	sets := []render.Set{{FS: builtins, Display: "templates/sdk"}}
	if req.Templates != "" {
		fi, err := os.Stat(req.Templates)
		display := req.Templates
		if req.WD != "" {
			display = DisplayPath(req.WD, req.Templates)
		}
		if err != nil || !fi.IsDir() {
			var ds model.Diagnostics
			msg := "the templates folder is not a folder"
			if err != nil {
				msg = "reading the templates folder: " + err.Error()
			}
			ds.Add(model.Error, render.Code, model.Pos{File: display}, "%s", msg)
			return nil, ds
		}
		sets = append(sets, render.Set{FS: os.DirFS(req.Templates), Display: display})
	}
	return sets, nil
}
