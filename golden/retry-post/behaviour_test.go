package payments

// Behaviour of a generated client on a POST-heavy API: what is and is
// not retried once a request went out, idempotency keys, and credentials across redirects.
// Hand-written: the generator keeps this file. Waits go through an injected fake clock.

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
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

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)} }

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

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// attempt is one request a server received.
type attempt struct {
	method, path, query string
	header              http.Header
	body                string
}

// recorder is an httptest server that records every request (body read in full) and hands it to
// the handler of its turn: handlers[n] for the n-th request, the last one after that.
type recorder struct {
	*httptest.Server
	mu       sync.Mutex
	attempts []attempt
}

func newRecorder(t *testing.T, handlers ...func(w http.ResponseWriter, r *http.Request)) *recorder {
	t.Helper()
	s := &recorder{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.attempts = append(s.attempts, attempt{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), string(b)})
		n := len(s.attempts)
		s.mu.Unlock()
		handlers[min(n, len(handlers))-1](w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *recorder) received() []attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]attempt(nil), s.attempts...)
}

// answer replies 2xx with a body that decodes for whichever operation asked.
func answer(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-request-id", "rid-ok")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/payments":
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"paymentID":"p1","amount":1250,"currency":"EUR","status":"pending"}`)
	case r.Method == http.MethodPost && r.URL.Path == "/transfers":
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"transferID":"tr1","amount":500}`)
	case r.URL.Path == "/payments":
		io.WriteString(w, `[{"paymentID":"p1","amount":1250,"currency":"EUR","status":"completed"}]`)
	case strings.HasPrefix(r.URL.Path, "/payments/"):
		io.WriteString(w, `{"paymentID":"p1","amount":1250,"currency":"EUR","status":"completed"}`)
	case r.URL.Path == "/balance":
		io.WriteString(w, `{"available":9000}`)
	case r.URL.Path == "/status":
		io.WriteString(w, `{"ok":true}`)
	case r.URL.Path == "/rates":
		io.WriteString(w, `{"EUR":1,"USD":1.08}`)
	default:
		http.NotFound(w, r)
	}
}

// fail returns a handler answering status with an optional Retry-After.
func fail(status int, retryAfter string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.Header().Set("x-request-id", "rid-fail")
		w.WriteHeader(status)
	}
}

// dropConnection closes the connection without answering: the request, body included, was sent.
func dropConnection(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	conn.Close()
}

// dropMidResponse sends the status line, headers and part of the body, then closes the connection.
func dropMidResponse(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	buf.WriteString("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"paymentID\":\"p")
	buf.Flush()
	conn.Close()
}

var (
	paymentInput  = PaymentInput{Amount: 1250, Currency: "EUR", Description: Ptr("invoice 7")}
	paymentJSON   = `{"amount":1250,"currency":"EUR","description":"invoice 7"}`
	transferInput = TransferInput{From: "acc-a", To: "acc-b", Amount: 500}
	transferJSON  = `{"from":"acc-a","to":"acc-b","amount":500}`
	uuidV4        = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
)

// allCredentials configures a credential for every security scheme of the API.
var allCredentials = []Option{
	WithBasicAuth("user", "secret"),
	WithBearerAuth("bearer-token"),
	WithHeaderKey("header-key"),
	WithQueryKey("query-key"),
	WithCookieKey("cookie-key"),
}

func newClient(url string, clk *fakeClock, opts ...Option) *Client {
	base := append([]Option{WithServerURL(url), core.WithClock(clk)}, allCredentials...)
	return New(append(base, opts...)...)
}

