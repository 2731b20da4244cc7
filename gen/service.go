package gen

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// emitService writes one service: its type, its operation table and a
// method and request struct per operation.
func (g *gen) emitService(s *model.Service, m *mixed) {
	if s.GoName != "" {
		d := &doc{}
		d.text(s.TypeName + " groups the " + s.Tag + " operations. Reach it through Client." + s.GoName + ".")
		d.add(s.Doc)
		m.structDecl(d.lines(), s.TypeName, []declField{{name: "client", typ: jen.Op("*").Id("Client"), text: "*Client"}})
	}
	for _, o := range s.Operations {
		g.emitOperation(m, s, o)
	}
}

// serviceSource is s's file, its declarations laid out directly where the
// emitter can (see mixed).
func (g *gen) serviceSource(s *model.Service) ([]byte, error) {
	m := g.newMixed(true)
	g.emitService(s, m)
	b, err := m.bytes()
	if err != errMixed {
		return b, err
	}
	m = g.newMixed(false)
	g.emitService(s, m)
	return m.bytes()
}

// emitOperation writes the table entry, the request struct and the method.
func (g *gen) emitOperation(m *mixed, s *model.Service, o *model.Operation) {
	f := m.f
	if text, ok := g.opTableText(m, o); ok {
		m.decl(nil, "var "+o.VarName+" = &core.Operation"+text)
	} else {
		f.Var().Id(o.VarName).Op("=").Op("&").Qual(g.core, "Operation").Values(g.opTable(o)...)
		f.Line()
	}
	op := g.op(o)
	if o.ResultName != "" {
		g.emitResult(m, o)
	}
	g.emitEvents(f, o)
	for _, v := range op.methods {
		if v.request != "" && v.download == nil { // a download method shares its request type
			g.emitRequest(m, o, v)
		}
		g.emitMethod(m, s, o, v)
	}
	if op.pages != nil {
		g.emitAll(m, s, o, op.methods[0])
	}
}

// emitResult writes OpResult for an operation with several success bodies
// or typed response headers, and the DecodeResponse the runtime calls.
//
//	type ListItemsResult struct {
//		StatusCode int
//		Header http.Header
//		OK *ItemPage
//		Created *Item
//		XRateLimitRemaining *int64
//	}
func (g *gen) emitResult(m *mixed, o *model.Operation) {
	op := g.op(o)
	fields := []declField{{doc: proseLines("StatusCode is the status the server answered with."), name: "StatusCode", typ: jen.Int(), text: "int"}}
	var cases []jen.Code
	var casesText strings.Builder
	for _, r := range op.resultBodies {
		c := r.Contents[0]
		typ, decode := g.resultBody(m, c, r.GoName)
		d := &doc{}
		d.text(r.GoName + " is the body of a " + r.Status + " response (" + c.MediaType + "); nil for other statuses.")
		d.add(r.Doc)
		fields = append(fields, declField{doc: d.lines(), name: r.GoName, typ: typ, text: g.resultBodyText(m.src, c)})
		var match jen.Code = jen.Id("status").Op("==").Lit(atoiOr(r.Status, 0))
		matchText := "status == " + strconv.Itoa(atoiOr(r.Status, 0))
		if strings.HasSuffix(r.Status, "XX") {
			match = jen.Id("status").Op("/").Lit(100).Op("==").Lit(int(r.Status[0] - '0'))
			matchText = "status/100 == " + strconv.Itoa(int(r.Status[0]-'0'))
		}
		casesText.WriteString("\tcase " + matchText + " && len(body) > 0:\n")
		for _, st := range decode {
			casesText.WriteString("\t\t" + st.text + "\n")
		}
		cases = append(cases, jen.Case(match.(*jen.Statement).Op("&&").Len(jen.Id("body")).Op(">").Lit(0)).Block(stmtsCode(decode)...))
	}
	var headers []stmt
	for _, h := range op.resultHeaders {
		d := &doc{}
		d.text(h.GoName + " is the " + h.Name + " response header; nil when absent or when its value does not parse.")
		d.add(h.Doc)
		ht, htText := g.headerType(h), g.headerTypeText(m.src, h)
		fields = append(fields, declField{doc: d.lines(), name: h.GoName, typ: jen.Op("*").Add(ht), text: "*" + htText})
		m.src.use(g.core)
		headers = append(headers, stmt{
			jen.Id("r").Dot(h.GoName).Op("=").Qual(g.core, "HeaderValue").Types(ht).Call(jen.Id("header"), jen.Lit(h.Name)),
			"r." + h.GoName + " = core.HeaderValue[" + htText + "](header, " + strconv.Quote(h.Name) + ")",
		})
	}
	// The headers as received, so a value a typed field could not hold is
	// still there; named so it cannot clash with a body or header field.
	raw := "Header"
	for taken := true; taken; {
		taken = false
		for _, h := range op.resultHeaders {
			taken = taken || h.GoName == raw
		}
		for _, r := range op.resultBodies {
			taken = taken || r.GoName == raw
		}
		if taken {
			raw = "Response" + raw
		}
	}
	m.src.use("net/http")
	fields = slices.Insert(fields, 1, declField{
		doc:  proseLines(raw + " holds the response headers as received, the raw value of each typed header field included."),
		name: raw, typ: jen.Qual("net/http", "Header"), text: "http.Header",
	})
	d := &doc{}
	d.text(o.ResultName + " is what " + o.GoName + " returns: the status, the body of whichever success response came, and the typed response headers.")
	if rs := o.ReturnedResponses(); len(rs) > 0 {
		var statuses []string
		for _, r := range rs {
			statuses = append(statuses, r.Status)
		}
		d.text("The spec's x-speakeasy-errors does not make " + joinWords(statuses) + " errors: they are returned here too, with a nil error.")
	}
	m.structDecl(d.lines(), o.ResultName, fields)

	body := []stmt{{jen.Id("r").Dot("StatusCode").Op("=").Id("status"), "r.StatusCode = status"}, {jen.Id("r").Dot(raw).Op("=").Id("header"), "r." + raw + " = header"}}
	body = append(body, headers...)
	if len(cases) > 0 {
		body = append(body, stmt{jen.Switch().Block(cases...), "switch {\n" + casesText.String() + "\t}"})
	}
	body = append(body, stmt{jen.Return(jen.Nil()), "return nil"})
	docLines := proseLines("DecodeResponse fills the result from a success response; the runtime calls it.")
	params := &sigParams{}
	params.add(jen.Id("status").Int(), "status", "int")
	params.add(jen.Id("header").Qual("net/http", "Header"), "header", "http.Header")
	params.add(jen.Id("body").Index().Byte(), "body", "[]byte")
	head := "func (r *" + o.ResultName + ") DecodeResponse"
	if text, ok := stmtsText(body); ok && m.direct {
		m.decl(docLines, head+params.listText(head, "error")+" error {\n"+text+"}")
		return
	}
	f := m.f
	f.Add(commentLines(docLines))
	f.Func().Params(jen.Id("r").Op("*").Id(o.ResultName)).Id("DecodeResponse").
		Add(params.list(head, "error")).Error().Block(stmtsCode(body)...)
	f.Line()
}

