package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/model/dump"
)

// Funcs are the helper functions every template may call, bound to the
// API d (goType, sample and deref follow type references through it):
//
//	camel, pascal, snake, kebab  case conversions on words ("get ticket-ID" → getTicketID, GetTicketID, get_ticket_id, get-ticket-id)
//	json VALUE                   VALUE as compact JSON
//	indent N|PREFIX TEXT         every non-empty line of TEXT prefixed with N spaces (or PREFIX)
//	comment TEXT                 TEXT as // comment lines, safe in Go source whatever it holds
//	quote TEXT                   TEXT as a Go (and JSON-compatible) double-quoted string
//	goType TYPE                  the SDK's Go type for a *dump.Type (named types by their Go name)
//	sample TYPE                  a JSON value TYPE accepts, as text
//	deref TYPE                   a named type's declaration for a reference to it; any other type as it is
//	sdk                          the SDK's Go package: .Package (name) and .ImportPath
//	docs                         the documentation data (*gen.DocsData): auth options, samples, tables
//	page SERVICE                 docs with .Service, the *gen.DocService of a *dump.Service
//	cell TEXT                    TEXT on one line with pipes escaped, for a Markdown table cell
//	code TEXT                    TEXT as an inline code span its own backticks cannot end
//	fence TEXT                   a code fence longer than any run of backticks in TEXT
//	join LIST SEP                strings.Join
//	trim TEXT                    TEXT without leading and trailing white space
func Funcs(d *dump.Dump, sdk SDK) template.FuncMap {
	m := template.FuncMap{
		"docs": func() *gen.DocsData { return sdk.Docs },
		"page": func(s *dump.Service) *Page {
			if sdk.Docs == nil || s == nil {
				return nil
			}
			ds := sdk.Docs.Service(s.GoName)
			if ds == nil {
				return nil
			}
			return &Page{DocsData: sdk.Docs, Service: ds}
		},
		"sdk":    func() SDK { return sdk },
		"camel":  Camel,
		"pascal": Pascal,
		"snake":  Snake,
		"kebab":  Kebab,
		"json":   jsonText,
		"indent": indent,
		"comment": func(v any) string {
			return Comment(fmt.Sprint(v))
		},
		"quote":  strconv.Quote,
		"goType": func(t *dump.Type) string { return goType(d, t, 0) },
		"sample": func(t *dump.Type) string { return sample(d, t) },
		"deref":  func(t *dump.Type) *dump.Type { return deref(d, t) },
	}
	for k, v := range gen.DocFuncs {
		m[k] = v
	}
	return m
}

// Page is the data of one service's documentation page: the whole API's
// documentation data and the service's own.
type Page struct {
	*gen.DocsData
	Service *gen.DocService
}

// words splits text into lower-case words.
func words(s string) []string {
	ws := model.Words(s)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return ws
}

// Pascal is s as an exported Go-style identifier, initialisms upper case.
func Pascal(s string) string {
	if len(model.Words(s)) == 0 {
		return ""
	}
	return model.Exported(s)
}

// Camel is Pascal with its first word in lower case.
func Camel(s string) string {
	ws := model.Words(s)
	if len(ws) == 0 {
		return ""
	}
	first := strings.ToLower(ws[0])
	rest := ""
	if len(ws) > 1 {
		rest = model.Exported(strings.Join(ws[1:], " "))
	}
	return first + rest
}

// Snake is s in lower-case words joined by "_".
func Snake(s string) string { return strings.Join(words(s), "_") }

// Kebab is s in lower-case words joined by "-".
func Kebab(s string) string { return strings.Join(words(s), "-") }

// jsonText is v as compact JSON, HTML characters left as they are.
func jsonText(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// indent prefixes every non-empty line of text with by: a number of spaces
// or a string.
func indent(by any, text string) (string, error) {
	var prefix string
	switch b := by.(type) {
	case int:
		if b < 0 || b > 1000 {
			return "", fmt.Errorf("indent: %d spaces is out of range", b)
		}
		prefix = strings.Repeat(" ", b)
	case string:
		prefix = b
	default:
		return "", fmt.Errorf("indent: want a number of spaces or a prefix, got %T", by)
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n"), nil
}

// Comment turns text into Go line comments: every line, empty ones
// included, starts with "//", whatever line endings the text uses, and
// characters Go source cannot hold (NUL, invalid UTF-8, a byte order mark)
// become U+FFFD. Line comments end only at a newline, so "*/" and the like
// are harmless in them. Empty text is no comment at all.
func Comment(text string) string {
	text = strings.TrimSpace(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text))
	if text == "" {
		return ""
	}
	text = strings.Map(func(r rune) rune {
		if r == 0 || r == '\uFEFF' || r == utf8.RuneError {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(text, "\uFFFD"))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			lines[i] = "//"
		} else {
			lines[i] = "// " + l
		}
	}
	return strings.Join(lines, "\n")
}

// deref is the declaration t refers to, or t itself.
func deref(d *dump.Dump, t *dump.Type) *dump.Type { return d.Deref(t) }

// goType is the Go type the SDK uses for t: a declared type by its Go
// name, the rest spelled out (time.Time, Date, io.Reader for a streamed
// body, json.RawMessage for raw JSON).
func goType(d *dump.Dump, t *dump.Type, depth int) string {
	if t == nil || depth > 50 {
		return "any"
	}
	if t.Ref != "" {
		t = deref(d, t)
		if t.Ref != "" {
			return "any"
		}
	}
	if t.GoName != "" && (t.Kind == "struct" || t.Kind == "enum" || t.Kind == "union" || t.Key != "") {
		return t.GoName
	}
	switch t.Kind {
	case "string":
		return "string"
	case "int":
		if t.Bits == 32 {
			return "int32"
		}
		return "int64"
	case "float":
		if t.Bits == 32 {
			return "float32"
		}
		return "float64"
	case "bool":
		return "bool"
	case "datetime":
		return "time.Time"
	case "date":
		return "Date"
	case "bytes":
		return "[]byte"
	case "binary":
		return "io.Reader"
	case "array":
		return "[]" + goType(d, t.Elem, depth+1)
	case "map":
		return "map[string]" + goType(d, t.Elem, depth+1)
	case "enum":
		return goType(d, t.EnumBase, depth+1)
	case "raw":
		return "json.RawMessage"
	}
	return "any"
}

// sample is a JSON value t accepts, from the same synthesiser the
// generated conformance tests use.
func sample(d *dump.Dump, t *dump.Type) string {
	if src := dump.Source(deref(d, t)); src != nil {
		return gen.SampleJSON(src)
	}
	return "null"
}
