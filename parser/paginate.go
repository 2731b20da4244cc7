package parser

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/pb33f/go-yaml"

	"github.com/sdkgen/sdkgen/model"
)

// PaginationRule is the config's description of how the operations it
// names page (sdkgen.yaml's pagination list). Paths are JSON property names
// joined by dots; empty ones are inferred from the response where they can
// be.
type PaginationRule struct {
	// Operation is an operationId, or a pattern over operationIds as
	// path.Match reads it ("list*").
	Operation string `yaml:"operation"`
	// Style is cursor, hasMore, offset, page, linkHeader, nextURL, or none
	// (never an iterator for these operations).
	Style string `yaml:"style"`
	// Items is the path to the array of items in the body; "$" is the body.
	Items string `yaml:"items"`
	// Next is the path to the next cursor, the has-more flag or the next
	// page's URL.
	Next string `yaml:"next"`
	// Param is the query parameter the next page's request sets.
	Param string `yaml:"param"`
	// Limit is the page-size query parameter.
	Limit string `yaml:"limit"`
	// ID is the property of an item holding its id (hasMore; default id).
	ID string `yaml:"id"`
}

// pageRule is a candidate rule for one operation, before it is checked
// against the operation's parameters and response.
type pageRule struct {
	style      model.PageStyle
	source     string
	items      []string
	itemsGiven bool
	next       []string
	param      string
	limit      string
	itemID     string
}

// paginations decides, for every operation, how it pages: the spec's
// x-speakeasy-pagination first, then the config, then the shapes of its
// parameters and response. An explicit rule that does not fit the
// operation is a warning; an operation that looks paginated without a rule
// that fits gets a warning too. Neither gets an iterator.
func (p *parser) paginations(api *model.API) {
	for _, o := range api.Operations() {
		if n := p.pageExt[o]; n != nil {
			r, why := speakeasyRule(n)
			if why == "" {
				o.Pagination, why = p.checkRule(o, r)
			}
			if why != "" {
				p.warnf(o.Pos, "pagination", "x-speakeasy-pagination of %s cannot be followed (%s); no iterator is generated", o.ID, why)
			}
			continue
		}
		if cr, ok := p.configRule(o); ok {
			if cr.Style == "none" {
				continue
			}
			r := pageRule{
				style: model.PageStyle(cr.Style), source: model.PageFromConfig, next: splitPath(cr.Next),
				param: cr.Param, limit: cr.Limit, itemID: cr.ID,
			}
			if cr.Items != "" {
				r.items, r.itemsGiven = splitPath(cr.Items), true
			}
			var why string
			o.Pagination, why = p.checkRule(o, r)
			if why != "" {
				p.warnf(o.Pos, "pagination", "the config's pagination rule for %s cannot be followed (%s); no iterator is generated", o.ID, why)
			}
			continue
		}
		p.inferPagination(o)
	}
}

// configRule returns the first config rule naming o.
func (p *parser) configRule(o *model.Operation) (PaginationRule, bool) {
	for _, r := range p.cfg.Pagination {
		if r.Operation == o.ID {
			return r, true
		}
		if ok, err := path.Match(r.Operation, o.ID); err == nil && ok {
			return r, true
		}
	}
	return PaginationRule{}, false
}

// splitPath reads "a.b", "$.a.b" or "$" into property names.
func splitPath(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "$"), ".")
	if s == "" {
		return nil
	}
	return strings.Split(s, ".")
}

// jsonPath reads the simple JSONPath expressions x-speakeasy-pagination
// uses: $, $.a.b, $['a'].b. Anything else (filters, wildcards, indexes) is
// not a single property path.
func jsonPath(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "$") {
		return nil, false
	}
	s = s[1:]
	var out []string
	for s != "" {
		switch {
		case strings.HasPrefix(s, "['") || strings.HasPrefix(s, `["`):
			q := s[1]
			end := strings.IndexByte(s[2:], q)
			if end < 0 || !strings.HasPrefix(s[2+end+1:], "]") {
				return nil, false
			}
			out = append(out, s[2:2+end])
			s = s[2+end+2:]
		case s[0] == '.':
			s = s[1:]
			end := strings.IndexAny(s, ".[")
			if end < 0 {
				end = len(s)
			}
			name := s[:end]
			if name == "" || strings.ContainsAny(name, "*?()@") {
				return nil, false
			}
			out = append(out, name)
			s = s[end:]
		default:
			return nil, false
		}
	}
	return out, true
}

