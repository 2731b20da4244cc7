package gen

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// emitAll writes the iterating method of a paginated list operation (one
// the plan gives pages): the same arguments as the method, an iterator
// over the items of every page.
//
//	func (s *SupportService) ListTicketsAll(ctx context.Context, accountID string, req ListTicketsRequest, opts ...RequestOption) iter.Seq2[Ticket, error] {
//		fetch := func(ctx context.Context, req ListTicketsRequest, opts []RequestOption) (*ListTicketsResponse, error) {
//			return s.ListTickets(ctx, accountID, req, opts...)
//		}
//		items := func(p *ListTicketsResponse) []Ticket { … }
//		return core.Paginate(ctx, req, opts, fetch, items, core.PageCursor(…))
//	}
func (g *gen) emitAll(m *mixed, s *model.Service, o *model.Operation, v methodVariant) {
	if g.allDirect(m, s, o, v) {
		return
	}
	f := m.f
	pg, res := g.op(o).pages, v.result
	recv := jen.Id("s").Op("*").Id(s.TypeName)
	self := jen.Id("s")
	if s.GoName == "" {
		recv = jen.Id("c").Op("*").Id("Client")
		self = jen.Id("c")
	}
	page := res.typ.Clone()
	if res.pointer {
		page = jen.Op("*").Add(res.typ.Clone())
	}
	item := g.typ(pg.Item)
	var reqType *jen.Statement
	first := jen.Id("req")
	if v.request != "" {
		reqType = jen.Id(v.request)
	} else {
		reqType = jen.Struct()
		first = jen.Struct().Values()
	}

	params := g.methodParams(o, v)
	args := []jen.Code{jen.Id("ctx")}
	for _, p := range g.op(o).pathParams {
		args = append(args, jen.Id(p.ArgName))
	}
	if v.request != "" {
		args = append(args, jen.Id("req"))
	}
	args = append(args, jen.Id("opts").Op("..."))
	fetchParams := &sigParams{}
	fetchParams.add(jen.Id("ctx").Qual("context", "Context"), "ctx", "context.Context")
	if v.request != "" {
		fetchParams.add(jen.Id("req").Add(reqType.Clone()), "req", v.request)
	} else {
		fetchParams.add(jen.Id("_").Add(reqType.Clone()), "_", "struct{}")
	}
	fetchParams.add(jen.Id("opts").Index().Id("RequestOption"), "opts", "[]RequestOption")
	pageText := pointerText(res)
	if pageText != "" {
		pageText = "(" + pageText + ", error)"
	}

	// The page's body: the page itself, or the result's field for the
	// paging response.
	body, bodyPtr, bodyType := jen.Id("p"), res.pointer, pageBodyType(o)
	if o.ResultName != "" {
		r := o.Responses[slices.IndexFunc(o.Responses, func(r *model.Response) bool { return r.Status == pg.Status })]
		body = jen.Id("p").Dot(r.GoName)
		bodyPtr = !isNilable(bodyType)
	}
	pageGet := func(path []string, conv func(jen.Code) jen.Code, zero jen.Code, out jen.Code) jen.Code {
		stmts := []jen.Code{}
		if res.pointer && o.ResultName != "" {
			stmts = append(stmts, jen.If(jen.Id("p").Op("==").Nil()).Block(jen.Return(zero)))
		}
		stmts = append(stmts, g.readPath(body.Clone(), bodyPtr, bodyType, path, conv, zero)...)
		return jen.Func().Params(jen.Id("p").Add(page.Clone())).Add(out).Block(stmts...)
	}
	itemsOut := jen.Index().Add(item.Clone())
	itemsConv := func(c jen.Code) jen.Code { return c }
	if t := walkType(bodyType, pg.Items); t != nil && t.GoName != "" {
		itemsConv = func(c jen.Code) jen.Code { return jen.Index().Add(item.Clone()).Parens(c) }
	}

	body2 := []jen.Code{
		jen.Id("fetchPage").Op(":=").Func().Add(fetchParams.list("\tfetchPage := func", pageText)).
			Params(page.Clone(), jen.Error()).Block(
			jen.Return(self.Clone().Dot(o.GoName).Call(args...)),
		),
		jen.Id("pageItems").Op(":=").Add(pageGet(pg.Items, itemsConv, jen.Nil(), itemsOut)),
	}
	str := func(c jen.Code) jen.Code { return jen.String().Parens(c) }
	var rule jen.Code
	switch pg.Style {
	case model.PageCursor:
		rule = jen.Qual(g.core, "PageCursor").Call(jen.Line().Add(pageGet(pg.Next, str, jen.Lit(""), jen.String())), jen.Line().Add(g.setParam(o, v, pg.Param, jen.String())))
	case model.PageHasMore:
		id := jen.Func().Params(jen.Id("it").Add(item.Clone())).String().Block(
			g.readPath(jen.Id("it"), false, pg.Item, []string{pg.ItemID}, str, jen.Lit(""))...)
		hasMore := pageGet(pg.Next, func(c jen.Code) jen.Code { return jen.Bool().Parens(c) }, jen.False(), jen.Bool())
		rule = jen.Qual(g.core, "PageHasMore").Call(jen.Line().Add(hasMore), jen.Line().Id("pageItems"), jen.Line().Add(id), jen.Line().Add(g.setParam(o, v, pg.Param, jen.String())))
	case model.PageOffset, model.PageNumber:
		fn := "PageOffset"
		if pg.Style == model.PageNumber {
			fn = "PageNumber"
		}
		rule = jen.Qual(g.core, fn).Call(jen.Line().Add(g.getParam(o, v, pg.Param)), jen.Line().Add(g.setParam(o, v, pg.Param, jen.Int64())), jen.Line().Add(g.getParam(o, v, pg.Limit)))
	case model.PageLinkHeader:
		rule = jen.Qual(g.core, "PageLinkHeader")
	case model.PageNextURL:
		rule = jen.Qual(g.core, "PageNextURL").Call(pageGet(pg.Next, str, jen.Lit(""), jen.String()))
	default:
		return
	}
	call := jen.Qual(g.core, "Paginate").Call(jen.Id("ctx"), first, jen.Id("opts"), jen.Id("fetchPage"), jen.Id("pageItems"), rule)
	body2 = append(body2, jen.Return(call))

	f.Add(allDoc(o, pg).render())
	itemsText := ""
	if t := g.sigType(pg.Item); t != "" {
		itemsText = "iter.Seq2[" + t + ", error]"
	}
	f.Func().Params(recv).Id(pg.MethodName).Add(params.list("func ("+recvText(s)+") "+pg.MethodName, itemsText)).Qual("iter", "Seq2").Types(item.Clone(), jen.Error()).Block(body2...)
	f.Line()
}

