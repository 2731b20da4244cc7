package pagination

// Behaviour of the generated <Op>All iterators, one list per paging style, against a server that
// answers a script of pages: the exact requests sent, the items in order, no request after a
// break, a repeating cursor (id, URL) ending the loop, and an error on page 3 yielded once.
// Hand-written: the generator keeps this file.

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// reply is one scripted response; {srv} in its body or Link header becomes the server's URL.
type reply struct {
	status int
	link   string
	body   string
}

// script serves its replies in order and records each request as path?sorted-query.
type script struct {
	mu      sync.Mutex
	replies []reply
	got     []string
}

func (s *script) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

func serve(t *testing.T, replies ...reply) (*Client, *script) {
	t.Helper()
	s := &script{replies: replies}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		n := len(s.got)
		req := r.URL.Path
		if q := r.URL.Query().Encode(); q != "" {
			req += "?" + q
		}
		s.got = append(s.got, req)
		s.mu.Unlock()
		if n >= len(s.replies) {
			t.Errorf("request %d (%s) after the script's end", n+1, req)
			http.Error(w, "no more pages", http.StatusTeapot)
			return
		}
		rp := s.replies[n]
		if rp.link != "" {
			w.Header().Set("Link", strings.ReplaceAll(rp.link, "{srv}", srv.URL))
		}
		w.Header().Set("Content-Type", "application/json")
		if rp.status != 0 {
			w.WriteHeader(rp.status)
		}
		_, _ = w.Write([]byte(strings.ReplaceAll(rp.body, "{srv}", srv.URL)))
	}))
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithRetryPolicy(RetryPolicy{MaxRetries: 0})), s
}

// ids maps an iterator of items to their ids.
func ids[T any](seq iter.Seq2[T, error], id func(T) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for it, err := range seq {
			if !yield(id(it), err) {
				return
			}
		}
	}
}

// pagingCase is one paging style: the call, a script of three pages and what a full loop sends
// and yields, and a script whose second page points at itself again.
type pagingCase struct {
	name       string
	call       func(c *Client) iter.Seq2[string, error]
	pages      []reply // three pages, the last one the last
	wantReqs   []string
	wantItems  []string
	firstTwo   int     // how many items pages 1 and 2 hold
	repeat     []reply // nil: the style has no key to repeat
	repeatReqs int
}

var errorReply = reply{status: http.StatusBadRequest, body: `{"message":"bad page"}`}

