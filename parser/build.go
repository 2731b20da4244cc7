package parser

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/sdkgen/sdkgen/model"
)

func itoa(i int) string { return strconv.Itoa(i) }

// build walks the loaded document into a model.API.
func (p *parser) build() *model.API {
	p.types = map[string]*model.Type{}
	p.inProgress = map[*model.Type]*building{}
	p.allOfParts = map[string]int{}
	p.opIDs = map[string]int{}
	p.schemes = map[string]*model.SecurityScheme{}
	p.pageExt = map[*model.Operation]*yaml.Node{}
	api := &model.API{Pos: model.Pos{File: p.rootPath, Line: 1, Col: 1, Pointer: "#"}}
	if info := p.m.Info; info != nil {
		api.Title, api.Version, api.Description = info.Title, info.Version, strings.TrimSpace(info.Description)
	}
	api.Servers = servers(p.m.Servers)
	p.securitySchemes(api)
	api.Security = p.requirements(p.m.Security)

	p.components = map[string]*base.SchemaProxy{}
	if p.m.Components != nil {
		for name, sp := range p.m.Components.Schemas.FromOldest() {
			if sp != nil && !sp.IsReference() {
				p.components[pointer("components", "schemas", name)] = sp
			}
		}
	}
	stopWarm := p.warmSchemas()
	defer stopWarm() // on a panic too
	// Components first, in document order, so every named schema is declared
	// even when no operation uses it (webhook payloads, shared models).
	if p.m.Components != nil {
		for name, sp := range p.m.Components.Schemas.FromOldest() {
			key := pointer("components", "schemas", name)
			if _, ok := p.types[key]; ok || sp == nil {
				continue
			}
			if sp.IsReference() {
				p.refType(sp)
				continue
			}
			p.declare(sp, key, name, key)
		}
	}

	services := map[string]*model.Service{}
	var order []*model.Service
	tagDocs := map[string]string{}
	for _, t := range p.m.Tags {
		tagDocs[t.Name] = strings.TrimSpace(t.Description)
	}
	if p.m.Paths != nil {
		// x-speakeasy-errors on the document, on paths, on a path item and
		// on an operation: each level adds its statuses, or replaces them.
		docErrors := mergeErrors(nil, p.speakeasyErrors(ext(p.m.Extensions, "x-speakeasy-errors"), "#"))
		docErrors = mergeErrors(docErrors, p.speakeasyErrors(ext(p.m.Paths.Extensions, "x-speakeasy-errors"), "#/paths"))
		for path, item := range p.m.Paths.PathItems.FromOldest() {
			if extBool(item.Extensions, "x-speakeasy-ignore") {
				continue // the spec asks for no SDK method for this path
			}
			itemErrors := mergeErrors(docErrors, p.speakeasyErrors(ext(item.Extensions, "x-speakeasy-errors"), pointer("paths", path)))
			for method, op := range item.GetOperations().FromOldest() {
				if extBool(op.Extensions, "x-speakeasy-ignore") {
					continue // the spec asks for no SDK method for this operation
				}
				o := p.operation(path, method, item, op)
				o.ErrorStatuses = mergeErrors(itemErrors, p.speakeasyErrors(ext(op.Extensions, "x-speakeasy-errors"), pointer("paths", path, method)))
				tag := ""
				if len(o.Tags) > 0 {
					tag = o.Tags[0]
				}
				if g := extString(op.Extensions, "x-speakeasy-group"); g != "" {
					tag = g
				}
				svc := services[tag]
				if svc == nil {
					svc = &model.Service{Tag: tag, Doc: tagDocs[tag], Pos: o.Pos}
					services[tag] = svc
					order = append(order, svc)
				}
				svc.Operations = append(svc.Operations, o)
			}
		}
	}
	stopWarm()
	p.webhooks(api)
	if orderedmap.Len(p.m.Webhooks) > 0 && len(order) == 0 {
		p.warnf(api.Pos, "webhooks-only", "the document describes only webhooks; their payload types are generated, but there are no operations to call")
	}
	api.Services = order
	api.Retry = p.retries(p.m.Extensions, "#")
	for _, t := range p.named {
		if t.Name != "" {
			api.Types = append(api.Types, t)
		}
	}
	p.globals(api)
	p.paginations(api)
	api.RequestIDHeader = requestIDHeader(api)
	for _, o := range api.Operations() {
		p.scopes(api, o)
	}
	model.AssignNames(api, model.NameOptions{Previous: p.cfg.PreviousNames, Overrides: p.cfg.Names, Diagnostics: &p.diags})
	return api
}