// allDoc is the iterating method's doc comment.
func allDoc(o *model.Operation, pg *model.Pagination) *doc {
	d := &doc{}
	d.text(pg.MethodName + " calls " + o.GoName + " page after page and yields every item of every page, lazily: nothing is sent until the loop starts, and breaking out of it sends no further request.")
	d.text(howItPages(pg) + " The first page is requested with the arguments as given, so a loop can resume where an earlier one stopped; each page is one call with opts (retries included). An error ends the iteration and is yielded once.")
	return d
}

// allDirect writes the iterating method laid out directly, as gofmt lays
// out emitAll's code; it reports whether it did. It does not when a type
// is not surely known, or a line would be long enough for wrapLong to
// break.
//
//	func (s *ReposService) ListReposAll(ctx context.Context, req ListReposRequest, opts ...RequestOption) iter.Seq2[Repo, error] {
//		fetchPage := func(ctx context.Context, req ListReposRequest, opts []RequestOption) (*ListReposResult, error) {
//			return s.ListRepos(ctx, req, opts...)
//		}
//		pageItems := func(p *ListReposResult) []Repo {
//			if p == nil {
//				return nil
//			}
//			return p.Body
//		}
//		return core.Paginate(ctx, req, opts, fetchPage, pageItems, core.PageLinkHeader)
//	}
func (g *gen) allDirect(m *mixed, s *model.Service, o *model.Operation, v methodVariant) bool {
	pg, res := g.op(o).pages, v.result
	if !m.direct || res.typ == nil {
		return false
	}
	pageText := pointerText(res)
	item := g.typeSource(m.src, pg.Item)
	params := g.methodParams(o, v)
	if pageText == "" || slices.Contains(params.text, "") {
		return false
	}
	page, _ := g.resultTexts(m, res)
	if res.pointer {
		page = "*" + page
	}
	self := "s"
	if s.GoName == "" {
		self = "c"
	}
	args := []string{"ctx"}
	for _, p := range g.op(o).pathParams {
		g.typeSource(m.src, p.Type) // the packages the signature names
		args = append(args, p.ArgName)
	}
	fetchParams := &sigParams{}
	fetchParams.add(nil, "ctx", "context.Context")
	first, reqType := "req", v.request
	if v.request != "" {
		args = append(args, "req")
		fetchParams.add(nil, "req", v.request)
	} else {
		first, reqType = "struct{}{}", "struct{}"
		fetchParams.add(nil, "_", "struct{}")
	}
	args = append(args, "opts...")
	fetchParams.add(nil, "opts", "[]RequestOption")

	// The page's body: the page itself, or the result's field for the
	// paging response.
	body, bodyPtr, bodyType := "p", res.pointer, pageBodyType(o)
	if o.ResultName != "" {
		r := o.Responses[slices.IndexFunc(o.Responses, func(r *model.Response) bool { return r.Status == pg.Status })]
		body = "p." + r.GoName
		bodyPtr = !isNilable(bodyType)
	}
	// pageGet is a function reading path from a page, its body at depth
	// tabs.
	pageGet := func(depth int, path []string, conv func(string) string, zero, out string) string {
		var stmts []string
		if res.pointer && o.ResultName != "" {
			stmts = append(stmts, returnIf("p == nil", zero))
		}
		stmts = append(stmts, g.readPathText(body, bodyPtr, bodyType, path, conv, zero)...)
		return funcText("func(p "+page+") "+out, stmts, depth)
	}
	itemsConv := func(x string) string { return x }
	if t := walkType(bodyType, pg.Items); t != nil && t.GoName != "" {
		itemsConv = func(x string) string { return "[]" + item + "(" + x + ")" }
	}
	str := func(x string) string { return "string(" + x + ")" }
	set := func(from string) string { return g.setParamText(m, o, v, pg.Param, from) }
	get := func(name string) string { return g.getParamText(m, o, v, reqType, name) }
	// The rule's arguments, one a line (as jennifer's Line writes them).
	var rule string
	lines := func(fn string, args ...string) string {
		return fn + "(\n\t\t" + strings.Join(args, ",\n\t\t") + ")"
	}
	switch pg.Style {
	case model.PageCursor:
		rule = lines("core.PageCursor", pageGet(2, pg.Next, str, `""`, "string"), set("string"))
	case model.PageHasMore:
		id := funcText("func(it "+item+") string", g.readPathText("it", false, pg.Item, []string{pg.ItemID}, str, `""`), 2)
		hasMore := pageGet(2, pg.Next, func(x string) string { return "bool(" + x + ")" }, "false", "bool")
		rule = lines("core.PageHasMore", hasMore, "pageItems", id, set("string"))
	case model.PageOffset, model.PageNumber:
		fn := "core.PageOffset"
		if pg.Style == model.PageNumber {
			fn = "core.PageNumber"
		}
		rule = lines(fn, get(pg.Param), set("int64"), get(pg.Limit))
	case model.PageLinkHeader:
		rule = "core.PageLinkHeader"
	case model.PageNextURL:
		rule = "core.PageNextURL(" + pageGet(1, pg.Next, str, `""`, "string") + ")"
	default:
		return false
	}
	var b strings.Builder
	b.WriteString("\tfetchPage := func" + fetchParams.listText("\tfetchPage := func", "("+pageText+", error)") + " (" + page + ", error) {\n")
	b.WriteString("\t\treturn " + self + "." + o.GoName + "(" + strings.Join(args, ", ") + ")\n\t}\n")
	b.WriteString("\tpageItems := " + pageGet(1, pg.Items, itemsConv, "nil", "[]"+item) + "\n")
	b.WriteString("\treturn core.Paginate(ctx, " + first + ", opts, fetchPage, pageItems, " + rule + ")\n")
	itemsText := "iter.Seq2[" + item + ", error]"
	head := "func (" + recvText(s) + ") " + pg.MethodName
	text := head + params.listText(head, itemsText) + " " + itemsText + " {\n" + b.String() + "}"
	if hasLongLine([]byte(text)) {
		return false
	}
	m.src.use(g.core)
	m.src.use("context")
	m.src.use("iter")
	m.decl(allDoc(o, pg).lines(), text)
	return true
}

