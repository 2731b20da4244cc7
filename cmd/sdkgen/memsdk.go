package main

import (
	"os"

	"github.com/sdkgen/sdkgen/internal/pipeline"
	"github.com/sdkgen/sdkgen/model"
)

// inMemory runs the pipeline on spec the way generate does (config names
// and globals, previous names from an earlier run, the config's ignore
// list) and prints its diagnostics to stderr: all of them when warnings is
// true, only errors otherwise. With generate true it also renders the SDK
// in memory for package pkg at import path module (either may be empty:
// the pipeline then derives them), minus the files that are not the
// package's API (go.mod, the conformance test). Spec errors are exit 1, an
// unreadable file exit 4.
func (a *app) inMemory(spec string, previous map[string]string, cfg *pipeline.Config, pkg, module string, warnings, generate bool) (*pipeline.Result, error) {
	specPath := resolve(a.wd, spec)
	if _, err := os.Stat(specPath); err != nil {
		return nil, a.specReadError(spec, err)
	}
	req := a.request(specPath, cfg)
	req.Package, req.ImportPath, req.APIOnly = pkg, module, true
	if previous != nil {
		req.Previous = &pipeline.Lock{Names: previous}
	}
	run := pipeline.Parse
	if generate {
		run = pipeline.Run
	}
	res, err := run(req)
	if err := a.report(a.stderr, spec, res, err, "text", warnings); err != nil {
		return nil, err
	}
	return res, nil
}

// parseSpec is inMemory without generating: the spec's API, its
// diagnostics printed as inMemory prints them.
func (a *app) parseSpec(spec string, previous map[string]string, cfg *pipeline.Config, warnings bool) (*model.API, error) {
	res, err := a.inMemory(spec, previous, cfg, "", "", warnings, false)
	if err != nil {
		return nil, err
	}
	return res.API, nil
}
