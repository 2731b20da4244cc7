package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/cmd/sdkgen/internal/sdkdiff"
	"github.com/sdkgen/sdkgen/gen"
)

// diffCmd holds diff's flags.
type diffCmd struct {
	Old     string   `required:"" placeholder:"SPEC|DIR" help:"The earlier version: its spec, or the SDK folder sdkgen generated from it (with sdkgen.lock)."`
	New     string   `required:"" placeholder:"SPEC" help:"The new spec."`
	Format  string   `enum:"text,markdown,json" default:"text" help:"Report format: text, markdown or json."`
	Package string   `placeholder:"NAME" help:"Go package name (default: the old SDK's, or from the spec's title)."`
	Config  string   `placeholder:"FILE" help:"Config file (default: sdkgen.yaml in the working directory, if present)."`
	Overlay []string `placeholder:"FILE" sep:"none" help:"OpenAPI Overlay file applied to both specs before they are read (repeatable; after the config's overlays)."`
	Lenient bool     `help:"A $ref that points to nothing is a warning and its use raw JSON (json.RawMessage), not an error."`
}

// cmdDiff generates the new SDK (and the old one, from a spec) in memory,
// compares them and prints the report to stdout. Breaking changes are
// exit 5; a compatible or empty diff is exit 0.
//
// Both SDKs get the same package name and import path, so identical code
// compares equal; the new one is named with the old one's names (the
// lock's, or the old spec's naming pass) as generate would name it, so a
// new operation or field never renames what exists.
func (a *app) cmdDiff(c *diffCmd) error {
	cfg, err := loadConfig(a.wd, c.Config)
	if err != nil {
		return err
	}
	pkg := cmp.Or(c.Package, cfg.Package)
	if pkg != "" {
		if err := checkPackageName(pkg); err != nil {
			return err
		}
	}
	oldPath := resolve(a.wd, c.Old)
	fi, err := os.Stat(oldPath)
	if err != nil {
		return a.specReadError(c.Old, err)
	}

	var old sdkdiff.Side
	var previous map[string]string
	var module string
	var notes []string
	if fi.IsDir() {
		dir, err := readSDKDir(oldPath)
		if err != nil {
			return failf(exitIOOrConf, "%s: %v", displayPath(a.wd, oldPath), err)
		}
		if dir.lock == nil {
			return failf(exitUsage, "%s has no %s: --old takes a spec or an SDK folder sdkgen generated", displayPath(a.wd, oldPath), lockName)
		}
		old.Files, previous, module = dir.files, dir.lock.Names, dir.importPath
		pkg = cmp.Or(pkg, dir.pkg)
		if dir.spec == "" {
			notes = append(notes, fmt.Sprintf("no spec beside %s matches its %s, so wire changes were not compared and the bump may be too low; "+
				"keep the spec the SDK was generated from in its folder or the one above", displayPath(a.wd, oldPath), lockName))
		} else {
			// The old spec names its things as the lock says, like the SDK
			// generated from it; its warnings were seen when it was.
			if old.API, err = a.parseSpec(dir.spec, previous, cfg, false); err != nil {
				return err
			}
		}
	} else {
		// Both SDKs get the package name and import path of the old one:
		// the config's module, or example.com/<package> (only
		// internal/core's import path is built from it, the same on both
		// sides, so any valid path does).
		res, err := a.inMemory(c.Old, nil, cfg, pkg, cfg.Module, false, true)
		if err != nil {
			return err
		}
		old.API, old.Files = res.API, res.Files
		previous, pkg, module = res.API.Names, res.Package, res.ImportPath
	}

	res, err := a.inMemory(c.New, previous, cfg, pkg, module, true, true)
	if err != nil {
		return err
	}
	newAPI := res.API
	report, err := sdkdiff.Compare(old, sdkdiff.Side{API: newAPI, Files: res.Files}, sdkdiff.Options{Module: module})
	if err != nil {
		return failf(exitSpec, "comparing the SDKs: %v", err)
	}
	if old.API == nil {
		report.Notes = notes // replaces the generic note with one that says what to do
	}

	var out bytes.Buffer
	switch c.Format {
	case "markdown":
		err = report.WriteMarkdown(&out)
	case "json":
		err = report.WriteJSON(&out)
	default:
		err = report.WriteText(&out)
	}
	if err != nil {
		return err
	}
	if _, err := a.stdout.Write(out.Bytes()); err != nil {
		return err
	}
	if report.IsBreaking() {
		return &exitError{code: exitBreaking}
	}
	return nil
}

// sdkDir is an SDK folder read for diff.
type sdkDir struct {
	lock *lockFile
	// files are the Go files of the package and its internal/core that the
	// lock lists (tests and hand-written files are not the generated API).
	files []gen.File
	// pkg and importPath are the package's name and import path, read
	// from its files (the import of its internal/core).
	pkg, importPath string
	// spec is the spec the SDK was generated from, when a file in DIR or
	// its parent has the hash the lock records; "" otherwise.
	spec string
}

// readSDKDir reads an SDK folder through an os.Root (no path escapes it).
// A folder without a lock is returned with lock nil.
func readSDKDir(dir string) (*sdkDir, error) {
	lock, err := readLock(dir)
	if err != nil || lock == nil {
		return &sdkDir{}, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	d := &sdkDir{lock: lock}
	for _, p := range lock.Files {
		if path.Ext(p) != ".go" || strings.HasSuffix(p, "_test.go") || (path.Dir(p) != "." && path.Dir(p) != "internal/core") {
			continue
		}
		b, err := root.ReadFile(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("%s (listed in %s): %v", p, lockName, err)
		}
		d.files = append(d.files, gen.File{Path: p, Content: b})
	}
	if err := d.readPackage(); err != nil {
		return nil, err
	}
	d.spec = findSpec(dir, lock.Spec)
	return d, nil
}

// readPackage finds the package name and import path in the package's
// files: every SDK file importing the runtime imports <path>/internal/core.
func (d *sdkDir) readPackage() error {
	fset := token.NewFileSet()
	for _, f := range d.files {
		if path.Dir(f.Path) != "." {
			continue
		}
		af, err := parser.ParseFile(fset, f.Path, f.Content, parser.ImportsOnly)
		if err != nil {
			return err
		}
		d.pkg = af.Name.Name
		for _, im := range af.Imports {
			if p, err := strconv.Unquote(im.Path.Value); err == nil && strings.HasSuffix(p, "/internal/core") {
				d.importPath = strings.TrimSuffix(p, "/internal/core")
			}
		}
		if d.importPath != "" {
			return nil
		}
	}
	if d.pkg == "" {
		return fmt.Errorf("%s lists no Go files of the package", lockName)
	}
	return fmt.Errorf("no file of package %s imports its internal/core; is it an SDK sdkgen generated?", d.pkg)
}

// findSpec looks in dir, then its parent, for a YAML or JSON file whose
// hash is the lock's, and returns its path, or "".
func findSpec(dir, hash string) string {
	for _, d := range []string{dir, filepath.Dir(dir)} {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.Type().IsRegular() || !slices.Contains([]string{".yaml", ".yml", ".json"}, ext) {
				continue
			}
			p := filepath.Join(d, e.Name())
			if b, err := os.ReadFile(p); err == nil && specHash(b) == hash {
				return p
			}
		}
	}
	return ""
}
