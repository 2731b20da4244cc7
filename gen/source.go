package gen

import (
	"bytes"
	"go/doc/comment"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sdkgen/sdkgen/model"
)

// source writes a Go file whose declarations are regular enough for the
// emitter to lay out itself, exactly as gofmt would: the file then skips
// jennifer's rendering and go/format, which for a big file of such
// declarations are most of its generation time. Only a declaration with a
// line to break is parsed and formatted, on its own (gofmt lays out each
// top-level declaration independently, so the result is what formatting
// the whole file gives).
type source struct {
	g *gen
	b bytes.Buffer
	// imports are the paths of the packages the file refers to, each by
	// its own name.
	imports map[string]bool
}

func (g *gen) newSource() *source {
	return &source{g: g, imports: map[string]bool{}}
}

// use records that the file refers to the package at path by its own
// name.
func (s *source) use(path string) { s.imports[path] = true }

// declareTwin declares t, when the plan made it a twin of another type,
// as an alias of that type (type B = A) under t's doc d with a line naming
// the other type, "Same <what>, same type: A.", and reports whether it did.
func (s *source) declareTwin(d *doc, t *model.Type, what string) bool {
	twin := s.g.plan.twins[t]
	if twin == nil {
		return false
	}
	d.text("Same " + what + ", same type: " + twin.GoName + ".")
	s.decl(d.lines(), "type "+t.GoName+" = "+twin.GoName)
	return true
}

// decl writes one top-level declaration under the doc comment of the
// given lines (see writeDoc), laid out as gofmt lays it out, and a blank
// line. A declaration with a line wrapLong would break is broken here the
// same way, alone.
func (s *source) decl(doc []string, text string) {
	writeDoc(&s.b, "", doc)
	if hasLongLine([]byte(text)) {
		text = wrapAlone("package p\n\n", text, "\n")
	}
	s.b.WriteString(text)
	s.b.WriteString("\n\n")
}

// wrapAlone is text with its long lines broken as wrapLong breaks them,
// text being what stands between before and after in a Go file.
func wrapAlone(before, text, after string) string {
	wrapped := string(wrapLong([]byte(before + text + after)))
	return strings.TrimSuffix(strings.TrimPrefix(wrapped, before), after)
}

// writeDoc writes lines as the // comment of the declaration, field or
// constant that follows, each line indented by indent. The comment is
// rewritten as gofmt rewrites doc comments (go/doc/comment's parser and
// printer: old-style headings, lists, code blocks, doubled backquotes and
// apostrophes made curly quotes), as it did when jennifer wrote these
// comments unindented.
func writeDoc(b io.StringWriter, indent string, lines []string) {
	if len(lines) == 0 {
		return
	}
	if plainDoc(lines) {
		for _, l := range lines {
			b.WriteString(indent + commentLine(l) + "\n")
		}
		return
	}
	var p comment.Parser
	var pr comment.Printer
	out := pr.Comment(p.Parse(strings.Join(lines, "\n") + "\n"))
	for len(out) > 0 {
		var l []byte
		l, out, _ = bytes.Cut(out, []byte("\n"))
		b.WriteString(indent + commentLine(string(l)) + "\n")
	}
}

// bytes is the whole file: the header, the package clause, the imports
// grouped as groupImports groups them, and the declarations.
func (s *source) bytes() []byte {
	var out bytes.Buffer
	out.Grow(s.b.Len() + 256)
	out.WriteString(Header + "\n\npackage " + s.g.cfg.Package + "\n\n")
	paths := make([]string, 0, len(s.imports))
	for p := range s.imports {
		paths = append(paths, p)
	}
	writeImports(&out, paths)
	out.Write(bytes.TrimRight(s.b.Bytes(), "\n"))
	out.WriteString("\n")
	return out.Bytes()
}

// rows writes the lines of a const block or a struct: rows of cells,
// one level indented, aligned as gofmt aligns each run of them between
// two comments.
type rows struct {
	b   strings.Builder
	run [][]string
}

// comment ends the run and writes lines as the comment of the next row
// (see writeDoc).
func (r *rows) comment(lines []string) {
	if len(lines) > 0 {
		r.flush()
		writeDoc(&r.b, "\t", lines)
	}
}

// add appends a row to the run.
func (r *rows) add(cells ...string) { r.run = append(r.run, cells) }

// String ends the run and returns the lines written.
func (r *rows) String() string {
	r.flush()
	return r.b.String()
}

func (r *rows) flush() {
	align(&r.b, "\t", r.run)
	r.run = r.run[:0]
}

// align lays out rows of cells, all rows as long, as gofmt's tabwriter aligns a run of
// declarations with no comment between them: each cell but the last is
// padded to the widest of its column plus one space (widths in runes).
func align(b *strings.Builder, indent string, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r[:len(r)-1] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		b.WriteString(indent)
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+1))
			}
		}
		b.WriteByte('\n')
	}
}

// plainDoc reports whether go/doc/comment's parser and printer give lines
// back as they are, so writeDoc can skip them: paragraphs of unindented
// text, one blank line apart, with no tab, no space at either end of a
// line, no line starting with # (a
// heading) or [ (a link definition), no doubled backquote or apostrophe
// (which become curly quotes), and no line the parser takes for an
// old-style heading (oldHeading). Brackets elsewhere, doc links or not,
// are printed as they are.
func plainDoc(lines []string) bool {
	for i, l := range lines {
		if l == "" {
			if i == 0 || i == len(lines)-1 || lines[i-1] == "" {
				return false
			}
			continue
		}
		switch {
		case l[0] == '#' || l[0] == '[',
			strings.TrimSpace(l) != l, strings.IndexByte(l, '\t') >= 0,
			strings.Contains(l, "``"), strings.Contains(l, "''"):
			return false
		}
		if oldHeading(lines, i) {
			return false
		}
	}
	return true
}

// oldHeading reports whether go/doc/comment takes line i of lines, a
// comment's unindented text, for an old-style heading: a line alone
// between blank lines with more text after it, starting with an upper-case
// letter and ending with a letter or digit, with no punctuation but
// commas, parentheses, an apostrophe before a final s, and periods inside
// words.
func oldHeading(lines []string, i int) bool {
	if i == 0 || lines[i-1] != "" || i+2 >= len(lines) || lines[i+1] != "" {
		return false
	}
	l := strings.TrimSpace(lines[i])
	if first, _ := utf8.DecodeRuneInString(l); !unicode.IsUpper(first) || !unicode.IsLetter(first) {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(l); !unicode.IsLetter(last) && !unicode.IsDigit(last) {
		return false
	}
	if strings.ContainsAny(l, ";:!?+*/=[]{}_^°&§~%#@<\">\\") {
		return false
	}
	for rest := l; ; {
		_, after, found := strings.Cut(rest, "'")
		if !found {
			break
		}
		if after != "s" && !strings.HasPrefix(after, "s ") {
			return false
		}
		rest = after
	}
	for rest := l; ; {
		_, after, found := strings.Cut(rest, ".")
		if !found {
			break
		}
		if after == "" || after[0] == ' ' {
			return false
		}
		rest = after
	}
	return true
}