var pagingCases = []pagingCase{
	{
		name: "cursor in body",
		call: func(c *Client) iter.Seq2[string, error] {
			return ids(c.Tickets.ListTicketsAll(context.Background(), "acc1", ListTicketsRequest{Status: Ptr("open"), Count: Ptr(int32(2))}),
				func(t Ticket) string { return t.ID })
		},
		pages: []reply{
			{body: `{"items":[{"id":"t1"},{"id":"t2"}],"nextPage":{"cursor":"c2"}}`},
			{body: `{"items":[{"id":"t3"}],"nextPage":{"cursor":"c3"}}`},
			{body: `{"items":[{"id":"t4"}]}`},
		},
		wantReqs: []string{
			"/accounts/acc1/tickets?count=2&status=open",
			"/accounts/acc1/tickets?count=2&cursor=c2&status=open",
			"/accounts/acc1/tickets?count=2&cursor=c3&status=open",
		},
		wantItems: []string{"t1", "t2", "t3", "t4"},
		firstTwo:  3,
		repeat: []reply{
			{body: `{"items":[{"id":"t1"}],"nextPage":{"cursor":"c2"}}`},
			{body: `{"items":[{"id":"t2"}],"nextPage":{"cursor":"c2"}}`},
		},
		repeatReqs: 2,
	},
	{
		name: "has_more and starting_after",
		call: func(c *Client) iter.Seq2[string, error] {
			return ids(c.Customers.ListCustomersAll(context.Background(), ListCustomersRequest{Limit: Ptr(int64(2))}),
				func(c Customer) string { return c.ID })
		},
		pages: []reply{
			{body: `{"object":"list","data":[{"id":"cu1"},{"id":"cu2"}],"has_more":true}`},
			{body: `{"object":"list","data":[{"id":"cu3"}],"has_more":true}`},
			{body: `{"object":"list","data":[{"id":"cu4"}],"has_more":false}`},
		},
		wantReqs:  []string{"/customers?limit=2", "/customers?limit=2&starting_after=cu2", "/customers?limit=2&starting_after=cu3"},
		wantItems: []string{"cu1", "cu2", "cu3", "cu4"},
		firstTwo:  3,
		repeat: []reply{
			{body: `{"data":[{"id":"cu1"}],"has_more":true}`},
			{body: `{"data":[{"id":"cu1"}],"has_more":true}`},
		},
		repeatReqs: 2,
	},
	{
		name: "offset and limit",
		call: func(c *Client) iter.Seq2[string, error] {
			return ids(c.Transfers.ListTransfersAll(context.Background(), ListTransfersRequest{Count: Ptr(int64(2))}),
				func(t Transfer) string { return t.ID })
		},
		pages: []reply{
			{body: `[{"id":"x1"},{"id":"x2"}]`},
			{body: `[{"id":"x3"},{"id":"x4"}]`},
			{body: `[{"id":"x5"}]`}, // short: the last
		},
		wantReqs:  []string{"/transfers?count=2", "/transfers?count=2&skip=2", "/transfers?count=2&skip=4"},
		wantItems: []string{"x1", "x2", "x3", "x4", "x5"},
		firstTwo:  4,
	},
	{
		name: "page and Link header",
		call: func(c *Client) iter.Seq2[string, error] {
			return ids(c.Repos.ListReposAll(context.Background(), ListReposRequest{PerPage: Ptr(int64(2))}),
				func(r Repo) string { return r.Name })
		},
		pages: []reply{
			{body: `[{"name":"r1"},{"name":"r2"}]`, link: `<{srv}/repos?per_page=2&page=2>; rel="next", <{srv}/repos?per_page=2&page=3>; rel="last"`},
			{body: `[{"name":"r3"}]`, link: `<{srv}/repos?per_page=2&page=1>; rel="prev", </repos?per_page=2&page=3>; rel="next"`},
			{body: `[{"name":"r4"}]`, link: `<{srv}/repos?per_page=2&page=2>; rel="prev"`},
		},
		wantReqs:  []string{"/repos?per_page=2", "/repos?page=2&per_page=2", "/repos?page=3&per_page=2"},
		wantItems: []string{"r1", "r2", "r3", "r4"},
		firstTwo:  3,
		repeat: []reply{
			{body: `[{"name":"r1"}]`, link: `<{srv}/repos?page=2>; rel="next"`},
			{body: `[{"name":"r2"}]`, link: `<{srv}/repos?page=2>; rel="next"`},
		},
		repeatReqs: 2,
	},
	{
		name: "next URL in body",
		call: func(c *Client) iter.Seq2[string, error] {
			return ids(c.Projects.ListProjectsAll(context.Background(), ListProjectsRequest{Limit: Ptr(int64(2))}),
				func(p Project) string { return p.ID })
		},
		pages: []reply{
			{body: `{"data":[{"id":"p1"},{"id":"p2"}],"next_page":{"uri":"{srv}/projects?limit=2&offset=2"}}`},
			{body: `{"data":[{"id":"p3"}],"next_page":{"uri":"/projects?limit=2&offset=4"}}`},
			{body: `{"data":[{"id":"p4"}],"next_page":null}`},
		},
		wantReqs:  []string{"/projects?limit=2", "/projects?limit=2&offset=2", "/projects?limit=2&offset=4"},
		wantItems: []string{"p1", "p2", "p3", "p4"},
		firstTwo:  3,
		repeat: []reply{
			{body: `{"data":[{"id":"p1"}],"next_page":{"uri":"{srv}/projects?offset=1"}}`},
			{body: `{"data":[{"id":"p2"}],"next_page":{"uri":"{srv}/projects?offset=1"}}`},
		},
		repeatReqs: 2,
	},
	{
		name: "x-speakeasy-pagination cursor",
		call: func(c *Client) iter.Seq2[string, error] {
			return ids(c.Workflows.ListWorkflowsAll(context.Background(), ListWorkflowsRequest{PageSize: Ptr(int64(2))}),
				func(w Workflow) string { return w.ID })
		},
		pages: []reply{
			{body: `{"workflows":[{"id":"w1"},{"id":"w2"}],"archived":[{"id":"old"}],"meta":{"next":"n2"}}`},
			{body: `{"workflows":[{"id":"w3"}],"meta":{"next":"n3"}}`},
			{body: `{"workflows":[{"id":"w4"}],"meta":{"next":null}}`},
		},
		wantReqs:  []string{"/workflows?page_size=2", "/workflows?page_size=2&page_token=n2", "/workflows?page_size=2&page_token=n3"},
		wantItems: []string{"w1", "w2", "w3", "w4"},
		firstTwo:  3,
		repeat: []reply{
			{body: `{"workflows":[{"id":"w1"}],"meta":{"next":"n2"}}`},
			{body: `{"workflows":[{"id":"w2"}],"meta":{"next":"n2"}}`},
		},
		repeatReqs: 2,
	},
	{
		name: "config rule",
		call: func(c *Client) iter.Seq2[string, error] {
			return c.Events.ListEventsAll(context.Background(), ListEventsRequest{})
		},
		pages: []reply{
			{body: `{"events":["e1","e2"],"continuation":"k2"}`},
			{body: `{"events":["e3"],"continuation":"k3"}`},
			{body: `{"events":["e4"]}`},
		},
		wantReqs:  []string{"/events", "/events?from=k2", "/events?from=k3"},
		wantItems: []string{"e1", "e2", "e3", "e4"},
		firstTwo:  3,
		repeat: []reply{
			{body: `{"events":["e1"],"continuation":"k1"}`},
			{body: `{"events":["e2"],"continuation":"k1"}`},
		},
		repeatReqs: 2,
	},
}