// resultBodyText is resultBody's field type as source (see typeSource).
func (g *gen) resultBodyText(s *source, c *model.Content) string {
	switch {
	case c.Kind == model.ContentJSON && c.Type != nil && !isNilable(c.Type):
		return "*" + g.typeSource(s, c.Type)
	case c.Kind == model.ContentJSON && c.Type != nil:
		return g.typeSource(s, c.Type)
	case c.Kind == model.ContentJSON:
		s.use("encoding/json")
		return "json.RawMessage"
	}
	return "[]byte"
}

// resultBody is the field type for one success body and the statements
// that decode it into the result's field name.
func (g *gen) resultBody(m *mixed, c *model.Content, name string) (*jen.Statement, []stmt) {
	dst := func() *jen.Statement { return jen.Id("r").Dot(name) }
	text := "r." + name
	clone := []stmt{{dst().Op("=").Qual(g.core, "Clone").Call(jen.Id("body")), text + " = core.Clone(body)"}}
	switch {
	case c.Kind == model.ContentJSON && c.Type != nil && !isNilable(c.Type):
		m.src.use("encoding/json")
		return jen.Op("*").Add(g.typ(c.Type)), []stmt{
			{dst().Op("=").New(g.typ(c.Type)), text + " = new(" + g.typeSource(m.src, c.Type) + ")"},
			{jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("body"), dst())), "return json.Unmarshal(body, " + text + ")"},
		}
	case c.Kind == model.ContentJSON && c.Type != nil:
		m.src.use("encoding/json")
		return g.typ(c.Type), []stmt{{jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("body"), jen.Op("&").Add(dst()))), "return json.Unmarshal(body, &" + text + ")"}}
	case c.Kind == model.ContentJSON:
		m.src.use(g.core)
		return jen.Qual("encoding/json", "RawMessage"), clone
	}
	// Text and binary bodies arrive as bytes here: the result holds them all.
	m.src.use(g.core)
	return jen.Index().Byte(), clone
}

// headerType is the Go type of a typed response header.
func (g *gen) headerType(h *model.Header) *jen.Statement {
	if typedHeader(h) {
		return g.typ(h.Type)
	}
	return jen.String()
}

// headerTypeText is headerType as source (see typeSource).
func (g *gen) headerTypeText(s *source, h *model.Header) string {
	if typedHeader(h) {
		return g.typeSource(s, h.Type)
	}
	return "string"
}

// typedHeader reports whether a response header's field has its schema's
// type; the others are strings.
func typedHeader(h *model.Header) bool {
	switch h.Type.Kind {
	case model.KindInt, model.KindFloat, model.KindBool, model.KindDateTime, model.KindDate, model.KindString:
		return true
	case model.KindEnum:
		return h.Type.EnumBase == nil || h.Type.EnumBase.Kind == model.KindString
	}
	return false
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}

// opTable is the runtime's description of one operation.
//
//	&core.Operation{ID: "getTicket", Method: "GET", Path: "/accounts/{accountID}/tickets/{ticketID}", …}
func (g *gen) opTable(o *model.Operation) []jen.Code {
	var d []jen.Code
	for _, e := range g.opElems(o) {
		d = append(d, jen.Line().Id(e.key).Op(":").Add(e.code))
	}
	return append(d, jen.Line())
}

// opTableText is opTable as source, laid out as gofmt lays it out; ok is
// false when an element is not surely known.
func (g *gen) opTableText(m *mixed, o *model.Operation) (text string, ok bool) {
	if !m.direct {
		return "", false
	}
	var pairs [][2]string
	for _, e := range g.opElems(o) {
		if e.text == "" {
			return "", false
		}
		pairs = append(pairs, [2]string{e.key, e.text})
	}
	m.src.use(g.core)
	for _, r := range g.op(o).errorBodies {
		g.typeSource(m.src, r.Contents[0].Type) // the packages the error types name
	}
	return compositeSource(pairs, 0), true
}

// opElem is one element of an operation's table: its key, its value as
// code and as source ("" when not surely known).
type opElem struct {
	key  string
	code jen.Code
	text string
}

