package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/sdkgen/sdkgen/internal/render"
	"github.com/sdkgen/sdkgen/templates"
)

// templatesExportCmd holds the argument of `sdkgen templates export`.
type templatesExportCmd struct {
	Dir string `arg:"" placeholder:"DIR" help:"Folder to copy the built-in templates into (created if missing)."`
}

// cmdTemplatesList prints the built-in templates' names, one a line, as a
// --templates folder would hold them.
func (a *app) cmdTemplatesList() error {
	names, err := render.List(templates.SDK())
	if err != nil {
		return failf(exitSpec, "internal error: listing the built-in templates: %v", err)
	}
	for _, n := range names {
		fmt.Fprintln(a.stdout, n)
	}
	return nil
}

// cmdTemplatesExport copies the built-in templates into a folder. It
// refuses, before writing anything, to replace a file already there, so a
// user's edited copy is never lost.
func (a *app) cmdTemplatesExport(c *templatesExportCmd) error {
	sdk := templates.SDK()
	names, err := render.List(sdk)
	if err != nil {
		return failf(exitSpec, "internal error: listing the built-in templates: %v", err)
	}
	dir := resolve(a.wd, c.Dir)
	display := displayPath(a.wd, dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failf(exitIOOrConf, "%v", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return failf(exitIOOrConf, "%v", err)
	}
	defer root.Close()
	for _, n := range names {
		if _, err := root.Lstat(filepath.FromSlash(n)); !errors.Is(err, fs.ErrNotExist) {
			return failf(exitIOOrConf, "%s/%s already exists; nothing exported", display, n)
		}
	}
	for _, n := range names {
		b, err := fs.ReadFile(sdk, n)
		if err != nil {
			return failf(exitSpec, "internal error: %v", err)
		}
		if d := path.Dir(n); d != "." {
			if err := root.MkdirAll(filepath.FromSlash(d), 0o755); err != nil {
				return failf(exitIOOrConf, "%v", err)
			}
		}
		if err := root.WriteFile(filepath.FromSlash(n), b, 0o644); err != nil {
			return failf(exitIOOrConf, "%v", err)
		}
		fmt.Fprintf(a.stdout, "%s/%s\n", display, n)
	}
	return nil
}
