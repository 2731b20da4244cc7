package gen

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
	"github.com/sdkgen/sdkgen/model"
)

// expr is a sample value as Go source, a tree that both jennifer (code)
// and the conformance tests' own layout (callLayout) write: an atom, a
// type, a key: value pair, or a head followed by a list, a call's
// arguments or a composite literal's elements.
type expr struct {
	atom  string      // an atom: a literal, an identifier, or a type's text naming no package
	pkg   string      // with atom: the import path of the package atom is a member of
	sdk   bool        // with atom: an identifier of the SDK's package
	typ   *model.Type // a type, as typ writes it
	key   string      // a pair: the key's source, and its value
	val   *expr
	head  *expr // a list: what it follows, its bracket, '(' or '{', and its elements
	open  byte
	elems []*expr

	// multi writes the list an element a line, whatever its length.
	multi bool

	// Set by callLayout: whether the list is broken an element a line,
	// and where the node, its list's brackets, were last written.
	broken     bool
	start, end int
	lb, rb     int
}

// lit is the literal v (a bool, string, int or float64) as jennifer
// writes it.
func lit(v any) *expr {
	switch v := v.(type) {
	case string:
		return &expr{atom: strconv.Quote(v)}
	case int:
		return &expr{atom: strconv.Itoa(v)}
	case bool:
		return &expr{atom: strconv.FormatBool(v)}
	case float64:
		// As jennifer writes it: %#v, with ".0" where it would read as an
		// integer.
		s := fmt.Sprintf("%#v", v)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		return &expr{atom: s}
	}
	return &expr{atom: fmt.Sprintf("%#v", v)}
}

// ident is a local or predeclared identifier, or a type's text that
// names no package.
func ident(s string) *expr { return &expr{atom: s} }

// sdkIdent is an identifier declared by the SDK's package.
func sdkIdent(s string) *expr { return &expr{atom: s, sdk: true} }

// qual is the member name of the package with import path pkg.
func qual(pkg, name string) *expr { return &expr{atom: name, pkg: pkg} }

// typeOf is the type t as typ writes it.
func typeOf(t *model.Type) *expr { return &expr{typ: t} }

// callOf is head(args...).
func callOf(head *expr, args ...*expr) *expr { return &expr{head: head, open: '(', elems: args} }

// composite is head{elems...}.
func composite(head *expr, elems ...*expr) *expr { return &expr{head: head, open: '{', elems: elems} }

// pair is key: v, an element of a keyed literal.
func pair(key string, v *expr) *expr { return &expr{key: key, val: v} }

// clone is a copy of e sharing none of its nodes, so a layout may break
// its lists apart from e's.
func (e *expr) clone() *expr {
	c := *e
	if e.val != nil {
		c.val = e.val.clone()
	}
	if e.head != nil {
		c.head = e.head.clone()
	}
	c.elems = make([]*expr, len(e.elems))
	for i, x := range e.elems {
		c.elems[i] = x.clone()
	}
	return &c
}

// code is e for jennifer.
func (g *gen) code(e *expr) *jen.Statement {
	switch {
	case e.val != nil:
		return jen.Id(e.key).Op(":").Add(g.code(e.val))
	case e.head != nil:
		elems := make([]jen.Code, len(e.elems))
		for i, x := range e.elems {
			elems[i] = g.code(x)
		}
		switch {
		case e.multi:
			open, closing := "{", "}"
			if e.open == '(' {
				open, closing = "(", ")"
			}
			return g.code(e.head).Custom(jen.Options{Open: open, Close: closing, Separator: ",", Multi: true}, elems...)
		case e.open == '(':
			return g.code(e.head).Call(elems...)
		}
		return g.code(e.head).Values(elems...)
	case e.typ != nil:
		return g.typ(e.typ)
	case e.pkg != "":
		return jen.Qual(e.pkg, e.atom)
	case e.sdk:
		return g.id(e.atom)
	}
	return jen.Id(e.atom)
}

// isString reports whether e is a string literal.
func (e *expr) isString() bool { return e.atom != "" && e.atom[0] == '"' }

// callLayout lays out a statement of sample values as jennifer, gofmt and
// wrapLong's rounds leave it, without formatting: the rounds are run on
// the tree, each breaking on every line longer than maxLine the list
// wrapOnce would break (and the lists its look-ahead breaks), and the
// statement is written as gofmt writes it, aligning the values of keyed
// elements. It serves statements of calls and composite literals of
// atoms, whose only lists are the ones in the tree. The layout marks the
// tree's lists broken and notes where it wrote each node.
type callLayout struct {
	g         *gen
	src       *source // the packages the statements name
	sdkPkg    string  // the SDK's package name, when the statements are in another package
	exhausted bool    // see layout
	b         []byte
	lists     []*expr // the lists written, in the order they open
	starts    []int   // where each line of b starts
}