// speakeasyRule reads an x-speakeasy-pagination object.
func speakeasyRule(n *yaml.Node) (pageRule, string) {
	r := pageRule{source: model.PageFromExtension}
	if n.Kind != yaml.MappingNode {
		return r, "it is not a mapping"
	}
	var kind string
	var inputs, outputs *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "type":
			kind = n.Content[i+1].Value
		case "inputs":
			inputs = n.Content[i+1]
		case "outputs":
			outputs = n.Content[i+1]
		}
	}
	var cursor, offset, page string
	if inputs != nil && inputs.Kind == yaml.SequenceNode {
		for _, in := range inputs.Content {
			if in.Kind != yaml.MappingNode {
				continue
			}
			var name, where, typ string
			for i := 0; i+1 < len(in.Content); i += 2 {
				switch in.Content[i].Value {
				case "name":
					name = in.Content[i+1].Value
				case "in":
					where = in.Content[i+1].Value
				case "type":
					typ = in.Content[i+1].Value
				}
			}
			if where != "parameters" {
				return r, "input " + name + " is in " + where + ", and only query parameters are driven"
			}
			switch typ {
			case "cursor":
				cursor = name
			case "offset":
				offset = name
			case "page":
				page = name
			case "limit":
				r.limit = name
			}
		}
	}
	outs := map[string]string{}
	if outputs != nil && outputs.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(outputs.Content); i += 2 {
			outs[outputs.Content[i].Value] = outputs.Content[i+1].Value
		}
	}
	if s, ok := outs["results"]; ok {
		path, ok := jsonPath(s)
		if !ok {
			return r, "results " + s + " is not a path of properties"
		}
		r.items, r.itemsGiven = path, true
	}
	switch kind {
	case "offsetLimit":
		switch {
		case offset != "":
			r.style, r.param = model.PageOffset, offset
		case page != "":
			r.style, r.param = model.PageNumber, page
		default:
			return r, "offsetLimit without an offset or page input"
		}
	case "cursor":
		s, ok := outs["nextCursor"]
		if cursor == "" || !ok {
			return r, "cursor pagination without a cursor input and a nextCursor output"
		}
		path, ok := jsonPath(s)
		if !ok || len(path) == 0 {
			return r, "nextCursor " + s + " is not a path of properties"
		}
		r.style, r.param, r.next = model.PageCursor, cursor, path
	case "url":
		s, ok := outs["nextUrl"]
		path, okPath := jsonPath(s)
		if !ok || !okPath || len(path) == 0 {
			return r, "url pagination without a nextUrl output that is a path of properties"
		}
		r.style, r.next = model.PageNextURL, path
	default:
		return r, "unknown type " + kind
	}
	return r, ""
}

// pageBody returns the success response whose body is a page: the first
// 2xx response with content, when it is JSON with a schema.
func pageBody(o *model.Operation) (*model.Response, *model.Type) {
	bodies := o.SuccessBodies()
	if len(bodies) == 0 {
		return nil, nil
	}
	c := bodies[0].Contents[0]
	if c.Kind != model.ContentJSON || c.Type == nil {
		return bodies[0], nil
	}
	return bodies[0], c.Type
}

// walk follows a path of property names through struct types.
func walk(t *model.Type, names []string) *model.Type {
	for _, n := range names {
		if t == nil || t.Kind != model.KindStruct {
			return nil
		}
		i := slices.IndexFunc(t.Fields, func(f *model.Field) bool { return f.Name == n })
		if i < 0 {
			return nil
		}
		t = t.Fields[i].Type
	}
	return t
}

