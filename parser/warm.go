package parser

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"
)

// warmSchemas lets a second processor build the document's schemas while
// the parser walks them. libopenapi builds a schema the first time it is
// asked for, and that building is most of what a parse does once the
// document is indexed; the parser's walk is ordered and runs on one
// goroutine. The helper takes the component schemas from the last back,
// then the operations' from the last path back, so that the two walks
// meet rather than queue on the same schemas. libopenapi builds each
// schema once, under its own lock, for whichever asks first, and the
// result does not depend on who asked.
//
// stop ends the walk and waits for it; calling it again does nothing. A
// panic in the helper is raised again by stop, on the parser's goroutine,
// whose recovery reports it as it would have reported the same panic met
// by the parser itself.
//
// With a single processor there is nothing to overlap, and stop does
// nothing.
func (p *parser) warmSchemas() (stop func()) {
	if !warmOn || runtime.GOMAXPROCS(0) < 2 || p.m == nil {
		return func() {}
	}
	var (
		done     atomic.Bool
		wg       sync.WaitGroup
		panicked any
	)
	w := &warmer{done: &done, seen: map[*yaml.Node]bool{}}
	m := p.m
	wg.Go(func() {
		defer func() { panicked = recover() }()
		if m.Components != nil {
			schemas := collect(m.Components.Schemas)
			for _, sp := range slices.Backward(schemas) {
				w.schema(sp, 0)
			}
		}
		if m.Paths != nil {
			items := collect(m.Paths.PathItems)
			for _, item := range slices.Backward(items) {
				if extBool(item.Extensions, "x-speakeasy-ignore") {
					continue
				}
				for _, op := range slices.Backward(collect(item.GetOperations())) {
					if !extBool(op.Extensions, "x-speakeasy-ignore") {
						w.operation(op)
					}
				}
			}
		}
	})
	return sync.OnceFunc(func() {
		done.Store(true)
		wg.Wait()
		if panicked != nil {
			panic(panicked)
		}
	})
}

// warmOn switches the helper on; tests compare models built with and
// without it.
var warmOn = true

// warmer is the helper's walk: each schema once, until done.
type warmer struct {
	done *atomic.Bool
	seen map[*yaml.Node]bool
}

// collect is the values of an ordered map, oldest first.
func collect[K comparable, V any](m *orderedmap.Map[K, V]) []V {
	var vs []V
	for _, v := range m.FromOldest() {
		vs = append(vs, v)
	}
	return vs
}

// operation builds the schemas of an operation's parameters, request
// body and responses.
func (w *warmer) operation(op *v3.Operation) {
	for _, prm := range op.Parameters {
		if prm != nil {
			w.schema(prm.Schema, 0)
		}
	}
	if rb := op.RequestBody; rb != nil {
		w.content(rb.Content)
	}
	if op.Responses == nil {
		return
	}
	if d := op.Responses.Default; d != nil {
		w.content(d.Content)
	}
	for _, r := range op.Responses.Codes.FromOldest() {
		if r != nil {
			w.content(r.Content)
		}
	}
}

func (w *warmer) content(c *orderedmap.Map[string, *v3.MediaType]) {
	for _, mt := range c.FromOldest() {
		if mt != nil {
			w.schema(mt.Schema, 0)
		}
	}
}

// schema builds sp's schema and the schemas it is made of, as the
// parser reads them: properties, items, additional properties and the
// allOf, oneOf and anyOf parts, but not those behind a $ref, nor deeper
// than the parser reads inline schemas.
func (w *warmer) schema(sp *base.SchemaProxy, depth int) {
	// A $ref is left to the parser, which names the referenced schema
	// rather than reading it again: asked for, it would be built a second
	// time, from the reference.
	if sp == nil || sp.IsReference() || depth > maxInlineDepth || w.done.Load() {
		return
	}
	if low := sp.GoLow(); low != nil {
		n := low.GetValueNode()
		if w.seen[n] {
			return
		}
		w.seen[n] = true
	}
	s := sp.Schema()
	if s == nil {
		return
	}
	for _, parts := range [][]*base.SchemaProxy{s.AllOf, s.OneOf, s.AnyOf} {
		for _, c := range parts {
			w.schema(c, depth+1)
		}
	}
	for _, c := range s.Properties.FromOldest() {
		w.schema(c, depth+1)
	}
	if s.Items != nil && s.Items.IsA() {
		w.schema(s.Items.A, depth+1)
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.IsA() {
		w.schema(s.AdditionalProperties.A, depth+1)
	}
}
