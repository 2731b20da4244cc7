package parser

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/index"

	"github.com/sdkgen/sdkgen/model"
)

// located is what every low-level libopenapi model offers.
type located interface {
	GetIndex() *index.SpecIndex
	GetRootNode() *yaml.Node
}

// displayFile turns the absolute path libopenapi reports into the path a
// user should see: the root spec as it was given, other files relative to
// the working directory.
func (p *parser) displayFile(abs string) string {
	if abs == "" || abs == p.rootAbs {
		return p.rootPath
	}
	if wd, err := filepath.Abs("."); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return abs
}

// posAt gives the position of node n in the file idx describes.
func (p *parser) posAt(idx *index.SpecIndex, n *yaml.Node, ptr string) model.Pos {
	pos := model.Pos{File: p.rootPath, Pointer: ptr}
	if idx != nil {
		pos.File = p.displayFile(idx.GetSpecAbsolutePath())
	}
	if n != nil && n.Line > 0 {
		pos.Line, pos.Col = n.Line, n.Column
		if pos.File == p.rootPath {
			pos = p.rootPos(pos)
		}
	} else if pos.File == p.rootPath {
		return p.ptrPos(ptr)
	} else {
		pos.Line, pos.Col = 1, 1
	}
	return pos
}

// posOf gives the position of a low-level object.
func (p *parser) posOf(l located, ptr string) model.Pos {
	if l == nil {
		return p.ptrPos(ptr)
	}
	return p.posAt(l.GetIndex(), l.GetRootNode(), ptr)
}

// ptrPos places a finding that has no node at hand: at what ptr points to
// in the root file, or failing that at the file's first line, so every
// diagnostic that names a file has a line.
func (p *parser) ptrPos(ptr string) model.Pos {
	pos := model.Pos{File: p.rootPath, Pointer: ptr, Line: 1, Col: 1}
	if p.doc == nil {
		return pos
	}
	if n := nodeAtPointer(p.doc.GetSpecInfo().RootNode, ptr); n != nil && n.Line > 0 {
		pos.Line, pos.Col = n.Line, max(n.Column, 1)
		return p.rootPos(pos)
	}
	pos.Pointer = p.rootPointer(ptr)
	return pos
}

// nodePos finds which file a node came from; used for errors, where no
// low-level object is at hand.
func (p *parser) nodePos(n *yaml.Node, ptr string) model.Pos {
	if n == nil || n.Line < 1 {
		return p.ptrPos(ptr)
	}
	pos := model.Pos{File: p.rootPath, Pointer: ptr}
	pos.Line, pos.Col = n.Line, n.Column
	if p.doc != nil {
		if r := p.doc.GetRolodex(); r != nil {
			if o := r.FindNodeOrigin(n); o != nil {
				pos.File = p.displayFile(o.AbsoluteLocation)
				if o.Line > 0 {
					pos.Line, pos.Col = o.Line, o.Column
				}
			}
		}
	}
	if pos.File == p.rootPath {
		pos = p.rootPos(pos)
	}
	return pos
}

// pointer joins segments into a JSON pointer, escaping ~ and /.
func pointer(segs ...string) string {
	var b strings.Builder
	b.WriteString("#")
	for _, s := range segs {
		b.WriteString("/")
		b.WriteString(ptrEscaper.Replace(s))
	}
	return b.String()
}

var ptrEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// nodeAtPointer follows a JSON pointer ("#/paths/~1a/get") from root and
// returns the node there, or the deepest node on the way when the rest is
// missing; nil when root is nil.
func nodeAtPointer(root *yaml.Node, ptr string) *yaml.Node {
	n := root
	for n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n == nil {
		return nil
	}
	rest, ok := strings.CutPrefix(ptr, "#/")
	if !ok || rest == "" {
		return n
	}
	for _, seg := range strings.Split(rest, "/") {
		seg = ptrUnescaper.Replace(seg)
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					next = n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

var ptrUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// pointerAt returns the JSON pointer of the node that starts at line and
// col in root (a key names the value it holds), or "" when none does.
func pointerAt(root *yaml.Node, line, col int) string {
	return pointerWhere(root, func(n *yaml.Node) bool { return n.Line == line && n.Column == col })
}

// pointerTo finds the JSON pointer of node target inside root, matching by
// identity or, failing that, a scalar at the same position.
func pointerTo(root, target *yaml.Node) string {
	if target == nil {
		return ""
	}
	return pointerWhere(root, func(n *yaml.Node) bool {
		return n == target || n.Kind == yaml.ScalarNode && n.Line == target.Line && n.Column == target.Column
	})
}

// pointerWhere walks root depth-first and returns the JSON pointer of the
// first node match accepts; a matching key stands for its entry.
func pointerWhere(root *yaml.Node, match func(*yaml.Node) bool) string {
	var segs []string
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if match(n) {
			return true
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if walk(c) {
					return true
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				segs = append(segs, k.Value)
				if match(k) || walk(v) {
					return true
				}
				segs = segs[:len(segs)-1]
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				segs = append(segs, strconv.Itoa(i))
				if walk(c) {
					return true
				}
				segs = segs[:len(segs)-1]
			}
		}
		return false
	}
	if root == nil || !walk(root) {
		return ""
	}
	return pointer(segs...)
}
