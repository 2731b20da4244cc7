package main

import (
	"os"
	"slices"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// memSDK is an SDK generated in memory, never written.
type memSDK struct {
	API   *model.API
	Files []gen.File
}

// parseSpec reads a spec the way generate does (config names and globals,
// names from an earlier run as PreviousNames, the config's ignore list) and
// prints its diagnostics to stderr: all of them when warnings is true,
// only errors otherwise. Errors are exit 1, an unreadable file exit 4.
func (a *app) parseSpec(spec string, previous map[string]string, cfg *Config, warnings bool) (*model.API, error) {
	specPath := resolve(a.wd, spec)
	if _, err := os.Stat(specPath); err != nil {
		return nil, a.specReadError(spec, err)
	}
	pcfg := parser.Config{Names: cfg.Names, Globals: cfg.Globals, PreviousNames: previous}
	api, diags := a.parseFunc(specPath, pcfg)
	diags = applyIgnore(append(relativize(diags, a.wd), cfg.diagnostics()...), cfg)
	if !warnings {
		diags = slices.DeleteFunc(slices.Clone(diags), func(d model.Diagnostic) bool { return d.Severity != model.Error })
	}
	if len(diags) > 0 {
		if err := printDiagnostics(a.stderr, diags, "text"); err != nil {
			return nil, err
		}
	}
	if diags.HasErrors() {
		return nil, &exitError{code: exitSpec}
	}
	if api == nil {
		return nil, failf(exitSpec, "the spec %s could not be read", spec)
	}
	return api, nil
}

// generateInMemory renders api's SDK as generate would for package pkg at
// import path module, minus the files that are not the package's API
// (go.mod, the conformance test).
func (a *app) generateInMemory(api *model.API, cfg *Config, pkg, module string) (*memSDK, error) {
	files, err := a.generateFunc(api, gen.Config{Package: pkg, Module: module, SDKVersion: cfg.SDKVersion})
	if err != nil {
		return nil, failf(exitSpec, "generating the SDK: %v", err)
	}
	return &memSDK{API: api, Files: files}, nil
}
