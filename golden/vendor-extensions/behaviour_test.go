package vendor

// Behaviour of a generated client whose spec carries vendor extensions:
// x-speakeasy-name-override and x-go-name rename Go identifiers (of inline
// schemas too) but never what goes on the wire; x-speakeasy-retries sets
// the client's default retry policy (document) and single methods' own
// (operations); x-speakeasy-errors picks the statuses that are errors;
// x-speakeasy-param-sensitive values never appear in errors; x-go-type and
// x-speakeasy-type-override choose field types.
// Hand-written: the generator keeps this file. Waits go through an injected
// fake clock, so no test sleeps.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
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
	hits   atomic.Int32
	mu     sync.Mutex
	reqs   []*http.Request
	bodies [][]byte // orderServer's: each request's body
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

// orderServer answers /orders/{ref} with the status and JSON body it is
// given, and records each request.
func orderServer(t *testing.T, status int, body string) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.reqs = append(s.reqs, r.Clone(context.Background()))
		s.bodies = append(s.bodies, b)
		s.mu.Unlock()
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return s
}

// TestSpeakeasyErrorsReturnedStatuses: x-speakeasy-errors lists 5XX and 401
// (document) and 404 (path item) as getOrder's errors; its documented 409
// and 4XX responses are returned in GetOrderResult with a nil error, while
// 401 and 404 (inside the 4XX class) and 503 stay *APIError with their
// typed bodies. An undocumented status (302 is not followed here: 418 falls
// under 4XX) is returned by its class.
func TestSpeakeasyErrorsReturnedStatuses(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		status int
		body   string
		check  func(t *testing.T, res *GetOrderResult, err error)
	}{
		{200, `{"ref":"o1","sku":"a1"}`, func(t *testing.T, res *GetOrderResult, err error) {
			if err != nil || res.Body == nil || *res.Body.Ref != "o1" || res.Conflict != nil {
				t.Errorf("res = %+v, err = %v; want the order", res, err)
			}
		}},
		{409, `{"retry_after_ms":250}`, func(t *testing.T, res *GetOrderResult, err error) {
			if err != nil || res.StatusCode != 409 || res.Conflict == nil || *res.Conflict.RetryAfterMs != 250 || res.Body != nil {
				t.Errorf("res = %+v, err = %v; want the 409 returned with its Conflict body", res, err)
			}
		}},
		{418, `{"title":"teapot"}`, func(t *testing.T, res *GetOrderResult, err error) {
			if err != nil || res.StatusCode != 418 || res.ClientError == nil || *res.ClientError.Title != "teapot" {
				t.Errorf("res = %+v, err = %v; want the 418 returned as ClientError (4XX)", res, err)
			}
		}},
		{404, `{"title":"no such order"}`, func(t *testing.T, res *GetOrderResult, err error) {
			wantStatus(t, err, 404)
			var body *ErrorBody[Problem]
			if res != nil || !errors.As(err, &body) || *body.Body.Title != "no such order" {
				t.Errorf("res = %+v, err = %v; want an error unwrapping to the Problem", res, err)
			}
		}},
		{401, `{"title":"who are you"}`, func(t *testing.T, res *GetOrderResult, err error) {
			wantStatus(t, err, 401) // the document's list, inside the returned 4XX class
			var body *ErrorBody[Problem]
			if !errors.As(err, &body) || *body.Body.Title != "who are you" {
				t.Errorf("err = %v; want it to unwrap to the 4XX Problem", err)
			}
		}},
		{503, `{"title":"later"}`, func(t *testing.T, res *GetOrderResult, err error) {
			wantStatus(t, err, 503)
		}},
	} {
		srv := orderServer(t, tc.status, tc.body)
		res, err := newClient(srv.URL, newFakeClock()).Orders.GetOrder(ctx, "o1", GetOrderRequest{})
		tc.check(t, res, err)
	}
}