func collect(seq iter.Seq2[string, error]) (items []string, errs []error) {
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

func TestIteratorsFollowEveryPage(t *testing.T) {
	for _, tc := range pagingCases {
		t.Run(tc.name, func(t *testing.T) {
			c, s := serve(t, tc.pages...)
			seq := tc.call(c)
			if got := s.requests(); len(got) != 0 {
				t.Fatalf("requests before the loop started: %v", got)
			}
			items, errs := collect(seq)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !reflect.DeepEqual(items, tc.wantItems) {
				t.Errorf("items %v, want %v", items, tc.wantItems)
			}
			if got := s.requests(); !reflect.DeepEqual(got, tc.wantReqs) {
				t.Errorf("requests:\n got %q\nwant %q", got, tc.wantReqs)
			}
		})
	}
}

func TestIteratorsBreakSendsNothingMore(t *testing.T) {
	for _, tc := range pagingCases {
		t.Run(tc.name, func(t *testing.T) {
			c, s := serve(t, tc.pages...)
			n := 0
			for it, err := range tc.call(c) {
				if err != nil || it != tc.wantItems[0] {
					t.Fatalf("first item %q, %v", it, err)
				}
				n++
				break
			}
			if n != 1 {
				t.Fatalf("%d items before the break", n)
			}
			if got := s.requests(); !reflect.DeepEqual(got, tc.wantReqs[:1]) {
				t.Errorf("requests %q, want only %q", got, tc.wantReqs[:1])
			}
		})
	}
}

func TestIteratorsRepeatedCursorEnds(t *testing.T) {
	for _, tc := range pagingCases {
		if tc.repeat == nil {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			c, s := serve(t, tc.repeat...)
			items, errs := collect(tc.call(c))
			if len(errs) > 0 || len(items) != len(tc.repeat) {
				t.Errorf("items %v, errors %v", items, errs)
			}
			if got := s.requests(); len(got) != tc.repeatReqs {
				t.Errorf("requests %q, want %d", got, tc.repeatReqs)
			}
		})
	}
}

func TestIteratorsErrorOnPageThree(t *testing.T) {
	for _, tc := range pagingCases {
		t.Run(tc.name, func(t *testing.T) {
			c, s := serve(t, tc.pages[0], tc.pages[1], errorReply)
			var items []string
			var errs []error
			after := 0
			for it, err := range tc.call(c) {
				if len(errs) > 0 {
					after++
				}
				if err != nil {
					errs = append(errs, err)
					continue
				}
				items = append(items, it)
			}
			if !reflect.DeepEqual(items, tc.wantItems[:tc.firstTwo]) {
				t.Errorf("items %v, want %v", items, tc.wantItems[:tc.firstTwo])
			}
			var apiErr *APIError
			if len(errs) != 1 || after != 0 || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
				t.Fatalf("errors %v (%d yields after the first), want one *APIError 400", errs, after)
			}
			if got := s.requests(); !reflect.DeepEqual(got, tc.wantReqs) {
				t.Errorf("requests:\n got %q\nwant %q", got, tc.wantReqs)
			}
		})
	}
}

// TestIteratorResumesFromCursor: the first page is asked for with the caller's request as
// given, so a loop resumes from a cursor it kept.
func TestIteratorResumesFromCursor(t *testing.T) {
	c, s := serve(t, reply{body: `{"items":[{"id":"t9"}]}`})
	items, errs := collect(ids(c.Tickets.ListTicketsAll(context.Background(), "acc1", ListTicketsRequest{Cursor: Ptr("c9")}),
		func(t Ticket) string { return t.ID }))
	if len(errs) > 0 || !reflect.DeepEqual(items, []string{"t9"}) {
		t.Errorf("items %v, errors %v", items, errs)
	}
	if got := s.requests(); !reflect.DeepEqual(got, []string{"/accounts/acc1/tickets?cursor=c9"}) {
		t.Errorf("requests %q", got)
	}
}

// TestIteratorEmptyPageEnds: without a page size, an offset list ends on its first empty page.
func TestIteratorEmptyPageEnds(t *testing.T) {
	c, s := serve(t, reply{body: `[{"id":"x1"}]`}, reply{body: `[]`})
	items, errs := collect(ids(c.Transfers.ListTransfersAll(context.Background(), ListTransfersRequest{}),
		func(t Transfer) string { return t.ID }))
	if len(errs) > 0 || !reflect.DeepEqual(items, []string{"x1"}) {
		t.Errorf("items %v, errors %v", items, errs)
	}
	if got := s.requests(); !reflect.DeepEqual(got, []string{"/transfers", "/transfers?skip=1"}) {
		t.Errorf("requests %q", got)
	}
}
