package gen

import (
	"bytes"
	"cmp"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sdkgen/sdkgen/internal/par"
)

// maxLine is the longest line generated Go may have; only a string
// literal that cannot be split exceeds it.
const maxLine = 120

// wrapLong breaks every line of a formatted Go file that is longer than
// maxLine: the outermost composite literal, call, parameter list or case
// list that lies on the line gets one element per line, and the file is
// formatted again, until no such line is left or nothing more can be
// broken (at most maxRounds times). Source that does not parse is
// returned as it is.
//
// gofmt lays out each top-level declaration on its own, so the rounds run
// on each declaration holding a long line by itself, and on each element
// of a large table (a var whose value is a list of multi-line composite
// literals) by itself: the result is what rounds over the whole file
// give, at the cost of formatting the few parts that change rather than
// the whole file once per round.
func wrapLong(src []byte) []byte {
	if !hasLongLine(src) {
		return src
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return src
	}
	tf := fset.File(f.Pos())
	long := longLines(src)
	var units []unit
	for _, d := range f.Decls {
		if !anyIn(long, tf.Line(d.Pos()), tf.Line(d.End())) {
			continue
		}
		start, end := lineSpan(src, tf, d.Pos(), d.End())
		units = appendDeclUnits(units, src, start, end, d, tf)
	}
	if len(units) == 0 {
		return src
	}
	// The units are independent: gofmt lays each out the same whether the
	// others are broken or not, so they run side by side.
	wrapped := make([][]byte, len(units))
	par.Each(len(units), func(i int) {
		u := units[i]
		wrapped[i] = wrapUnit(src[u.start:u.end], u.before, u.after)
	})
	size := len(src)
	for i, u := range units {
		size += len(wrapped[i]) - (u.end - u.start)
	}
	out := make([]byte, 0, size)
	done := 0 // src up to here is in out
	for i, u := range units {
		out = append(out, src[done:u.start]...)
		out = append(out, wrapped[i]...)
		done = u.end
	}
	return append(out, src[done:]...)
}

// maxRounds bounds the rounds of breaking one part of a file takes.
const maxRounds = 16

// unitPrefix starts the file a declaration is formatted in on its own.
const unitPrefix = "package p\n\n"

// unit is a run of whole lines of a file, src[start:end], that the rounds
// break on their own, formatted as the file unitPrefix+before+text+after.
type unit struct {
	start, end    int
	before, after string
}

// appendDeclUnits appends the units of the top-level declaration d, which
// spans src[start:end]: one per element of a table holding a long line,
// else the declaration as one.
func appendDeclUnits(units []unit, src []byte, start, end int, d ast.Decl, tf *token.File) []unit {
	text := src[start:end]
	elems, ok := tableElems(text, d, tf, start)
	if !ok {
		return append(units, unit{start: start, end: end})
	}
	// Each element is formatted after the declaration's first line, which
	// opens the table, and closed by a brace of its own; or, when its
	// long lines all lie in the body of a function it holds, that body
	// alone, in blocks as deep as it is.
	head := string(text[:bytes.IndexByte(text, '\n')+1])
	for _, e := range elems {
		if !hasLongLine(text[e.start:e.end]) {
			continue
		}
		u := unit{start: e.start, end: e.end, before: head, after: "\n}"}
		if bs, be, ok := bodyLines(text, e, tf, start); ok && !hasLongLine(text[e.start:bs]) && !hasLongLine(text[be:e.end]) {
			u.start, u.end = bs, be
			u.before, u.after = blocks(text[bs:be])
		}
		u.start += start
		u.end += start
		units = append(units, u)
	}
	return units
}

// bodyLines finds, among the fields of a table element, a function
// literal whose body starts and ends on lines of its own, and returns the
// span of the lines between its braces.
func bodyLines(text []byte, e tableElem, tf *token.File, base int) (start, end int, ok bool) {
	for _, x := range e.lit.Elts {
		kv, isKV := x.(*ast.KeyValueExpr)
		if !isKV {
			continue
		}
		fn, isFn := kv.Value.(*ast.FuncLit)
		if !isFn {
			continue
		}
		lb, rb := tf.Offset(fn.Body.Lbrace)-base, tf.Offset(fn.Body.Rbrace)-base
		_, openEnd := lineAround(text, lb)
		closeStart, _ := lineAround(text, rb)
		if openEnd != lb+1 || len(bytes.TrimSpace(text[closeStart:rb])) != 0 || closeStart <= openEnd+1 {
			continue // the braces share a line with statements, or nothing is between them
		}
		return openEnd + 1, closeStart - 1, true
	}
	return 0, 0, false
}