func TestPostWithoutKeyNotRetried(t *testing.T) {
	tests := []struct {
		name    string
		handler func(http.ResponseWriter, *http.Request)
		status  int // 0: not an *APIError
	}{
		{"503", fail(503, ""), 503},
		{"503 with Retry-After", fail(503, "1"), 503},
		{"429", fail(429, "1"), 429},
		{"500", fail(500, ""), 500},
		{"connection dropped before the response", dropConnection, 0},
		{"connection dropped mid-response", dropMidResponse, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newRecorder(t, tc.handler, answer)
			clk := newFakeClock()
			c := newClient(s.URL, clk, WithRetryPolicy(RetryPolicy{MaxRetries: 5}))
			payment, err := c.Payments.CreatePayment(context.Background(), CreatePaymentRequest{Body: paymentInput})
			if err == nil || payment != nil {
				t.Fatalf("got %+v, %v; want the first attempt's error", payment, err)
			}
			if !strings.Contains(err.Error(), "createPayment") {
				t.Errorf("error %q does not name createPayment", err)
			}
			var apiErr *APIError
			if got := errors.As(err, &apiErr); got != (tc.status != 0) || got && apiErr.StatusCode != tc.status {
				t.Errorf("error %v, want an *APIError %d: %v", err, tc.status, got)
			}
			got := s.received()
			if len(got) != 1 {
				t.Fatalf("%d attempts, want 1: a POST without an idempotency key is not sent twice", len(got))
			}
			if got[0].body != paymentJSON {
				t.Errorf("body %q, want %q", got[0].body, paymentJSON)
			}
			if _, ok := got[0].header["Idempotency-Key"]; ok {
				t.Errorf("createPayment declares no idempotency header but sent %q", got[0].header.Get("Idempotency-Key"))
			}
			if len(clk.Sleeps()) != 0 {
				t.Errorf("waited %v before giving up", clk.Sleeps())
			}
		})
	}
}

func TestPostRetriedWhenNothingWasSent(t *testing.T) {
	// A closed listener: every dial is refused, so no byte of the request left the client.
	s := httptest.NewServer(http.HandlerFunc(answer))
	s.Close()
	var attempts atomic.Int32
	count := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		attempts.Add(1)
		return next(req)
	}
	clk := newFakeClock()
	c := newClient(s.URL, clk, WithMiddleware(count))
	_, err := c.Payments.CreatePayment(context.Background(), CreatePaymentRequest{Body: paymentInput})
	if err == nil || !strings.Contains(err.Error(), "createPayment") {
		t.Fatalf("error %v, want a connection error naming createPayment", err)
	}
	if n := attempts.Load(); n != 3 {
		t.Errorf("%d attempts, want 3 (the default 2 retries: a refused dial sent nothing)", n)
	}
	if n := len(clk.Sleeps()); n != 2 {
		t.Errorf("%d waits, want 2", n)
	}
}

func TestPostWithDeclaredKeyRetried(t *testing.T) {
	tests := []struct {
		name     string
		handlers []func(http.ResponseWriter, *http.Request)
		key      *string // CreateTransferRequest.IdempotencyKey
		opts     []RequestOption
		wantKey  string // "" : a generated UUID
	}{
		{"503 then 503 then 201, generated key", []func(http.ResponseWriter, *http.Request){fail(503, ""), fail(503, "2"), answer}, nil, nil, ""},
		{"connection dropped, generated key", []func(http.ResponseWriter, *http.Request){dropConnection, answer}, nil, nil, ""},
		{"dropped mid-response, generated key", []func(http.ResponseWriter, *http.Request){dropMidResponse, answer}, nil, nil, ""},
		{"empty parameter means generate", []func(http.ResponseWriter, *http.Request){fail(429, ""), answer}, Ptr(""), nil, ""},
		{"caller's key as parameter", []func(http.ResponseWriter, *http.Request){fail(503, ""), answer}, Ptr("key-from-param"), nil, "key-from-param"},
		{"caller's key as request header", []func(http.ResponseWriter, *http.Request){fail(503, ""), answer}, nil,
			[]RequestOption{WithRequestHeader("idempotency-key", "key-from-option")}, "key-from-option"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newRecorder(t, tc.handlers...)
			c := newClient(s.URL, newFakeClock())
			tr, err := c.Payments.CreateTransfer(context.Background(), CreateTransferRequest{IdempotencyKey: tc.key, Body: transferInput}, tc.opts...)
			if err != nil || tr == nil || tr.TransferID != "tr1" {
				t.Fatalf("got %+v, %v; want the transfer", tr, err)
			}
			got := s.received()
			if len(got) != len(tc.handlers) {
				t.Fatalf("%d attempts, want %d", len(got), len(tc.handlers))
			}
			key := got[0].header.Get("Idempotency-Key")
			if tc.wantKey == "" && !uuidV4.MatchString(key) || tc.wantKey != "" && key != tc.wantKey {
				t.Errorf("Idempotency-Key %q, want %q (empty: a random UUID)", key, tc.wantKey)
			}
			for i, a := range got {
				if vs := a.header.Values("Idempotency-Key"); len(vs) != 1 || vs[0] != key {
					t.Errorf("attempt %d sent Idempotency-Key %q, want %q as on the first", i+1, vs, key)
				}
				if a.body != transferJSON {
					t.Errorf("attempt %d sent body %q, want %q", i+1, a.body, transferJSON)
				}
				if a.header.Get("Authorization") != "Bearer bearer-token" {
					t.Errorf("attempt %d sent Authorization %q", i+1, a.header.Get("Authorization"))
				}
			}
		})
	}

	t.Run("a new key per call", func(t *testing.T) {
		s := newRecorder(t, answer)
		c := newClient(s.URL, newFakeClock())
		for range 3 {
			if _, err := c.Payments.CreateTransfer(context.Background(), CreateTransferRequest{Body: transferInput}); err != nil {
				t.Fatal(err)
			}
		}
		keys := map[string]bool{}
		for _, a := range s.received() {
			keys[a.header.Get("Idempotency-Key")] = true
		}
		if len(keys) != 3 {
			t.Errorf("keys %v, want 3 different ones", keys)
		}
	})

	t.Run("exhausted", func(t *testing.T) {
		s := newRecorder(t, fail(503, ""))
		clk := newFakeClock()
		c := newClient(s.URL, clk, WithRetryPolicy(RetryPolicy{MaxRetries: 3, InitialBackoff: time.Second, MaxBackoff: 2 * time.Second}))
		_, err := c.Payments.CreateTransfer(context.Background(), CreateTransferRequest{Body: transferInput})
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Fatalf("error %v, want *APIError 503", err)
		}
		if n := len(s.received()); n != 4 {
			t.Errorf("%d attempts, want 4", n)
		}
		for i, d := range clk.Sleeps() {
			if limit := min(time.Second<<i, 2*time.Second); d < 0 || d > limit {
				t.Errorf("wait %d = %v, outside [0, %v]", i, d, limit)
			}
		}
	})
}

