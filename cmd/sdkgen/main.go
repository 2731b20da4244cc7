// Command sdkgen turns an OpenAPI document into an idiomatic Go SDK.
//
//	sdkgen generate --spec FILE --out DIR [--package NAME] [--module PATH] [--config FILE] [--format text|json]
//	sdkgen check    --spec FILE --out DIR [same flags]
//	sdkgen lint     FILE [--config FILE] [--format text|json]
//	sdkgen diff     --old SPEC|DIR --new SPEC [--format text|markdown|json] [--package NAME] [--config FILE]
//	sdkgen model    FILE [--format json] [--config FILE] [--out DIR]
//	sdkgen templates list | export DIR
//	sdkgen version
//
// generate writes the SDK into DIR; check reports on stdout, without
// writing, what generate would add (+), change (~) or remove (-) there; lint
// only reads the spec; model prints the resolved model as JSON (package
// model/dump documents its fields). diff generates the SDKs of two spec versions in
// memory (or reads the old one from an SDK folder with its sdkgen.lock),
// compares their Go API and wire behaviour and prints the changes and the
// semver bump they imply (see diff.go and package sdkdiff). Diagnostics are sorted, one a line
// (FILE:LINE:COL: severity: message (at #/pointer)), or one JSON array with
// --format json; generate and check print them to stderr, lint to stdout
// (they are its output).
//
// Relative paths resolve from the working directory, as go generate expects,
// so an SDK package can regenerate itself with no config file at all by
// carrying this line (pin the version you want):
//
//	//go:generate go run github.com/sdkgen/sdkgen/cmd/sdkgen@<version> generate --spec openapi.yaml --out .
//
// Exit status: 0 done (for diff: no change, or only compatible ones); 1 the
// spec has errors (or could not be turned into an SDK); 2 bad usage (flags,
// config file, no module path); 3 check found differences; 4 an I/O failure
// or a conflict with a file sdkgen does not own; 5 diff found breaking
// changes.
//
// # Configuration
//
// sdkgen reads the file named by --config, or else sdkgen.yaml in the
// working directory when there is one. Every field is optional and flags win:
//
//	package: moov              # Go package name (default: from the import path)
//	module: example.com/moov   # make DIR a module root, like --module
//	sdkVersion: 1.2.0          # User-Agent and the Version constant
//	globals: [X-Moov-Version, -X-Trace]  # add (or, with "-", remove) client-wide parameters
//	ignore: [unsupported-union] # warning codes to silence; an unused entry is a warning
//	overlays: [fixes.yaml]     # OpenAPI Overlays applied before reading the spec (relative to this file)
//	names:                     # naming overrides: stable key (as in sdkgen.lock) → Go identifier
//	  <key>: SupportTicket
//	templates: tmpl            # like --templates, relative to this file
//	scopes:                    # reserved: accepted, not applied yet (warns)
//	  rule: ...
//
// An unknown field is bad usage (exit 2), so a typo never silently does nothing.
// Every command that reads a spec also takes --overlay FILE (repeatable),
// applied after the config's overlays.
//
// # Templates
//
// Every NAME.tmpl under the --templates folder renders with text/template
// over the model (the data `sdkgen model` prints) to NAME under DIR; see
// templates.go and package render. Its outputs are owned through the lock
// like every other generated file.
//
// # Ownership
//
// DIR/sdkgen.lock (commit it) records the files sdkgen owns, the spec's
// SHA-256 and the names it assigned, which the next run honours so
// regenerating renames nothing. A file is sdkgen's only when the lock lists
// it and, for .go files, it still starts with the generated-code header;
// sdkgen never replaces any other file (exit 4 before writing anything), never
// writes through a symbolic link, and writes go.mod only when it is absent
// (go.mod is the user's then, so the lock does not list it). A file already
// byte-for-byte what sdkgen would write is adopted into the lock, so losing
// sdkgen.lock is recoverable.
// See write.go for how a failed run leaves DIR as it was.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/alecthomas/kong"
)

// Exit codes, as the README documents them.
const (
	exitOK       = 0 // done
	exitSpec     = 1 // the spec has errors
	exitUsage    = 2 // bad usage: flags, config file, no import path
	exitDiff     = 3 // check found differences
	exitIOOrConf = 4 // I/O failure, or a conflict with a file sdkgen does not own
	exitBreaking = 5 // diff found breaking changes
)