// blocks returns what goes before and after lines of statements, indented
// as deep as their first line, so that gofmt lays them out as it does in
// place: a function holding blocks as deep, written as gofmt writes them.
func blocks(lines []byte) (before, after string) {
	depth := len(lines) - len(bytes.TrimLeft(lines, "\t"))
	var b, a strings.Builder
	b.WriteString("func _() {\n")
	for i := 1; i < depth; i++ {
		b.WriteString(strings.Repeat("\t", i) + "{\n")
	}
	a.WriteString("\n")
	for i := depth - 1; i >= 1; i-- {
		a.WriteString(strings.Repeat("\t", i) + "}\n")
	}
	a.WriteString("}")
	return b.String(), a.String()
}

// wrapUnit runs the rounds on text, a run of whole lines of a file,
// formatted as the file unitPrefix+before+text+after; it returns text as
// the rounds leave it, or text itself if they changed before or after.
func wrapUnit(text []byte, before, after string) []byte {
	head, tail := unitPrefix+before, after+"\n"
	src := make([]byte, 0, len(head)+len(text)+len(tail))
	src = append(src, head...)
	src = append(src, text...)
	src = append(src, tail...)
	for range maxRounds {
		if !hasLongLine(src) {
			break
		}
		next, ok := wrapOnce(src)
		if !ok {
			break
		}
		src = next
	}
	if len(src) < len(head)+len(tail) || !bytes.HasPrefix(src, []byte(head)) || !bytes.HasSuffix(src, []byte(tail)) {
		return text
	}
	return src[len(head) : len(src)-len(tail)]
}

// tableElem is an element of a table and the span of its lines in the
// declaration's text.
type tableElem struct {
	start, end int
	lit        *ast.CompositeLit
}

// tableElems reports whether d, whose text starts at offset base of its
// file, is a table: var x = T{...} where the first line opens the list,
// is not too long, and is followed by the elements, each a composite
// literal on lines of its own ("{" alone on the first, "}," alone on the
// last), and then by the closing brace. gofmt lays out such elements
// independently of one another. It returns the elements.
func tableElems(text []byte, d ast.Decl, tf *token.File, base int) ([]tableElem, bool) {
	gd, ok := d.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR || gd.Lparen.IsValid() || len(gd.Specs) != 1 {
		return nil, false
	}
	vs, ok := gd.Specs[0].(*ast.ValueSpec)
	if !ok || len(vs.Values) != 1 {
		return nil, false
	}
	lit, ok := vs.Values[0].(*ast.CompositeLit)
	if !ok || len(lit.Elts) == 0 {
		return nil, false
	}
	// line returns the span of the line holding p, and its text trimmed.
	line := func(p token.Pos) (int, int, string) {
		off := tf.Offset(p) - base
		s, e := lineAround(text, off)
		return s, e, string(bytes.TrimSpace(text[s:e]))
	}
	_, done, _ := line(lit.Lbrace)
	if done != bytes.IndexByte(text, '\n') || hasLongLine(text[:done]) {
		return nil, false // the list does not open on the first line, or that line needs breaking
	}
	var elems []tableElem
	for _, e := range lit.Elts {
		el, ok := e.(*ast.CompositeLit)
		if !ok {
			return nil, false
		}
		s, _, open := line(el.Lbrace)
		_, end, closing := line(el.Rbrace)
		if open != "{" || closing != "}," || s != done+1 {
			return nil, false
		}
		elems = append(elems, tableElem{s, end, el})
		done = end
	}
	if s, _, closing := line(lit.Rbrace); closing != "}" || s != done+1 {
		return nil, false
	}
	return elems, true
}

// lineSpan widens the node from-to to whole lines of src: from the start
// of from's line to the end of to's, before its newline.
func lineSpan(src []byte, tf *token.File, from, to token.Pos) (start, end int) {
	start, _ = lineAround(src, tf.Offset(from))
	_, end = lineAround(src, tf.Offset(to))
	return start, end
}

// lineAround returns the span of the line holding offset off of src,
// without its newline.
func lineAround(src []byte, off int) (start, end int) {
	start = bytes.LastIndexByte(src[:off], '\n') + 1
	end = len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		end = off + i
	}
	return start, end
}

// longLines returns the numbers of src's lines to break (see
// hasLongLine), in order, counting from 1.
func longLines(src []byte) []int {
	var long []int
	for n := 1; len(src) > 0; n++ {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		if isLong(src[:i]) {
			long = append(long, n)
		}
		src = src[min(i+1, len(src)):]
	}
	return long
}