// sent is what one hop of a redirect carried of each kind of credential.
type sent struct {
	Authorization, APIKey, QueryKey, Cookie string
	RefererKey                              bool // the Referer (the previous hop's URL) holds the query key
}

func credentialsOf(a attempt) sent {
	q, _ := url.ParseQuery(a.query)
	return sent{a.header.Get("Authorization"), a.header.Get("X-API-Key"), q.Get("api_key"), a.header.Get("Cookie"),
		strings.Contains(a.header.Get("Referer"), "query-key")}
}

// mappedClient resolves api.example.test to origin and sub.api.example.test and other.example.test
// to target (any port), so requests to those names reach the test servers with their own Host.
func mappedClient(origin, target *recorder) *http.Client {
	addrs := map[string]string{
		"api.example.test":     origin.Listener.Addr().String(),
		"sub.api.example.test": target.Listener.Addr().String(),
		"other.example.test":   target.Listener.Addr().String(),
	}
	var d net.Dialer
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			if a, ok := addrs[host]; ok {
				addr = a
			}
			return d.DialContext(ctx, network, addr)
		},
	}}
}

func TestCredentialsOnRedirect(t *testing.T) {
	ops := []struct {
		name string
		want sent // the credential its security scheme sends on the original host
		call func(context.Context, *Client) error
	}{
		{"basic (createPayment)", sent{Authorization: "Basic dXNlcjpzZWNyZXQ="}, func(ctx context.Context, c *Client) error {
			_, err := c.Payments.CreatePayment(ctx, CreatePaymentRequest{Body: paymentInput})
			return err
		}},
		{"bearer (createTransfer)", sent{Authorization: "Bearer bearer-token"}, func(ctx context.Context, c *Client) error {
			_, err := c.Payments.CreateTransfer(ctx, CreateTransferRequest{Body: transferInput})
			return err
		}},
		{"API key in header (getPayment)", sent{APIKey: "header-key"}, func(ctx context.Context, c *Client) error {
			_, err := c.Payments.GetPayment(ctx, "p1")
			return err
		}},
		{"API key in query (listPayments)", sent{QueryKey: "query-key"}, func(ctx context.Context, c *Client) error {
			_, err := c.Payments.ListPayments(ctx, ListPaymentsRequest{Limit: Ptr[int32](10)})
			return err
		}},
		{"API key in cookie (getBalance)", sent{Cookie: "session=cookie-key"}, func(ctx context.Context, c *Client) error {
			_, err := c.Accounts.GetBalance(ctx)
			return err
		}},
	}
	// Each destination: the server URL the client is configured with, where the origin redirects
	// to, and whether the credentials may follow.
	type dest struct {
		name        string
		server      func(origin, target *recorder) string
		location    func(origin, target *recorder) string
		credentials bool
	}
	dests := []dest{
		{"same host", func(o, _ *recorder) string { return "http://api.example.test" },
			func(o, _ *recorder) string { return "http://api.example.test" }, true},
		{"another host (other port)", func(o, _ *recorder) string { return o.URL },
			func(_, t *recorder) string { return t.URL }, false},
		{"another host name", func(o, _ *recorder) string { return "http://api.example.test" },
			func(_, t *recorder) string { return "http://other.example.test" }, false},
		{"subdomain", func(o, _ *recorder) string { return "http://api.example.test" },
			func(_, t *recorder) string { return "http://sub.api.example.test" }, false},
	}
	for _, d := range dests {
		for _, op := range ops {
			t.Run(d.name+"/"+op.name, func(t *testing.T) {
				target := newRecorder(t, answer)
				var origin *recorder
				origin = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Query().Get("hop") == "2" {
						answer(w, r)
						return
					}
					// 307 keeps the method and body of a POST. The Location echoes the query, as
					// a server moving a resource often does: a key in the query must not follow.
					q := r.URL.Query()
					q.Set("hop", "2")
					http.Redirect(w, r, d.location(origin, target)+r.URL.Path+"?"+q.Encode(), http.StatusTemporaryRedirect)
				})
				hc := mappedClient(origin, target)
				c := newClient(d.server(origin, target), newFakeClock(), WithHTTPClient(hc))
				if err := op.call(context.Background(), c); err != nil {
					t.Fatal(err)
				}
				first := origin.received()
				if len(first) == 0 {
					t.Fatal("the origin received nothing")
				}
				if got := credentialsOf(first[0]); got != op.want {
					t.Errorf("on the original host the request carried %+v, want only %+v", got, op.want)
				}
				hops := append(first[1:], target.received()...)
				if len(hops) != 1 {
					t.Fatalf("%d requests after the redirect, want 1", len(hops))
				}
				want := sent{}
				if d.credentials {
					want = op.want
					want.RefererKey = op.want.QueryKey != "" // the same host may see its own URL
				}
				if got := credentialsOf(hops[0]); got != want {
					t.Errorf("after the redirect the request carried %+v, want %+v", got, want)
				}
				if hops[0].method != first[0].method || hops[0].body != first[0].body {
					t.Errorf("redirected as %s %q, want %s %q", hops[0].method, hops[0].body, first[0].method, first[0].body)
				}
			})
		}
	}
}