// exitError carries the exit code a failure maps to. Its message, when not
// empty, is printed to stderr as "sdkgen: message"; failures whose details
// were already printed (diagnostics, a check report) leave it empty.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// failf builds an exitError with a formatted message.
func failf(code int, format string, args ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// cli is the kong grammar. Paths are plain strings, not kong's "path" type,
// because they must resolve against app.wd (which tests set), not the
// process's working directory.
type cli struct {
	MaxSpecSize int64 `name:"max-spec-size" default:"64" placeholder:"MiB" help:"Refuse a spec file larger than this many MiB (0: no limit), to bound a run's memory."`

	Generate  generateCmd `cmd:"" help:"Generate the SDK into DIR."`
	Check     generateCmd `cmd:"" help:"Report what generate would change in DIR (exit 3 when anything differs)."`
	Lint      lintCmd     `cmd:"" help:"Read a spec and print its diagnostics (exit 1 on errors)."`
	Diff      diffCmd     `cmd:"" help:"Compare the SDKs of two spec versions: API changes and the semver bump (exit 5 when breaking)."`
	Model     modelCmd    `cmd:"" help:"Print the resolved model as JSON: the data templates see."`
	Templates struct {
		List   struct{}           `cmd:"" help:"List the built-in templates."`
		Export templatesExportCmd `cmd:"" help:"Copy the built-in templates into DIR, as a starting point for your own."`
	} `cmd:"" help:"Show or copy the built-in templates."`
	Samples samplesCmd `cmd:"" help:"Write an OpenAPI Overlay adding Go and cURL x-codeSamples to every operation."`
	Version struct{}   `cmd:"" help:"Print the sdkgen version."`
}

// generateCmd holds the flags generate and check share.
type generateCmd struct {
	Spec      string   `required:"" placeholder:"FILE" help:"OpenAPI document to read."`
	Out       string   `required:"" placeholder:"DIR" help:"Folder of the SDK package (created if missing)."`
	Package   string   `placeholder:"NAME" help:"Go package name (default: last element of the import path)."`
	Module    string   `placeholder:"PATH" help:"Make DIR a module root with this module path (writes go.mod when absent)."`
	Config    string   `placeholder:"FILE" help:"Config file (default: sdkgen.yaml in the working directory, if present)."`
	Format    string   `enum:"text,json" default:"text" help:"Diagnostics format: text or json."`
	Templates string   `placeholder:"DIR" help:"Folder of text/template files (*.tmpl) to render into DIR; they replace built-in ones of the same name."`
	Overlay   []string `placeholder:"FILE" sep:"none" help:"OpenAPI Overlay file applied to the spec before it is read (repeatable; after the config's overlays)."`
	Lenient   bool     `help:"A $ref that points to nothing is a warning and its use raw JSON (json.RawMessage), not an error."`
}

// lintCmd holds lint's argument and flags. --config is an addition to the
// documented rule so that lint honours the same ignore list as generate.
type lintCmd struct {
	File    string   `arg:"" placeholder:"FILE" help:"OpenAPI document to read."`
	Config  string   `placeholder:"FILE" help:"Config file (default: sdkgen.yaml in the working directory, if present)."`
	Format  string   `enum:"text,json" default:"text" help:"Diagnostics format: text or json."`
	Overlay []string `placeholder:"FILE" sep:"none" help:"OpenAPI Overlay file applied to the spec before it is read (repeatable; after the config's overlays)."`
	Lenient bool     `help:"A $ref that points to nothing is a warning and its use raw JSON (json.RawMessage), not an error."`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command line: it parses args, runs the command against
// the process's working directory and the real pipeline, and returns the
// exit code.
func run(args []string, stdout, stderr io.Writer) int {
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "sdkgen: %v\n", err)
		return exitIOOrConf
	}
	return newApp(wd, stdout, stderr).run(args)
}

// kongExit is what the kong.Exit hook panics with, so that kong's own exits
// (after --help, or on a parse error) unwind to run instead of ending the
// process, which keeps run testable in-process.
type kongExit int

// run parses args with kong and dispatches to the command, mapping every
// outcome to an exit code.
func (a *app) run(args []string) (code int) {
	var c cli
	parser, err := kong.New(&c,
		kong.Name("sdkgen"),
		kong.Description("Generate an idiomatic Go SDK from an OpenAPI document."),
		kong.Writers(a.stdout, a.stderr),
		kong.Exit(func(code int) { panic(kongExit(code)) }),
	)
	if err != nil { // a bug in the grammar above
		fmt.Fprintf(a.stderr, "sdkgen: %v\n", err)
		return exitUsage
	}
	defer func() {
		if r := recover(); r != nil {
			k, ok := r.(kongExit)
			if !ok {
				// A bug of ours must not read as bad usage (exit 2, which a
				// bare panic would give): say so, with the stack, and exit 1.
				fmt.Fprintf(a.stderr, "sdkgen: internal error: %v\n%s", r, debug.Stack())
				code = exitSpec
				return
			}
			// kong exits 0 after printing help and 80 (its usage code) or 1
			// on errors; every non-zero kong exit is bad usage here.
			code = exitOK
			if k != 0 {
				code = exitUsage
			}
		}
	}()
	ctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(a.stderr, "sdkgen: %v (see sdkgen --help)\n", err)
		return exitUsage
	}
	a.maxSpecSize = c.MaxSpecSize << 20
	switch ctx.Command() {
	case "generate":
		a.overlays, a.lenient = c.Generate.Overlay, c.Generate.Lenient
		err = a.cmdGenerate(&c.Generate, false)
	case "check":
		a.overlays, a.lenient = c.Check.Overlay, c.Check.Lenient
		err = a.cmdGenerate(&c.Check, true)
	case "lint <file>":
		a.overlays, a.lenient = c.Lint.Overlay, c.Lint.Lenient
		err = a.cmdLint(&c.Lint)
	case "diff":
		a.overlays, a.lenient = c.Diff.Overlay, c.Diff.Lenient
		err = a.cmdDiff(&c.Diff)
	case "model <file>":
		a.overlays, a.lenient = c.Model.Overlay, c.Model.Lenient
		err = a.cmdModel(&c.Model)
	case "templates list":
		err = a.cmdTemplatesList()
	case "templates export <dir>":
		err = a.cmdTemplatesExport(&c.Templates.Export)
	case "samples":
		err = a.cmdSamples(&c.Samples)
	case "version":
		fmt.Fprintf(a.stdout, "sdkgen %s\n", a.version)
	default:
		err = failf(exitUsage, "unknown command %q", ctx.Command())
	}
	return a.exitCode(err)
}

// exitCode prints err's message, if any, and returns its exit code. An error
// that is not an exitError is an I/O failure.
func (a *app) exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var e *exitError
	if !errors.As(err, &e) {
		e = &exitError{code: exitIOOrConf, msg: err.Error()}
	}
	if e.msg != "" {
		fmt.Fprintf(a.stderr, "sdkgen: %s\n", e.msg)
	}
	return e.code
}