// layout writes lead, e and tail, lines at depth tabs of indentation:
// lead holds no list, and tail none before its first newline, which ends
// e's last line.
// It records whether the rounds ran out with a line still to break.
func (l *callLayout) layout(depth int, lead string, e *expr, tail string) string {
	lead = strings.Repeat("\t", depth) + lead
	// What tail has before its first newline ends the statement's line.
	trail, rest, more := strings.Cut(tail, "\n")
	l.write(lead, e, depth, trail)
	l.exhausted = true
	for range maxRounds {
		if !hasLongLine(l.b) || !l.round() {
			l.exhausted = false
			break
		}
		l.write(lead, e, depth, trail)
	}
	l.exhausted = l.exhausted && hasLongLine(l.b)
	if more {
		return string(l.b) + "\n" + rest
	}
	return string(l.b)
}

// statement is the statement e laid out in a function body, at depth
// tabs, without the indentation of its first line; ok is false when the
// rounds ran out, and the function's own rounds would go on breaking it.
func (g *gen) statement(m *mixed, depth int, e *expr) (text string, ok bool) {
	l := callLayout{g: g, src: m.src}
	text = l.layout(depth, "", e, "")
	return text[depth:], !l.exhausted
}

// write lays the statement out with the lists broken so far.
func (l *callLayout) write(lead string, e *expr, depth int, trail string) {
	l.b = append(l.b[:0], lead...)
	l.lists = l.lists[:0]
	l.expr(e, depth)
	l.b = append(l.b, trail...)
}

