package gen

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"sort"
)

// maxLine is the longest line generated Go may have; only a string
// literal that cannot be split exceeds it.
const maxLine = 120

// wrapLong breaks every line of a formatted Go file that is longer than
// maxLine: the outermost composite literal, call, parameter list or case
// list that lies on the line gets one element per line, and the file is
// formatted again, until no such line is left or nothing more can be
// broken. Source that does not parse is returned as it is.
func wrapLong(src []byte) []byte {
	for range 16 {
		if !hasLongLine(src) {
			return src
		}
		next, ok := wrapOnce(src)
		if !ok {
			return src
		}
		src = next
	}
	return src
}

func hasLongLine(src []byte) bool {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		if lineWidth(src[:i]) > maxLine {
			return true
		}
		src = src[min(i+1, len(src)):]
	}
	return false
}

// lineWidth counts columns as an editor showing tabs four wide would.
func lineWidth(l []byte) int {
	n := 0
	for _, r := range string(l) {
		if r == '\t' {
			n += 4
		} else {
			n++
		}
	}
	return n
}

// list is a bracketed run of elements that may be broken one per line.
type list struct {
	open, close token.Pos // the brackets, or for a case list the case keyword and the colon
	elems       []ast.Node
	isCase      bool
}

// wrapOnce breaks, on each long line, the outermost list that opens and
// closes on it, preferring lists of more than one element.
func wrapOnce(src []byte) ([]byte, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
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
		cur, seen := best[line]
		switch {
		case !seen,
			len(cur.elems) == 1 && len(l.elems) > 1,
			(len(cur.elems) > 1) == (len(l.elems) > 1) && l.open < cur.open:
			best[line] = l
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			consider(list{open: n.Lbrace, close: n.Rbrace, elems: exprNodes(n.Elts)})
		case *ast.CallExpr:
			consider(list{open: n.Lparen, close: n.Rparen, elems: exprNodes(n.Args)})
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
	type insert struct {
		at   int
		text string
	}
	var ins []insert
	for _, l := range best {
		if !l.isCase {
			ins = append(ins, insert{tf.Offset(l.elems[0].Pos()), "\n"})
		}
		for _, e := range l.elems[1:] {
			ins = append(ins, insert{tf.Offset(e.Pos()), "\n"})
		}
		if !l.isCase {
			end := tf.Offset(l.elems[len(l.elems)-1].End())
			// A trailing comma may already be there (before the close).
			text := ",\n"
			if bytes.HasPrefix(bytes.TrimLeft(src[end:tf.Offset(l.close)], " "), []byte(",")) {
				text = "\n"
				end = tf.Offset(l.close)
			}
			ins = append(ins, insert{end, text})
		}
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].at > ins[j].at })
	out := append([]byte(nil), src...)
	for _, in := range ins {
		out = append(out[:in.at], append([]byte(in.text), out[in.at:]...)...)
	}
	formatted, err := format.Source(out)
	if err != nil {
		return src, false
	}
	return formatted, true
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
