package parser

import (
	"path/filepath"
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
	if n != nil {
		pos.Line, pos.Col = n.Line, n.Column
		if pos.File == p.rootPath {
			pos.Col = p.cols.fix(pos.Line, pos.Col)
		}
	}
	return pos
}

// posOf gives the position of a low-level object.
func (p *parser) posOf(l located, ptr string) model.Pos {
	if l == nil {
		return model.Pos{File: p.rootPath, Pointer: ptr}
	}
	return p.posAt(l.GetIndex(), l.GetRootNode(), ptr)
}

// nodePos finds which file a node came from; used for errors, where no
// low-level object is at hand.
func (p *parser) nodePos(n *yaml.Node, ptr string) model.Pos {
	pos := model.Pos{File: p.rootPath, Pointer: ptr}
	if n == nil {
		return pos
	}
	pos.Line, pos.Col = n.Line, n.Column
	if p.doc != nil {
		if r := p.doc.GetRolodex(); r != nil {
			if o := r.FindNodeOrigin(n); o != nil {
				pos.File = p.displayFile(o.AbsoluteLocation)
				if o.Line > 0 {
					pos.Line, pos.Col = o.Line, o.Column
				}
				if pos.File == p.rootPath {
					pos.Col = p.cols.fix(pos.Line, pos.Col)
				}
			}
		}
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
