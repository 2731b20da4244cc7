package parser

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	highoverlay "github.com/pb33f/libopenapi/datamodel/high/overlay"
	"github.com/pb33f/libopenapi/overlay"

	"github.com/sdkgen/sdkgen/model"
)

// Overlays (OpenAPI Overlay 1.x documents) are applied to the root
// document's text before anything else reads it, one after another in the
// order given, by libopenapi's overlay engine. The engine writes the result
// as new YAML text, so every line and column libopenapi reports afterwards
// counts lines of that text; overlaid ties each node of it back to the
// node of the file as written:
//
//   - a node that was there before (same place in the tree: same key path,
//     and for list items the same kind and first key or value, in order)
//     keeps its own position;
//   - a node an overlay added, or whose kind an update changed, gets the
//     position of its nearest enclosing node that was there before (an
//     added operation points at its path item; a property added to a
//     schema, at the schema).
//
// JSON pointers stay those of the overlaid document: for a place that
// exists in the file as written they are the same, and for an added one
// they name where the overlay put it.
type overlaid struct {
	spots []spot // sorted by position in the overlaid text
}

// applyOverlays reads every overlay named in the config and applies them to
// b in order. It returns the overlaid text, or nil when an overlay could
// not be read or applied (with an error diagnostic naming the overlay
// file). An action whose target matches nothing is a warning at that
// action's target.
func (p *parser) applyOverlays(b []byte) []byte {
	for _, path := range p.cfg.Overlays {
		data, err := os.ReadFile(path)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			p.errorf(model.Pos{File: path}, "overlay", "cannot read overlay: %v", err)
			return nil
		}
		ov, ok := p.readOverlay(path, data)
		if !ok {
			return nil
		}
		res, err := overlay.Apply(b, ov)
		if err != nil {
			p.overlayError(path, err)
			return nil
		}
		for _, w := range res.Warnings {
			p.warnf(actionPos(path, w.Action), "overlay-no-match", "overlay action with target %q: %s; nothing changed", w.Target, w.Message)
		}
		b = res.Bytes
	}
	var before, after yaml.Node
	if yaml.Unmarshal(p.text, &before) != nil || yaml.Unmarshal(b, &after) != nil {
		// libopenapi read both texts, so this does not happen; without
		// the trees, positions stay those of the overlaid text.
		return b
	}
	p.ov = newOverlaid(&after, &before)
	return b
}

// readOverlay parses one overlay document, reporting why it is not one.
func (p *parser) readOverlay(path string, data []byte) (*highoverlay.Overlay, bool) {
	top := model.Pos{File: path, Line: 1, Col: 1}
	if pos, msg, bad := syntaxCheck(data); bad {
		pos.File = path
		p.errorf(pos, "overlay", "%s", msg)
		return nil, false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		p.errorf(top, "overlay", "not an overlay document: expected a mapping with overlay, info and actions")
		return nil, false
	}
	root := doc.Content[0]
	if ok := p.checkOverlayShape(path, root); !ok {
		return nil, false
	}
	ov, err := libopenapi.NewOverlayDocument(data)
	if err != nil {
		p.errorf(top, "overlay", "not a valid overlay: %s", cleanLibError(err))
		return nil, false
	}
	return ov, true
}

// checkOverlayShape checks what the overlay engine requires, so that each
// problem is reported where it is: the overlay version, info, and each
// action's target and kind.
func (p *parser) checkOverlayShape(path string, root *yaml.Node) bool {
	at := func(n *yaml.Node) model.Pos { return model.Pos{File: path, Line: n.Line, Col: n.Column} }
	ok := true
	bad := func(n *yaml.Node, format string, args ...any) {
		p.errorf(at(n), "overlay", format, args...)
		ok = false
	}
	version := s2get(root, "overlay")
	switch {
	case version == nil:
		bad(root, "not an overlay document: the top-level `overlay` field (the Overlay version, such as 1.0.0) is missing")
	case version.Kind != yaml.ScalarNode || !overlayVersionOK(version.Value):
		bad(version, "overlay version %q is not supported (1.x is)", version.Value)
	}
	if info := s2get(root, "info"); info == nil || info.Kind != yaml.MappingNode {
		bad(cmpNode(info, root), "the overlay needs an `info` mapping with title and version")
	} else {
		for _, k := range []string{"title", "version"} {
			if v := s2get(info, k); v == nil || v.Kind != yaml.ScalarNode || v.Value == "" {
				bad(info, "the overlay's info needs a %s", k)
			}
		}
	}
	actions := s2get(root, "actions")
	switch {
	case actions == nil:
		bad(root, "the overlay has no `actions` list")
	case actions.Kind != yaml.SequenceNode || len(actions.Content) == 0:
		bad(actions, "the overlay's actions must be a non-empty list")
	default:
		for i, a := range actions.Content {
			if a.Kind != yaml.MappingNode {
				bad(a, "action %d is not a mapping", i)
				continue
			}
			if s2get(a, "$ref") != nil {
				continue // a reusable action: the engine resolves and checks it
			}
			t := s2get(a, "target")
			if t == nil || t.Kind != yaml.ScalarNode || t.Value == "" {
				bad(a, "action %d has no target (a JSONPath expression)", i)
			}
			if r := s2get(a, "remove"); r != nil && (r.Kind != yaml.ScalarNode || (r.Value != "true" && r.Value != "false")) {
				bad(r, "action %d: remove must be true or false", i)
			}
		}
	}
	return ok
}

