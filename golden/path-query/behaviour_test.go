package pathquery

// A fixed query written into a path key is sent as query parameters on every call, before the
// call's own parameters, and never escaped into the path. Hand-written: the generator keeps this
// file. The server compares the raw request line, so nothing is decoded on the way.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// newServer answers every request (204, or an empty JSON list for GET /search) and returns the
// raw path and query of the last request line.
func newServer(t *testing.T) (*Client, func() (path, query string)) {
	t.Helper()
	var mu sync.Mutex
	var uri string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		uri = r.RequestURI
		mu.Unlock()
		if r.URL.Path == "/search" {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte("[]"))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithHTTPClient(srv.Client())), func() (string, string) {
		mu.Lock()
		defer mu.Unlock()
		path, query, _ := strings.Cut(uri, "?")
		return path, query
	}
}

func TestFixedQueryOnTheWire(t *testing.T) {
	c, last := newServer(t)
	ctx := context.Background()
	limit := int64(5)
	tests := []struct {
		name      string
		call      func() error
		path, qry string
	}{
		{"fixed alone", func() error { return c.CompactThing(ctx, "a?b", CompactThingRequest{}) },
			"/things/a%3Fb/compact", "beta=true"},
		{"fixed then the caller's", func() error { return c.CompactThing(ctx, "t1", CompactThingRequest{Limit: &limit}) },
			"/things/t1/compact", "beta=true&limit=5"},
		{"keys differing by query only", func() error { return c.PostThingsByIDCompactBetaTrueModeFast20lane(ctx, "t1") },
			"/things/t1/compact", "beta=true&mode=fast+lane"},
		{"no query", func() error { return c.PostThingsByIDCompact(ctx, "t1") },
			"/things/t1/compact", ""},
		{"empty query", func() error { _, err := c.Search(ctx, SearchRequest{Q: "x y"}); return err },
			"/search", "q=x+y"},
		{"query and fragment", func() error { return c.CreateMessage(ctx) },
			"/messages", "version=2"},
		{"bare name", func() error { return c.GetFlags(ctx) },
			"/flags", "verbose&x=1"},
		{"declared parameter wins, unset", func() error { return c.ListPages(ctx, ListPagesRequest{}) },
			"/pages", "sort=asc"},
		{"declared parameter wins, set", func() error { return c.ListPages(ctx, ListPagesRequest{Limit: &limit}) },
			"/pages", "sort=asc&limit=5"},
		{"template left out", func() error { return c.Lookup(ctx) },
			"/lookup", "v=1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); err != nil {
				t.Fatal(err)
			}
			path, query := last()
			if path != tc.path || query != tc.qry {
				t.Errorf("sent %s?%s, want %s?%s", path, query, tc.path, tc.qry)
			}
		})
	}
}
