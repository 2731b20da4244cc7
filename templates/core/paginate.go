package core

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// Paginate returns an iterator over the items of every page of a paginated list operation.
// first is the request of the first page and opts the caller's request options. fetch gets one
// page: it makes the call with req and with opts, which are the caller's options followed by the
// runtime's own (they capture the response and may give the URL to request), and must pass them
// all on. items returns the items of a page fetch returned without error. rule says how the
// request of each next page is made; the Page* functions make the rules of the common styles:
//
//   - PageCursor: a cursor or token from the body goes into a request parameter;
//   - PageHasMore: a has_more flag, and the last item's id in a parameter such as starting_after;
//   - PageOffset: an offset (or skip) parameter moves on by the number of items;
//   - PageNumber: a page parameter moves on by one;
//   - PageLinkHeader: the URL of the Link header's rel="next" link is requested;
//   - PageNextURL: a next-page URL from the body is requested;
//   - PageCustom: any other rule.
//
// The iterator is lazy (nothing is sent until the loop starts), and may be ranged over again,
// which starts over from the first request. The first page is fetched with the caller's request
// exactly as given, so a caller can resume from a cursor or offset it kept. Iteration stops
// after the last page the server announces; after a page without items; when the next page
// would be one already fetched (the same cursor, id, offset or URL again: a loop); when the loop
// body breaks, without any further request; and after an error, which is yielded once with the
// zero item. Every page is one call with the caller's request options, so retries, timeouts,
// headers and middleware apply to each page.
//
// A generated <Op>All method is one call of Paginate:
//
//	func (s *ThingsService) ListThingsAll(ctx context.Context, req ListThingsRequest, opts ...RequestOption) iter.Seq2[Thing, error] {
//		fetch := func(ctx context.Context, req ListThingsRequest, opts []RequestOption) (*ThingList, error) {
//			return s.ListThings(ctx, req, opts...)
//		}
//		items := func(p *ThingList) []Thing { return p.Data }
//		return core.Paginate(ctx, req, opts, fetch, items, core.PageCursor(
//			func(p *ThingList) string { return core.Deref(p.NextCursor) },
//			func(r *ListThingsRequest, c string) { r.Cursor = &c }))
//	}
//
// Functions that set a request parameter receive a copy of the previous request: they must
// assign the field (r.Cursor = &c), never write through a pointer the caller's request shares
// (*r.Cursor = c).
//
// The loop itself (walkPages) works on requests and pages of any type, so that the code made
// anew for each operation's types is only this function's and its rule's few lines: a compiler
// that copies the loop into every paginated operation of a large API takes many times longer.
// For the same reason Paginate and the rule constructors are never inlined: inlined, the closure
// each returns is compiled a second time inside the calling method, on top of the generic
// instance every call needs anyway (a fifth of a large SDK's machine code, for one call less).
//
//go:noinline
func Paginate[Req, Page, Item any](ctx context.Context, first Req, opts []RequestOption,
	fetch func(ctx context.Context, req Req, opts []RequestOption) (Page, error), items func(Page) []Item,
	rule PageRule,
) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		// page fetches one page and yields its items (or the error): it reports the page, its
		// number of items, and whether the loop goes on.
		page := func(ctx context.Context, req any, opts []RequestOption) (any, int, bool) {
			p, err := fetch(ctx, req.(Req), opts)
			if err != nil {
				var zero Item
				yield(zero, err)
				return nil, 0, false
			}
			got := items(p)
			for _, it := range got {
				if !yield(it, nil) {
					return nil, 0, false
				}
			}
			return p, len(got), true
		}
		walkPages(ctx, first, opts, page, rule)
	}
}

// PageRule says how the page after the one described is requested, or false after the last. Its
// Request and Page are of the operation's types (the Page* functions convert them).
type PageRule func(info PageInfo[any, any]) (Next[any], bool)

// PageInfo is a page just fetched, as a rule sees it.
type PageInfo[Req, Page any] struct {
	Request  Req            // the request that got the page
	Page     Page           // the decoded page
	Items    int            // how many items it holds (never 0: an empty page ends the iteration)
	URL      *url.URL       // the URL requested, for resolving relative links
	Response *http.Response // the raw response (status, headers); its body has been read
}

// Next says how the page after a PageInfo is requested.
type Next[Req any] struct {
	// Request is the request of the next page. With URL set, it still supplies the header and
	// cookie parameters (its query parameters are ignored).
	Request Req
	// URL, when set, is requested as is instead of the operation's path and query. It must be
	// absolute. Credentials go with it only when it is on the configured server's host.
	URL string
	// Key identifies the next page, such as its cursor: a key or URL met before ends the
	// iteration. Without a Key or a URL there is no loop detection.
	Key string
}

// PageCursor pages with a cursor (or token) from each page: cursor returns it from a page, ""
// when there are no more pages, and setCursor puts it in the request of the next page.
//
//go:noinline
func PageCursor[Req, Page any](cursor func(Page) string, setCursor func(req *Req, cursor string)) PageRule {
	return func(info PageInfo[any, any]) (Next[any], bool) {
		c := cursor(info.Page.(Page))
		if c == "" {
			return Next[any]{}, false
		}
		req := info.Request.(Req)
		setCursor(&req, c)
		return Next[any]{Request: req, Key: c}, true
	}
}

