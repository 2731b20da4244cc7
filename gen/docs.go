package gen

import (
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// docLines splits spec prose into safe comment lines. Every kind of line
// break (\r, \n, U+2028, U+2029, U+0085) ends a line, so nothing can leave
// the // comment; other control characters and the Unicode bidi controls,
// which can make code read differently from how it compiles, are dropped.
func docLines(text string) []string {
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n").Replace(text)
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.Map(func(r rune) rune {
			switch {
			case r == '\t':
				return ' '
			case unicode.IsControl(r), model.IsBidi(r):
				return -1
			}
			return r
		}, l)
		lines = append(lines, strings.TrimRight(l, " "))
	}
	// Trim blank lines at both ends and fold runs of blank lines.
	var out []string
	for _, l := range lines {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// isBidi reports whether r is a Unicode bidi control, or U+FEFF (the byte
// order mark), which Go refuses anywhere but at the very start of a file,
// comments and raw strings included. Spec text never carries either into
// Go source raw: comments drop them, struct tags refuse them.

// doc is a builder for one doc comment: paragraphs separated by blank
// comment lines.
type doc struct {
	paras [][]string
}

// add appends prose as one or more paragraphs.
func (d *doc) add(text string) *doc {
	if ls := docLines(text); len(ls) > 0 {
		d.paras = append(d.paras, ls)
	}
	return d
}

// code appends a preformatted line (indented, as Go doc shows code).
func (d *doc) code(line string) *doc {
	if ls := docLines(line); len(ls) > 0 {
		d.paras = append(d.paras, []string{"\t" + strings.Join(ls, " ")})
	}
	return d
}

// render writes the comment lines into a jennifer group, before a declaration.
func (d *doc) render() jen.Code {
	var lines []string
	for i, p := range d.paras {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, p...)
	}
	return commentLines(lines)
}

// commentLines writes each line as its own // comment. jennifer would turn
// a multi-line Comment into a /* */ block, which a "*/" in spec prose could
// close early; line comments cannot be escaped once line breaks are gone.
func commentLines(lines []string) jen.Code {
	if len(lines) == 0 {
		return jen.Null()
	}
	s := jen.Comment(lines[0])
	for _, l := range lines[1:] {
		s.Line().Comment(l)
	}
	return s
}

// summary starts a doc comment with name: the spec's text turned into a
// sentence about name where its first word is an imperative verb
// ("Retrieve a ticket" → "GetTicket retrieves a ticket"), else "name: text".
func summary(name, text, fallback string) string {
	ls := docLines(text)
	if len(ls) == 0 {
		return name + " " + fallback
	}
	first := ls[0]
	word, rest, _ := strings.Cut(first, " ")
	lower := strings.ToLower(word)
	switch {
	case verbs[lower]:
		ls[0] = name + " " + thirdPerson(lower) + " " + rest
	case isThirdPerson(lower):
		ls[0] = name + " " + lower + " " + rest
	default:
		return name + " " + fallback + "\n\n" + strings.Join(ls, "\n")
	}
	ls[0] = strings.TrimRight(ls[0], " ")
	return strings.Join(ls, "\n")
}

// isThirdPerson reports whether w is already a conjugated verb ("returns").
func isThirdPerson(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		(verbs[w[:len(w)-1]] || verbs[strings.TrimSuffix(w, "es")] || strings.HasSuffix(w, "ies") && verbs[strings.TrimSuffix(w, "ies")+"y"])
}

func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"):
		return v + "es"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// verbs are the imperative openings API descriptions commonly use.
var verbs = map[string]bool{
	"accept": true, "add": true, "archive": true, "assign": true, "authorize": true, "cancel": true,
	"change": true, "check": true, "close": true, "complete": true, "confirm": true, "count": true,
	"create": true, "decline": true, "delete": true, "deny": true, "disable": true, "download": true,
	"edit": true, "enable": true, "end": true, "export": true, "fetch": true, "find": true,
	"generate": true, "get": true, "import": true, "initiate": true, "invite": true, "link": true,
	"list": true, "lock": true, "look": true, "make": true, "mark": true, "modify": true, "move": true,
	"open": true, "patch": true, "pause": true, "post": true, "put": true, "query": true, "read": true,
	"refresh": true, "register": true, "reject": true, "remove": true, "rename": true, "replace": true,
	"request": true, "reset": true, "resume": true, "retrieve": true, "return": true, "revoke": true,
	"run": true, "search": true, "send": true, "set": true, "show": true, "start": true, "stop": true,
	"submit": true, "test": true, "toggle": true, "unlink": true, "unlock": true, "update": true,
	"upload": true, "upsert": true, "validate": true, "verify": true, "view": true,
}