// returnIf is the statement returning zero when cond holds.
func returnIf(cond, zero string) string {
	return "if " + cond + " {\n\treturn " + zero + "\n}"
}

// funcText is a function literal of signature sig and statements stmts
// (whose lines after the first are indented relative to it), written on
// a line at depth tabs.
func funcText(sig string, stmts []string, depth int) string {
	if len(stmts) == 0 {
		return sig + " {}"
	}
	indent := strings.Repeat("\t", depth+1)
	var b strings.Builder
	b.WriteString(sig + " {\n")
	for _, st := range stmts {
		b.WriteString(indent + strings.ReplaceAll(st, "\n", "\n"+indent) + "\n")
	}
	b.WriteString(indent[1:] + "}")
	return b.String()
}

// pagingWords name each paging style in a method's doc comment.
var pagingWords = map[model.PageStyle]string{
	model.PageCursor:     "cursor pagination",
	model.PageHasMore:    "has-more pagination with the last item's id",
	model.PageOffset:     "offset pagination",
	model.PageNumber:     "page-number pagination",
	model.PageLinkHeader: "Link header pagination",
	model.PageNextURL:    "next-URL pagination",
}

// howItPages says in words how the next page is asked for and when the
// iteration ends.
func howItPages(pg *model.Pagination) string {
	limit := ""
	if pg.Limit != "" {
		limit = " or with fewer items than " + pg.Limit + " asks for"
	}
	switch pg.Style {
	case model.PageCursor:
		return "Each next page sets " + pg.Param + " to the page's " + dotted(pg.Next) + "; it ends after a page without one, an empty page, or when a cursor repeats."
	case model.PageHasMore:
		return "Each next page sets " + pg.Param + " to the " + pg.ItemID + " of the page's last item while " + dotted(pg.Next) + " is true; it ends after a page without more, an empty page, or when an id repeats."
	case model.PageOffset:
		return "Each next page moves " + pg.Param + " on by the number of items received; it ends after an empty page" + limit + "."
	case model.PageNumber:
		return "Each next page asks for the next " + pg.Param + "; it ends after an empty page" + limit + "."
	case model.PageLinkHeader:
		return "Each next page is the URL of the response's Link header with rel=\"next\"; it ends after a page without one, an empty page, or when a URL repeats."
	case model.PageNextURL:
		return "Each next page is the URL in the page's " + dotted(pg.Next) + "; it ends after a page without one, an empty page, or when a URL repeats."
	}
	return ""
}