// opElems are the elements of o's table, in order.
func (g *gen) opElems(o *model.Operation) []opElem {
	var d []opElem
	kv := func(k string, v jen.Code, text string) {
		d = append(d, opElem{k, v, text})
	}
	str := func(k, v string) { kv(k, jen.Lit(v), strconv.Quote(v)) }
	strs := func(k string, vs []string) {
		code := make([]jen.Code, len(vs))
		texts := make([]string, len(vs))
		for i, v := range vs {
			code[i], texts[i] = jen.Lit(v), strconv.Quote(v)
		}
		kv(k, jen.Index().String().Values(code...), "[]string{"+strings.Join(texts, ", ")+"}")
	}
	str("ID", o.ID)
	str("Method", o.Method)
	str("Path", o.Path)
	if q := o.QueryString(); q != "" {
		str("Query", q)
	}
	if reqs := g.op(o).security; len(reqs) > 0 {
		var alts []jen.Code
		var texts []string
		for _, r := range reqs {
			var names []jen.Code
			var quoted []string
			for _, u := range r.Schemes {
				names = append(names, jen.Lit(u.Scheme))
				quoted = append(quoted, strconv.Quote(u.Scheme))
			}
			alts = append(alts, jen.Values(names...))
			texts = append(texts, "{"+strings.Join(quoted, ", ")+"}")
		}
		kv("Security", jen.Index().Index().String().Values(alts...), "[][]string{"+strings.Join(texts, ", ")+"}")
	}
	var globals []string
	for _, p := range o.Params {
		if p.Global != nil {
			globals = append(globals, p.Global.Name)
		}
	}
	if len(globals) > 0 {
		strs("Globals", globals)
	}
	if g.api.RequestIDHeader != "" {
		str("RequestIDHeader", g.api.RequestIDHeader)
	}
	if a := accept(o); a != "" {
		str("Accept", a)
	}
	if o.ContentTypeHeader != "" {
		str("ContentType", o.ContentTypeHeader)
	}
	if o.IdempotencyHeader != "" {
		str("IdempotencyHeader", o.IdempotencyHeader)
	}
	if o.ServerURL != "" {
		str("ServerURL", o.ServerURL)
	}
	var jsonStatuses []string
	for _, r := range o.Responses {
		if (r.IsSuccess() || r.Status == "2XX") && len(r.Contents) > 0 && r.Contents[0].Kind == model.ContentJSON {
			jsonStatuses = append(jsonStatuses, r.Status)
		}
	}
	if len(jsonStatuses) > 0 {
		strs("JSONStatuses", jsonStatuses)
	}
	if rs := o.ReturnedResponses(); len(rs) > 0 && o.ResultName != "" {
		// x-speakeasy-errors: these statuses come back in the OpResult,
		// except any its list still makes errors (a 404 under a 4XX).
		var returned []string
		for _, r := range rs {
			returned = append(returned, r.Status)
		}
		strs("Returned", returned)
		if len(o.ErrorStatuses) > 0 {
			strs("ErrorStatuses", o.ErrorStatuses)
		}
	}
	if errs, texts := g.errorTypes(o); len(errs) > 0 {
		// One error type a line when they do not fit on one (wrapLong
		// breaks a list of one error type inside its braces instead).
		var list jen.Code = jen.Values(errs...)
		text := "[]core.ErrorType{" + strings.Join(texts, ", ") + "}"
		if len(errs) > 1 && preBroken("\tErrors: []core.ErrorType{", texts, "},") {
			list = jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, errs...)
			text = "[]core.ErrorType{\n\t\t" + strings.Join(texts, ",\n\t\t") + ",\n\t}"
		}
		if slices.Contains(texts, "") {
			text = ""
		}
		kv("Errors", jen.Index().Qual(g.core, "ErrorType").Add(list), text)
	}
	if o.Retry != nil {
		kv("Retry", jen.Op("&").Add(g.retryLiteral(o.Retry)), "")
	}
	return d
}

// errorTypes lists the error statuses whose JSON body has a schema, so
// APIError unwraps to ErrorBody[T] for them.
//
//	{Status: "422", Decode: core.DecodeError[AccountValidationError]}
func (g *gen) errorTypes(o *model.Operation) (code []jen.Code, text []string) {
	for _, r := range g.op(o).errorBodies {
		t := r.Contents[0].Type
		code = append(code, jen.Values(
			jen.Id("Status").Op(":").Lit(r.Status),
			jen.Id("Decode").Op(":").Qual(g.core, "DecodeError").Types(g.typ(t)),
		))
		tt := g.sigType(t)
		if tt != "" {
			tt = "{Status: " + strconv.Quote(r.Status) + ", Decode: core.DecodeError[" + tt + "]}"
		}
		text = append(text, tt)
	}
	return code, text
}

// accept lists the media types the operation can return, successes first.
func accept(o *model.Operation) string {
	if o.AcceptHeader != "" {
		return o.AcceptHeader // the spec's own Accept (a versioned media type, say)
	}
	var types []string
	for _, pass := range []bool{true, false} {
		for _, r := range o.Responses {
			if r.IsSuccess() != pass {
				continue
			}
			for _, c := range r.Contents {
				if !slices.Contains(types, c.MediaType) {
					types = append(types, c.MediaType)
				}
			}
		}
	}
	return strings.Join(types, ", ")
}

// result is what a method returns besides its error. Its statements are
// the plan's, shared by every emitter: clone them before extending.
type result struct {
	typ     *jen.Statement // nil: the method returns only an error
	text    string         // typ as gofmt writes it; "" when not surely known
	zero    jen.Code       // the zero value of typ, returned with an error
	pointer bool           // the method returns &out
	stream  bool           // io.ReadCloser (or *Stream[T]) handed to the caller
	events  *model.Content // a stream of events: the method returns *Stream[T]
	event   *jen.Statement // with events: T, the type of one event's data
	elem    *model.Type    // the type of a body returned by value, if any
	pkg     string         // the package text names, if any
}

// eventsResult is the result of a method returning the events of c.
func (g *gen) eventsResult(c *model.Content) result {
	event := g.eventType(c)
	return result{typ: jen.Id("Stream").Types(event), pointer: true, stream: true, events: c, event: event}
}

// eventType is T of the *Stream[T] a streamed response is: the schema of
// an event's data. An SSE schema describing the whole event (data beside
// event, id or retry) gives its data property's type; a union of such
// events gives its event type (events.go) when each names its event, raw
// JSON otherwise; without a schema, SSE data is a string and JSON lines
// are raw JSON.
func (g *gen) eventType(c *model.Content) *jen.Statement {
	t := c.Type
	sse := model.StreamFormat(c.MediaType) == model.StreamSSE
	switch {
	case t == nil && sse:
		return jen.String()
	case t == nil:
		return jen.Qual("encoding/json", "RawMessage")
	case sse && model.SSEEnvelope(t) != nil:
		return g.typ(model.SSEEnvelope(t).Type)
	case c.Events != nil && c.Events.GoName != "":
		return g.id(c.Events.GoName) // events.go
	case sse && t.Kind == model.KindUnion && len(t.Variants) > 0:
		for _, v := range t.Variants {
			if v.Type == nil || model.SSEEnvelope(v.Type) == nil {
				return g.typ(t)
			}
		}
		return jen.Qual("encoding/json", "RawMessage")
	}
	return g.typ(t)
}

