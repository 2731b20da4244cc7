package main

import (
	"errors"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"syscall"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// target is where the SDK goes and how it is imported.
type target struct {
	// ImportPath is the import path of the package in DIR.
	ImportPath string
	// ModuleRoot is true when DIR is (to become) a module root of its own, so
	// the generator emits go.mod and the writer keeps it write-once.
	ModuleRoot bool
}

// resolveTarget works out DIR's import path. With a module path (from
// --module or the config) DIR is that module's root. Otherwise DIR belongs
// to the module of the nearest go.mod in DIR or above it (DIR need not
// exist yet); with neither there is no import path to generate against,
// which is bad usage.
func resolveTarget(dir, modulePath, displayDir string) (target, error) {
	if modulePath != "" {
		if err := module.CheckImportPath(modulePath); err != nil {
			return target{}, failf(exitUsage, "--module %q is not a valid module path: %v", modulePath, err)
		}
		return target{ImportPath: modulePath, ModuleRoot: true}, nil
	}
	for d := dir; ; {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		switch {
		case err == nil:
			mod := modfile.ModulePath(data)
			if mod == "" {
				return target{}, failf(exitUsage, "%s has no module line", filepath.Join(d, "go.mod"))
			}
			rel, err := filepath.Rel(d, dir)
			if err != nil {
				return target{}, err
			}
			if rel == "." {
				return target{ImportPath: mod}, nil
			}
			return target{ImportPath: path.Join(mod, filepath.ToSlash(rel))}, nil
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			// keep walking up
		default:
			return target{}, failf(exitIOOrConf, "reading go.mod: %v", err)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return target{}, failf(exitUsage,
				"cannot tell the import path of %s: no go.mod in it or any parent folder; pass --module PATH to make it a module root",
				displayDir)
		}
		d = parent
	}
}

// checkPackageName validates a package name the user chose: it must be an
// identifier, and not main (an SDK is a library).
func checkPackageName(name string) error {
	if !token.IsIdentifier(name) || name == "_" || name == "main" {
		return failf(exitUsage, "--package %q is not a usable Go package name", name)
	}
	return nil
}
