package core

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// Pages is a paginated list operation, made by Paginate: how to fetch one page and where its
// items are. Its methods say how the request of each next page is made, and return an iterator
// over the items of all pages:
//
//   - Cursor: a cursor or token from the body goes into a request parameter;
//   - HasMore: a has_more flag, and the last item's id in a parameter such as starting_after;
//   - Offset: an offset (or skip) parameter moves on by the number of items;
//   - PageNumber: a page parameter moves on by one;
//   - LinkHeader: the URL of the Link header's rel="next" link is requested;
//   - NextURL: a next-page URL from the body is requested;
//   - Custom: any other rule.
//
// Each iterator is lazy (nothing is sent until the loop starts), and may be ranged over again,
// which starts over from the first request. The first page is fetched with the caller's request
// exactly as given, so a caller can resume from a cursor or offset it kept. Iteration stops
// after the last page the server announces; after a page without items; when the next page
// would be one already fetched (the same cursor, id, offset or URL again: a loop); when the loop
// body breaks, without any further request; and after an error, which is yielded once with the
// zero item.
//
// Every page is one call with the caller's request options, so retries, timeouts, headers and
// middleware apply to each page.
type Pages[Req, Page, Item any] struct {
	ctx   context.Context
	first Req
	opts  []RequestOption
	fetch func(context.Context, Req, []RequestOption) (Page, error)
	items func(Page) []Item
}

// Paginate describes a paginated list operation for the iterators of Pages. first is the request
// of the first page and opts the caller's request options. fetch gets one page: it makes the call
// with req and with opts, which are the caller's options followed by the runtime's own (they
// capture the response and may give the URL to request), and must pass them all on. items
// returns the items of a page fetch returned without error.
//
// A generated <Op>All method is a call of Paginate and one of the methods of Pages:
//
//	func (s *ThingsService) ListThingsAll(ctx context.Context, req ListThingsRequest, opts ...RequestOption) iter.Seq2[Thing, error] {
//		fetch := func(ctx context.Context, req ListThingsRequest, opts []RequestOption) (*ThingList, error) {
//			return s.ListThings(ctx, req, opts...)
//		}
//		items := func(p *ThingList) []Thing { return p.Data }
//		return core.Paginate(ctx, req, opts, fetch, items).Cursor(
//			func(p *ThingList) string { return core.Deref(p.NextCursor) },
//			func(r *ListThingsRequest, c string) { r.Cursor = &c })
//	}
//
// Functions that set a request parameter receive a copy of the previous request: they must
// assign the field (r.Cursor = &c), never write through a pointer the caller's request shares
// (*r.Cursor = c).
func Paginate[Req, Page, Item any](ctx context.Context, first Req, opts []RequestOption,
	fetch func(ctx context.Context, req Req, opts []RequestOption) (Page, error), items func(Page) []Item,
) Pages[Req, Page, Item] {
	return Pages[Req, Page, Item]{ctx: ctx, first: first, opts: opts, fetch: fetch, items: items}
}

// PageInfo is a page just fetched, as a Custom rule sees it.
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

// Cursor pages with a cursor (or token) from each page: cursor returns it from a page, "" when
// there are no more pages, and setCursor puts it in the request of the next page.
func (p Pages[Req, Page, Item]) Cursor(cursor func(Page) string, setCursor func(req *Req, cursor string)) iter.Seq2[Item, error] {
	return p.Custom(func(info PageInfo[Req, Page]) (Next[Req], bool) {
		c := cursor(info.Page)
		if c == "" {
			return Next[Req]{}, false
		}
		req := info.Request
		setCursor(&req, c)
		return Next[Req]{Request: req, Key: c}, true
	})
}

// HasMore pages as Stripe does: hasMore reports whether there are pages after this one, and
// setAfter puts the id of the page's last item (given by id) in the request of the next page,
// such as its starting_after parameter.
func (p Pages[Req, Page, Item]) HasMore(hasMore func(Page) bool, id func(Item) string, setAfter func(req *Req, id string)) iter.Seq2[Item, error] {
	return p.custom(func(info PageInfo[Req, Page], items []Item) (Next[Req], bool) {
		if !hasMore(info.Page) {
			return Next[Req]{}, false
		}
		after := id(items[len(items)-1])
		if after == "" {
			return Next[Req]{}, false
		}
		req := info.Request
		setAfter(&req, after)
		return Next[Req]{Request: req, Key: after}, true
	})
}

