package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// listReq, listPage and listThings play the generated request type, response type and method of
// a list operation.
type listReq struct {
	Cursor  *string
	After   *string
	Offset  *int64
	Limit   *int64
	Page    *int64
	PerPage *int64
}

type thing struct {
	ID string `json:"id"`
}

type listPage struct {
	Data    []thing `json:"data"`
	Next    string  `json:"next,omitempty"` // a cursor or a URL
	HasMore bool    `json:"has_more,omitempty"`
}

var opList = &Operation{ID: "listThings", Method: "GET", Path: "/things", Accept: "application/json",
	Security: [][]string{{"bearer"}}}

func listThings(cfg *Config) func(context.Context, listReq, []RequestOption) (*listPage, error) {
	return func(ctx context.Context, req listReq, opts []RequestOption) (*listPage, error) {
		r := NewRequest(cfg, opList, opts)
		r.QueryParam("cursor", req.Cursor, 0)
		r.QueryParam("starting_after", req.After, 0)
		r.QueryParam("offset", req.Offset, 0)
		r.QueryParam("limit", req.Limit, 0)
		r.QueryParam("page", req.Page, 0)
		r.QueryParam("per_page", req.PerPage, 0)
		var out listPage
		if err := r.Do(ctx, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
}

func listItems(p *listPage) []thing { return p.Data }

// listServer serves pages computed by page from each request, and records the requests' URIs.
type listServer struct {
	*httptest.Server
	mu    sync.Mutex
	uris  []string
	auths []string
}

func newListServer(t *testing.T, page func(r *http.Request, n int) (listPage, http.Header, int)) *listServer {
	s := &listServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.uris = append(s.uris, r.URL.RequestURI())
		s.auths = append(s.auths, r.Header.Get("Authorization"))
		n := len(s.uris)
		s.mu.Unlock()
		p, h, status := page(r, n)
		for k, v := range h {
			w.Header()[k] = v
		}
		if status != 0 {
			w.WriteHeader(status)
			return
		}
		json.NewEncoder(w).Encode(p)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *listServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.uris...)
}

func (s *listServer) config(opts ...Option) *Config {
	cfg, _ := testConfig(s.URL, append([]Option{WithCredential("bearer", BearerToken("tok"))}, opts...)...)
	cfg.Globals = nil
	return cfg
}

// things returns things with ids from..to-1.
func things(from, to int) []thing {
	var out []thing
	for i := from; i < to; i++ {
		out = append(out, thing{ID: strconv.Itoa(i)})
	}
	return out
}

// collectIDs ranges over seq, stopping after stop items (0: never), and returns the ids and
// errors seen.
func collectIDs(seq iter.Seq2[thing, error], stop int) (ids []string, errs []error) {
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, it.ID)
		if len(ids) == stop {
			break
		}
	}
	return ids, errs
}

func ids(from, to int) []string {
	var out []string
	for _, t := range things(from, to) {
		out = append(out, t.ID)
	}
	return out
}

func checkPaging(t *testing.T, name string, s *listServer, seq iter.Seq2[thing, error], stop int, wantIDs, wantReqs []string, wantErrs int) {
	t.Helper()
	before := len(s.requests())
	gotIDs, errs := collectIDs(seq, stop)
	reqs := s.requests()[before:]
	if !reflect.DeepEqual(gotIDs, wantIDs) {
		t.Errorf("%s: items %q, want %q", name, gotIDs, wantIDs)
	}
	if !reflect.DeepEqual(reqs, wantReqs) {
		t.Errorf("%s: requests\n%q\nwant\n%q", name, reqs, wantReqs)
	}
	if len(errs) != wantErrs {
		t.Errorf("%s: errors %v, want %d", name, errs, wantErrs)
	}
}

// cursorServer serves 5 things, 2 a page, with an opaque cursor "c<offset>".
func cursorServer(t *testing.T) *listServer {
	return newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		off := 0
		if c := r.URL.Query().Get("cursor"); c != "" {
			off, _ = strconv.Atoi(strings.TrimPrefix(c, "c"))
		}
		end := min(off+2, 5)
		p := listPage{Data: things(off, end)}
		if end < 5 {
			p.Next = fmt.Sprintf("c%d", end)
		}
		return p, nil, 0
	})
}

