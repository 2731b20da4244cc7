package sdkdiff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// kindLabels head each group of changes in text and Markdown reports.
var kindLabels = map[string]string{
	kindRemovedMethod:    "Removed methods",
	kindRenamedMethod:    "Renamed methods",
	kindChangedSignature: "Changed signatures",
	kindRemovedField:     "Removed fields",
	kindChangedFieldType: "Changed field types",
	kindRemovedEnumValue: "Removed enum values",
	kindRemovedType:      "Removed types",
	kindRenamedType:      "Renamed types",
	kindChangedType:      "Changed types",
	kindRemovedFunc:      "Removed functions",
	kindRemovedConst:     "Removed constants",
	kindRemovedVar:       "Removed variables",
	kindChangedAPI:       "Other API changes",

	kindAddedMethod:    "New methods",
	kindAddedType:      "New types",
	kindAddedField:     "New fields",
	kindAddedEnumValue: "New enum values",
	kindAddedFunc:      "New functions",
	kindAddedConst:     "New constants",
	kindAddedVar:       "New variables",
	kindNotComparable:  "Types no longer comparable",

	kindChangedPath:         "Changed paths",
	kindChangedHTTPMethod:   "Changed HTTP methods",
	kindChangedParamName:    "Renamed parameters",
	kindChangedParamIn:      "Moved parameters",
	kindChangedParamStyle:   "Changed parameter serialisation",
	kindNewRequiredParam:    "New required parameters",
	kindParamNowRequired:    "Parameters now required",
	kindNewRequiredBody:     "New required request bodies",
	kindBodyNowRequired:     "Request bodies now required",
	kindChangedRequestMedia: "Changed request media types",
	kindChangedResponse:     "Changed responses",
	kindChangedStatus:       "Changed response statuses",
	kindChangedJSONName:     "Renamed JSON properties",
	kindNewRequiredField:    "New required properties",
	kindFieldNowRequired:    "Properties now required",
	kindChangedEnumValue:    "Changed enum values",
	kindChangedDiscrim:      "Changed union discriminators",
	kindChangedSecurity:     "Changed security",
	kindChangedAuthScheme:   "Changed credentials",
	kindChangedGlobal:       "Changed client-wide parameters",
	kindChangedOperationID:  "Changed operation IDs",
	kindChangedScopes:       "Changed scopes",

	kindConstValue:           "Changed constants",
	kindChangedGlobalDefault: "Changed defaults",
	kindChangedCode:          "Changed code",
}

func kindLabel(k string) string {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return k
}

// section is one part of a report.
type section struct {
	title   string
	changes []Change
}

func (r *Report) sections() []section {
	return []section{
		{"Breaking changes", r.Breaking},
		{"Compatible changes", r.Compatible},
		{"Wire changes", r.Wire},
		{"Other changes", r.Other},
	}
}

// groups splits sorted changes into runs of one kind.
func groups(cs []Change) [][]Change {
	var out [][]Change
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].Kind == cs[i].Kind {
			j++
		}
		out = append(out, cs[i:j])
		i = j
	}
	return out
}

// summary is the report's first line after the bump.
func (r *Report) summary() string {
	wireBreaking := 0
	for _, c := range r.Wire {
		if c.Breaking {
			wireBreaking++
		}
	}
	return fmt.Sprintf("%d breaking, %d compatible, %d wire (%d breaking), %d other",
		len(r.Breaking), len(r.Compatible), len(r.Wire), wireBreaking, len(r.Other))
}

// line is how one change reads: its symbol, the operation for wire changes
// of one, the message, and a mark on breaking wire changes.
func (c Change) line(code func(string) string, esc func(string) string) string {
	var b strings.Builder
	if c.Symbol != "" {
		b.WriteString(code(c.Symbol))
	}
	if c.Operation != "" {
		fmt.Fprintf(&b, " (%s)", esc(c.Operation+", "+c.Method+" "+c.Path))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(esc(oneLine(c.Message)))
	return b.String()
}

// oneLine keeps text that came from a spec on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// WriteText writes the report for a terminal: the bump and counts, then
// each section grouped by kind, every change on its own line.
func (r *Report) WriteText(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "bump: %s (%s)\n", r.Bump, r.summary())
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	ident := func(s string) string { return s }
	for _, s := range r.sections() {
		if len(s.changes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%d):\n", s.title, len(s.changes))
		for _, g := range groups(s.changes) {
			fmt.Fprintf(&b, "  %s (%d):\n", kindLabel(g[0].Kind), len(g))
			for _, c := range g {
				mark := ""
				if s.title == "Wire changes" && c.Breaking {
					mark = "[breaking] "
				}
				fmt.Fprintf(&b, "    - %s%s\n", mark, c.line(ident, oneLine))
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// mdEscaper escapes what Markdown would otherwise read as emphasis, links
// or HTML in messages (Go types such as *T and []T among them).
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "`", "\\`", "|", `\|`)

// mdCode writes a Go symbol as inline code; symbols never hold backticks.
func mdCode(s string) string { return "`" + s + "`" }

// WriteMarkdown writes the report as release-note Markdown: a heading per
// section (Breaking changes, Compatible changes, Wire changes, Other
// changes), a bold bullet per kind and a bullet per change.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## API changes: %s\n\n", r.Bump)
	fmt.Fprintf(&b, "Semver bump: **%s** (%s).\n", r.Bump, r.summary())
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n> Note: %s\n", mdEscaper.Replace(n))
	}
	esc := func(s string) string { return mdEscaper.Replace(oneLine(s)) }
	for _, s := range r.sections() {
		if len(s.changes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", s.title)
		for _, g := range groups(s.changes) {
			fmt.Fprintf(&b, "- **%s** (%d)\n", kindLabel(g[0].Kind), len(g))
			for _, c := range g {
				mark := ""
				if s.title == "Wire changes" && c.Breaking {
					mark = "**breaking:** "
				}
				fmt.Fprintf(&b, "  - %s%s\n", mark, c.line(mdCode, esc))
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteJSON writes the report as one JSON object:
//
//	{"bump": "major|minor|patch|none", "breaking": [...], "compatible": [...],
//	 "wire": [...], "other": [...], "notes": [...]}
//
// each change {kind, symbol, message, breaking} and, for wire changes of an
// operation, {operation, method, path}.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
