package gen

import (
	"bytes"
	"errors"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// mixed is a Go file of which the emitter lays some declarations out
// itself (see source) and builds the others with jennifer. The jennifer
// part is rendered and formatted with a marker comment standing in for
// each declaration laid out directly, which then takes the marker's
// place; the imports are those of both parts. Formatting only what the
// emitter cannot lay out is what makes this faster than formatting the
// whole file.
type mixed struct {
	f *jen.File
	// direct is whether declarations may be laid out directly; off, every
	// declaration is jennifer's and the file is rendered as before.
	direct bool
	src    *source // the imports of the direct declarations
	pieces []string
}

// directDecls turns on laying declarations out directly in mixed files;
// tests turn it off to compare with jennifer's and go/format's layout.
var directDecls = true

// pieceMark starts the comment standing in for a direct declaration: a
// private-use rune, which a spec's prose could still hold, so bytes checks
// that each marker is found once and in order.
const pieceMark = "// \ue000sdkgen "

func (g *gen) newMixed(direct bool) *mixed {
	// The direct declarations name the runtime "core" and the SDK's types
	// unqualified.
	direct = direct && directDecls && path.Base(g.core) == "core" && g.ext == ""
	return &mixed{f: g.newFile(), direct: direct, src: g.newSource()}
}

// decl adds a declaration laid out directly, as source.decl lays it out.
func (m *mixed) decl(doc []string, text string) {
	var s source
	s.decl(doc, text)
	m.pieces = append(m.pieces, strings.TrimSuffix(s.b.String(), "\n"))
	m.f.Comment(strings.TrimPrefix(pieceMark, "// ") + strconv.Itoa(len(m.pieces)-1))
	m.f.Line()
}

// errMixed is bytes's answer when the two parts cannot be joined safely:
// their imports would clash, or the spec's prose forged a marker. The file
// is then built again without direct declarations.
var errMixed = errors.New("direct declarations cannot be joined to this file")

// bytes is the file: jennifer's part formatted, long lines broken and the
// imports grouped, with the direct declarations in place.
func (m *mixed) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := m.f.Render(&buf); err != nil {
		return nil, err
	}
	out := wrapLong(buf.Bytes())
	if len(m.pieces) == 0 {
		return groupImports(out), nil
	}
	if bytes.Count(out, []byte(pieceMark)) != len(m.pieces) {
		return nil, errMixed
	}
	paths, start, end, ok := fileImports(out)
	if !ok {
		return nil, errMixed
	}
	// The direct declarations name each package by the last element of
	// its path: they may use only packages that go by that name, and no
	// two imports may share it.
	names := map[string]string{}
	for _, p := range paths {
		names[path.Base(p)] = p
	}
	for p := range m.src.imports {
		if !isStd(p) && p != m.src.g.core {
			return nil, errMixed
		}
		if q, taken := names[path.Base(p)]; taken && q != p {
			return nil, errMixed
		}
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
			names[path.Base(p)] = p
		}
	}
	var b bytes.Buffer
	b.Grow(len(out) + len(m.pieces)*256)
	b.Write(out[:start])
	writeImports(&b, paths)
	rest := out[end:]
	for i, piece := range m.pieces {
		mark := pieceMark + strconv.Itoa(i) + "\n"
		at := bytes.Index(rest, []byte(mark))
		if at < 0 || at > 0 && rest[at-1] != '\n' {
			return nil, errMixed
		}
		b.Write(rest[:at])
		b.WriteString(piece)
		rest = rest[at+len(mark):]
	}
	b.Write(rest)
	return b.Bytes(), nil
}

// fileImports finds the imports of a formatted file written by jennifer:
// their paths, and the span of the import declaration with the blank line
// after it (empty, just after the package clause, when there is none). ok
// is false when an import is named, which the direct declarations could
// not follow.
func fileImports(src []byte) (paths []string, start, end int, ok bool) {
	pkg := bytes.Index(src, []byte("\npackage "))
	if pkg < 0 {
		return nil, 0, 0, false
	}
	nl := bytes.IndexByte(src[pkg+1:], '\n')
	if nl < 0 {
		return nil, 0, 0, false
	}
	start = pkg + 1 + nl + 1
	if bytes.HasPrefix(src[start:], []byte("\n")) {
		start++ // the blank line after the package clause
	}
	rest := src[start:]
	var block []byte
	switch {
	case bytes.HasPrefix(rest, []byte("import (\n")):
		close := bytes.Index(rest, []byte("\n)\n"))
		if close < 0 {
			return nil, 0, 0, false
		}
		block = rest[len("import (\n"):close]
		end = start + close + len("\n)\n")
	case bytes.HasPrefix(rest, []byte("import \"")):
		line, _, _ := bytes.Cut(rest, []byte("\n"))
		block = line[len("import "):]
		end = start + len(line) + 1
	default:
		return nil, start, start, true
	}
	for _, l := range bytes.Split(block, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		p, err := strconv.Unquote(string(l))
		if err != nil {
			return nil, 0, 0, false // named, or not a plain path
		}
		paths = append(paths, p)
	}
	if bytes.HasPrefix(src[end:], []byte("\n")) {
		end++
	}
	return paths, start, end, true
}

// isStd reports whether an import path is the standard library's: its
// first element has no dot.
func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// writeImports writes the import declaration of the paths, and a blank
// line, as gofmt and groupImports leave it: sorted, the standard library's
// first and the others in a group after them.
func writeImports(out *bytes.Buffer, paths []string) {
	paths = slices.Clone(paths)
	slices.Sort(paths)
	switch len(paths) {
	case 0:
		return
	case 1:
		out.WriteString("import \"" + paths[0] + "\"\n\n")
		return
	}
	out.WriteString("import (\n")
	n := 0
	for _, p := range paths {
		if isStd(p) {
			out.WriteString("\t\"" + p + "\"\n")
			n++
		}
	}
	if n > 0 && n < len(paths) {
		out.WriteString("\n")
	}
	for _, p := range paths {
		if !isStd(p) {
			out.WriteString("\t\"" + p + "\"\n")
		}
	}
	out.WriteString(")\n\n")
}

// declField is a field of a struct declared in a mixed file: its doc
// comment's lines, its name and its type as code and as source.
type declField struct {
	doc  []string
	name string
	typ  jen.Code
	text string
}

// structDecl declares the struct type name with the fields under the doc
// comment of the given lines; directly when the file allows it.
func (m *mixed) structDecl(doc []string, name string, fields []declField) {
	if !m.direct {
		code := make([]jen.Code, 0, 2*len(fields))
		for _, fd := range fields {
			code = append(code, commentLines(fd.doc), jen.Id(fd.name).Add(fd.typ))
		}
		m.f.Add(commentLines(doc))
		m.f.Type().Id(name).Struct(code...)
		m.f.Line()
		return
	}
	if len(fields) == 0 {
		m.decl(doc, "type "+name+" struct{}")
		return
	}
	var r rows
	for _, fd := range fields {
		r.comment(fd.doc)
		r.add(fd.name, fd.text)
	}
	m.decl(doc, "type "+name+" struct {\n"+r.String()+"}")
}