var pathVarRE = regexp.MustCompile(`\{([^{}]+)\}`)

// operation reads one method+path.
func (p *parser) operation(path, method string, item *v3.PathItem, op *v3.Operation) *model.Operation {
	ptr := pointer("paths", path, method)
	// Some specs make path keys unique with a fragment
	// ("/oauth2/token#refresh"); a fragment never reaches the server. Others
	// write a fixed query into the key ("/things/compact?beta=true"): the
	// path is what precedes it, the pairs are sent on every call.
	wire, _, _ := strings.Cut(path, "#")
	wire, query, _ := strings.Cut(wire, "?")
	o := &model.Operation{
		ID:          op.OperationId,
		Method:      strings.ToUpper(method),
		Path:        wire,
		Summary:     strings.TrimSpace(op.Summary),
		Description: strings.TrimSpace(op.Description),
		Deprecated:  isTrue(op.Deprecated),
		Tags:        op.Tags,
		Pos:         p.posOf(op.GoLow(), ptr),
	}
	o.NameOverride = cmp.Or(extString(op.Extensions, "x-speakeasy-name-override"), extString(op.Extensions, "x-go-name"))
	o.Retry = p.retries(op.Extensions, ptr)
	if o.ID == "" {
		o.ID = synthID(o.Method, path)
		p.warnf(o.Pos, "missing-operation-id", "operation has no operationId; its method is named %q from its method and path", o.ID)
	}
	if n := p.opIDs[o.ID]; n > 0 {
		p.warnf(o.Pos, "duplicate-operation-id", "operationId %q is used %d times already; this one is renamed %q", o.ID, n, fmt.Sprintf("%s_%d", o.ID, n+1))
		p.opIDs[o.ID] = n + 1
		o.ID = fmt.Sprintf("%s_%d", o.ID, n+1)
	}
	p.opIDs[o.ID]++

	p.params(o, path, item, op, ptr)
	if n := ext(op.Extensions, "x-speakeasy-pagination"); n != nil {
		p.pageExt[o] = n
	}
	o.FixedQuery = p.fixedQuery(o, query)
	if op.RequestBody != nil {
		o.Body = p.requestBody(o, op.RequestBody, ptr+"/requestBody")
	}
	if op.Responses != nil {
		for code, r := range op.Responses.Codes.FromOldest() {
			o.Responses = append(o.Responses, p.response(o, code, r, ptr+"/responses/"+code))
		}
		if d := op.Responses.Default; d != nil {
			o.Responses = append(o.Responses, p.response(o, "default", d, ptr+"/responses/default"))
		}
	}
	if sentinel := extString(op.Extensions, "x-speakeasy-sse-sentinel"); sentinel != "" {
		for _, r := range o.Responses {
			for _, c := range r.Contents {
				if c.Sentinel == "" && model.StreamFormat(c.MediaType) != "" {
					c.Sentinel = sentinel
				}
			}
		}
	}
	if op.Security != nil {
		o.HasOwnSecurity = true
		o.Security = p.requirements(op.Security)
		if o.Security == nil {
			o.Security = []model.SecurityRequirement{}
		}
	}
	for _, prm := range o.Params {
		if prm.In == model.InHeader && isIdempotencyHeader(prm.Name, p.cfg.IdempotencyHeaders) {
			o.IdempotencyHeader = prm.Name
		}
	}
	own := servers(op.Servers)
	if len(own) == 0 {
		own = servers(item.Servers)
	}
	if len(own) > 0 {
		o.ServerURL = own[0].Expand()
	}
	return o
}

// fixedQuery reads the query written into a path key, in order. Empty
// pieces ("?", "a=1&&b=2") are skipped. A pair the operation also declares
// as a query parameter is left to that parameter, which the caller sets.
func (p *parser) fixedQuery(o *model.Operation, query string) []model.QueryPair {
	var out []model.QueryPair
	for _, piece := range strings.Split(query, "&") {
		if piece == "" {
			continue
		}
		name, value, hasValue := strings.Cut(piece, "=")
		q := model.QueryPair{Name: unescapeQuery(name), Value: unescapeQuery(value), Bare: !hasValue}
		if q.Name == "" {
			p.warnf(o.Pos, "path-query", "the query in path key %s has a pair without a name (%q); it is not sent", o.Path+"?"+query, piece)
			continue
		}
		if pathVarRE.MatchString(piece) {
			p.warnf(o.Pos, "path-query", "the query in path key %s holds a template (%q), which no parameter fills; it is not sent: declare it as a query parameter", o.Path+"?"+query, piece)
			continue
		}
		if slices.ContainsFunc(o.Params, func(prm *model.Param) bool { return prm.In == model.InQuery && prm.Name == q.Name }) {
			p.warnf(o.Pos, "path-query", "query parameter %q is both fixed in the path key and declared; the declared parameter is sent instead", q.Name)
			continue
		}
		out = append(out, q)
	}
	return out
}