func cursorPages(ctx context.Context, cfg *Config, first listReq, opts ...RequestOption) iter.Seq2[thing, error] {
	return Paginate(ctx, first, opts, listThings(cfg), listItems, PageCursor(
		func(p *listPage) string { return p.Next },
		func(r *listReq, c string) { r.Cursor = &c }))
}

func TestPaginateCursor(t *testing.T) {
	s := cursorServer(t)
	cfg := s.config()
	ctx := context.Background()
	limit := Ptr[int64](2)

	seq := cursorPages(ctx, cfg, listReq{Limit: limit})
	if n := len(s.requests()); n != 0 {
		t.Fatalf("%d requests before iterating", n)
	}
	all := []string{"/things?limit=2", "/things?cursor=c2&limit=2", "/things?cursor=c4&limit=2"}
	checkPaging(t, "all", s, seq, 0, ids(0, 5), all, 0)
	checkPaging(t, "again, from the start", s, seq, 0, ids(0, 5), all, 0)
	checkPaging(t, "break on page 2", s, seq, 3, ids(0, 3), all[:2], 0)
	checkPaging(t, "break at the end of page 1", s, seq, 2, ids(0, 2), all[:1], 0)
	checkPaging(t, "resume from a cursor", s, cursorPages(ctx, cfg, listReq{Cursor: Ptr("c2"), Limit: limit}), 0, ids(2, 5), all[1:], 0)

	// The caller's request is not changed.
	first := listReq{Limit: limit}
	collectIDs(cursorPages(ctx, cfg, first), 0)
	if first.Cursor != nil || *first.Limit != 2 {
		t.Errorf("caller's request changed: %+v", first)
	}
}

func TestPaginateRepeatedCursor(t *testing.T) {
	s := newListServer(t, func(r *http.Request, n int) (listPage, http.Header, int) {
		return listPage{Data: things(n, n+1), Next: "same"}, nil, 0
	})
	checkPaging(t, "repeated cursor", s, cursorPages(context.Background(), s.config(), listReq{}), 0,
		[]string{"1", "2"}, []string{"/things", "/things?cursor=same"}, 0)
}

func TestPaginateEmptyPage(t *testing.T) {
	s := newListServer(t, func(r *http.Request, n int) (listPage, http.Header, int) {
		if n == 2 {
			return listPage{Next: "c9"}, nil, 0 // a cursor, but no items
		}
		return listPage{Data: things(0, 2), Next: "c2"}, nil, 0
	})
	checkPaging(t, "empty page", s, cursorPages(context.Background(), s.config(), listReq{}), 0,
		ids(0, 2), []string{"/things", "/things?cursor=c2"}, 0)
}

func TestPaginateErrorEnds(t *testing.T) {
	s := newListServer(t, func(r *http.Request, n int) (listPage, http.Header, int) {
		if n == 3 {
			return listPage{}, nil, http.StatusServiceUnavailable
		}
		return listPage{Data: things(2*(n-1), 2*n), Next: fmt.Sprintf("c%d", 2*n)}, nil, 0
	})
	cfg := s.config()
	// The options apply to every page: retries off, so the 503 is final at once.
	seq := cursorPages(context.Background(), cfg, listReq{}, WithRetryPolicy(RetryPolicy{}), WithRequestHeader("X-Trace", "t1"))
	var got []string
	var errs []error
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, it.ID)
	}
	var apiErr *APIError
	if !reflect.DeepEqual(got, ids(0, 4)) || len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("got %q, errors %v", got, errs)
	}
	if reqs := s.requests(); len(reqs) != 3 {
		t.Errorf("requests %q: want 3, none after the error", reqs)
	}
	// A retry policy given for the call retries each page.
	s2 := newListServer(t, func(r *http.Request, n int) (listPage, http.Header, int) {
		if n == 2 {
			return listPage{}, nil, http.StatusServiceUnavailable
		}
		if r.URL.Query().Get("cursor") == "" {
			return listPage{Data: things(0, 1), Next: "c1"}, nil, 0
		}
		return listPage{Data: things(1, 2)}, nil, 0
	})
	checkPaging(t, "retried page", s2, cursorPages(context.Background(), s2.config(), listReq{}, WithRetryPolicy(RetryPolicy{MaxRetries: 1})), 0,
		ids(0, 2), []string{"/things", "/things?cursor=c1", "/things?cursor=c1"}, 0)
}