func overlayVersionOK(v string) bool {
	if len(v) < 3 || v[0] != '1' || v[1] != '.' {
		return false
	}
	dots := 0
	for _, r := range v[2:] {
		switch {
		case r == '.':
			dots++
		case r < '0' || r > '9':
			return false
		}
	}
	return dots <= 1 && v[len(v)-1] != '.'
}

func cmpNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}

// overlayError reports a failure of the overlay engine at the action that
// caused it.
func (p *parser) overlayError(path string, err error) {
	var oe *overlay.OverlayError
	pos := model.Pos{File: path, Line: 1, Col: 1}
	msg := err.Error()
	if errors.As(err, &oe) {
		pos = actionPos(path, oe.Action)
		msg = fmt.Sprintf("action with target %q: %v", targetOf(oe.Action), oe.Cause)
		if errors.Is(oe.Cause, overlay.ErrInvalidJSONPath) {
			msg = fmt.Sprintf("action target %q is not a valid JSONPath expression", targetOf(oe.Action))
		}
	}
	p.errorf(pos, "overlay", "%s", msg)
}

func targetOf(a *highoverlay.Action) string {
	if a == nil {
		return ""
	}
	return a.Target
}

// actionPos is where an overlay action is written: its target, else the
// action itself.
func actionPos(path string, a *highoverlay.Action) model.Pos {
	pos := model.Pos{File: path, Line: 1, Col: 1}
	if a == nil || a.GoLow() == nil {
		return pos
	}
	l := a.GoLow()
	for _, n := range []*yaml.Node{l.Target.ValueNode, l.Target.KeyNode, l.RootNode, l.KeyNode} {
		if n != nil && n.Line > 0 {
			pos.Line, pos.Col = n.Line, max(n.Column, 1)
			return pos
		}
	}
	return pos
}

// newOverlaid ties the overlaid tree after to the tree before it.
func newOverlaid(after, before *yaml.Node) *overlaid {
	o := &overlaid{}
	var walk func(a, b, from *yaml.Node)
	walk = func(a, b, from *yaml.Node) {
		if b != nil && b.Kind != a.Kind {
			b = nil // an update changed what is here
		}
		if b != nil {
			from = b
		}
		o.spots = append(o.spots, spot{a.Line, a.Column, from})
		if b == nil {
			for _, c := range a.Content {
				walk(c, nil, from)
			}
			return
		}
		switch a.Kind {
		case yaml.DocumentNode:
			for i, c := range a.Content {
				var bc *yaml.Node
				if i < len(b.Content) {
					bc = b.Content[i]
				}
				walk(c, bc, from)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(a.Content); i += 2 {
				var bk, bv *yaml.Node
				for j := 0; j+1 < len(b.Content); j += 2 {
					if b.Content[j].Value == a.Content[i].Value {
						bk, bv = b.Content[j], b.Content[j+1]
						break
					}
				}
				walk(a.Content[i], bk, from)
				walk(a.Content[i+1], bv, from)
			}
		case yaml.SequenceNode:
			// Items keep their order; removed ones leave gaps and added
			// ones have no counterpart, so each item is matched with the
			// next unused one that looks the same.
			next := 0
			for _, c := range a.Content {
				var bc *yaml.Node
				for j := next; j < len(b.Content); j++ {
					if sameItem(c, b.Content[j]) {
						bc, next = b.Content[j], j+1
						break
					}
				}
				walk(c, bc, from)
			}
		}
	}
	walk(after, before, before)
	slices.SortStableFunc(o.spots, func(x, y spot) int {
		if x.line != y.line {
			return x.line - y.line
		}
		return x.col - y.col
	})
	return o
}

// sameItem reports whether two list items are likely the same one: same
// kind, and the same value, or the same first key and (scalar) value.
func sameItem(a, b *yaml.Node) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case yaml.ScalarNode:
		return a.Value == b.Value
	case yaml.MappingNode:
		if len(a.Content) < 2 || len(b.Content) < 2 {
			return len(a.Content) == len(b.Content)
		}
		if a.Content[0].Value != b.Content[0].Value {
			return false
		}
		av, bv := a.Content[1], b.Content[1]
		return av.Kind != yaml.ScalarNode || bv.Kind != yaml.ScalarNode || av.Value == bv.Value
	}
	return true
}

// original maps a position in the overlaid text to the file as written.
func (o *overlaid) original(pos model.Pos) model.Pos {
	if pos.Line < 1 {
		return pos
	}
	i, found := slices.BinarySearchFunc(o.spots, spot{line: pos.Line, col: pos.Col}, func(s, t spot) int {
		if s.line != t.line {
			return s.line - t.line
		}
		return s.col - t.col
	})
	var n *yaml.Node
	switch {
	case found:
		n = o.spots[i].from
	case i > 0:
		n = o.spots[i-1].from
	}
	if n != nil && n.Line > 0 {
		pos.Line, pos.Col = n.Line, max(n.Column, 1)
	}
	return pos
}
