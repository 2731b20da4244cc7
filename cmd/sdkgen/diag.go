package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/sdkgen/sdkgen/model"
)

// codeUnusedIgnore is the warning for an ignore entry that silenced nothing,
// so stale entries do not pile up in configs. It can itself be ignored.
const codeUnusedIgnore = "unused-ignore"

// applyIgnore drops the warnings whose code the config ignores (errors are
// never dropped: they stop generation, and hiding them would leave the user
// with an exit 1 and nothing to read) and adds an unused-ignore warning for
// every entry that silenced nothing.
func applyIgnore(ds model.Diagnostics, cfg *Config) model.Diagnostics {
	used := make([]bool, len(cfg.Ignore))
	var out model.Diagnostics
	keep := func(d model.Diagnostic) bool {
		if d.Severity != model.Warning {
			return true
		}
		for i, code := range cfg.Ignore {
			if code == d.Code {
				used[i] = true
				return false
			}
		}
		return true
	}
	for _, d := range ds {
		if keep(d) {
			out = append(out, d)
		}
	}
	var unused model.Diagnostics
	for i, code := range cfg.Ignore {
		if used[i] || code == codeUnusedIgnore {
			continue
		}
		pos := model.Pos{File: cfg.file}
		if i < len(cfg.ignorePos) {
			pos = cfg.ignorePos[i]
		}
		unused.Add(model.Warning, codeUnusedIgnore, pos, "ignore entry %q silenced nothing", code)
	}
	for _, d := range unused {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

// relativize rewrites absolute diagnostic file names relative to wd, as
// DESIGN.md asks; the parser reports the path it was given, which the CLI
// makes absolute so that it does not depend on the process's directory.
func relativize(ds model.Diagnostics, wd string) model.Diagnostics {
	out := slices.Clone(ds)
	for i := range out {
		if f := out[i].Pos.File; f != "" && filepath.IsAbs(f) {
			out[i].Pos.File = displayPath(wd, f)
		}
	}
	return out
}

// jsonDiagnostic is one element of --format json output.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Pointer  string `json:"pointer"`
}

// printDiagnostics writes ds, sorted, to w: one a line in text format, or a
// single JSON array (always, even when empty, so tools can parse the output
// unconditionally).
func printDiagnostics(w io.Writer, ds model.Diagnostics, format string) error {
	ds = slices.Clone(ds).Sort()
	if format == "json" {
		list := make([]jsonDiagnostic, 0, len(ds))
		for _, d := range ds {
			col := d.Pos.Col
			if d.Pos.Line > 0 {
				col = max(col, 1) // as Diagnostic.String prints it
			}
			list = append(list, jsonDiagnostic{
				File: d.Pos.File, Line: d.Pos.Line, Col: col,
				Severity: string(d.Severity), Code: d.Code, Message: d.Message, Pointer: d.Pos.Pointer,
			})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(list)
	}
	for _, d := range ds {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}