func TestPaginateCancelled(t *testing.T) {
	s := cursorServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	n := 0
	for _, err := range cursorPages(ctx, s.config(), listReq{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n++; n == 2 {
			cancel() // the rest of the page is still yielded; the next page is not fetched
		}
	}
	if n != 2 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("%d items, errors %v", n, errs)
	}
}

func TestPaginateHasMore(t *testing.T) {
	s := newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		from := 0
		if a := r.URL.Query().Get("starting_after"); a != "" {
			from, _ = strconv.Atoi(a)
			from++
		}
		end := min(from+2, 5)
		return listPage{Data: things(from, end), HasMore: end < 5}, nil, 0
	})
	seq := Paginate(context.Background(), listReq{Limit: Ptr[int64](2)}, nil, listThings(s.config()), listItems, PageHasMore(
		func(p *listPage) bool { return p.HasMore }, listItems,
		func(t thing) string { return t.ID },
		func(r *listReq, id string) { r.After = &id }))
	checkPaging(t, "has_more", s, seq, 0, ids(0, 5),
		[]string{"/things?limit=2", "/things?starting_after=1&limit=2", "/things?starting_after=3&limit=2"}, 0)
	checkPaging(t, "has_more, break", s, seq, 1, ids(0, 1), []string{"/things?limit=2"}, 0)
}

// offsetServer serves 5 things from offset, limit of them (3 by default).
func offsetServer(t *testing.T) *listServer {
	return newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		q := r.URL.Query()
		off, _ := strconv.Atoi(q.Get("offset"))
		limit, err := strconv.Atoi(q.Get("limit"))
		if err != nil {
			limit = 3
		}
		return listPage{Data: things(min(off, 5), min(off+limit, 5))}, nil, 0
	})
}

func TestPaginateOffset(t *testing.T) {
	s := offsetServer(t)
	offset := func(first listReq) iter.Seq2[thing, error] {
		return Paginate(context.Background(), first, nil, listThings(s.config()), listItems, PageOffset(
			func(r listReq) int64 { return Deref(r.Offset) },
			func(r *listReq, n int64) { r.Offset = &n },
			func(r listReq) int64 { return Deref(r.Limit) }))
	}
	checkPaging(t, "offset, short page ends", s, offset(listReq{Limit: Ptr[int64](2)}), 0, ids(0, 5),
		[]string{"/things?limit=2", "/things?offset=2&limit=2", "/things?offset=4&limit=2"}, 0)
	checkPaging(t, "offset, exact pages end on an empty page", s, offset(listReq{Offset: Ptr[int64](1), Limit: Ptr[int64](2)}), 0, ids(1, 5),
		[]string{"/things?offset=1&limit=2", "/things?offset=3&limit=2", "/things?offset=5&limit=2"}, 0)
	checkPaging(t, "offset, no limit: until an empty page", s, offset(listReq{}), 0, ids(0, 5),
		[]string{"/things", "/things?offset=3", "/things?offset=5"}, 0)
}

func TestPaginatePageNumber(t *testing.T) {
	s := newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		per, _ := strconv.Atoi(q.Get("per_page"))
		from := (max(page, 1) - 1) * per
		return listPage{Data: things(min(from, 5), min(from+per, 5))}, nil, 0
	})
	seq := Paginate(context.Background(), listReq{PerPage: Ptr[int64](2)}, nil, listThings(s.config()), listItems, PageNumber(
		func(r listReq) int64 { return Deref(r.Page) },
		func(r *listReq, n int64) { r.Page = &n },
		func(r listReq) int64 { return Deref(r.PerPage) }))
	checkPaging(t, "page number", s, seq, 0, ids(0, 5),
		[]string{"/things?per_page=2", "/things?page=2&per_page=2", "/things?page=3&per_page=2"}, 0)
}

// linkServer pages 5 things, 2 a page, with GitHub-style Link headers built by link.
func linkServer(t *testing.T, link func(srv string, next int) string) *listServer {
	var s *listServer
	s = newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		from := (page - 1) * 2
		h := http.Header{}
		if from+2 < 5 {
			h.Set("Link", link(s.URL, page+1))
		}
		return listPage{Data: things(from, min(from+2, 5))}, h, 0
	})
	return s
}