// TestSpeakeasyErrorsOverride: cancelOrder's override: true leaves only 403
// an error; 404 (no body) and 500 come back as results, and the 500 is not
// retried, as only errors are.
func TestSpeakeasyErrorsOverride(t *testing.T) {
	ctx := context.Background()
	srv := orderServer(t, 500, `{"title":"failed"}`)
	// A client policy that would retry a 500 error three times.
	c := newClient(srv.URL, newFakeClock(), WithRetryPolicy(RetryPolicy{MaxRetries: 3, Statuses: []string{"500"}}))
	res, err := c.Orders.CancelOrder(ctx, "o1")
	if err != nil || res.StatusCode != 500 || res.InternalServerError == nil || *res.InternalServerError.Title != "failed" {
		t.Fatalf("res = %+v, err = %v; want the 500 returned", res, err)
	}
	if n := srv.hits.Load(); n != 1 {
		t.Errorf("%d requests; a returned status is not retried", n)
	}
	srv = orderServer(t, 404, "")
	if res, err := newClient(srv.URL, newFakeClock()).Orders.CancelOrder(ctx, "o1"); err != nil || res.StatusCode != 404 {
		t.Errorf("res = %+v, err = %v; want the 404 returned", res, err)
	}
	srv = orderServer(t, 403, `{"title":"not yours"}`)
	_, err = newClient(srv.URL, newFakeClock()).Orders.CancelOrder(ctx, "o1")
	wantStatus(t, err, 403)
	// 401 is the document's error, but override: true drops it here, and
	// the operation does not document it: an undocumented status is an error.
	srv = orderServer(t, 401, "")
	_, err = newClient(srv.URL, newFakeClock()).Orders.CancelOrder(ctx, "o1")
	wantStatus(t, err, 401)
}

// secrets are getOrder's sensitive values; each must reach the server and
// never appear in an error.
var secrets = []string{"ord-SECRET-1", "tok-SECRET-2", "sess-SECRET-3"}

func getOrderWithSecrets(c *Client) (*GetOrderResult, error) {
	return c.Orders.GetOrder(context.Background(), secrets[0], GetOrderRequest{APIToken: Ptr(secrets[1]), XSession: Ptr(secrets[2]), Page: Ptr(int64(7))})
}

func wantRedacted(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, s := range secrets {
		if strings.Contains(msg, s) {
			t.Errorf("error reveals %q: %s", s, msg)
		}
	}
	if !strings.Contains(msg, "REDACTED") {
		t.Errorf("error %q does not show where a value was withheld", msg)
	}
}

