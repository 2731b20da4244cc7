package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/pipeline"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// app is everything a command takes from the outside world. Tests build one
// on a temporary directory with a fake parse or generate step, so the
// writer, lock and conflict rules are exercised without the real pipeline.
type app struct {
	// wd is the working directory relative paths resolve from.
	wd string
	// stdout gets command output (check's report, version, lint's
	// diagnostics); stderr gets diagnostics of generate and check, and errors.
	stdout, stderr io.Writer
	// parseFunc and generateFunc replace the pipeline's two steps (tests; nil is
	// the real parser.Parse and gen.Build, with documentation data).
	parseFunc    func(path string, cfg parser.Config) (*model.API, model.Diagnostics)
	generateFunc func(api *model.API, cfg gen.Config) ([]gen.File, error)
	// version is the sdkgen version recorded in locks and printed by version.
	version string
	// builtins replaces the built-in templates when set (tests that check
	// exact file lists use an empty set).
	builtins fs.FS
	// overlays are the command's --overlay files, as given.
	overlays []string
	// lenient is the command's --lenient.
	lenient bool
	// maxSpecSize is --max-spec-size, in bytes.
	maxSpecSize int64
}

// newApp returns an app on the real pipeline.
func newApp(wd string, stdout, stderr io.Writer) *app {
	return &app{
		wd: wd, stdout: stdout, stderr: stderr,
		parseFunc: parser.Parse,
		version:   sdkgenVersion(),
	}
}

// cmdGenerate runs generate (check false) or check (check true): both read the
// spec, generate in memory and plan the writes the same way, so check
// reports exactly what generate would do.
func (a *app) cmdGenerate(c *generateCmd, check bool) error {
	cfg, err := loadConfig(a.wd, c.Config)
	if err != nil {
		return err
	}
	outDir := resolve(a.wd, c.Out)
	displayOut := displayPath(a.wd, outDir)
	pkg := cmp.Or(c.Package, cfg.Package)
	if pkg != "" {
		if err := checkPackageName(pkg); err != nil {
			return err
		}
	}
	tgt, err := resolveTarget(outDir, cmp.Or(c.Module, cfg.Module), displayOut)
	if err != nil {
		return err
	}

	specPath := resolve(a.wd, c.Spec)
	if _, err := os.Stat(specPath); err != nil {
		return a.specReadError(c.Spec, err)
	}
	old, err := readLock(outDir)
	if err != nil {
		return failf(exitIOOrConf, "%s: %v", displayOut, err)
	}
	req := a.request(specPath, cfg)
	req.Package, req.ImportPath, req.ModuleRoot, req.Previous = pkg, tgt.ImportPath, tgt.ModuleRoot, old
	req.Templates = cfg.TemplatesDir(a.wd)
	if c.Templates != "" {
		req.Templates = resolve(a.wd, c.Templates)
	}
	res, err := pipeline.Run(req)
	if err := a.report(a.stderr, c.Spec, res, err, c.Format, true); err != nil {
		return err
	}

	var want []plannedFile
	for _, f := range res.Files {
		switch f.Path {
		case lockName:
			return failf(exitIOOrConf, "the generator produced %s, which is sdkgen's own file", lockName)
		case "go.mod":
			want = append(want, plannedFile{Path: f.Path, Content: f.Content, Role: roleGoMod, Module: tgt.ImportPath})
		default:
			want = append(want, plannedFile{Path: f.Path, Content: f.Content, Role: roleGenerated})
		}
	}
	want = append(want, plannedFile{Path: lockName, Content: res.Lock.Marshal(), Role: roleLock, Lock: res.Lock})

	plan, err := planWrite(outDir, want, old)
	if err != nil {
		return failf(exitIOOrConf, "%s: %v", displayOut, err)
	}
	show := func(i issue) string {
		return displayPath(a.wd, filepath.Join(outDir, filepath.FromSlash(i.Path))) + ": " + i.Msg
	}
	for _, n := range plan.Notes {
		fmt.Fprintf(a.stderr, "sdkgen: note: %s\n", show(n))
	}
	if len(plan.Conflicts) > 0 {
		for _, c := range plan.Conflicts {
			fmt.Fprintf(a.stderr, "sdkgen: conflict: %s\n", show(c))
		}
		return failf(exitIOOrConf, "nothing written: %d conflict(s) in %s", len(plan.Conflicts), displayOut)
	}
	if check {
		for _, ch := range plan.Changes {
			fmt.Fprintf(a.stdout, "%s %s\n", ch.Kind.marker(), displayPath(a.wd, filepath.Join(outDir, filepath.FromSlash(ch.Path))))
		}
		if len(plan.Changes) > 0 {
			return failf(exitDiff, "%s is not up to date: %d file(s) differ; run sdkgen generate", displayOut, len(plan.Changes))
		}
		return nil
	}
	if err := plan.apply(); err != nil {
		var ce *cleanupError
		if errors.As(err, &ce) {
			return failf(exitIOOrConf, "%s: %v", displayOut, err)
		}
		return failf(exitIOOrConf, "writing %s: %v (nothing was changed)", displayOut, err)
	}
	return nil
}