// resultOf picks the success response and how it is returned: the first
// 2xx response with content, JSON preferred; or the OpResult. The plan
// calls it once per operation.
func (g *gen) resultOf(o *model.Operation) result {
	if o.ResultName != "" {
		return result{typ: jen.Id(o.ResultName), text: o.ResultName, pointer: true}
	}
	for _, r := range o.Responses {
		if !r.IsSuccess() && r.Status != "2XX" || len(r.Contents) == 0 {
			continue
		}
		c := r.Contents[0]
		if model.StreamFormat(c.MediaType) != "" {
			return g.eventsResult(c)
		}
		switch c.Kind {
		case model.ContentJSON:
			if c.Type == nil {
				return result{typ: jen.Qual("encoding/json", "RawMessage"), text: "json.RawMessage", zero: jen.Nil(), pkg: "encoding/json"}
			}
			t := c.Type
			if t.GoName != "" && (t.Kind == model.KindStruct || t.Kind == model.KindUnion) {
				return result{typ: jen.Id(t.GoName), text: t.GoName, pointer: true}
			}
			return result{typ: g.typ(t), text: g.sigType(t), zero: g.zero(t), elem: t}
		case model.ContentText:
			return result{typ: jen.String(), text: "string", zero: jen.Lit("")}
		default:
			return result{typ: jen.Qual("io", "ReadCloser"), text: "io.ReadCloser", stream: true, pkg: "io"}
		}
	}
	return result{}
}

// zero is the literal for t's zero value, so an error path returns nothing
// half-decoded.
func (g *gen) zero(t *model.Type) jen.Code {
	switch z := zeroOf(t); z {
	case `""`:
		return jen.Lit("")
	case "0":
		return jen.Lit(0)
	case "false":
		return jen.False()
	case "{}":
		return g.typ(t).Values() // KindBinary is the UploadFile struct
	}
	return jen.Nil()
}

// zeroText is zero as source (see typeSource).
func (g *gen) zeroText(s *source, t *model.Type) string {
	if z := zeroOf(t); z != "{}" {
		return z
	}
	return g.typeSource(s, t) + "{}"
}

// zeroOf is t's zero value: a literal, "{}" for a struct's (the type's
// composite literal) or nil.
func zeroOf(t *model.Type) string {
	switch t.Kind {
	case model.KindString:
		return `""`
	case model.KindInt, model.KindFloat:
		return "0"
	case model.KindBool:
		return "false"
	case model.KindEnum:
		if t.EnumBase != nil && t.EnumBase.Kind == model.KindInt {
			return "0"
		}
		return `""`
	case model.KindDateTime, model.KindDate, model.KindStruct, model.KindUnion, model.KindBinary:
		return "{}"
	}
	return "nil" // slices, maps, raw JSON, any, streams
}

// emitRequest writes the OpRequest struct: query, header and cookie
// parameters as fields, the body as Body.
func (g *gen) emitRequest(m *mixed, o *model.Operation, v methodVariant) {
	var fields []declField
	for _, p := range g.op(o).requestParams {
		d := &doc{}
		d.add(p.Doc)
		where := p.In + " parameter " + p.Name
		if p.Required {
			where = "Required " + where
		} else {
			where = "Optional " + where
		}
		d.text(where + ".")
		if p.Deprecated {
			d.text("Deprecated: the API marks this parameter as deprecated.")
		}
		fields = append(fields, declField{doc: d.lines(), name: p.GoName, typ: g.paramType(p), text: g.paramTypeText(m.src, p)})
	}
	if c := v.body; c != nil {
		d := &doc{}
		d.add(o.Body.Doc)
		if o.Body.Required {
			d.text("Body is required (" + c.MediaType + ").")
		} else {
			d.text("Body is optional (" + c.MediaType + "); nil sends none.")
		}
		if c.Kind != model.ContentJSON && encodesStruct(c) && c.Type.Kind == model.KindUnion {
			d.text("Set one variant: its fields are encoded as the " + c.MediaType + " body.")
		}
		fields = append(fields, declField{doc: d.lines(), name: "Body", typ: g.bodyType(o, c), text: g.bodyTypeText(m.src, o, c)})
		if rawMultipart(c) {
			fields = append(fields, declField{
				doc:  proseLines("BodyContentType is Body's media type with its boundary, as multipart.Writer.FormDataContentType returns it for multipart/form-data. It is required with Body: a multipart body cannot be read without its boundary."),
				name: "BodyContentType", typ: jen.String(), text: "string",
			})
		}
	}
	d := &doc{}
	d.text(v.request + " holds the parameters and body of " + v.name + ".")
	m.structDecl(d.lines(), v.request, fields)
}

// paramType is a parameter's field type: values when required, pointers
// (or nil slices) when optional.
func (g *gen) paramType(p *model.Param) *jen.Statement {
	t := g.typ(p.Type)
	if p.Required || isNilable(p.Type) {
		return t
	}
	return jen.Op("*").Add(t)
}

// paramTypeText is paramType as source (see typeSource).
func (g *gen) paramTypeText(s *source, p *model.Param) string {
	t := g.typeSource(s, p.Type)
	if p.Required || isNilable(p.Type) {
		return t
	}
	return "*" + t
}

// encodesStruct reports whether a form or multipart body is encoded by the
// SDK from a typed struct, or a union of them (the variant set is encoded),
// rather than taken ready-made as an io.Reader.
func encodesStruct(c *model.Content) bool {
	if c.Type == nil || c.Type.Kind != model.KindStruct && !c.Type.IsObjectUnion() {
		return false
	}
	// multipart/mixed, /related… have no general encoding from a struct:
	// those bodies are taken ready-made.
	return c.Kind == model.ContentForm || c.Kind == model.ContentMultipart && strings.HasPrefix(strings.ToLower(c.MediaType), "multipart/form-data")
}