// pageParam returns the query parameter a rule sets or reads, if the
// request struct holds it.
func pageParam(o *model.Operation, name string) *model.Param {
	for _, prm := range o.Params {
		if prm.Name == name && prm.In == model.InQuery && prm.InRequest() && prm.ContentType == "" {
			return prm
		}
	}
	return nil
}

func isString(t *model.Type) bool { return t != nil && t.Kind == model.KindString }

func isInt(t *model.Type) bool { return t != nil && t.Kind == model.KindInt }

// checkRule checks a rule against the operation and returns the model's
// pagination, or why it cannot be followed.
func (p *parser) checkRule(o *model.Operation, r pageRule) (*model.Pagination, string) {
	resp, body := pageBody(o)
	if body == nil {
		return nil, "its success response has no JSON body with a schema"
	}
	items := r.items
	if !r.itemsGiven {
		var ok bool
		if items, ok = findItems(body); !ok {
			return nil, "its response holds no single array of items"
		}
	}
	arr := walk(body, items)
	if arr == nil || arr.Kind != model.KindArray || arr.Elem == nil {
		return nil, "the items " + dotted(items) + " are not an array in the response"
	}
	pg := &model.Pagination{Style: r.style, Source: r.source, Status: resp.Status, Items: items, Item: arr.Elem, Next: r.next}
	needParam := func(kindOK func(*model.Type) bool, what string) string {
		prm := pageParam(o, r.param)
		if prm == nil {
			return "the request has no query parameter " + quote(r.param) + " to set"
		}
		if !kindOK(prm.Type) {
			return "query parameter " + r.param + " is not " + what
		}
		pg.Param = prm.Name
		return ""
	}
	switch r.style {
	case model.PageCursor:
		if t := walk(body, r.next); !isString(t) {
			return nil, "the next cursor " + dotted(r.next) + " is not a string in the response"
		}
		if why := needParam(isString, "a string"); why != "" {
			return nil, why
		}
	case model.PageHasMore:
		if t := walk(body, r.next); t == nil || t.Kind != model.KindBool {
			return nil, "the has-more flag " + dotted(r.next) + " is not a boolean in the response"
		}
		pg.ItemID = cmp.Or(r.itemID, "id")
		if t := walk(arr.Elem, []string{pg.ItemID}); !isString(t) {
			return nil, "an item has no string property " + pg.ItemID
		}
		if why := needParam(isString, "a string"); why != "" {
			return nil, why
		}
	case model.PageOffset, model.PageNumber:
		if why := needParam(isInt, "an integer"); why != "" {
			return nil, why
		}
	case model.PageLinkHeader:
	case model.PageNextURL:
		if t := walk(body, r.next); !isString(t) {
			return nil, "the next URL " + dotted(r.next) + " is not a string in the response"
		}
	default:
		return nil, "unknown style " + quote(string(r.style))
	}
	if r.limit != "" && r.style != model.PageLinkHeader && r.style != model.PageNextURL {
		prm := pageParam(o, r.limit)
		if prm == nil || !isInt(prm.Type) {
			return nil, "the page size " + quote(r.limit) + " is not an integer query parameter"
		}
		pg.Limit = prm.Name
	}
	return pg, ""
}

func dotted(path []string) string {
	if len(path) == 0 {
		return "$"
	}
	return strings.Join(path, ".")
}

// norm lowers a name to its letters and digits: next_page_token and
// nextPageToken both read nextpagetoken.
func norm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// itemNames are the property names that usually hold a list's items.
var itemNames = []string{"data", "items", "results", "records", "entries", "values", "list", "content", "elements", "nodes", "objects", "rows"}

