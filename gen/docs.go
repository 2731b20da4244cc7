package gen

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// docLines splits text into safe comment lines. Every kind of line
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

// commentWidth is the width doc comments wrap at, the "// " not counted,
// so that a top-level comment line ends by column 80.
const commentWidth = 77

// doc is a builder for one doc comment: blocks separated by blank comment
// lines, laid out together so that the comment's links are defined once,
// at its end.
type doc struct {
	blocks []block
}

// add appends spec prose: Markdown with embedded HTML, rendered as Go doc
// comment syntax (see markdown.go).
func (d *doc) add(text string) *doc {
	d.blocks = append(d.blocks, parseMarkdown(text)...)
	return d
}

// text appends sdkgen's own prose as one wrapped paragraph, taken as it is:
// the names and values it quotes from the spec are data, not Markdown.
func (d *doc) text(s string) *doc {
	if strings.TrimSpace(clean(s)) != "" {
		d.blocks = append(d.blocks, block{kind: blockPara, lines: []line{{{kind: segLiteral, text: s}}}})
	}
	return d
}

// addAround appends spec prose as add does, with sdkgen's own text lead
// before it and tail after it, in the same paragraph where the prose
// begins or ends with one.
func (d *doc) addAround(lead, text, tail string) *doc {
	blocks := parseMarkdown(text)
	para := func(s string) block { return block{kind: blockPara, lines: []line{{{kind: segLiteral, text: s}}}} }
	if lead != "" {
		if len(blocks) > 0 && blocks[0].kind == blockPara {
			blocks[0].lines[0] = append(line{{kind: segLiteral, text: lead + " "}}, blocks[0].lines[0]...)
		} else {
			blocks = append([]block{para(lead)}, blocks...)
		}
	}
	if tail != "" {
		if n := len(blocks) - 1; n >= 0 && blocks[n].kind == blockPara {
			last := len(blocks[n].lines) - 1
			blocks[n].lines[last] = append(blocks[n].lines[last], seg{kind: segLiteral, text: " " + tail})
		} else {
			blocks = append(blocks, para(tail))
		}
	}
	d.blocks = append(d.blocks, blocks...)
	return d
}

// code appends a preformatted line (indented, as Go doc shows code).
func (d *doc) code(line string) *doc {
	if ls := docLines(line); len(ls) > 0 {
		d.blocks = append(d.blocks, block{kind: blockCode, code: []string{clean(strings.Join(ls, " "))}})
	}
	return d
}

// lines lays the comment out, without the leading "// ".
func (d *doc) lines() []string {
	return layout(d.blocks, commentWidth)
}

// render writes the comment lines into a jennifer group, before a declaration.
func (d *doc) render() jen.Code {
	return commentLines(d.lines())
}

// prose is a doc comment of sdkgen's own prose, wrapped.
func prose(text string) jen.Code {
	return (&doc{}).text(text).render()
}

// commentLines writes lines as one // comment, each line with its own
// "//". jennifer would turn a multi-line Comment into a /* */ block, which a
// "*/" in spec prose could close early, and writes a Comment that starts
// with "//" or "/*" as it is, so a line "/*" given on its own would open a
// block comment. The whole comment is therefore handed over with every "//"
// already in place, in the one form jennifer writes untouched; line
// comments cannot be escaped once line breaks are gone. (jennifer would
// also end separate comments with a space, which go/doc/comment keeps: a
// link's text broken across such lines no longer matches its definition.)
func commentLines(lines []string) jen.Code {
	if len(lines) == 0 {
		return jen.Null()
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = commentLine(l)
	}
	return jen.Comment(strings.Join(out, "\n"))
}

// commentLine is one line of a // comment, marker included; a code line
// keeps its tab right after the //, as gofmt writes it.
func commentLine(l string) string {
	switch {
	case l == "":
		return "//"
	case l[0] == '\t':
		return "//" + l
	}
	return "// " + l
}

// summary starts a doc comment with name: the first paragraph of the spec's
// text turned into a sentence about name where its first word is an
// imperative verb ("Retrieve a ticket" → "GetTicket retrieves a ticket.",
// "List or search accounts" → "ListAccounts lists or searches accounts."),
// else "name fallback" with the text after it.
func (d *doc) summary(name, text, fallback string) *doc {
	blocks := parseMarkdown(text)
	if len(blocks) == 0 || blocks[0].kind != blockPara || !summarize(name, &blocks[0]) {
		d.text(name + " " + fallback)
	}
	d.blocks = append(d.blocks, blocks...)
	return d
}

// summarize rewrites a paragraph that opens with a verb into a sentence
// about name, ending in a period, and reports whether it could.
func summarize(name string, p *block) bool {
	if len(p.lines) == 0 {
		return false
	}
	first := p.lines[0]
	i := 0
	for i < len(first) && first[i].kind == segText && strings.TrimSpace(clean(first[i].text)) == "" {
		i++
	}
	if i == len(first) || first[i].kind != segText {
		return false
	}
	t := clean(first[i].text)
	trailing := strings.HasSuffix(t, " ")
	words := strings.Split(strings.TrimSpace(t), " ")
	if !conjugate(words) {
		return false
	}
	t = " " + strings.Join(words, " ")
	if trailing {
		t += " "
	}
	p.lines[0] = append(line{{kind: segLiteral, text: name}, {text: t}}, first[i+1:]...)

	// End the paragraph with a period unless it ends a sentence already.
	last := p.lines[len(p.lines)-1]
	end := ""
	for j := len(last) - 1; j >= 0; j-- {
		if last[j].kind != segText {
			break
		}
		if end = strings.TrimSpace(clean(last[j].text)); end != "" {
			break
		}
	}
	if r, _ := utf8.DecodeLastRuneInString(end); end == "" || !strings.ContainsRune(".!?:…", r) {
		p.lines[len(p.lines)-1] = append(last, seg{text: "."})
	}
	return true
}

// conjugate turns words that open with an imperative verb into the third
// person ("list" → "lists"), the first word lowered, and with it each verb
// coordinated with it: "Create, update or delete" → "creates, updates or
// deletes". It reports false, changing nothing, when the first word is no
// verb it knows.
func conjugate(words []string) bool {
	// verb conjugates words[i] if it is a verb, keeping a trailing comma.
	verb := func(i int, third bool) bool {
		base := strings.TrimRight(words[i], ",")
		lower := strings.ToLower(base)
		switch {
		case verbs[lower]:
			words[i] = thirdPerson(lower) + words[i][len(base):]
		case third && isThirdPerson(lower):
			words[i] = lower + words[i][len(base):]
		default:
			return false
		}
		return true
	}
	if !verb(0, true) {
		return false
	}
	for i := 1; i < len(words); i++ {
		switch {
		case words[i] == "or" || words[i] == "and":
			if i+1 < len(words) {
				verb(i+1, false)
			}
			return true
		case strings.HasSuffix(words[i-1], ",") && verb(i, false):
		default:
			return true
		}
	}
	return true
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