// Offset pages with an offset (or skip) parameter: offset and setOffset read and set it (0 when
// unset), and the next page's offset is this one's plus its number of items. limit returns the
// page size the request asks for, 0 when unset: a page with fewer items than a set limit is the
// last. A server that caps the page size below the limit asked for therefore ends the iteration
// after the first page: leave limit unset, or at most the server's maximum.
func (p Pages[Req, Page, Item]) Offset(offset func(Req) int64, setOffset func(req *Req, offset int64), limit func(Req) int64) iter.Seq2[Item, error] {
	return p.Custom(func(info PageInfo[Req, Page]) (Next[Req], bool) {
		if n := limit(info.Request); n > 0 && int64(info.Items) < n {
			return Next[Req]{}, false
		}
		next := offset(info.Request) + int64(info.Items)
		req := info.Request
		setOffset(&req, next)
		return Next[Req]{Request: req, Key: strconv.FormatInt(next, 10)}, true
	})
}

// PageNumber pages with a page number parameter: page and setPage read and set it (0 when unset,
// taken as page 1), and the next page's number is this one's plus one. perPage returns the page
// size the request asks for, 0 when unset: a page with fewer items than a set size is the last.
func (p Pages[Req, Page, Item]) PageNumber(page func(Req) int64, setPage func(req *Req, page int64), perPage func(Req) int64) iter.Seq2[Item, error] {
	return p.Custom(func(info PageInfo[Req, Page]) (Next[Req], bool) {
		if n := perPage(info.Request); n > 0 && int64(info.Items) < n {
			return Next[Req]{}, false
		}
		next := max(page(info.Request), 1) + 1
		req := info.Request
		setPage(&req, next)
		return Next[Req]{Request: req, Key: strconv.FormatInt(next, 10)}, true
	})
}

// LinkHeader pages with the response's Link header (RFC 8288, as GitHub does): the URL of the
// link with rel="next", resolved against the URL requested, is requested as is; without one the
// page is the last.
func (p Pages[Req, Page, Item]) LinkHeader() iter.Seq2[Item, error] {
	return p.Custom(func(info PageInfo[Req, Page]) (Next[Req], bool) {
		var h http.Header
		if info.Response != nil {
			h = info.Response.Header
		}
		next := NextLink(h, info.URL)
		return Next[Req]{Request: info.Request, URL: next}, next != ""
	})
}

// NextURL pages with the URL of the next page given in the body: next returns it ("" on the last
// page); it is resolved against the URL requested and requested as is.
func (p Pages[Req, Page, Item]) NextURL(next func(Page) string) iter.Seq2[Item, error] {
	return p.Custom(func(info PageInfo[Req, Page]) (Next[Req], bool) {
		u := next(info.Page)
		if u == "" {
			return Next[Req]{}, false
		}
		return Next[Req]{Request: info.Request, URL: resolveURL(info.URL, u)}, true
	})
}

// Custom pages with any rule: next receives each page that has items and returns how the next
// page is requested, or false after the last page.
func (p Pages[Req, Page, Item]) Custom(next func(PageInfo[Req, Page]) (Next[Req], bool)) iter.Seq2[Item, error] {
	return p.custom(func(info PageInfo[Req, Page], _ []Item) (Next[Req], bool) { return next(info) })
}

// custom is Custom with the page's items at hand.
func (p Pages[Req, Page, Item]) custom(next func(PageInfo[Req, Page], []Item) (Next[Req], bool)) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		req, pageURL := p.first, ""
		seen := map[string]bool{}
		for {
			var requested string
			var resp *http.Response
			opts := append(p.opts[:len(p.opts):len(p.opts)], pageOption{url: pageURL, observe: func(u string, r *http.Response) {
				requested, resp = u, r
			}})
			page, err := p.fetch(p.ctx, req, opts)
			if err != nil {
				var zero Item
				yield(zero, err)
				return
			}
			items := p.items(page)
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if len(items) == 0 {
				return
			}
			if requested != "" {
				seen["url "+requested] = true
			}
			info := PageInfo[Req, Page]{Request: req, Page: page, Items: len(items), Response: resp}
			if requested != "" {
				info.URL, _ = url.Parse(requested)
			}
			n, ok := next(info, items)
			if !ok {
				return
			}
			if n.URL != "" {
				if seen["url "+n.URL] {
					return
				}
				seen["url "+n.URL] = true
			}
			if n.Key != "" {
				if seen["key "+n.Key] {
					return
				}
				seen["key "+n.Key] = true
			}
			req, pageURL = n.Request, n.URL
		}
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
