package gen

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// plan is the generator's lowered view of the API: for every operation
// the methods it becomes and what each takes and returns, for every
// struct field how it holds its type. newGen builds it once, before any
// file is emitted, from the model and the naming pass's record; the
// emitters only read it (their files are rendered in parallel), so
// nothing in it changes afterwards and no emitter decides these things
// again.
type plan struct {
	ops    map[*model.Operation]*opPlan
	shapes map[fieldKey]shape
	// streams reports whether some method returns a stream of events, so
	// the Stream aliases are declared.
	streams bool
	// twins maps each enum, struct and union declared as an alias to the
	// type it is the same as (see twins).
	twins map[*model.Type]*model.Type
}

// opPlan is what one operation becomes.
type opPlan struct {
	// methods are the operation's methods: one per request media type,
	// the first (JSON when offered) under the operation's name, then one
	// per media type the first success response offers beside JSON.
	methods []methodVariant
	// resultBodies and resultHeaders are the fields of the OpResult: the
	// 2xx responses with a body and the typed response headers. Both are
	// empty when the operation has no OpResult.
	resultBodies  []*model.Response
	resultHeaders []*model.Header
	// pathParams are the method's path arguments, in path order;
	// requestParams the query, header and cookie parameters its request
	// struct holds.
	pathParams    []*model.Param
	requestParams []*model.Param
	// security are the requirement alternatives the operation is called
	// with: its own, else the document's.
	security []model.SecurityRequirement
	// errorBodies are the error responses whose JSON body has a schema:
	// APIError unwraps to ErrorBody[T] for their statuses.
	errorBodies []*model.Response
	// pages is the paging its iterating method drives; nil when it has
	// none (no pagination, or a result that is not a page of JSON).
	pages *model.Pagination
}

// methodVariant is one generated method of an operation.
type methodVariant struct {
	name     string
	request  string         // the request struct, "" when there is none
	body     *model.Content // nil: no body
	download *model.Content // non-nil: ask for this media type and stream it
	result   result         // what the method returns
}

// fieldKey is a struct field as its parent holds it: the shape of a field
// depends on the type that contains it.
type fieldKey struct {
	parent *model.Type
	field  *model.Field
}

// newGen prepares a generation of api: the plan is built here, once.
func newGen(api *model.API, cfg Config, core string) *gen {
	g := &gen{api: api, cfg: cfg, core: core, jsonTexts: &textCache{m: map[*model.Type]string{}}, jsonMemo: newJSONMemo()}
	g.plan = g.buildPlan()
	return g
}

// buildPlan lowers the model. The result types it holds are written as
// the SDK package names them (unqualified), and are shared: an emitter
// clones one before extending it.
func (g *gen) buildPlan() *plan {
	p := &plan{ops: map[*model.Operation]*opPlan{}, shapes: map[fieldKey]shape{}}
	for _, o := range g.api.Operations() {
		op := &opPlan{pathParams: o.PathParams(), security: o.Security}
		if !o.HasOwnSecurity {
			op.security = g.api.Security
		}
		for _, prm := range o.Params {
			if prm.InRequest() {
				op.requestParams = append(op.requestParams, prm)
			}
		}
		if o.ResultName != "" {
			op.resultBodies, op.resultHeaders = o.SuccessBodies(), o.ResultHeaders
			for _, r := range o.ReturnedResponses() {
				if len(r.Contents) > 0 {
					op.resultBodies = append(op.resultBodies, r) // a status returned, not an error
				}
			}
		}
		res := g.resultOf(o)
		for _, m := range o.Methods() {
			v := methodVariant{name: m.Name, request: m.Request, body: m.Body, result: res}
			if c := m.Download; c != nil {
				v.download = c
				v.result = result{typ: jen.Qual("io", "ReadCloser"), stream: true}
				if model.StreamFormat(c.MediaType) != "" {
					v.result = g.eventsResult(c)
				}
			}
			op.methods = append(op.methods, v)
		}
		for _, r := range o.Responses {
			if r.IsSuccess() || strings.HasPrefix(r.Status, "2") || len(r.Contents) == 0 {
				continue
			}
			if o.ResultName != "" && !strings.HasSuffix(r.Status, "XX") && slices.Contains(o.ReturnedResponses(), r) {
				continue // returned in the result, never an error (a class may still hold errors)
			}
			c := r.Contents[0]
			if c.Kind == model.ContentJSON && c.Type != nil && c.Type.Kind != model.KindAny && c.Type.Kind != model.KindRaw {
				op.errorBodies = append(op.errorBodies, r)
			}
		}
		if pg := o.Pagination; pg != nil && pg.MethodName != "" && res.typ != nil && !res.stream && res.events == nil {
			op.pages = pg
		}
		p.streams = p.streams || o.Streams()
		p.ops[o] = op
	}
	seen := map[*model.Type]bool{}
	var walk func(t *model.Type)
	walk = func(t *model.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		for _, f := range t.Fields {
			p.shapes[fieldKey{t, f}] = fieldShape(t, f)
			walk(f.Type)
		}
		walk(t.Additional)
		walk(t.Elem)
		walk(t.EnumBase)
		for _, v := range t.Variants {
			walk(v.Type)
		}
	}
	for _, t := range g.api.Types {
		walk(t)
	}
	for _, gl := range g.api.Globals {
		walk(gl.Type)
	}
	for _, w := range g.api.Webhooks {
		walk(w.Payload)
	}
	for _, o := range g.api.Operations() {
		for _, prm := range o.Params {
			walk(prm.Type)
		}
		if o.Body != nil {
			for _, c := range o.Body.Contents {
				walk(c.Type)
			}
		}
		for _, r := range o.Responses {
			for _, c := range r.Contents {
				walk(c.Type)
			}
			for _, h := range r.Headers {
				walk(h.Type)
			}
		}
	}
	p.twins = g.twins(p)
	return p
}

// op is the plan of an operation.
func (g *gen) op(o *model.Operation) *opPlan { return g.plan.ops[o] }

// shapeOf is how f holds its type in parent, as planned. A field the plan
// did not reach (none should exist) gets its shape computed on the spot,
// and nothing is stored.
func (g *gen) shapeOf(parent *model.Type, f *model.Field) shape {
	if sh, ok := g.plan.shapes[fieldKey{parent, f}]; ok {
		return sh
	}
	return fieldShape(parent, f)
}