// unescapeQuery decodes one name or value of a query as a server would,
// keeping it as written when it is not valid percent-encoding.
func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// servers reads a servers list.
func servers(list []*v3.Server) []*model.Server {
	var out []*model.Server
	for _, s := range list {
		if s == nil {
			continue
		}
		srv := &model.Server{URL: s.URL, Description: s.Description}
		for name, v := range s.Variables.FromOldest() {
			srv.Variables = append(srv.Variables, &model.ServerVariable{Name: name, Default: v.Default, Enum: v.Enum, Description: v.Description})
		}
		out = append(out, srv)
	}
	return out
}

// synthID names an operation without an operationId: "get /users/{id}" → "get users by id".
func synthID(method, path string) string {
	words := []string{strings.ToLower(method)}
	for _, seg := range strings.Split(path, "/") {
		if seg == "" {
			continue
		}
		if m := pathVarRE.FindStringSubmatch(seg); m != nil && m[0] == seg {
			words = append(words, "by", m[1])
			continue
		}
		words = append(words, seg)
	}
	return strings.Join(words, " ")
}

func isIdempotencyHeader(name string, extra []string) bool {
	n := strings.ToLower(name)
	if n == "idempotency-key" || n == "x-idempotency-key" {
		return true
	}
	return slices.ContainsFunc(extra, func(e string) bool { return strings.EqualFold(e, name) })
}

// params merges path-level and operation parameters (the operation's win),
// puts path parameters in path order and checks them against the template.
func (p *parser) params(o *model.Operation, key string, item *v3.PathItem, op *v3.Operation, ptr string) {
	type src struct {
		prm *v3.Parameter
		ptr string
	}
	var all []src
	for i, prm := range op.Parameters {
		all = append(all, src{prm, ptr + "/parameters/" + itoa(i)})
	}
	itemPtr := pointer("paths", key)
	for i, prm := range item.Parameters {
		if !slices.ContainsFunc(op.Parameters, func(x *v3.Parameter) bool { return x.Name == prm.Name && x.In == prm.In }) {
			all = append(all, src{prm, itemPtr + "/parameters/" + itoa(i)})
		}
	}
	vars := pathVarRE.FindAllStringSubmatch(o.Path, -1)
	var path, rest []*model.Param
	for _, s := range all {
		prm := s.prm
		pos := p.posOf(prm.GoLow(), s.ptr)
		in := strings.ToLower(prm.In)
		if in == model.InHeader && slices.Contains([]string{"accept", "content-type", "authorization"}, strings.ToLower(prm.Name)) {
			// OpenAPI says these header parameters are ignored; a fixed
			// value the spec gives for one is still sent as the header.
			switch v := fixedHeaderValue(prm.Schema); strings.ToLower(prm.Name) {
			case "accept":
				o.AcceptHeader = v
			case "content-type":
				o.ContentTypeHeader = v
			}
			continue
		}
		if !slices.Contains([]string{model.InPath, model.InQuery, model.InHeader, model.InCookie}, in) {
			p.warnf(pos, "bad-param-in", "parameter %q is in %q, which is not path, query, header or cookie; it is left out", prm.Name, prm.In)
			continue
		}
		mp := &model.Param{
			Name:       prm.Name,
			In:         in,
			Required:   isTrue(prm.Required) || in == model.InPath,
			Deprecated: prm.Deprecated,
			Doc:        strings.TrimSpace(prm.Description),
			Style:      prm.Style,
			Pos:        pos,
			Ignored:    extBool(prm.Extensions, "x-speakeasy-ignore"),
			Sensitive:  extBool(prm.Extensions, "x-speakeasy-param-sensitive"),
			Examples:   examples(prm.Example, prm.Examples),
			Rename:     p.rename(prm.Extensions, s.ptr),
		}
		if mp.Style == "" {
			mp.Style = map[string]string{model.InQuery: "form", model.InCookie: "form"}[in]
			if mp.Style == "" {
				mp.Style = "simple"
			}
		}
		mp.Explode = mp.Style == "form"
		if prm.Explode != nil {
			mp.Explode = *prm.Explode
		}
		name := o.ID + " " + prm.Name
		if prm.Schema != nil {
			mp.Type = paramText(p.typeOf(prm.Schema, name, s.ptr+"/schema", 0))
		} else if orderedmap.Len(prm.Content) > 0 {
			for ct, mt := range prm.Content.FromOldest() {
				mp.ContentType = ct
				mp.Type = p.typeOf(mt.Schema, name, s.ptr+"/content/"+ptrEscaper.Replace(ct)+"/schema", 0)
				break
			}
		} else {
			mp.Type = &model.Type{Kind: model.KindString}
		}
		if in != model.InPath {
			rest = append(rest, mp)
			continue
		}
		if !slices.ContainsFunc(vars, func(v []string) bool { return v[1] == prm.Name }) {
			p.warnf(pos, "unused-path-param", "path parameter %q does not appear in the path %s; it is left out", prm.Name, o.Path)
			continue
		}
		path = append(path, mp)
	}
	// Path order, and a string parameter for any template variable the spec
	// forgot to declare, so the method can still fill the path.
	var ordered []*model.Param
	for _, v := range vars {
		i := slices.IndexFunc(path, func(mp *model.Param) bool { return mp.Name == v[1] })
		if i >= 0 {
			ordered = append(ordered, path[i])
			continue
		}
		if slices.ContainsFunc(ordered, func(mp *model.Param) bool { return mp.Name == v[1] }) {
			continue
		}
		p.warnf(o.Pos, "undeclared-path-param", "path variable {%s} has no parameter; it is taken as a required string", v[1])
		ordered = append(ordered, &model.Param{Name: v[1], In: model.InPath, Required: true, Style: "simple", Type: &model.Type{Kind: model.KindString}, Pos: o.Pos})
	}
	o.Params = append(ordered, rest...)
}

