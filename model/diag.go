package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says whether a diagnostic stops generation.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one finding about the spec.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string // stable name a config can silence: "unsupported-union"
	Message  string
}

// String formats the diagnostic as FILE:LINE:COL: severity: message (at #/pointer).
func (d Diagnostic) String() string {
	s := d.Pos.File
	if s == "" {
		s = "<spec>"
	}
	if d.Pos.Line > 0 {
		s += fmt.Sprintf(":%d:%d", d.Pos.Line, max(d.Pos.Col, 1))
	}
	s += fmt.Sprintf(": %s: %s", d.Severity, d.Message)
	if d.Pos.Pointer != "" {
		s += " (at " + d.Pos.Pointer + ")"
	}
	return s
}

// Diagnostics is a list of findings.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders diagnostics by file, line, column, then message, and drops
// exact duplicates.
func (ds Diagnostics) Sort() Diagnostics {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(ds)
}

// Add appends a diagnostic.
func (ds *Diagnostics) Add(sev Severity, code string, pos Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}