// findItems finds the array of items in a response body: the body itself,
// its one array property, or among several the one with a usual name.
func findItems(body *model.Type) ([]string, bool) {
	if body.Kind == model.KindArray {
		return nil, body.Elem != nil
	}
	if body.Kind != model.KindStruct {
		return nil, false
	}
	var arrays []string
	for _, f := range body.Fields {
		if f.Type != nil && f.Type.Kind == model.KindArray && f.Type.Elem != nil {
			arrays = append(arrays, f.Name)
		}
	}
	if len(arrays) == 1 && (slices.Contains(itemNames, norm(arrays[0])) || !nestedArrays(body)) {
		// A lone array with an unusual name is the list only when no
		// object beside it holds another array (the real list may be there).
		return arrays, true
	}
	var usual []string
	for _, a := range arrays {
		if slices.Contains(itemNames, norm(a)) {
			usual = append(usual, a)
		}
	}
	if len(usual) == 1 {
		return usual, true
	}
	return nil, false
}

// nestedArrays reports whether an object property of body holds an array.
func nestedArrays(body *model.Type) bool {
	for _, f := range body.Fields {
		if f.Type == nil || f.Type.Kind != model.KindStruct {
			continue
		}
		for _, g := range f.Type.Fields {
			if g.Type != nil && g.Type.Kind == model.KindArray {
				return true
			}
		}
	}
	return false
}

// nextURLPath reports whether a property path names a next page's URL:
// its last property (or the one before a last href, url or uri) is called
// next, next_url, nextLink, next_page_url and the like.
func nextURLPath(path []string) bool {
	last := norm(path[len(path)-1])
	if len(path) > 1 && (last == "href" || last == "url" || last == "uri") {
		last = norm(path[len(path)-2])
		return last == "next" || last == "nextpage" || last == "nextlink"
	}
	return slices.Contains([]string{"next", "nexturl", "nexturi", "nextlink", "nextpageurl", "nextpageuri", "nextpagelink", "nexthref", "odatanextlink"}, last)
}

// stringPaths lists the paths to string (or, with wantBool, boolean)
// properties of a body's objects, at most three deep, not through arrays.
func stringPaths(t *model.Type, wantBool bool) [][]string {
	var out [][]string
	var visit func(t *model.Type, prefix []string, seen map[*model.Type]bool)
	visit = func(t *model.Type, prefix []string, seen map[*model.Type]bool) {
		if t == nil || t.Kind != model.KindStruct || len(prefix) >= 3 || seen[t] {
			return
		}
		seen[t] = true
		defer delete(seen, t)
		for _, f := range t.Fields {
			path := append(prefix[:len(prefix):len(prefix)], f.Name)
			switch {
			case !wantBool && isString(f.Type), wantBool && f.Type != nil && f.Type.Kind == model.KindBool:
				out = append(out, path)
			case f.Type != nil && f.Type.Kind == model.KindStruct:
				visit(f.Type, path, seen)
			}
		}
	}
	visit(t, nil, map[*model.Type]bool{})
	return out
}

// The query parameter names that say a list pages.
var (
	offsetParams = []string{"offset", "skip"}
	pageParams   = []string{"page", "pagenumber", "pagenum"}
	limitParams  = []string{"limit", "count", "pagesize", "perpage", "size", "take", "maxresults", "pagelimit", "top"}
	afterParams  = []string{"startingafter", "after", "afterid"}
	// pagingHints are parameter names that say "this operation pages"
	// without saying how; weakHints say so only of an operation answering
	// a list (a page parameter may choose a page of a document).
	pagingHints = []string{"cursor", "pagetoken", "nexttoken", "nextpagetoken", "continuationtoken", "startingafter", "pagecursor"}
	weakHints   = []string{"marker", "after", "offset", "skip", "page", "pagenumber"}
)

// queryParam returns the first query parameter of o the request struct
// holds whose normalised name is one of names and whose type fits.
func queryParam(o *model.Operation, names []string, fits func(*model.Type) bool) *model.Param {
	for _, n := range names {
		for _, prm := range o.Params {
			if norm(prm.Name) == n && pageParam(o, prm.Name) == prm && fits(prm.Type) {
				return prm
			}
		}
	}
	return nil
}