func dotted(path []string) string {
	if len(path) == 0 {
		return "body"
	}
	return strings.Join(path, ".")
}

// pageBodyType is the schema of the paging response's body.
func pageBodyType(o *model.Operation) *model.Type {
	for _, r := range o.Responses {
		if r.Status == o.Pagination.Status && len(r.Contents) > 0 {
			return r.Contents[0].Type
		}
	}
	return nil
}

// walkType follows property names through struct types.
func walkType(t *model.Type, path []string) *model.Type {
	for _, n := range path {
		f := fieldNamed(t, n)
		if f == nil {
			return nil
		}
		t = f.Type
	}
	return t
}

func fieldNamed(t *model.Type, name string) *model.Field {
	if t == nil || t.Kind != model.KindStruct {
		return nil
	}
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// readPath is the statements that return the value at path from base (of
// type t, a pointer when ptr), converted by conv, or zero when an optional
// or null property on the way is absent.
func (g *gen) readPath(base *jen.Statement, ptr bool, t *model.Type, path []string, conv func(jen.Code) jen.Code, zero jen.Code) []jen.Code {
	var stmts []jen.Code
	cur := base
	for i, name := range path {
		if ptr {
			stmts = append(stmts, jen.If(cur.Clone().Op("==").Nil()).Block(jen.Return(zero)))
		}
		f := fieldNamed(t, name)
		if f == nil {
			return []jen.Code{jen.Return(zero)} // the parser checked the path; never reached
		}
		next := cur.Clone().Dot(f.GoName)
		v := jen.Id("v" + strconv.Itoa(i))
		ptr = false
		switch g.shapeOf(t, f) {
		case shapePointer, shapeRequiredPtr:
			ptr = true
		case shapeNullable:
			stmts = append(stmts, jen.List(v.Clone(), jen.Id("ok")).Op(":=").Add(next).Dot("Get").Call(),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Return(zero)))
			next = v
		}
		if i < len(path)-1 && next != v {
			stmts = append(stmts, v.Clone().Op(":=").Add(next))
			next = v
		}
		cur = next
		t = f.Type
	}
	if ptr {
		stmts = append(stmts, jen.If(cur.Clone().Op("==").Nil()).Block(jen.Return(zero)))
		cur = jen.Op("*").Add(cur)
	}
	if t == nil || t.GoName == "" {
		return append(stmts, jen.Return(cur)) // already the type wanted
	}
	return append(stmts, jen.Return(conv(cur)))
}

