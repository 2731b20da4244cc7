package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/sdkgen/sdkgen/model"
)

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