// rawMultipart reports whether a multipart body is taken ready-made, so
// the caller also gives its content type with the boundary.
func rawMultipart(c *model.Content) bool {
	return c.Kind == model.ContentMultipart && !encodesStruct(c)
}

// isTextBody reports whether a text body is taken as a Go string.
func isTextBody(c *model.Content) bool {
	return c.Kind == model.ContentText && (c.Type == nil || c.Type.Kind == model.KindString)
}

// bodyType is the Body field's type.
func (g *gen) bodyType(o *model.Operation, c *model.Content) *jen.Statement {
	switch bodyShape(o, c) {
	case "string":
		return jen.String()
	case "*string":
		return jen.Op("*").String()
	case "io.Reader":
		return jen.Qual("io", "Reader")
	case "json.RawMessage":
		return jen.Qual("encoding/json", "RawMessage")
	case "*":
		return jen.Op("*").Add(g.typ(c.Type))
	}
	return g.typ(c.Type)
}

// bodyTypeText is bodyType as source (see typeSource).
func (g *gen) bodyTypeText(s *source, o *model.Operation, c *model.Content) string {
	switch shape := bodyShape(o, c); shape {
	case "string", "*string":
		return shape
	case "io.Reader":
		s.use("io")
		return shape
	case "json.RawMessage":
		s.use("encoding/json")
		return shape
	case "*":
		return "*" + g.typeSource(s, c.Type)
	}
	return g.typeSource(s, c.Type)
}

// bodyShape is the Body field's type when it is fixed, "*" when it is a
// pointer to the body's type and "" when it is that type.
func bodyShape(o *model.Operation, c *model.Content) string {
	switch {
	case isTextBody(c) && o.Body.Required:
		return "string"
	case isTextBody(c):
		return "*string"
	case c.Kind != model.ContentJSON && !encodesStruct(c):
		return "io.Reader"
	case c.Type == nil:
		return "json.RawMessage"
	case isNilable(c.Type) || o.Body.Required:
		return ""
	}
	return "*"
}

