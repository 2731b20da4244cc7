package vendor

// Behaviour of a generated client whose spec carries vendor extensions:
// x-speakeasy-name-override and x-go-name rename Go identifiers but never
// what goes on the wire, and x-speakeasy-retries sets the client's default
// retry policy (document) and single methods' own (operations).
// Hand-written: the generator keeps this file. Waits go through an injected
// fake clock, so no test sleeps.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/golden/internal/core"
)

// fakeClock records the waits it is asked for and returns at once, advancing its time.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) total() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var t time.Duration
	for _, d := range c.sleeps {
		t += d
	}
	return t
}

// server answers the n-th request with statuses[n-1], and 2xx after them.
type server struct {
	*httptest.Server
	hits atomic.Int32
	mu   sync.Mutex
	reqs []*http.Request
}

func newServer(t *testing.T, statuses ...int) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(s.hits.Add(1))
		s.mu.Lock()
		s.reqs = append(s.reqs, r.Clone(context.Background()))
		s.mu.Unlock()
		if n <= len(statuses) {
			w.WriteHeader(statuses[n-1])
			return
		}
		switch {
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Path == "/items":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`[{"sku":"a1","qty_on_hand":3,"warehouse":{"code":"w9"}}]`))
		case r.URL.Path == "/stock":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"count":7}`))
		default:
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"sku":"a1","qty_on_hand":3}`))
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func newClient(url string, clk *fakeClock, opts ...Option) *Client {
	return New(append([]Option{WithServerURL(url), core.WithClock(clk)}, opts...)...)
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)} }