func TestPaginateLinkHeader(t *testing.T) {
	s := linkServer(t, func(srv string, next int) string {
		return fmt.Sprintf(`<%s/things?per_page=2&page=1>; rel="first", <%s/things?per_page=2&page=%d&q=a,b>; rel="next last"; title="a, b"`, srv, srv, next)
	})
	seq := Paginate(context.Background(), listReq{Page: Ptr[int64](1), PerPage: Ptr[int64](2)}, nil, listThings(s.config()), listItems, PageLinkHeader)
	want := []string{"/things?page=1&per_page=2", "/things?per_page=2&page=2&q=a,b", "/things?per_page=2&page=3&q=a,b"}
	checkPaging(t, "link", s, seq, 0, ids(0, 5), want, 0)
	checkPaging(t, "link, break", s, seq, 3, ids(0, 3), want[:2], 0)
	for i, a := range s.auths {
		if a != "Bearer tok" {
			t.Errorf("request %d on the server's own host: Authorization %q", i, a)
		}
	}

	// A relative link is resolved against the URL requested.
	rel := linkServer(t, func(_ string, next int) string { return fmt.Sprintf(`<?per_page=2&page=%d>; rel=next`, next) })
	checkPaging(t, "relative link", rel, Paginate(context.Background(), listReq{PerPage: Ptr[int64](2)}, nil, listThings(rel.config()), listItems, PageLinkHeader),
		0, ids(0, 5), []string{"/things?per_page=2", "/things?per_page=2&page=2", "/things?per_page=2&page=3"}, 0)

	// A link back to a page already fetched ends the iteration.
	loop := newListServer(t, func(r *http.Request, n int) (listPage, http.Header, int) {
		return listPage{Data: things(n, n+1)}, http.Header{"Link": {`</things?page=2>; rel=next, </things?page=1>; rel=prev`}}, 0
	})
	loop.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		loop.mu.Lock()
		loop.uris = append(loop.uris, r.URL.RequestURI())
		n := len(loop.uris)
		loop.mu.Unlock()
		next := "/things?page=1"
		if r.URL.Query().Get("page") == "1" {
			next = "/things?page=2"
		}
		w.Header().Set("Link", "<"+next+">; rel=next")
		json.NewEncoder(w).Encode(listPage{Data: things(n, n+1)})
	})
	checkPaging(t, "link loop", loop, Paginate(context.Background(), listReq{Page: Ptr[int64](1)}, nil, listThings(loop.config()), listItems, PageLinkHeader),
		0, []string{"1", "2"}, []string{"/things?page=1", "/things?page=2"}, 0)
}

func TestPaginateNextURL(t *testing.T) {
	var s *listServer
	s = newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		from := max(page-1, 0) * 2
		p := listPage{Data: things(from, min(from+2, 5))}
		if from+2 < 5 {
			p.Next = fmt.Sprintf("%s/things?page=%d&token=x%%2Fy", s.URL, max(page, 1)+1)
		}
		return p, nil, 0
	})
	seq := Paginate(context.Background(), listReq{Limit: Ptr[int64](2)}, nil, listThings(s.config()), listItems, PageNextURL(
		func(p *listPage) string { return p.Next }))
	checkPaging(t, "next URL", s, seq, 0, ids(0, 5),
		[]string{"/things?limit=2", "/things?page=2&token=x%2Fy", "/things?page=3&token=x%2Fy"}, 0)
}

// TestPaginateForeignHost: a next-page URL on another host is requested without credentials.
func TestPaginateForeignHost(t *testing.T) {
	other := newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		return listPage{Data: things(2, 3)}, nil, 0
	})
	s := newListServer(t, func(r *http.Request, _ int) (listPage, http.Header, int) {
		return listPage{Data: things(0, 2), Next: other.URL + "/things?page=2"}, nil, 0
	})
	key := APIKey("query", "api_key", "secret")
	cfg := s.config(WithCredential("key", key), WithCredential("bearer", BearerToken("tok")))
	op := *opList
	op.Security = [][]string{{"bearer", "key"}}
	fetch := func(ctx context.Context, req listReq, opts []RequestOption) (*listPage, error) {
		r := NewRequest(cfg, &op, opts)
		var out listPage
		err := r.Do(ctx, &out)
		return &out, err
	}
	got, errs := collectIDs(Paginate(context.Background(), listReq{}, []RequestOption{WithRequestHeader("Authorization", "Bearer mine")}, fetch, listItems, PageNextURL(
		func(p *listPage) string { return p.Next })), 0)
	if !reflect.DeepEqual(got, ids(0, 3)) || errs != nil {
		t.Fatalf("got %q, %v", got, errs)
	}
	if s.auths[0] != "Bearer mine" || s.uris[0] != "/things?api_key=secret" {
		t.Errorf("own host: Authorization %q, URI %q", s.auths[0], s.uris[0])
	}
	if other.auths[0] != "" || other.uris[0] != "/things?page=2" {
		t.Errorf("other host: Authorization %q, URI %q", other.auths[0], other.uris[0])
	}
}