// readPathText is readPath as source: statements, their lines after the
// first indented relative to it.
func (g *gen) readPathText(base string, ptr bool, t *model.Type, path []string, conv func(string) string, zero string) []string {
	var stmts []string
	cur := base
	for i, name := range path {
		if ptr {
			stmts = append(stmts, returnIf(cur+" == nil", zero))
		}
		f := fieldNamed(t, name)
		if f == nil {
			return []string{"return " + zero} // the parser checked the path; never reached
		}
		next := cur + "." + f.GoName
		v := "v" + strconv.Itoa(i)
		ptr = false
		switch g.shapeOf(t, f) {
		case shapePointer, shapeRequiredPtr:
			ptr = true
		case shapeNullable:
			stmts = append(stmts, v+", ok := "+next+".Get()", returnIf("!ok", zero))
			next = v
		}
		if i < len(path)-1 && next != v {
			stmts = append(stmts, v+" := "+next)
			next = v
		}
		cur = next
		t = f.Type
	}
	if ptr {
		stmts = append(stmts, returnIf(cur+" == nil", zero))
		cur = "*" + cur
	}
	if t == nil || t.GoName == "" {
		return append(stmts, "return "+cur)
	}
	return append(stmts, "return "+conv(cur))
}

// requestParam finds the request field of a query parameter.
func requestParam(o *model.Operation, name string) *model.Param {
	for _, p := range o.Params {
		if p.Name == name && p.In == model.InQuery && p.InRequest() {
			return p
		}
	}
	return nil
}

// getParam reads an integer query parameter from a request (0 when unset),
// or is a function returning 0 when there is no such parameter.
func (g *gen) getParam(o *model.Operation, v methodVariant, name string) jen.Code {
	req := jen.Id(v.request)
	if v.request == "" {
		req = jen.Struct()
	}
	p := requestParam(o, name)
	if p == nil || v.request == "" {
		return jen.Func().Params(req).Int64().Block(jen.Return(jen.Lit(0)))
	}
	val := jen.Id("r").Dot(p.GoName)
	if !p.Required && !isNilable(p.Type) {
		val = jen.Qual(g.core, "Deref").Call(val)
	}
	if p.Type.GoName != "" || p.Type.GoType != "" || p.Type.Bits == 32 {
		val = jen.Int64().Parens(val)
	}
	return jen.Func().Params(jen.Id("r").Add(req)).Int64().Block(jen.Return(val))
}

// getParamText is getParam as source, reqType being the request's type
// as source.
func (g *gen) getParamText(m *mixed, o *model.Operation, v methodVariant, reqType, name string) string {
	p := requestParam(o, name)
	if p == nil || v.request == "" {
		return "func(" + reqType + ") int64 {\n\t\t\treturn 0\n\t\t}"
	}
	val := "r." + p.GoName
	if !p.Required && !isNilable(p.Type) {
		val = "core.Deref(" + val + ")"
	}
	if p.Type.GoName != "" || p.Type.GoType != "" || p.Type.Bits == 32 {
		val = "int64(" + val + ")"
	}
	return "func(r " + reqType + ") int64 {\n\t\t\treturn " + val + "\n\t\t}"
}

// setParamText is setParam as source, written at two tabs.
func (g *gen) setParamText(m *mixed, o *model.Operation, v methodVariant, name, from string) string {
	p := requestParam(o, name)
	if p == nil || v.request == "" {
		return "func(*struct{}, " + from + ") {}"
	}
	conv := g.typeSource(m.src, p.Type) + "(x)"
	if p.Type.GoName == "" && p.Type.GoType == "" && (p.Type.Kind == model.KindString || p.Type.Kind == model.KindInt && p.Type.Bits != 32) {
		conv = "x"
	}
	stmts := []string{"r." + p.GoName + " = " + conv}
	if !p.Required && !isNilable(p.Type) {
		stmts = []string{"v := " + conv, "r." + p.GoName + " = &v"}
	}
	return funcText("func(r *"+v.request+", x "+from+")", stmts, 2)
}

// setParam sets a query parameter of the next page's request from a value
// of type from (string or int64).
func (g *gen) setParam(o *model.Operation, v methodVariant, name string, from *jen.Statement) jen.Code {
	p := requestParam(o, name)
	if p == nil || v.request == "" {
		return jen.Func().Params(jen.Op("*").Struct(), from).Block()
	}
	conv := g.typ(p.Type).Parens(jen.Id("x"))
	if p.Type.GoName == "" && p.Type.GoType == "" && (p.Type.Kind == model.KindString || p.Type.Kind == model.KindInt && p.Type.Bits != 32) {
		conv = jen.Id("x")
	}
	var set jen.Code = jen.Id("r").Dot(p.GoName).Op("=").Add(conv)
	if !p.Required && !isNilable(p.Type) {
		set = jen.Block(jen.Id("v").Op(":=").Add(conv), jen.Id("r").Dot(p.GoName).Op("=").Op("&").Id("v"))
		return jen.Func().Params(jen.Id("r").Op("*").Id(v.request), jen.Id("x").Add(from)).Add(set)
	}
	return jen.Func().Params(jen.Id("r").Op("*").Id(v.request), jen.Id("x").Add(from)).Block(set)
}