// emitMethod writes the method.
//
//	func (s *SupportService) GetTicket(ctx context.Context, accountID string, ticketID string, opts ...RequestOption) (*Ticket, error) {
//		r := s.client.newRequest(opGetTicket, opts)
//		r.PathParam("accountID", accountID)
//		var out Ticket
//		if err := r.Do(ctx, &out); err != nil {
//			return nil, err
//		}
//		return &out, nil
//	}
func (g *gen) emitMethod(m *mixed, s *model.Service, o *model.Operation, v methodVariant) {
	recv := jen.Id("s").Op("*").Id(s.TypeName)
	client, clientText := jen.Id("s").Dot("client"), "s.client"
	if s.GoName == "" {
		recv = jen.Id("c").Op("*").Id("Client")
		client, clientText = jen.Id("c"), "c"
	}
	op := g.op(o)
	params := g.methodParams(o, v)

	res := v.result
	var results []jen.Code
	var zero jen.Code = jen.Nil()
	resultText := "error"
	if res.typ != nil {
		rt := res.typ.Clone()
		if res.pointer {
			rt = jen.Op("*").Add(res.typ.Clone())
		} else if res.zero != nil {
			zero = res.zero
		}
		results = append(results, rt)
		resultText = ""
		if t := pointerText(res); t != "" {
			resultText = "(" + t + ", error)"
		}
	}
	results = append(results, jen.Error())

	// The statements, as code and, where the emitter surely knows it, as
	// source (one tab in).
	var optsArg jen.Code = jen.Id("opts")
	newRequest := "r := " + clientText + ".newRequest(" + o.VarName + ", opts)"
	if v.download != nil {
		// Ask for this media type; a copy of opts, so the caller's slice is
		// untouched. (Left to jennifer: its text is not written here.)
		optsArg = jen.Append(jen.Id("opts").Index(jen.Op(":").Len(jen.Id("opts")).Op(":").Len(jen.Id("opts"))), jen.Id("WithRequestHeader").Call(jen.Lit("Accept"), jen.Lit(v.download.MediaType)))
		newRequest = ""
	}
	body := []stmt{{jen.Id("r").Op(":=").Add(client).Dot("newRequest").Call(jen.Id(o.VarName), optsArg), newRequest}}
	for _, p := range op.pathParams {
		value := argOf(jen.Id(p.ArgName), p.ArgName)
		var fn string
		var args []arg
		switch {
		case p.ContentType != "" && p.Sensitive:
			fn, args = "StyledPathParam", []arg{g.asJSON(m, value), argOf(jen.Qual(g.core, "Sensitive"), "core.Sensitive")}
		case p.ContentType != "":
			fn, args = "PathParam", []arg{g.asJSON(m, value)}
		case p.Style == "label" || p.Style == "matrix" || p.Explode || p.Sensitive:
			fn, args = "StyledPathParam", []arg{value, g.paramFlagsArg(m, p)}
		case p.Type != nil && p.Type.Kind == model.KindString && p.Type.GoName == "":
			// The common case, a plain string, without boxing it in an
			// interface (an allocation per call).
			fn, args = "PathString", []arg{value}
		default:
			fn, args = "PathParam", []arg{value}
		}
		body = append(body, callStmt("r", fn, append([]arg{litArg(p.Name)}, args...)))
	}
	for _, p := range op.requestParams {
		fn := map[string]string{model.InQuery: "QueryParam", model.InHeader: "HeaderParam", model.InCookie: "CookieParam"}[p.In]
		value := argOf(jen.Id("req").Dot(p.GoName), "req."+p.GoName)
		if p.ContentType != "" {
			value = g.asJSON(m, value) // content: application/json
		}
		body = append(body, callStmt("r", fn, []arg{litArg(p.Name), value, g.paramFlagsArg(m, p)}))
	}
	if c := v.body; c != nil {
		body = append(body, g.bodyCall(m, o, c))
	}
	switch {
	case res.events != nil:
		kind := map[string]string{model.StreamSSE: "SSE", model.StreamJSONLines: "JSONLines", model.StreamJSONSeq: "JSONSeq"}[model.StreamFormat(res.events.MediaType)]
		var sopts []jen.Code
		if res.events.Sentinel != "" {
			sopts = append(sopts, jen.Id("Sentinel").Op(":").Lit(res.events.Sentinel))
		}
		sopts = append(sopts, g.eventOptions(res.events)...)
		body = append(body, stmt{code: jen.Return(jen.Qual(g.core, "OpenStream").Call(jen.Id("ctx"), jen.Id("r"), jen.Qual(g.core, kind),
			jen.Qual(g.core, "StreamOptions").Types(res.event.Clone()).Values(sopts...)))})
	case res.typ == nil:
		body = append(body, stmt{jen.Return(jen.Id("r").Dot("Do").Call(jen.Id("ctx"), jen.Nil())), "return r.Do(ctx, nil)"})
	default:
		ret, retText := jen.Id("out"), "out"
		if res.pointer {
			ret, retText = jen.Op("&").Id("out"), "&out"
		}
		outText, zeroText := g.resultTexts(m, res)
		body = append(body,
			stmt{jen.Var().Id("out").Add(res.typ.Clone()), "var out " + outText},
			stmt{jen.If(jen.Err().Op(":=").Id("r").Dot("Do").Call(jen.Id("ctx"), jen.Op("&").Id("out")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(zero, jen.Err()),
			), "if err := r.Do(ctx, &out); err != nil {\n\t\treturn " + zeroText + ", err\n\t}"},
			stmt{jen.Return(ret, jen.Nil()), "return " + retText + ", nil"},
		)
		if outText == "" || zeroText == "" {
			body[len(body)-2].text = ""
		}
	}

	doc := g.methodDoc(o, v, res)
	if text, ok := stmtsText(body); ok && m.direct && resultText != "" && !slices.Contains(params.text, "") {
		for _, p := range op.pathParams {
			g.typeSource(m.src, p.Type) // the packages the signature names
		}
		m.src.use("context")
		m.decl(doc.lines(), "func ("+recvText(s)+") "+v.name+params.listText("func ("+recvText(s)+") "+v.name, resultText)+" "+resultText+" {\n"+text+"}")
		return
	}
	f := m.f
	f.Add(doc.render())
	f.Func().Params(recv).Id(v.name).Add(params.list("func ("+recvText(s)+") "+v.name, resultText)).Params(results...).Block(stmtsCode(body)...)
	f.Line()
}

// resultTexts are, as source, the type of the variable a method decodes
// its result into and the value it returns with an error; "" when not
// surely known.
func (g *gen) resultTexts(m *mixed, res result) (out, zero string) {
	out, zero = res.text, "nil"
	switch {
	case res.elem != nil:
		out = g.typeSource(m.src, res.elem)
		if !res.pointer {
			zero = g.zeroText(m.src, res.elem)
		}
	case res.pkg != "":
		m.src.use(res.pkg)
	case res.text == "string": // a text body
		zero = `""`
	}
	return out, zero
}

// stmt is a statement of a generated function, as code and as source
// ("" when not surely known).
type stmt struct {
	code jen.Code
	text string
}

// stmtsText is the statements as source, one tab in, each on its line;
// ok is false when one is not surely known.
func stmtsText(body []stmt) (string, bool) {
	var b strings.Builder
	for _, st := range body {
		if st.text == "" {
			return "", false
		}
		b.WriteString("\t" + st.text + "\n")
	}
	return b.String(), true
}

// stmtsCode is the statements as code.
func stmtsCode(body []stmt) []jen.Code {
	codes := make([]jen.Code, len(body))
	for i, st := range body {
		codes[i] = st.code
	}
	return codes
}

// arg is an argument of a call, as code and as source ("" when not
// surely known).
type arg struct {
	code jen.Code
	text string
}

func argOf(code jen.Code, text string) arg { return arg{code, text} }

// litArg is a string literal argument.
func litArg(s string) arg { return arg{jen.Lit(s), strconv.Quote(s)} }

// callStmt is the call recv.fn(args...).
func callStmt(recv, fn string, args []arg) stmt {
	codes := make([]jen.Code, len(args))
	texts := make([]string, len(args))
	for i, a := range args {
		codes[i], texts[i] = a.code, a.text
	}
	text := recv + "." + fn + "(" + strings.Join(texts, ", ") + ")"
	if slices.Contains(texts, "") {
		text = ""
	}
	return stmt{jen.Id(recv).Dot(fn).Call(codes...), text}
}

// asJSON wraps a parameter's value to be sent as JSON.
func (g *gen) asJSON(m *mixed, a arg) arg {
	m.src.use(g.core)
	return arg{jen.Qual(g.core, "AsJSON").Call(a.code), "core.AsJSON(" + a.text + ")"}
}

// paramFlagsArg is paramFlags as an argument of a call of several: gofmt
// writes the flags without spaces there.
func (g *gen) paramFlagsArg(m *mixed, p *model.Param) arg {
	code, text := g.paramFlagsText(p)
	if text != "0" {
		m.src.use(g.core)
	}
	return arg{code, text}
}

// methodParams are the parameters of o's method v: the context, the path
// parameters, the request, the options.
func (g *gen) methodParams(o *model.Operation, v methodVariant) *sigParams {
	ps := &sigParams{}
	ps.add(jen.Id("ctx").Qual("context", "Context"), "ctx", "context.Context")
	for _, p := range g.op(o).pathParams {
		ps.add(jen.Id(p.ArgName).Add(g.typ(p.Type)), p.ArgName, g.sigType(p.Type))
	}
	if v.request != "" {
		ps.add(jen.Id("req").Id(v.request), "req", v.request)
	}
	ps.add(jen.Id("opts").Op("...").Id("RequestOption"), "opts", "...RequestOption")
	return ps
}

// recvText is the receiver of s's methods as gofmt writes it.
func recvText(s *model.Service) string {
	if s.GoName == "" {
		return "c *Client"
	}
	return "s *" + s.TypeName
}

// pointerText is the type a method returning res gives back besides its
// error, as gofmt writes it; "" when not surely known.
func pointerText(res result) string {
	if res.text == "" || !res.pointer {
		return res.text
	}
	return "*" + res.text
}

// preBreak turns on writing long signatures already broken; tests turn
// it off to compare with what wrapLong alone makes of them.
var preBreak = true

// sigParams are a signature's parameters as code, and as the text gofmt
// writes for each ("" when not surely known): enough to tell, without
// formatting anything, whether the signature fits on its line.
type sigParams struct {
	code []jen.Code
	text []string
}

// add appends a parameter, name of type typ; typ "" (not surely known)
// leaves the width unknown.
func (ps *sigParams) add(code jen.Code, name, typ string) {
	ps.code = append(ps.code, code)
	text := ""
	if typ != "" {
		text = name + " " + typ
	}
	ps.text = append(ps.text, text)
}

// list is the parameter list of a signature whose first line is head,
// the list, results and " {": on that line, or one parameter a line when
// the line would surely be too long (see preBroken). results "" is not
// surely known.
func (ps *sigParams) list(head, results string) jen.Code {
	if results == "" || !preBroken(head+"(", ps.text, ") "+results+" {") {
		return jen.Params(ps.code...)
	}
	return jen.Custom(jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}, ps.code...)
}