// anyIn reports whether a line of the sorted list lines is within
// [first, last].
func anyIn(lines []int, first, last int) bool {
	i, _ := slices.BinarySearch(lines, first)
	return i < len(lines) && lines[i] <= last
}

// hasLongLine reports whether src has a line to break: longer than
// maxLine, and holding a list's opening, "(" or "{", or a case keyword
// outside strings and comments. Any other line holds no list wrapOnce
// could break.
func hasLongLine(src []byte) bool {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		if isLong(src[:i]) {
			return true
		}
		src = src[min(i+1, len(src)):]
	}
	return false
}

func isLong(l []byte) bool {
	return wider(l) && mayHoldList(l) && !bareSignature.Match(l)
}

// wider reports whether lineWidth(l) > maxLine, without counting runes
// where the bytes tell: a rune is at least a byte, so a line whose bytes
// and the tabs' extra columns come to at most maxLine is not.
func wider(l []byte) bool {
	tabs := 0
	for tabs < len(l) && l[tabs] == '\t' {
		tabs++
	}
	if len(l)+3*tabs <= maxLine && bytes.IndexByte(l[tabs:], '\t') < 0 {
		return false
	}
	return lineWidth(l) > maxLine
}

// bareSignature matches the first line of a function or method without
// parameters whose results hold no brackets but a list's: wrapOnce breaks
// neither a receiver nor results, so there is nothing on it to break.
var bareSignature = regexp.MustCompile(`^func (\(\w+ \*?[\w.]+\) )?\w+\(\) (\([^(){}]*\)|[^(){}]*) \{$`)

// mayHoldList reports whether line l may hold a list wrapOnce breaks,
// one that opens and closes on the line: a "(" or "{" closed on it, or
// "case", outside double-quoted strings and line comments. A list that
// only opens on the line (the call whose last argument is a literal
// going on over the next lines) or only closes on it is not broken
// there. A line with a rune or raw string literal or a block comment may
// start or end inside one, so any bracket there counts.
func mayHoldList(l []byte) bool {
	if bytes.ContainsAny(l, "`'") || bytes.Contains(l, []byte("/*")) || bytes.Contains(l, []byte("*/")) {
		return bytes.ContainsAny(l, "({") || bytes.Contains(l, []byte("case"))
	}
	open := 0 // brackets opened on the line and not yet closed
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '"':
			for i++; i < len(l) && l[i] != '"'; i++ {
				if l[i] == '\\' {
					i++
				}
			}
		case '/':
			if i+1 < len(l) && l[i+1] == '/' {
				return false
			}
		case '(', '{':
			open++
		case ')', '}':
			if open > 0 {
				return true
			}
		case 'c':
			if bytes.HasPrefix(l[i:], []byte("case")) {
				return true
			}
		}
	}
	return false
}

// lineWidth counts columns as an editor showing tabs four wide would.
// Each rune is one column, a tab four, and so is each byte of invalid
// UTF-8, as ranging over the line as a string counts them.
func lineWidth(l []byte) int {
	return utf8.RuneCount(l) + 3*bytes.Count(l, []byte{'\t'})
}

// list is a bracketed run of elements that may be broken one per line.
type list struct {
	open, close token.Pos // the brackets, or for a case list the case keyword and the colon
	elems       []ast.Node
	isCase      bool
	ellipsis    token.Pos // the "..." after a call's last argument, if any
}

// lastEnd is where the list's last element ends: after its "..." in a
// variadic call, where the comma that ends a broken list goes.
func (l list) lastEnd() token.Pos {
	if l.ellipsis.IsValid() {
		return l.ellipsis + token.Pos(len("..."))
	}
	return l.elems[len(l.elems)-1].End()
}