func TestAnonymousOperationsSendNoCredentials(t *testing.T) {
	s := newRecorder(t, answer)
	c := newClient(s.URL, newFakeClock())
	status, err := c.Accounts.GetStatus(context.Background()) // security: []
	if err != nil || !status.Ok {
		t.Fatalf("GetStatus: %+v, %v", status, err)
	}
	rates, err := c.Accounts.GetRates(context.Background()) // security: [{}]
	if err != nil || !reflect.DeepEqual(rates, map[string]float64{"EUR": 1, "USD": 1.08}) {
		t.Fatalf("GetRates: %v, %v", rates, err)
	}
	for _, a := range s.received() {
		if got := credentialsOf(a); got != (sent{}) {
			t.Errorf("%s %s carried credentials %+v", a.method, a.path, got)
		}
	}
}

// TestTypedErrorBody: a status the spec gives a schema (createPayment's 422 with Problem) is
// reachable through errors.As; the raw body and the request id stay on the APIError.
func TestTypedErrorBody(t *testing.T) {
	body := `{"code":"insufficient_funds","detail":"balance too low"}`
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("x-request-id", "rid-422")
		w.WriteHeader(422)
		io.WriteString(w, body)
	}, fail(503, ""))
	_, err := newClient(s.URL, newFakeClock()).Payments.CreatePayment(context.Background(), CreatePaymentRequest{Body: paymentInput})
	var problem *ErrorBody[Problem]
	if !errors.As(err, &problem) || problem.Body.Code != "insufficient_funds" || problem.Body.Detail == nil || *problem.Body.Detail != "balance too low" {
		t.Fatalf("error %v: typed body %+v", err, problem)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || apiErr.RequestID != "rid-422" || string(apiErr.Body) != body {
		t.Errorf("APIError = %+v", apiErr)
	}
	// A status without a schema, or a body that does not decode, has no typed body.
	_, err = newClient(s.URL, newFakeClock()).Payments.CreatePayment(context.Background(), CreatePaymentRequest{Body: paymentInput})
	if errors.As(err, &problem) || !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Errorf("error %v for a 503 without a schema", err)
	}
}