// listText is list as source: the parameters on the signature's line, or
// one a line.
func (ps *sigParams) listText(head, results string) string {
	if !preBroken(head+"(", ps.text, ") "+results+" {") {
		return "(" + strings.Join(ps.text, ", ") + ")"
	}
	// One tab deeper than the line that opens the list.
	indent := head[:len(head)-len(strings.TrimLeft(head, "\t"))]
	return "(\n\t" + indent + strings.Join(ps.text, ",\n\t"+indent) + ",\n" + indent + ")"
}

// preBroken reports whether a list whose elements read texts, on a line
// reading open, the elements joined by ", ", and close, is surely longer
// than maxLine: the emitter then writes it one element a line, as
// wrapLong would break it, which spares formatting the declaration a
// second time to find that out. An element "" is not surely known: the
// list is left to wrapLong. The texts may be shorter than the code, never
// longer (a package jennifer names by an alias), so the list is never
// broken when wrapLong would leave it.
func preBroken(open string, texts []string, close string) bool {
	if !preBreak || slices.Contains(texts, "") {
		return false
	}
	return lineWidth([]byte(open+strings.Join(texts, ", ")+close)) > maxLine
}

// sigType is t as gofmt writes it in a signature of the SDK package, or
// "" for a type named from another module by x-go-type, which jennifer
// may import under another name.
func (g *gen) sigType(t *model.Type) string {
	for u := t; u != nil && u.GoName == ""; u = u.Elem {
		if u.GoImport != "" {
			return ""
		}
	}
	return g.typeText(t)
}

// bodyCall hands the body to the runtime's encoder for its media type.
func (g *gen) bodyCall(m *mixed, o *model.Operation, c *model.Content) stmt {
	body := argOf(jen.Id("req").Dot("Body"), "req.Body")
	var call stmt
	var laid *expr // the call, when its text is left to callLayout
	switch {
	case c.Kind == model.ContentJSON && !strings.EqualFold(c.MediaType, "application/json"):
		call = callStmt("r", "JSONBodyAs", []arg{litArg(c.MediaType), body})
	case c.Kind == model.ContentJSON:
		call = callStmt("r", "JSONBody", []arg{body})
	case encodesStruct(c) && c.Kind == model.ContentForm:
		var kv []jen.Code
		var texts []string
		for _, pt := range c.PartTypes {
			if pt.Style == "" && pt.Explode == nil {
				continue
			}
			explode := pt.Style == "" || pt.Style == "form"
			if pt.Explode != nil {
				explode = *pt.Explode
			}
			flags, text := g.paramFlagsText(&model.Param{In: model.InQuery, Style: cmpOr(pt.Style, "form"), Explode: explode})
			kv = append(kv, jen.Lit(pt.Name).Op(":").Add(flags))
			texts = append(texts, strconv.Quote(pt.Name)+": "+text)
		}
		if len(kv) == 0 {
			call = callStmt("r", "FormBody", []arg{body, argOf(jen.Nil(), "nil")})
			break
		}
		// Too long for its line, the call has its arguments one a line,
		// and the map its pairs, as wrapLong would break them. The texts
		// are no longer than the code's (at one tab, the least).
		const open = "map[string]core.ParamFlag{"
		var styles *jen.Statement
		if preBroken("\t\t"+open, texts, "},") && len(kv) > 1 {
			styles = jen.Map(jen.String()).Qual(g.core, "ParamFlag").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, kv...)
		} else {
			styles = jen.Map(jen.String()).Qual(g.core, "ParamFlag").Values(kv...)
		}
		if preBroken("\tr.FormBody(", []string{"req.Body", open + strings.Join(texts, ", ") + "}"}, ")") {
			call.code = jen.Id("r").Dot("FormBody").Custom(jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}, body.code, styles)
		} else {
			call.code = jen.Id("r").Dot("FormBody").Call(body.code, styles)
		}
		// The flags as gofmt writes them in a literal are known when each
		// is one constant.
		simple := true
		pairs := make([]*expr, len(texts))
		for i, t := range texts {
			name, flags, _ := strings.Cut(t, ": ")
			simple = simple && !strings.Contains(flags, "|")
			if flags != "0" {
				flags = "core." + strings.TrimPrefix(flags, "core.")
			}
			pairs[i] = pair(name, ident(flags))
		}
		if simple {
			m.src.use(g.core)
			laid = callOf(ident("r.FormBody"), ident("req.Body"), composite(ident(open[:len(open)-1]), pairs...))
		}
	case rawMultipart(c):
		call = callStmt("r", "EncodedMultipart", []arg{argOf(jen.Id("req").Dot("BodyContentType"), "req.BodyContentType"), body})
	case encodesStruct(c):
		types := argOf(jen.Nil(), "nil")
		typesExpr := ident("nil")
		var kv []jen.Code
		for _, pt := range c.PartTypes {
			if pt.ContentType != "" {
				kv = append(kv, jen.Lit(pt.Name).Op(":").Lit(pt.ContentType))
			}
		}
		if len(kv) > 0 {
			types = argOf(jen.Map(jen.String()).String().Values(kv...), "")
			var pairs []*expr
			for _, pt := range c.PartTypes {
				if pt.ContentType != "" {
					pairs = append(pairs, pair(strconv.Quote(pt.Name), lit(pt.ContentType)))
				}
			}
			typesExpr = composite(ident("map[string]string"), pairs...)
		}
		if c.Type.Kind == model.KindUnion {
			// Each part comes from a field of the variant set.
			args := []arg{types}
			exprs := []*expr{typesExpr}
			for _, v := range c.Type.Variants {
				args = append(args, argOf(jen.Id("req").Dot("Body").Dot(v.GoName), "req.Body."+v.GoName))
				exprs = append(exprs, ident("req.Body."+v.GoName))
			}
			call = callStmt("r", "MultipartUnion", args)
			laid = callOf(ident("r.MultipartUnion"), exprs...)
		} else {
			call = callStmt("r", "MultipartBody", []arg{body, types})
			laid = callOf(ident("r.MultipartBody"), ident("req.Body"), typesExpr)
		}
	case isTextBody(c):
		text := body
		if !o.Body.Required {
			text = argOf(jen.Op("*").Id("req").Dot("Body"), "*req.Body")
		}
		m.src.use("strings")
		call = callStmt("r", "Body", []arg{litArg(c.MediaType), argOf(jen.Qual("strings", "NewReader").Call(text.code), "strings.NewReader("+text.text+")")})
	default:
		call = callStmt("r", "Body", []arg{litArg(c.MediaType), body})
	}
	required := o.Body.Required && (c.Kind == model.ContentJSON || encodesStruct(c) || isTextBody(c))
	if call.text == "" && laid != nil && m.direct {
		// A call holding a literal: laid out as wrapLong's rounds break it.
		depth := 2
		if required {
			depth = 1
		}
		if text, ok := g.statement(m, depth, laid); ok {
			call.text = text // else jennifer's code, and the rounds over the whole method
		}
	}
	if required {
		return call
	}
	text := "if req.Body != nil {\n\t\t" + call.text + "\n\t}"
	if call.text == "" {
		text = ""
	}
	return stmt{jen.If(jen.Id("req").Dot("Body").Op("!=").Nil()).Block(call.code), text}
}