// request starts a pipeline request for the spec at specPath (absolute)
// with the app's working directory, pipeline steps and version.
func (a *app) request(specPath string, cfg *pipeline.Config) pipeline.Request {
	req := pipeline.Request{
		Spec: specPath, WD: a.wd, Config: cfg, Generator: a.version,
		ParseFunc: a.parseFunc, GenerateFunc: a.generateFunc, Builtins: a.builtins,
		Lenient: a.lenient, MaxSpecSize: a.maxSpecSize,
	}
	for _, o := range a.overlays {
		req.Overlays = append(req.Overlays, resolve(a.wd, o))
	}
	return req
}

// report prints a pipeline run's diagnostics to w (only the errors unless
// warnings is true; in JSON format always, even an empty array) and maps
// the run's error to an exit code: spec errors exit 1, an unreadable spec
// file exit 4. spec names the spec as the user did.
func (a *app) report(w io.Writer, spec string, res *pipeline.Result, err error, format string, warnings bool) error {
	if res != nil {
		diags := res.Diagnostics
		if !warnings {
			diags = slices.DeleteFunc(slices.Clone(diags), func(d model.Diagnostic) bool { return d.Severity != model.Error })
		}
		if len(diags) > 0 || format == "json" {
			if err := printDiagnostics(w, diags, format); err != nil {
				return err
			}
		}
	}
	var re *pipeline.ReadError
	var ge *pipeline.GenerateError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &re):
		return a.specReadError(spec, re.Err)
	case errors.Is(err, pipeline.ErrSpec):
		return &exitError{code: exitSpec}
	case errors.Is(err, pipeline.ErrNoAPI):
		return failf(exitSpec, "the spec %s could not be read", spec)
	case errors.As(err, &ge):
		return failf(exitSpec, "generating the SDK: %v", ge.Err)
	}
	return err
}

// cmdLint parses a spec and prints its diagnostics to stdout (they are lint's
// output, so `sdkgen lint --format json f > report.json` works), exiting 1
// when any is an error.
func (a *app) cmdLint(c *lintCmd) error {
	cfg, err := loadConfig(a.wd, c.Config)
	if err != nil {
		return err
	}
	specPath := resolve(a.wd, c.File)
	if _, err := os.Stat(specPath); err != nil {
		return a.specReadError(c.File, err)
	}
	res, err := pipeline.Parse(a.request(specPath, cfg))
	if errors.Is(err, pipeline.ErrNoAPI) {
		err = nil // lint reports diagnostics; an empty API is no failure of its own
	}
	return a.report(a.stdout, c.File, res, err, c.Format, true)
}

// readLock reads DIR/sdkgen.lock through an os.Root, or returns nil when
// DIR or the lock does not exist. A lock that is a link, or unreadable, is
// an error: guessing would risk replacing files sdkgen does not own.
func readLock(dir string) (*lockFile, error) {
	root, err := openRootIfExists(dir)
	if err != nil || root == nil {
		return nil, err
	}
	defer root.Close()
	fi, err := root.Lstat(lockName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a regular file", lockName)
	}
	data, err := root.ReadFile(lockName)
	if err != nil {
		return nil, err
	}
	return parseLock(data)
}

// specReadError reports a spec that cannot be read, naming it as the user
// did rather than by its absolute path. It is an I/O failure (exit 4), not a
// spec error: there is no spec to be wrong yet.
func (a *app) specReadError(spec string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return failf(exitIOOrConf, "reading spec %s: %v", spec, err)
}