// contentKind classifies a media type.
func contentKind(ct string) model.ContentKind {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/json" || mt == "*/*" && false:
		return model.ContentJSON
	case mt == "application/x-www-form-urlencoded":
		return model.ContentForm
	case strings.HasPrefix(mt, "multipart/"):
		return model.ContentMultipart
	case strings.HasPrefix(mt, "text/"):
		return model.ContentText
	}
	return model.ContentBinary
}

// paramText is a parameter's type with format: binary read as a string,
// in the parameter itself or its inline array's items: a parameter
// travels as text, and streamed content is for bodies. The shared type is
// copied, not changed.
func paramText(t *model.Type) *model.Type {
	switch {
	case t == nil:
	case t.Kind == model.KindBinary:
		text := *t // its checks and examples, written inline
		text.Kind = model.KindString
		text.Name, text.Key, text.Rename = "", "", nil
		return &text
	case t.Kind == model.KindArray && t.Name == "":
		if elem := paramText(t.Elem); elem != t.Elem {
			list := *t
			list.Elem = elem
			return &list
		}
	}
	return t
}

func (p *parser) contents(content *orderedmap.Map[string, *v3.MediaType], name, ptr string) []*model.Content {
	var out []*model.Content
	for ct, mt := range content.FromOldest() {
		c := &model.Content{MediaType: ct, Kind: contentKind(ct)}
		if mt != nil {
			c.Examples = examples(mt.Example, mt.Examples)
			c.Sentinel = extString(mt.Extensions, "x-speakeasy-sse-sentinel")
		}
		if mt != nil && mt.Schema != nil {
			c.Type = p.typeOf(mt.Schema, name, ptr+"/content/"+ptrEscaper.Replace(ct)+"/schema", 0)
		}
		if mt != nil {
			for prop, enc := range mt.Encoding.FromOldest() {
				if enc != nil && (enc.ContentType != "" || enc.Style != "" || enc.Explode != nil) {
					c.PartTypes = append(c.PartTypes, model.PartType{Name: prop, ContentType: enc.ContentType, Style: enc.Style, Explode: own(enc.Explode)})
				}
			}
		}
		out = append(out, c)
	}
	// JSON first: it is the plain method; the rest keep document order.
	slices.SortStableFunc(out, func(a, b *model.Content) int {
		return boolRank(a.Kind != model.ContentJSON) - boolRank(b.Kind != model.ContentJSON)
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (p *parser) requestBody(o *model.Operation, rb *v3.RequestBody, ptr string) *model.RequestBody {
	b := &model.RequestBody{Required: isTrue(rb.Required), Doc: strings.TrimSpace(rb.Description), Pos: p.posOf(rb.GoLow(), ptr)}
	b.Contents = p.contents(rb.Content, o.ID+" Body", ptr)
	if len(b.Contents) == 0 {
		p.warnf(b.Pos, "empty-body", "request body declares no media type; it is sent as raw bytes")
		b.Contents = []*model.Content{{MediaType: "application/octet-stream", Kind: model.ContentBinary}}
	}
	for _, c := range b.Contents {
		typed := c.Type != nil && (c.Type.Kind == model.KindStruct || c.Type.IsObjectUnion())
		switch {
		case c.Kind == model.ContentMultipart && (!strings.HasPrefix(strings.ToLower(c.MediaType), "multipart/form-data") || !typed):
			p.warnf(b.Pos, "degraded-body", "%s body is not encoded from a typed object: the method takes the encoded body as an io.Reader and its content type with the boundary", c.MediaType)
		case c.Kind == model.ContentForm && !typed:
			p.warnf(b.Pos, "degraded-body", "%s body is not encoded from a typed object: the method takes the encoded body as an io.Reader", c.MediaType)
		}
	}
	// Two media types of one kind would make two methods of one name: keep
	// the first of each kind.
	seen := map[string]bool{}
	b.Contents = slices.DeleteFunc(b.Contents, func(c *model.Content) bool {
		w := model.MediaWord(c)
		if seen[w] {
			p.warnf(b.Pos, "duplicate-media-type", "request media type %s is sent like an earlier one; no separate method is generated for it", c.MediaType)
			return true
		}
		seen[w] = true
		return false
	})
	return b
}

func (p *parser) response(o *model.Operation, code string, r *v3.Response, ptr string) *model.Response {
	mr := &model.Response{Status: strings.ToUpper(code), Doc: strings.TrimSpace(r.Description), Pos: p.posOf(r.GoLow(), ptr)}
	if mr.Status == "DEFAULT" {
		mr.Status = "default"
	}
	name := o.ID + " Response"
	if !strings.HasPrefix(code, "2") {
		name = o.ID + " " + code + " Error"
	}
	mr.Contents = p.contents(r.Content, name, ptr)
	for hn, h := range r.Headers.FromOldest() {
		if h == nil {
			continue
		}
		mh := &model.Header{Name: hn, Required: h.Required, Doc: strings.TrimSpace(h.Description), Type: &model.Type{Kind: model.KindString}, Examples: examples(h.Example, h.Examples)}
		if h.Schema != nil {
			mh.Type = p.typeOf(h.Schema, o.ID+" "+hn, ptr+"/headers/"+ptrEscaper.Replace(hn)+"/schema", 0)
		}
		mr.Headers = append(mr.Headers, mh)
	}
	return mr
}

// requestIDHeader picks the response header the API uses for request ids:
// the most often declared header whose name says request id.
func requestIDHeader(api *model.API) string {
	count := map[string]int{}
	best, n := "", 0
	for _, o := range api.Operations() {
		for _, r := range o.Responses {
			for _, h := range r.Headers {
				l := strings.ToLower(h.Name)
				if !strings.Contains(strings.ReplaceAll(l, "_", "-"), "request-id") {
					continue
				}
				count[h.Name]++
				if c := count[h.Name]; c > n || c == n && h.Name < best {
					best, n = h.Name, c
				}
			}
		}
	}
	return best
}

func ext(m *orderedmap.Map[string, *yaml.Node], key string) *yaml.Node {
	if m == nil {
		return nil
	}
	return m.GetOrZero(key)
}

func extString(m *orderedmap.Map[string, *yaml.Node], key string) string {
	if n := ext(m, key); n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}

func extBool(m *orderedmap.Map[string, *yaml.Node], key string) bool {
	return extString(m, key) == "true"
}

// fixedHeaderValue is the value a header parameter's schema fixes: its
// default, or its only enum value; "" when it fixes none or the value
// could not be sent as a header.
func fixedHeaderValue(sp *base.SchemaProxy) string {
	if sp == nil {
		return ""
	}
	s := sp.Schema()
	if s == nil {
		return ""
	}
	v := scalar(s.Default)
	if v == "" && len(s.Enum) == 1 {
		v = scalar(s.Enum[0])
	}
	if strings.ContainsAny(v, "\r\n\x00") {
		return ""
	}
	return v
}
