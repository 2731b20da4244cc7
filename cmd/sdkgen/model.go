package main

import (
	"cmp"
	"os"
	"path/filepath"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/pipeline"
	"github.com/sdkgen/sdkgen/model/dump"
)

// modelCmd holds the flags of `sdkgen model`, which prints the resolved
// model (package dump) instead of generating from it: the data templates
// see, and a way to look at what the parser made of a spec.
type modelCmd struct {
	File    string   `arg:"" placeholder:"FILE" help:"OpenAPI document to read."`
	Config  string   `placeholder:"FILE" help:"Config file (default: sdkgen.yaml in the working directory, if present); its names, globals and ignore apply."`
	Out     string   `placeholder:"DIR" help:"SDK folder whose sdkgen.lock names to honour, as generate would."`
	Format  string   `enum:"json" default:"json" help:"Output format: json."`
	Overlay []string `placeholder:"FILE" sep:"none" help:"OpenAPI Overlay file applied to the spec before it is read (repeatable; after the config's overlays)."`
	Lenient bool     `help:"A $ref that points to nothing is a warning and its use raw JSON (json.RawMessage), not an error."`
}

// cmdModel parses the spec with the same config, names and lock as generate
// and prints its model as JSON on stdout. Diagnostics go to stderr; an
// error in the spec is exit 1 with nothing on stdout.
func (a *app) cmdModel(c *modelCmd) error {
	cfg, err := loadConfig(a.wd, c.Config)
	if err != nil {
		return err
	}
	var previous map[string]string
	if c.Out != "" {
		outDir := resolve(a.wd, c.Out)
		old, err := readLock(outDir)
		if err != nil {
			return failf(exitIOOrConf, "%s: %v", displayPath(a.wd, outDir), err)
		}
		if old != nil {
			previous = old.Names
		}
	}
	api, err := a.parseSpec(c.File, previous, cfg, true)
	if err != nil {
		return err
	}
	specPath := resolve(a.wd, c.File)
	out, err := dump.Build(api, dump.Options{Dir: filepath.Dir(specPath)}).Marshal()
	if err != nil {
		return failf(exitSpec, "internal error: encoding the model: %v", err)
	}
	_, err = a.stdout.Write(out)
	return err
}

// samplesCmd holds the flags of `sdkgen samples`.
type samplesCmd struct {
	Spec    string `required:"" placeholder:"FILE" help:"OpenAPI document to read."`
	Out     string `placeholder:"FILE" help:"Write the overlay here (default: stdout)."`
	Package string `placeholder:"NAME" help:"Go package name the samples use (default: as generate would choose)."`
	Module  string `placeholder:"PATH" help:"Import path the samples use (default: example.com/<package>)."`
	Config  string `placeholder:"FILE" help:"Config file (default: sdkgen.yaml in the working directory, if present)."`
}

// cmdSamples writes an OpenAPI Overlay 1.0 document that adds, to every
// operation of the spec, x-codeSamples with its Go and cURL samples.
func (a *app) cmdSamples(c *samplesCmd) error {
	cfg, err := loadConfig(a.wd, c.Config)
	if err != nil {
		return err
	}
	api, err := a.parseSpec(c.Spec, nil, cfg, true)
	if err != nil {
		return err
	}
	pkg := cmp.Or(c.Package, cfg.Package)
	if pkg == "" {
		pkg = pipeline.DefaultPackageName(c.Module, api.Title)
	}
	out, err := gen.SamplesOverlay(api, gen.Config{Package: pkg, Module: cmp.Or(c.Module, cfg.Module, "example.com/"+pkg)})
	if err != nil {
		return failf(exitSpec, "%v", err)
	}
	if c.Out == "" {
		_, err = a.stdout.Write(out)
		return err
	}
	if err := os.WriteFile(resolve(a.wd, c.Out), out, 0o644); err != nil {
		return failf(exitIOOrConf, "%v", err)
	}
	return nil
}