// TestRenamedIdentifiersKeepWireNames: Item (inventory_item), Warehouse
// (warehouse_ref), the fields SKU, Quantity and Location, the request field
// Filter and the argument itemKey are the names the extensions ask for; the
// JSON keys, query parameter and path stay the spec's.
func TestRenamedIdentifiersKeepWireNames(t *testing.T) {
	item := Item{SKU: "a1", Quantity: Ptr(int64(3)), Location: &Warehouse{Code: Ptr("w9")}}
	b, err := json.Marshal(item)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"sku":"a1","qty_on_hand":3,"warehouse":{"code":"w9"}}`; string(b) != want {
		t.Errorf("Item encodes as %s, want %s", b, want)
	}

	srv := newServer(t)
	c := newClient(srv.URL, newFakeClock())
	items, err := c.Items.ListItems(context.Background(), ListItemsRequest{Filter: Ptr("red")})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].SKU != "a1" || *items[0].Quantity != 3 || *items[0].Location.Code != "w9" {
		t.Errorf("items = %+v", items)
	}
	if _, err := c.Items.GetItem(context.Background(), "k 1"); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if q := srv.reqs[0].URL.RawQuery; q != "filter_by=red" {
		t.Errorf("query = %q, want filter_by=red", q)
	}
	if p := srv.reqs[1].URL.EscapedPath(); p != "/items/k%201" {
		t.Errorf("path = %q, want /items/k%%201", p)
	}
}

func wantStatus(t *testing.T, err error, status int) {
	t.Helper()
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
		t.Fatalf("err = %v, want an APIError %d", err, status)
	}
}

// TestOperationRetryStatuses: getItem retries 503 (its statusCodes) and
// nothing else, although the document's policy covers every 5XX.
func TestOperationRetryStatuses(t *testing.T) {
	t.Run("503 twice, then 200", func(t *testing.T) {
		srv := newServer(t, 503, 503)
		clk := newFakeClock()
		item, err := newClient(srv.URL, clk).Items.GetItem(context.Background(), "a1")
		if err != nil {
			t.Fatal(err)
		}
		if item.SKU != "a1" || srv.hits.Load() != 3 || len(clk.sleeps) != 2 {
			t.Errorf("item %+v after %d requests and waits %v; want a1 after 3 and 2 waits", item, srv.hits.Load(), clk.sleeps)
		}
		// initialInterval 50ms, doubling: the waits are bounded by 50ms and 100ms.
		if clk.sleeps[0] > 50*time.Millisecond || clk.sleeps[1] > 100*time.Millisecond {
			t.Errorf("waits %v exceed the backoff's bounds 50ms, 100ms", clk.sleeps)
		}
	})
	t.Run("500 is not retried", func(t *testing.T) {
		srv := newServer(t, 500, 500)
		_, err := newClient(srv.URL, newFakeClock()).Items.GetItem(context.Background(), "a1")
		wantStatus(t, err, 500)
		if srv.hits.Load() != 1 {
			t.Errorf("%d requests, want 1", srv.hits.Load())
		}
	})
	t.Run("maxElapsedTime ends the retries", func(t *testing.T) {
		statuses := make([]int, 100)
		for i := range statuses {
			statuses[i] = 503
		}
		srv := newServer(t, statuses...)
		clk := newFakeClock()
		// Every wait at its bound: 50, 100, 200, 400, 800ms, then 1s each.
		_, err := newClient(srv.URL, clk, core.WithRand(bytes.NewReader(bytes.Repeat([]byte{0xff}, 8*100)))).Items.GetItem(context.Background(), "a1")
		wantStatus(t, err, 503)
		if clk.total() > 10*time.Second {
			t.Errorf("waited %v, past maxElapsedTime 10s", clk.total())
		}
		if got := srv.hits.Load(); got != 14 {
			t.Errorf("%d requests, want 14 (13 retries fit in 10s)", got)
		}
	})
	t.Run("connection errors are not retried", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close()
		var attempts atomic.Int32
		count := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
			attempts.Add(1)
			return next(req)
		}
		if _, err := newClient(url, newFakeClock(), WithMiddleware(count)).Items.GetItem(context.Background(), "a1"); err == nil {
			t.Fatal("no error from a closed server")
		}
		if attempts.Load() != 1 {
			t.Errorf("%d attempts, want 1 (retryConnectionErrors: false)", attempts.Load())
		}
	})
}

// TestRetriesOff: deleteItem says strategy: none, so a 503 is final.
func TestRetriesOff(t *testing.T) {
	srv := newServer(t, 503, 503)
	err := newClient(srv.URL, newFakeClock()).Items.DeleteItem(context.Background(), "a1")
	wantStatus(t, err, 503)
	if srv.hits.Load() != 1 {
		t.Errorf("%d requests, want 1", srv.hits.Load())
	}
}

// TestDocumentRetryPolicy: listItems has no policy of its own, so the
// document's applies: 5XX and 429, which covers 501 (the SDK's own default
// does not) but not 408 (which the default does).
func TestDocumentRetryPolicy(t *testing.T) {
	t.Run("429 and 501 retried", func(t *testing.T) {
		srv := newServer(t, 429, 501)
		if _, err := newClient(srv.URL, newFakeClock()).Items.ListItems(context.Background(), ListItemsRequest{}); err != nil {
			t.Fatal(err)
		}
		if srv.hits.Load() != 3 {
			t.Errorf("%d requests, want 3", srv.hits.Load())
		}
	})
	t.Run("408 not retried", func(t *testing.T) {
		srv := newServer(t, 408)
		_, err := newClient(srv.URL, newFakeClock()).Items.ListItems(context.Background(), ListItemsRequest{})
		wantStatus(t, err, 408)
		if srv.hits.Load() != 1 {
			t.Errorf("%d requests, want 1", srv.hits.Load())
		}
	})
	t.Run("two retries at most", func(t *testing.T) {
		srv := newServer(t, 503, 503, 503, 503)
		_, err := newClient(srv.URL, newFakeClock()).Items.ListItems(context.Background(), ListItemsRequest{})
		wantStatus(t, err, 503)
		if srv.hits.Load() != 3 {
			t.Errorf("%d requests, want 3", srv.hits.Load())
		}
	})
	t.Run("unreadable status codes left out", func(t *testing.T) {
		// getStock lists 503 and two statuses the extension cannot read.
		srv := newServer(t, 503, 503)
		if _, err := newClient(srv.URL, newFakeClock()).Items.GetStock(context.Background()); err != nil {
			t.Fatal(err)
		}
		if srv.hits.Load() != 3 {
			t.Errorf("%d requests, want 3", srv.hits.Load())
		}
	})
}

// TestCallerPolicyWins: WithRetryPolicy, on the client or on one call,
// replaces the spec's policies, the operations' own included.
func TestCallerPolicyWins(t *testing.T) {
	t.Run("client option over strategy none", func(t *testing.T) {
		srv := newServer(t, 503)
		c := newClient(srv.URL, newFakeClock(), WithRetryPolicy(RetryPolicy{MaxRetries: 1}))
		if err := c.Items.DeleteItem(context.Background(), "a1"); err != nil {
			t.Fatal(err)
		}
		if srv.hits.Load() != 2 {
			t.Errorf("%d requests, want 2", srv.hits.Load())
		}
	})
	t.Run("call option over the operation's statuses", func(t *testing.T) {
		srv := newServer(t, 500)
		c := newClient(srv.URL, newFakeClock())
		if _, err := c.Items.GetItem(context.Background(), "a1", WithRetryPolicy(RetryPolicy{MaxRetries: 1})); err != nil {
			t.Fatal(err)
		}
		if srv.hits.Load() != 2 {
			t.Errorf("%d requests, want 2", srv.hits.Load())
		}
	})
	t.Run("client option without retries", func(t *testing.T) {
		srv := newServer(t, 503)
		c := newClient(srv.URL, newFakeClock(), WithRetryPolicy(RetryPolicy{}))
		_, err := c.Items.GetItem(context.Background(), "a1")
		wantStatus(t, err, 503)
		if srv.hits.Load() != 1 {
			t.Errorf("%d requests, want 1", srv.hits.Load())
		}
	})
}