// TestSensitiveParamsNeverShown: x-speakeasy-param-sensitive values go on
// the wire unchanged, and the errors that quote the request URL (a
// connection failure, its retries, a server URL that does not parse, a
// redirect that fails) show REDACTED in their place; page, not sensitive,
// stays visible.
func TestSensitiveParamsNeverShown(t *testing.T) {
	t.Run("on the wire", func(t *testing.T) {
		srv := orderServer(t, 200, `{"ref":"o1"}`)
		if _, err := getOrderWithSecrets(newClient(srv.URL, newFakeClock())); err != nil {
			t.Fatal(err)
		}
		r := srv.reqs[0]
		if r.URL.Path != "/orders/"+secrets[0] || r.URL.Query().Get("api_token") != secrets[1] || r.Header.Get("X-Session") != secrets[2] {
			t.Errorf("request = %s %v; want the values as given", r.URL, r.Header)
		}
	})
	t.Run("connection refused, retried", func(t *testing.T) {
		srv := orderServer(t, 200, "")
		url := srv.URL
		srv.Close()
		clk := newFakeClock()
		_, err := getOrderWithSecrets(newClient(url, clk))
		wantRedacted(t, err)
		if !strings.Contains(err.Error(), "page=7") {
			t.Errorf("error %q hides page, which is not sensitive", err)
		}
		if len(clk.sleeps) != 2 {
			t.Errorf("%d retries, want the document's 2", len(clk.sleeps))
		}
	})
	t.Run("server URL that does not parse", func(t *testing.T) {
		_, err := getOrderWithSecrets(newClient("http://bad host", newFakeClock()))
		wantRedacted(t, err)
	})
	t.Run("redirect to nowhere", func(t *testing.T) {
		dead := orderServer(t, 200, "")
		deadURL := dead.URL
		dead.Close()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, deadURL+r.URL.RequestURI(), http.StatusFound) // echoes the query
		}))
		defer srv.Close()
		_, err := getOrderWithSecrets(newClient(srv.URL, newFakeClock(), WithRetryPolicy(RetryPolicy{})))
		wantRedacted(t, err)
	})
	t.Run("sensitive body property", func(t *testing.T) {
		// The SDK quotes no request body in any error: a connection
		// failure, and an error response, leave the card number out.
		card := "4111-SECRET-1111"
		req := CreateOrderRequest{Body: NewOrder{Sku: "a1", CardNumber: Ptr(card)}}
		srv := orderServer(t, 200, "")
		url := srv.URL
		srv.Close()
		_, err := newClient(url, newFakeClock()).Orders.CreateOrder(context.Background(), req)
		if err == nil || strings.Contains(err.Error(), card) {
			t.Errorf("err = %v", err)
		}
		srv = orderServer(t, 422, `{"title":"bad card"}`)
		_, err = newClient(srv.URL, newFakeClock()).Orders.CreateOrder(context.Background(), req)
		wantStatus(t, err, 422)
		if strings.Contains(err.Error(), card) || !bytes.Contains(srv.bodies[0], []byte(card)) {
			t.Errorf("err = %v, sent %s", err, srv.bodies[0])
		}
	})
	t.Run("API error", func(t *testing.T) {
		srv := orderServer(t, 503, `{"title":"later"}`)
		_, err := getOrderWithSecrets(newClient(srv.URL, newFakeClock()))
		wantStatus(t, err, 503)
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				t.Errorf("error reveals %q: %s", s, err)
			}
		}
	})
}

// TestGoTypeAndTypeOverride: x-go-type gives ttl a time.Duration (JSON
// nanoseconds), count a uint16 and a json.RawMessage to raw, which keeps
// the object as sent; x-speakeasy-type-override: any decodes labels as
// any JSON value. A type from a package the SDK cannot import leaves id a
// string.
func TestGoTypeAndTypeOverride(t *testing.T) {
	srv := orderServer(t, 200, `{"ttl":1500000000,"count":65535,"small":9000000000,"raw":{"a":"x","b":[1]},"labels":["not","an","object"],"id":"u-1","code":"c"}`)
	c := newClient(srv.URL, newFakeClock())
	m, err := c.Orders.GetMetrics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ttl time.Duration = *m.TTL
	var count uint16 = *m.Count
	var small int64 = *m.Small
	if ttl != 1500*time.Millisecond || count != 65535 || small != 9000000000 {
		t.Errorf("ttl, count, small = %v, %d, %d", ttl, count, small)
	}
	if string(m.Raw) != `{"a":"x","b":[1]}` {
		t.Errorf("raw = %s, want the object as sent", m.Raw)
	}
	if l, ok := m.Labels.([]any); !ok || len(l) != 3 {
		t.Errorf("labels = %#v, want the array as sent", m.Labels)
	}
	var id string = *m.ID
	if id != "u-1" {
		t.Errorf("id = %q", id)
	}
}

// TestInlineSchemaRenames: the request body's inline schema is NewOrder
// (x-go-name) and its shipping object ShippingInfo
// (x-speakeasy-name-override, which names the field too); the JSON keys
// stay the spec's.
func TestInlineSchemaRenames(t *testing.T) {
	srv := orderServer(t, 201, `{"ref":"o2"}`)
	c := newClient(srv.URL, newFakeClock())
	body := NewOrder{Sku: "a1", ShippingInfo: &ShippingInfo{City: Ptr("Oslo")}}
	if _, err := c.Orders.CreateOrder(context.Background(), CreateOrderRequest{Body: body}); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	b := srv.bodies[0]
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"sku": "a1", "shipping": map[string]any{"city": "Oslo"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("body = %s", b)
	}
}