// wrapOnce breaks, on each long line, the outermost list that opens and
// closes on it, preferring lists of more than one element.
func wrapOnce(src []byte) ([]byte, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return src, false
	}
	tf := fset.File(f.Pos())
	long := map[int]bool{}
	for i, l := range bytes.Split(src, []byte("\n")) {
		if lineWidth(l) > maxLine {
			long[i+1] = true
		}
	}
	best := map[int]list{}
	var onLong []list // every breakable list on a long line
	consider := func(l list) {
		if len(l.elems) == 0 || !l.open.IsValid() || !l.close.IsValid() {
			return
		}
		line := tf.Line(l.open)
		if !long[line] || tf.Line(l.close) != line {
			return
		}
		if len(l.elems) == 1 {
			if lit, ok := l.elems[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				return // nothing gained: the literal stays as long
			}
		}
		onLong = append(onLong, l)
		if cur, seen := best[line]; !seen || better(l, cur) {
			best[line] = l
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			consider(list{open: n.Lbrace, close: n.Rbrace, elems: exprNodes(n.Elts)})
		case *ast.CallExpr:
			consider(list{open: n.Lparen, close: n.Rparen, elems: exprNodes(n.Args), ellipsis: n.Ellipsis})
		case *ast.FuncType:
			if n.Params != nil {
				consider(list{open: n.Params.Opening, close: n.Params.Closing, elems: fieldNodes(n.Params.List)})
			}
		case *ast.CaseClause:
			if len(n.List) > 1 {
				consider(list{open: n.Case, close: n.Colon, elems: exprNodes(n.List), isCase: true})
			}
		}
		return true
	})
	if len(best) == 0 {
		return src, false
	}
	// Each list to break, with the width of the indentation of the line
	// it opens on.
	type breaking struct {
		list
		indent int
	}
	slices.SortFunc(onLong, func(a, b list) int { return cmp.Compare(a.open, b.open) })
	chosen := make([]breaking, 0, len(best))
	for _, l := range best {
		start, end := lineAround(src, tf.Offset(l.open))
		line := src[start:end]
		chosen = append(chosen, breaking{l, 4 * (len(line) - len(bytes.TrimLeft(line, "\t")))})
	}
	// Looking ahead: an element of a broken list goes on a line of its
	// own, one tab deeper; if even that line is too long, the next round
	// would break the list of the element that the rules above pick on
	// it, so it is broken now. gofmt may pad a key to align its value,
	// which only makes the line longer: a list broken ahead is one the
	// next round would have broken too, and the rounds go on for the rest.
	for i := 0; i < len(chosen); i++ {
		b := chosen[i]
		if b.isCase { // its first element stays on the case line
			continue
		}
		for j, e := range b.elems {
			end := e.End()
			if j == len(b.elems)-1 {
				end = b.lastEnd()
			}
			text := src[tf.Offset(e.Pos()):tf.Offset(end)]
			if b.indent+4+lineWidth(text)+1 <= maxLine {
				continue
			}
			var in list
			found := false
			first, _ := slices.BinarySearchFunc(onLong, e.Pos(), func(c list, p token.Pos) int { return cmp.Compare(c.open, p) })
			for _, c := range onLong[first:] {
				if c.open >= e.End() {
					break
				}
				if c.close < e.End() && (!found || better(c, in)) {
					in, found = c, true
				}
			}
			if found {
				chosen = append(chosen, breaking{in, b.indent + 4})
			}
		}
	}
	type insert struct {
		at   int
		text string
	}
	var ins []insert
	for _, b := range chosen {
		l := b.list
		if !l.isCase {
			ins = append(ins, insert{tf.Offset(l.elems[0].Pos()), "\n"})
		}
		for _, e := range l.elems[1:] {
			ins = append(ins, insert{tf.Offset(e.Pos()), "\n"})
		}
		if !l.isCase {
			end := tf.Offset(l.lastEnd())
			// A trailing comma may already be there (before the close).
			text := ",\n"
			if bytes.HasPrefix(bytes.TrimLeft(src[end:tf.Offset(l.close)], " "), []byte(",")) {
				text = "\n"
				end = tf.Offset(l.close)
			}
			ins = append(ins, insert{end, text})
		}
	}
	// One pass from the start: inserting at each offset in place would
	// move the rest of the file once per insert. (Texts at one offset go
	// in the reverse of their order in ins.)
	slices.Reverse(ins)
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].at < ins[j].at })
	out := make([]byte, 0, len(src)+2*len(ins))
	last := 0
	for _, in := range ins {
		out = append(out, src[last:in.at]...)
		out = append(out, in.text...)
		last = in.at
	}
	out = append(out, src[last:]...)
	formatted, err := format.Source(out)
	if err != nil {
		return src, false
	}
	return formatted, true
}

// better reports whether list l is broken rather than cur when both lie
// on one line: one of several elements before one of a single element,
// then the one opening first (the outermost).
func better(l, cur list) bool {
	multi, curMulti := len(l.elems) > 1, len(cur.elems) > 1
	return multi && !curMulti || multi == curMulti && l.open < cur.open
}

func exprNodes(es []ast.Expr) []ast.Node {
	ns := make([]ast.Node, len(es))
	for i, e := range es {
		ns[i] = e
	}
	return ns
}

// fieldNodes are the parameters of a list one by one: "a, b int" is one
// field holding two names, broken after each name would not compile, so
// such a field counts as one element.
func fieldNodes(fs []*ast.Field) []ast.Node {
	ns := make([]ast.Node, len(fs))
	for i, f := range fs {
		ns[i] = f
	}
	return ns
}