// round marks broken the lists wrapOnce would break on the long lines
// of b, and reports whether it found any.
func (l *callLayout) round() bool {
	l.starts = append(l.starts[:0], 0)
	for i, c := range l.b {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	line := func(off int) int {
		i, found := slices.BinarySearch(l.starts, off)
		if !found {
			i--
		}
		return i
	}
	width := make([]int, len(l.starts))
	for n, start := range l.starts {
		end := len(l.b)
		if n+1 < len(l.starts) {
			end = l.starts[n+1] - 1
		}
		width[n] = lineWidth(l.b[start:end])
	}
	var onLong []*expr // in the order they open
	best := map[int]*expr{}
	for _, e := range l.lists {
		n := line(e.lb)
		if len(e.elems) == 0 || width[n] <= maxLine || line(e.rb) != n {
			continue
		}
		if len(e.elems) == 1 && e.elems[0].isString() {
			continue // nothing gained: the literal stays as long
		}
		onLong = append(onLong, e)
		if cur, seen := best[n]; !seen || betterList(e, cur) {
			best[n] = e
		}
	}
	if len(best) == 0 {
		return false
	}
	type breaking struct {
		e      *expr
		indent int
	}
	var chosen []breaking
	for n, e := range best {
		tabs := 0
		for l.b[l.starts[n]+tabs] == '\t' {
			tabs++
		}
		chosen = append(chosen, breaking{e, 4 * tabs})
	}
	// Look-ahead, as in wrapOnce: an element too long for a line of its
	// own has its own best list broken now.
	for i := 0; i < len(chosen); i++ {
		c := chosen[i]
		for _, x := range c.e.elems {
			if c.indent+4+lineWidth(l.b[x.start:x.end])+1 <= maxLine {
				continue
			}
			var in *expr
			for _, e := range onLong {
				if e.lb >= x.start && e.rb < x.end && (in == nil || betterList(e, in)) {
					in = e
				}
			}
			if in != nil {
				chosen = append(chosen, breaking{in, c.indent + 4})
			}
		}
	}
	for _, c := range chosen {
		c.e.broken = true
	}
	return true
}

// betterList is better for lists written on one line.
func betterList(e, cur *expr) bool {
	multi, curMulti := len(e.elems) > 1, len(cur.elems) > 1
	return multi && !curMulti || multi == curMulti && e.lb < cur.lb
}

// multiLine reports whether e spans lines: a list in it is broken, or
// an atom holds lines (text laid out already).
func (e *expr) multiLine() bool {
	if e.broken || e.multi || strings.IndexByte(e.atom, '\n') >= 0 {
		return true
	}
	if e.val != nil {
		return e.val.multiLine()
	}
	for _, x := range e.elems {
		if x.multiLine() {
			return true
		}
	}
	return false
}

// expr writes e on a line indented depth tabs: a broken list has an
// element a line, one tab deeper, and keyed elements align as gofmt
// aligns them (pairPads).
func (l *callLayout) expr(e *expr, depth int) {
	e.start = len(l.b)
	defer func() { e.end = len(l.b) }()
	switch {
	case e.val != nil:
		l.b = append(append(l.b, e.key...), ": "...)
		l.expr(e.val, depth)
		return
	case e.head == nil:
		if e.typ != nil {
			l.b = append(l.b, l.typeText(e.typ)...)
			return
		}
		switch {
		case e.pkg != "":
			l.src.use(e.pkg)
			l.b = append(append(l.b, path.Base(e.pkg)...), '.')
		case e.sdk && l.sdkPkg != "":
			l.b = append(append(l.b, l.sdkPkg...), '.')
		}
		l.b = append(l.b, e.atom...)
		return
	}
	l.expr(e.head, depth)
	l.lists = append(l.lists, e)
	e.lb = len(l.b)
	l.b = append(l.b, e.open)
	if !e.broken && !e.multi {
		for i, x := range e.elems {
			if i > 0 {
				l.b = append(l.b, ", "...)
			}
			l.expr(x, depth)
		}
	} else {
		var pads []int
		if len(e.elems) > 1 && e.elems[0].val != nil {
			keys := make([]string, len(e.elems))
			multi := make([]bool, len(e.elems))
			for i, x := range e.elems {
				keys[i], multi[i] = x.key, x.multiLine()
			}
			pads = pairPads(keys, multi)
		}
		l.b = append(l.b, '\n')
		for i, x := range e.elems {
			l.b = appendRepeat(l.b, '\t', depth+1)
			if pads != nil {
				x.start = len(l.b)
				l.b = append(append(l.b, x.key...), ':')
				l.b = appendRepeat(l.b, ' ', pads[i])
				l.expr(x.val, depth+1)
				x.end = len(l.b)
			} else {
				l.expr(x, depth+1)
			}
			l.b = append(l.b, ",\n"...)
		}
		l.b = appendRepeat(l.b, '\t', depth)
	}
	e.rb = len(l.b)
	if e.open == '(' {
		l.b = append(l.b, ')')
	} else {
		l.b = append(l.b, '}')
	}
}

// typeText is t as typ writes it, the SDK's types qualified by its
// package's name when the statements are in another package.
func (l *callLayout) typeText(t *model.Type) string {
	if l.sdkPkg == "" {
		return l.g.typeSource(l.src, t)
	}
	switch {
	case t == nil:
		return "any"
	case t.GoName != "":
		return l.sdkPkg + "." + t.GoName
	case t.GoType != "":
	case t.Kind == model.KindArray:
		return "[]" + l.typeText(t.Elem)
	case t.Kind == model.KindMap:
		return "map[string]" + l.typeText(t.Elem)
	case t.Kind == model.KindBinary, t.Kind == model.KindDate:
		return l.sdkPkg + "." + l.g.typeExprSource(l.src, t)
	}
	return l.g.typeExprSource(l.src, t)
}

// appendRepeat appends n copies of c to b.
func appendRepeat(b []byte, c byte, n int) []byte {
	for range n {
		b = append(b, c)
	}
	return b
}

// pairPads is how many spaces gofmt writes after the colon of each pair
// of a composite literal broken a pair a line, given their keys and
// whether each pair spans lines. Consecutive pairs align their values
// unless go/printer's rule breaks the section: for keys longer than 40
// bytes, a key 2.5 times longer or shorter than the geometric mean of
// the keys in the section so far starts a new one. A pair spanning lines
// is never aligned, and ends its section.
func pairPads(keys []string, multi []bool) []int {
	pads := make([]int, len(keys))
	start, width := 0, 0 // the section's first pair and its widest key
	end := func(i int) {
		for j := start; j < i; j++ {
			if !multi[j] {
				pads[j] = width - utf8.RuneCountInString(keys[j]) + 1
			}
		}
		start, width = i, 0
	}
	lnsum, count, prevSize := 0.0, 0, 0
	for i, k := range keys {
		pads[i] = 1
		size := 0
		if !multi[i] {
			size = len(k)
		}
		useFF := true
		if i > 0 && prevSize > 0 && size > 0 {
			if count == 0 || prevSize <= 40 && size <= 40 {
				useFF = false
			} else {
				ratio := float64(size) / math.Exp(lnsum/float64(count))
				useFF = 2.5*ratio <= 1 || 2.5 <= ratio
			}
		}
		if useFF {
			end(i)
			lnsum, count = 0, 0
		}
		if size > 0 {
			width = max(width, utf8.RuneCountInString(k))
			lnsum += math.Log(float64(size))
			count++
		}
		prevSize = size
	}
	end(len(keys))
	return pads
}