// paramFlagsText tells the runtime how to serialise a parameter: the
// flags as code and as text, written without spaces, as gofmt writes them
// among a call's arguments.
func (g *gen) paramFlagsText(p *model.Param) (jen.Code, string) {
	var flags []string
	if p.Required && p.In != model.InPath {
		flags = append(flags, "Required")
	}
	switch {
	case !p.Explode && p.In == model.InQuery:
		flags = append(flags, "NoExplode")
	case p.Explode && p.In != model.InQuery:
		flags = append(flags, "Explode")
	}
	switch p.Style {
	case "label":
		flags = append(flags, "Label")
	case "matrix":
		flags = append(flags, "Matrix")
	case "spaceDelimited":
		flags = append(flags, "SpaceDelimited")
	case "pipeDelimited":
		flags = append(flags, "PipeDelimited")
	case "tabDelimited": // Swagger 2.0's collectionFormat tsv
		flags = append(flags, "TabDelimited")
	case "deepObject":
		flags = append(flags, "DeepObject")
	}
	if p.Sensitive {
		flags = append(flags, "Sensitive")
	}
	if len(flags) == 0 {
		return jen.Lit(0), "0"
	}
	var c *jen.Statement
	for i, fl := range flags {
		if i == 0 {
			c = jen.Qual(g.core, fl)
		} else {
			c = c.Op("|").Qual(g.core, fl)
		}
	}
	return c, "core." + strings.Join(flags, "|core.")
}

// methodDoc is the method's comment: summary and description, scopes, the
// HTTP line and deprecation.
func (g *gen) methodDoc(o *model.Operation, v methodVariant, res result) *doc {
	d := &doc{}
	text := o.Summary
	if text == "" {
		text = o.Description
	}
	d.summary(v.name, text, "calls "+o.ID+".")
	if o.Summary != "" && o.Description != "" {
		d.add(o.Description)
	}
	if v.body != nil && len(o.Body.Contents) > 1 {
		d.text("It sends the body as " + v.body.MediaType + ".")
	}
	if v.download != nil {
		d.text("It asks for the response as " + v.download.MediaType + " and streams it.")
	}
	switch {
	case res.events != nil:
		line := "It returns the " + res.events.MediaType + " response as it arrives, one decoded event at a time: range over the stream's All (or Events, with each event's name and id); Close releases the connection, and so does breaking out of the loop."
		if res.events.Sentinel != "" {
			line += " The stream ends at the event " + res.events.Sentinel + "."
		}
		d.text(line)
		g.eventsDoc(d, res.events)
	case res.stream:
		d.text("The caller must close the returned body.")
	}
	if len(o.Scopes) > 0 {
		var alts []string
		for _, set := range o.Scopes {
			alts = append(alts, strings.Join(set, " and "))
		}
		line := "Scopes: " + strings.Join(alts, "; or ") + "."
		if o.ScopesInferred {
			line += " (Read from the description; see RequiredScopes.)"
		}
		d.text(line)
	}
	if pg := g.op(o).pages; pg != nil && v.download == nil && (v.body == nil || v.body == o.Body.Contents[0]) {
		d.text(pg.MethodName + " iterates over the items of every page (" + pagingWords[pg.Style] + ").")
	}
	line := o.Method + " " + o.Path
	if q := o.QueryString(); q != "" {
		line += "?" + q
	}
	d.code(line)
	if o.Deprecated {
		d.text("Deprecated: the API marks this operation as deprecated.")
	}
	return d
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
