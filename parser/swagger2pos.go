package parser

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"

	"github.com/sdkgen/sdkgen/model"
)

// Positions for Swagger 2.0 input. libopenapi reads the converted text, so
// every line, column and JSON pointer it and the walk produce are in that
// text. index ties each node libopenapi parsed to the 2.0 node it came
// from; rootPos and rootPointer turn positions back, where the parser
// makes them.

// spot is where a node of the converted text starts, and the 2.0 node
// that stands behind it.
type spot struct {
	line, col int
	from      *yaml.Node
}

// index walks the converted tree and the tree libopenapi parsed from its
// text side by side (they have the same shape) and records, for each
// parsed node, its position and pointer and the 2.0 node behind it. A node
// made without a 2.0 counterpart inherits its parent's.
func (c *swagger2) index(built, parsed *yaml.Node) {
	c.byPtr = map[string]*yaml.Node{}
	var walk func(a, b, from *yaml.Node, ptr string)
	walk = func(a, b, from *yaml.Node, ptr string) {
		if f := c.from[a]; f != nil {
			from = f
		}
		c.spots = append(c.spots, spot{b.Line, b.Column, from})
		if ptr != "" {
			if _, ok := c.byPtr[ptr]; !ok {
				c.byPtr[ptr] = from
			}
		}
		if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
			return
		}
		switch b.Kind {
		case yaml.DocumentNode:
			for i := range b.Content {
				walk(a.Content[i], b.Content[i], from, "#")
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(b.Content); i += 2 {
				walk(a.Content[i], b.Content[i], from, "")
				walk(a.Content[i+1], b.Content[i+1], from, ptr+"/"+ptrEscaper.Replace(b.Content[i].Value))
			}
		case yaml.SequenceNode:
			for i := range b.Content {
				walk(a.Content[i], b.Content[i], from, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	if built != nil && parsed != nil {
		walk(built, parsed, c.root, "")
	}
	// A mapping starts where its first key does; the mapping, met first,
	// stays first, so a position names the object rather than its key.
	slices.SortStableFunc(c.spots, func(x, y spot) int {
		if x.line != y.line {
			return x.line - y.line
		}
		return x.col - y.col
	})
	c.from = nil // only the parsed tree is asked about from now on
}

// at returns the 2.0 node behind the converted text at line and col: the
// node that starts there, else the last one starting before.
func (c *swagger2) at(line, col int) *yaml.Node {
	i, found := slices.BinarySearchFunc(c.spots, spot{line: line, col: col}, func(s, t spot) int {
		if s.line != t.line {
			return s.line - t.line
		}
		return s.col - t.col
	})
	switch {
	case found:
		return c.spots[i].from
	case i > 0:
		return c.spots[i-1].from
	}
	return nil
}

// pointer turns a JSON pointer into the converted document into one into
// the 2.0 document: that of the node it came from, or for a place the
// converted document lacks, that of its nearest existing parent with the
// rest appended.
func (c *swagger2) pointer(ptr string) string {
	if ptr == "" {
		return ""
	}
	rest := ""
	for p := ptr; ; {
		if n, ok := c.byPtr[p]; ok {
			if orig, ok := c.ptrs[n]; ok {
				return orig + rest
			}
			return ptr
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return ptr
		}
		rest, p = p[i:]+rest, p[:i]
	}
}

// original maps a position in the converted text to the 2.0 file.
func (c *swagger2) original(pos model.Pos) model.Pos {
	pos.Pointer = c.pointer(pos.Pointer)
	if pos.Line > 0 {
		if n := c.at(pos.Line, pos.Col); n != nil && n.Line > 0 {
			pos.Line, pos.Col = n.Line, n.Column
		}
	}
	return pos
}

// pos gives the position of a node of the 2.0 document.
func (c *swagger2) pos(n *yaml.Node) model.Pos {
	pos := model.Pos{File: c.p.rootPath, Line: 1, Col: 1, Pointer: "#"}
	if n == nil {
		return pos
	}
	if n.Line > 0 {
		pos.Line, pos.Col = n.Line, max(n.Column, 1)
		if c.p.ov != nil {
			pos = c.p.ov.original(pos)
		}
		pos.Col = c.p.cols.fix(pos.Line, pos.Col)
	}
	if ptr, ok := c.ptrs[n]; ok {
		pos.Pointer = ptr
	}
	return pos
}

// rootPos finishes a position in the root document as libopenapi read it:
// for Swagger 2.0 input it is moved back into the 2.0 file, and columns in
// JSON are counted as written.
func (p *parser) rootPos(pos model.Pos) model.Pos {
	if p.s2 != nil {
		pos = p.s2.original(pos)
	}
	if p.ov != nil {
		pos = p.ov.original(pos)
	}
	pos.Col = p.cols.fix(pos.Line, pos.Col)
	return pos
}

// rootPointer moves a JSON pointer into the document libopenapi read into
// the file as written (they differ for Swagger 2.0 input).
func (p *parser) rootPointer(ptr string) string {
	if p.s2 != nil {
		return p.s2.pointer(ptr)
	}
	return ptr
}

// writtenRef gives the $ref text as the 2.0 document wrote it, for the
// converted $ref value n, and msg with the converted text replaced.
func (p *parser) writtenRef(n *yaml.Node, ref, msg string) (string, string) {
	if p.s2 == nil || n == nil || n.Line < 1 {
		return ref, msg
	}
	orig := p.s2.at(n.Line, n.Column)
	// libopenapi names the $ref's value, its key or its mapping.
	if n.Kind == yaml.MappingNode {
		n = s2get(n, "$ref")
	}
	if orig != nil && orig.Kind == yaml.MappingNode {
		orig = s2get(orig, "$ref")
	}
	if n == nil || orig == nil || n.Kind != yaml.ScalarNode || orig.Kind != yaml.ScalarNode || n.Value == "$ref" ||
		orig.Value == n.Value || n.Value == "" {
		return ref, msg
	}
	if ref == n.Value {
		ref = orig.Value
	}
	return ref, strings.ReplaceAll(msg, n.Value, orig.Value)
}

var msgLineRE = regexp.MustCompile(`(line )(\d+)(, col(?:umn)? )(\d+)`)

// fixMessages rewrites the positions libopenapi wrote into message texts
// ("… at line 12, column 7") for Swagger 2.0 input and overlaid documents,
// where they count lines of the converted or overlaid text.
func (p *parser) fixMessages() {
	if p.s2 == nil && p.ov == nil {
		return
	}
	for i, d := range p.diags {
		if d.Pos.File != p.rootPath || !strings.Contains(d.Message, "line ") {
			continue
		}
		p.diags[i].Message = msgLineRE.ReplaceAllStringFunc(d.Message, func(s string) string {
			m := msgLineRE.FindStringSubmatch(s)
			line, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[4])
			pos := p.rootPos(model.Pos{Line: line, Col: col})
			return m[1] + strconv.Itoa(pos.Line) + m[3] + strconv.Itoa(pos.Col)
		})
	}
}