// PageHasMore pages as Stripe does: hasMore reports whether there are pages after this one, and
// setAfter puts the id of the page's last item (items gives them, id the id of one) in the
// request of the next page, such as its starting_after parameter.
//
//go:noinline
func PageHasMore[Req, Page, Item any](hasMore func(Page) bool, items func(Page) []Item, id func(Item) string, setAfter func(req *Req, id string)) PageRule {
	return func(info PageInfo[any, any]) (Next[any], bool) {
		page := info.Page.(Page)
		if !hasMore(page) {
			return Next[any]{}, false
		}
		all := items(page)
		after := id(all[len(all)-1])
		if after == "" {
			return Next[any]{}, false
		}
		req := info.Request.(Req)
		setAfter(&req, after)
		return Next[any]{Request: req, Key: after}, true
	}
}

// PageOffset pages with an offset (or skip) parameter: offset and setOffset read and set it (0
// when unset), and the next page's offset is this one's plus its number of items. limit returns
// the page size the request asks for, 0 when unset: a page with fewer items than a set limit is
// the last. A server that caps the page size below the limit asked for therefore ends the
// iteration after the first page: leave limit unset, or at most the server's maximum.
//
//go:noinline
func PageOffset[Req any](offset func(Req) int64, setOffset func(req *Req, offset int64), limit func(Req) int64) PageRule {
	return func(info PageInfo[any, any]) (Next[any], bool) {
		req := info.Request.(Req)
		return countNext(info.Items, limit(req), offset(req)+int64(info.Items), func(n int64) any { setOffset(&req, n); return req })
	}
}

// PageNumber pages with a page number parameter: page and setPage read and set it (0 when unset,
// taken as page 1), and the next page's number is this one's plus one. perPage returns the page
// size the request asks for, 0 when unset: a page with fewer items than a set size is the last.
//
//go:noinline
func PageNumber[Req any](page func(Req) int64, setPage func(req *Req, page int64), perPage func(Req) int64) PageRule {
	return func(info PageInfo[any, any]) (Next[any], bool) {
		req := info.Request.(Req)
		return countNext(info.Items, perPage(req), max(page(req), 1)+1, func(n int64) any { setPage(&req, n); return req })
	}
}

// countNext is the rule of PageOffset and PageNumber: a page with fewer items than a set page
// size is the last; otherwise set returns the request with next as its offset or page number.
func countNext(items int, size, next int64, set func(int64) any) (Next[any], bool) {
	if size > 0 && int64(items) < size {
		return Next[any]{}, false
	}
	return Next[any]{Request: set(next), Key: strconv.FormatInt(next, 10)}, true
}

// PageLinkHeader pages with the response's Link header (RFC 8288, as GitHub does): the URL of
// the link with rel="next", resolved against the URL requested, is requested as is; without one
// the page is the last.
func PageLinkHeader(info PageInfo[any, any]) (Next[any], bool) {
	var h http.Header
	if info.Response != nil {
		h = info.Response.Header
	}
	next := NextLink(h, info.URL)
	return Next[any]{Request: info.Request, URL: next}, next != ""
}

// PageNextURL pages with the URL of the next page given in the body: next returns it ("" on the
// last page); it is resolved against the URL requested and requested as is.
//
//go:noinline
func PageNextURL[Page any](next func(Page) string) PageRule {
	return func(info PageInfo[any, any]) (Next[any], bool) {
		u := next(info.Page.(Page))
		if u == "" {
			return Next[any]{}, false
		}
		return Next[any]{Request: info.Request, URL: resolveURL(info.URL, u)}, true
	}
}

// PageCustom pages with any rule: next receives each page that has items, with the operation's
// request and page types, and returns how the next page is requested, or false after the last.
//
//go:noinline
func PageCustom[Req, Page any](next func(PageInfo[Req, Page]) (Next[Req], bool)) PageRule {
	return func(info PageInfo[any, any]) (Next[any], bool) {
		n, ok := next(PageInfo[Req, Page]{Request: info.Request.(Req), Page: info.Page.(Page), Items: info.Items, URL: info.URL, Response: info.Response})
		return Next[any]{Request: n.Request, URL: n.URL, Key: n.Key}, ok
	}
}

// walkPages is the loop over the pages: page fetches the page for a request and yields its
// items, reporting the page, its number of items and whether to go on (false after an error or
// when the loop body broke out); rule says how the next page is requested.
func walkPages(ctx context.Context, first any, callerOpts []RequestOption,
	page func(ctx context.Context, req any, opts []RequestOption) (any, int, bool), rule PageRule,
) {
	req, pageURL := first, ""
	seen := map[string]bool{}
	for {
		var requested string
		var resp *http.Response
		opts := append(callerOpts[:len(callerOpts):len(callerOpts)], pageOption{url: pageURL, observe: func(u string, r *http.Response) {
			requested, resp = u, r
		}})
		p, n, more := page(ctx, req, opts)
		if !more || n == 0 {
			return
		}
		info := PageInfo[any, any]{Request: req, Page: p, Items: n, Response: resp}
		if requested != "" {
			seen["url "+requested] = true
			info.URL, _ = url.Parse(requested)
		}
		next, ok := rule(info)
		if !ok {
			return
		}
		if next.URL != "" {
			if seen["url "+next.URL] {
				return
			}
			seen["url "+next.URL] = true
		}
		if next.Key != "" {
			if seen["key "+next.Key] {
				return
			}
			seen["key "+next.Key] = true
		}
		req, pageURL = next.Request, next.URL
	}
}

// pageOption gives one page's call the URL to request (if any) and a look at its response.
type pageOption struct {
	url     string
	observe func(url string, resp *http.Response)
}

func (o pageOption) ApplyRequest(c *CallOptions) {
	c.url, c.observe = o.url, o.observe
}

// Deref returns *p, or the zero value when p is nil: for reading optional cursors and page
// parameters.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
