package main

import (
	"errors"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
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

// majorVersion matches a module path's major-version element ("v2").
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// gopkgVersion matches a gopkg.in-style ".v3" suffix.
var gopkgVersion = regexp.MustCompile(`\.v[0-9]+$`)

// defaultPackageName derives the package name from the import path's last
// element (skipping a "v2"-style major version element), sanitised; when
// that leaves nothing it falls back to the API title, then to "sdk".
func defaultPackageName(importPath, title string) string {
	elems := strings.Split(importPath, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && majorVersion.MatchString(last) {
		last = elems[len(elems)-2]
	}
	if name := sanitizePackageName(last); name != "" {
		return name
	}
	// "Moov API" → "moov": the word API says nothing in a Go package name.
	var words []string
	for w := range strings.FieldsSeq(title) {
		if !strings.EqualFold(w, "api") {
			words = append(words, w)
		}
	}
	if name := sanitizePackageName(strings.Join(words, "")); name != "" {
		return name
	}
	return "sdk"
}

// sanitizePackageName turns a path element into a conventional Go package
// name: lower case ASCII letters and digits only, without a "go-" prefix or
// "-go"/".go" suffix (repository naming, not part of the name) or a
// gopkg.in ".vN" suffix, not starting with a digit, and not a keyword. It
// returns "" when nothing usable is left.
func sanitizePackageName(s string) string {
	s = strings.ToLower(s)
	s = gopkgVersion.ReplaceAllString(s, "")
	s = strings.TrimPrefix(s, "go-")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "-go"), ".go")
	var b strings.Builder
	for _, r := range s {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9' && b.Len() > 0) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if token.IsKeyword(name) {
		name += "sdk"
	}
	return name
}

// checkPackageName validates a package name the user chose: it must be an
// identifier, and not main (an SDK is a library).
func checkPackageName(name string) error {
	if !token.IsIdentifier(name) || name == "_" || name == "main" {
		return failf(exitUsage, "--package %q is not a usable Go package name", name)
	}
	return nil
}