// inferPagination recognises the common paging shapes of a GET list, in
// order: a next cursor fed back into a query parameter, has_more with the
// last item's id, an offset or skip, a Link header, a next URL in the body,
// a page number. An operation that looks paginated without fitting one is
// warned about.
func (p *parser) inferPagination(o *model.Operation) {
	if o.Method != "GET" {
		return
	}
	resp, body := pageBody(o)
	isList := false
	if body != nil {
		_, isList = findItems(body)
	}
	hint := ""
	for _, prm := range o.Params {
		if prm.In == model.InQuery && (slices.Contains(pagingHints, norm(prm.Name)) || isList && slices.Contains(weakHints, norm(prm.Name))) {
			hint = "query parameter " + prm.Name
			break
		}
	}
	try := func(r pageRule) bool {
		r.source = model.PageFromShape
		pg, why := p.checkRule(o, r)
		if why == "" {
			o.Pagination = pg
		}
		return why == ""
	}
	limit := func() string {
		if prm := queryParam(o, limitParams, isInt); prm != nil {
			return prm.Name
		}
		return ""
	}
	if body != nil {
		if isList {
			// A next cursor or token: its name, without "next", ends with the
			// name of a query parameter that is a cursor or token.
			for _, path := range stringPaths(body, false) {
				joined := norm(strings.Join(path, ""))
				if !strings.Contains(joined, "next") {
					continue
				}
				stripped := strings.ReplaceAll(joined, "next", "")
				for _, prm := range o.Params {
					pn := strings.ReplaceAll(norm(prm.Name), "next", "")
					if pn == "" || !strings.HasSuffix(pn, "cursor") && !strings.HasSuffix(pn, "token") || !strings.HasSuffix(stripped, pn) {
						continue
					}
					if try(pageRule{style: model.PageCursor, next: path, param: prm.Name, limit: limit()}) {
						return
					}
				}
			}
			for _, path := range stringPaths(body, true) {
				if len(path) == 1 && norm(path[0]) == "hasmore" {
					if prm := queryParam(o, afterParams, isString); prm != nil && try(pageRule{style: model.PageHasMore, next: path, param: prm.Name, limit: limit()}) {
						return
					}
				}
			}
			if prm := queryParam(o, offsetParams, isInt); prm != nil && try(pageRule{style: model.PageOffset, param: prm.Name, limit: limit()}) {
				return
			}
			if hasLinkHeader(o) && try(pageRule{style: model.PageLinkHeader}) {
				return
			}
			for _, path := range stringPaths(body, false) {
				last := walk(body, path)
				lastName := norm(path[len(path)-1])
				// A bare "next" is a URL only when its format says so: some
				// APIs put a cursor there.
				urlish := lastName != "next" || last.Format == "uri" || last.Format == "url"
				if nextURLPath(path) && urlish && try(pageRule{style: model.PageNextURL, next: path}) {
					return
				}
			}
			if prm := queryParam(o, pageParams, isInt); prm != nil && limit() != "" && try(pageRule{style: model.PageNumber, param: prm.Name, limit: limit()}) {
				return
			}
		}
		if hint == "" {
			for _, path := range stringPaths(body, true) {
				if len(path) == 1 && norm(path[0]) == "hasmore" {
					hint = "response property " + path[0]
				}
			}
		}
	}
	if hint == "" {
		return
	}
	why := "its response holds no single array of items"
	switch {
	case resp == nil || body == nil:
		why = "its success response has no JSON body with a schema"
	case isList:
		why = "no next cursor, has-more flag, offset, Link header or next URL fits its parameters"
	}
	p.warnf(o.Pos, "pagination", "%s looks paginated (%s) but sdkgen cannot tell how to get its next page: %s; no iterator is generated (describe it with x-speakeasy-pagination or the config's pagination)", o.ID, hint, why)
}

// hasLinkHeader reports whether a 2xx response of o declares a Link header.
func hasLinkHeader(o *model.Operation) bool {
	for _, r := range o.Responses {
		if !r.IsSuccess() && r.Status != "2XX" {
			continue
		}
		for _, h := range r.Headers {
			if strings.EqualFold(h.Name, "link") {
				return true
			}
		}
	}
	return false
}