func TestSameOrigin(t *testing.T) {
	for _, tt := range []struct {
		base, target string
		want         bool
	}{
		{"https://api.example.com/v1", "https://api.example.com/v1/things?page=2", true},
		{"https://api.example.com", "https://API.example.com/x", true},
		{"http://api.example.com", "https://api.example.com/x", true},
		{"https://api.example.com", "http://api.example.com/x", false},
		{"https://api.example.com", "https://evil.example.com/x", false},
		{"https://api.example.com", "https://api.example.com:8443/x", false},
		{"https://api.example.com", "https://sub.api.example.com/x", false},
		{"https://api.example.com", "/relative", false},
		{"", "https://api.example.com", false},
	} {
		if got := sameOrigin(tt.base, tt.target); got != tt.want {
			t.Errorf("sameOrigin(%q, %q) = %v", tt.base, tt.target, got)
		}
	}
}

func TestPaginateCustom(t *testing.T) {
	s := cursorServer(t)
	var infos []string
	seq := Paginate(context.Background(), listReq{}, nil, listThings(s.config()), listItems, PageCustom(
		func(info PageInfo[listReq, *listPage]) (Next[listReq], bool) {
			infos = append(infos, fmt.Sprintf("%d %s %d", info.Items, info.URL.RequestURI(), info.Response.StatusCode))
			if info.Page.Next == "" {
				return Next[listReq]{}, false
			}
			req := info.Request
			req.Cursor = &info.Page.Next
			return Next[listReq]{Request: req, Key: info.Page.Next}, true
		}))
	checkPaging(t, "custom", s, seq, 0, ids(0, 5), []string{"/things", "/things?cursor=c2", "/things?cursor=c4"}, 0)
	if want := []string{"2 /things 200", "2 /things?cursor=c2 200", "1 /things?cursor=c4 200"}; !reflect.DeepEqual(infos, want) {
		t.Errorf("page infos %q", infos)
	}
}

// ExamplePaginate shows what a generated <Op>All method does: the single-page method is fetch.
func ExamplePaginate() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("cursor") {
		case "":
			fmt.Fprint(w, `{"data":[{"id":"a"},{"id":"b"}],"next":"p2"}`)
		case "p2":
			fmt.Fprint(w, `{"data":[{"id":"c"}]}`)
		}
	}))
	defer srv.Close()
	cfg := NewConfig(srv.URL, "example", "1.0.0")
	op := &Operation{ID: "listThings", Method: "GET", Path: "/things"}

	// The generated single-page method.
	listThings := func(ctx context.Context, req listReq, opts ...RequestOption) (*listPage, error) {
		r := NewRequest(cfg, op, opts)
		r.QueryParam("cursor", req.Cursor, 0)
		var out listPage
		if err := r.Do(ctx, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
	// The generated ListThingsAll method.
	listThingsAll := func(ctx context.Context, req listReq, opts ...RequestOption) iter.Seq2[thing, error] {
		fetch := func(ctx context.Context, req listReq, opts []RequestOption) (*listPage, error) {
			return listThings(ctx, req, opts...)
		}
		items := func(p *listPage) []thing { return p.Data }
		return Paginate(ctx, req, opts, fetch, items, PageCursor(
			func(p *listPage) string { return p.Next },
			func(r *listReq, c string) { r.Cursor = &c }))
	}

	for thing, err := range listThingsAll(context.Background(), listReq{}) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(thing.ID)
	}
	// Output:
	// a
	// b
	// c
}
