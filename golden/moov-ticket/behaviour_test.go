package moov

// Behaviour of the generated GetTicket against real HTTP servers.
// Hand-written: the generator keeps this file. Waits go through an injected fake clock, so no test
// sleeps and none asserts on elapsed time.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/moov/internal/core"
)

// fakeClock records the waits it is asked for and returns at once, advancing its time.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)}
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

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// blockingClock is a clock whose Sleep records the wait, reports it on sleeping and then waits
// for the context to end: a wait that only the context can cut short.
type blockingClock struct {
	fakeClock
	sleeping chan time.Duration
}

func (c *blockingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	c.sleeping <- d
	<-ctx.Done()
	return ctx.Err()
}

// constRand is a random source returning the same byte forever: 0x00 makes every computed backoff
// 0, 0xff makes it its upper bound.
type constRand byte

func (r constRand) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// ticketJSON is a Ticket with every field set, times with fractions and offsets.
const ticketJSON = `{
	"ticketID": "a/b",
	"number": 42,
	"title": "Card declined",
	"contact": {"email": "ops@example.com", "name": "Ops Team"},
	"status": "in-progress",
	"createdOn": "2024-01-02T03:04:05Z",
	"updatedOn": "2024-01-03T04:05:06.123456789+02:00",
	"latestMessageOn": "2024-01-03T04:05:06.5Z",
	"closedOn": "2024-02-01T00:00:00-07:00",
	"foreignID": "ext-9"
}`

// minimalTicketJSON has only the required fields.
const minimalTicketJSON = `{"ticketID":"t1","number":1,"title":"x","contact":{"email":"a@b.c"},"status":"new","createdOn":"2024-01-02T03:04:05Z","updatedOn":"2024-01-02T03:04:05Z"}`

// server is an httptest server whose handler is h; it counts the requests it receives.
type server struct {
	*httptest.Server
	hits atomic.Int32
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// respond returns a handler writing status, an x-request-id and body.
func respond(status int, requestID, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("x-request-id", requestID)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// sequence answers the n-th request with handlers[n], and the last handler after that.
func sequence(handlers ...http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		handlers[min(i, len(handlers)-1)](w, r)
	}
}

// newTestClient returns a client for s with Basic credentials, a fake clock and zero jitter.
func newTestClient(s *server, clk core.Clock, opts ...Option) *Client {
	base := []Option{WithServerURL(s.URL), WithBasicAuth("user", "pa:ss"), core.WithClock(clk), core.WithRand(constRand(0))}
	return New(append(base, opts...)...)
}

// captured is what a handler saw of one request.
type captured struct {
	method, requestURI, escapedPath string
	pathValues                      [2]string
	header                          http.Header
	body                            []byte
	host                            string
}

// captureServer answers every GetTicket with ticketJSON and records the last request.
func captureServer(t *testing.T) (*server, func() captured) {
	var mu sync.Mutex
	var last captured
	mux := http.NewServeMux()
	mux.HandleFunc("GET /accounts/{accountID}/tickets/{ticketID}", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		last = captured{r.Method, r.RequestURI, r.URL.EscapedPath(), [2]string{r.PathValue("accountID"), r.PathValue("ticketID")}, r.Header.Clone(), b, r.Host}
		mu.Unlock()
		respond(200, "req-1", ticketJSON)(w, r)
	})
	s := newServer(t, mux.ServeHTTP)
	return s, func() captured {
		mu.Lock()
		defer mu.Unlock()
		return last
	}
}

func TestGetTicketRequestLine(t *testing.T) {
	s, last := captureServer(t)
	c := newTestClient(s, newFakeClock())
	tests := []struct {
		accountID, ticketID string
		wantURI             string
	}{
		{"acct-1", "t-1", "/accounts/acct-1/tickets/t-1"},
		{"acct-1", "a/b", "/accounts/acct-1/tickets/a%2Fb"}, // one segment, not two
		{"a b", "x?y#z%", "/accounts/a%20b/tickets/x%3Fy%23z%25"},
		{"..", "é", "/accounts/%2E%2E/tickets/%C3%A9"}, // no dot segment for the server to resolve
	}
	for _, tc := range tests {
		t.Run(tc.wantURI, func(t *testing.T) {
			if _, err := c.Support.GetTicket(context.Background(), tc.accountID, tc.ticketID); err != nil {
				t.Fatal(err)
			}
			got := last()
			if got.method != http.MethodGet || got.requestURI != tc.wantURI {
				t.Errorf("request line = %s %s, want GET %s", got.method, got.requestURI, tc.wantURI)
			}
			if got.pathValues != [2]string{tc.accountID, tc.ticketID} {
				t.Errorf("server routed path values %q, want [%q %q]", got.pathValues, tc.accountID, tc.ticketID)
			}
			if len(got.body) != 0 || got.header.Get("Content-Type") != "" {
				t.Errorf("GET sent a body %q with Content-Type %q", got.body, got.header.Get("Content-Type"))
			}
			if got.host != strings.TrimPrefix(s.URL, "http://") {
				t.Errorf("Host = %q, want the server's", got.host)
			}
		})
	}
}

func TestGetTicketHeaders(t *testing.T) {
	s, last := captureServer(t)
	ctx := context.Background()
	goVersion := strings.TrimPrefix(runtime.Version(), "go")

	t.Run("defaults", func(t *testing.T) {
		if _, err := newTestClient(s, newFakeClock()).Support.GetTicket(ctx, "acct", "t"); err != nil {
			t.Fatal(err)
		}
		h := last().header
		wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte("user:pa:ss"))
		if got := h.Values("Authorization"); len(got) != 1 || got[0] != wantAuth {
			t.Errorf("Authorization = %q, want %q", got, wantAuth)
		}
		if got := h.Values("X-Moov-Version"); len(got) != 1 || got[0] != "v2026.01.00" {
			t.Errorf("X-Moov-Version = %q, want the spec's default v2026.01.00", got)
		}
		if got := h.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		ua := h.Get("User-Agent")
		if !strings.HasPrefix(ua, "moov-go/"+Version+" ") || !strings.Contains(ua, "go/"+goVersion) {
			t.Errorf("User-Agent = %q, want moov-go/%s and go/%s", ua, Version, goVersion)
		}
	})

	t.Run("options", func(t *testing.T) {
		c := newTestClient(s, newFakeClock(), WithXMoovVersion("v2024.01.00"), WithUserAgent("billing/1.2"), WithUserAgent("host/7"))
		if _, err := c.Support.GetTicket(ctx, "acct", "t"); err != nil {
			t.Fatal(err)
		}
		h := last().header
		if got := h.Values("X-Moov-Version"); len(got) != 1 || got[0] != "v2024.01.00" {
			t.Errorf("X-Moov-Version = %q, want the override v2024.01.00", got)
		}
		ua := h.Get("User-Agent")
		if !strings.HasPrefix(ua, "moov-go/"+Version+" ") || !strings.Contains(ua, "go/"+goVersion) || !strings.HasSuffix(ua, " billing/1.2 host/7") {
			t.Errorf("User-Agent = %q, want the SDK's own followed by billing/1.2 host/7", ua)
		}
	})

	t.Run("no credentials configured", func(t *testing.T) {
		c := New(WithServerURL(s.URL), WithXMoovVersion(""))
		if _, err := c.Support.GetTicket(ctx, "acct", "t"); err != nil {
			t.Fatal(err)
		}
		h := last().header
		if _, ok := h["Authorization"]; ok {
			t.Errorf("Authorization sent without credentials: %q", h.Get("Authorization"))
		}
		if _, ok := h["X-Moov-Version"]; ok {
			t.Errorf("an empty WithXMoovVersion still sent %q", h.Get("X-Moov-Version"))
		}
	})

	t.Run("request headers win", func(t *testing.T) {
		c := newTestClient(s, newFakeClock())
		_, err := c.Support.GetTicket(ctx, "acct", "t",
			WithRequestHeader("X-Moov-Version", "dev"),
			WithRequestHeader("Authorization", "Bearer scoped-token"),
			WithRequestHeader("X-Trace", "abc"))
		if err != nil {
			t.Fatal(err)
		}
		h := last().header
		for name, want := range map[string]string{"X-Moov-Version": "dev", "Authorization": "Bearer scoped-token", "X-Trace": "abc"} {
			if got := h.Values(name); len(got) != 1 || got[0] != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
	})
}

// normalJSON decodes b into generic JSON values, so that key order and spacing do not matter.
func normalJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	return v
}

func TestGetTicketDecodes(t *testing.T) {
	for name, body := range map[string]string{"every field": ticketJSON, "required fields": minimalTicketJSON} {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, respond(200, "req-1", body))
			ticket, err := newTestClient(s, newFakeClock()).Support.GetTicket(context.Background(), "acct", "a/b")
			if err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(ticket)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := normalJSON(t, again), normalJSON(t, []byte(body)); !reflect.DeepEqual(got, want) {
				t.Errorf("round trip of the decoded Ticket differs:\n got %s\nwant %s", again, body)
			}
		})
	}

	s := newServer(t, respond(200, "req-1", ticketJSON))
	ticket, err := newTestClient(s, newFakeClock()).Support.GetTicket(context.Background(), "acct", "a/b")
	if err != nil {
		t.Fatal(err)
	}
	if ticket.Status != TicketStatusInProgress || !ticket.Status.IsKnown() {
		t.Errorf("Status = %q, want TicketStatusInProgress", ticket.Status)
	}
	if ticket.Number != 42 || ticket.Contact.Name == nil || *ticket.Contact.Name != "Ops Team" || ticket.ForeignID == nil || *ticket.ForeignID != "ext-9" {
		t.Errorf("decoded %+v", ticket)
	}
	if want := time.Date(2024, 1, 3, 2, 5, 6, 123456789, time.UTC); !ticket.UpdatedOn.Equal(want) {
		t.Errorf("UpdatedOn = %v, want %v", ticket.UpdatedOn, want)
	}
}

func TestGetTicketUnknownEnum(t *testing.T) {
	body := strings.Replace(minimalTicketJSON, `"status":"new"`, `"status":"escalated"`, 1)
	s := newServer(t, respond(200, "req-1", body))
	ticket, err := newTestClient(s, newFakeClock()).Support.GetTicket(context.Background(), "acct", "t1")
	if err != nil {
		t.Fatalf("an unknown enum value failed the call: %v", err)
	}
	if ticket.Status != "escalated" || ticket.Status.IsKnown() {
		t.Errorf("Status = %q, IsKnown = %v; want escalated, false", ticket.Status, ticket.Status.IsKnown())
	}
	for _, v := range []TicketStatus{TicketStatusNew, TicketStatusInProgress, TicketStatusOnHold, TicketStatusClosed} {
		if !v.IsKnown() {
			t.Errorf("%q.IsKnown() = false", v)
		}
	}
	again, _ := json.Marshal(ticket)
	if !reflect.DeepEqual(normalJSON(t, again), normalJSON(t, []byte(body))) {
		t.Errorf("unknown value not kept: %s", again)
	}
}

// TestGetTicketLenientDateTime: date-time fields decode leniently (any RFC 3339-like spelling), required and
// optional ones alike.
func TestGetTicketLenientDateTime(t *testing.T) {
	body := strings.Replace(minimalTicketJSON, `"createdOn":"2024-01-02T03:04:05Z"`,
		`"createdOn":"2024-01-02 03:04:05","closedOn":"2024-01-03T04:05:06+0100"`, 1)
	s := newServer(t, respond(200, "req-1", body))
	ticket, err := newTestClient(s, newFakeClock()).Support.GetTicket(context.Background(), "acct", "t1")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC); !ticket.CreatedOn.Equal(want) {
		t.Errorf("CreatedOn = %v, want %v", ticket.CreatedOn, want)
	}
	if want := time.Date(2024, 1, 3, 3, 5, 6, 0, time.UTC); ticket.ClosedOn == nil || !ticket.ClosedOn.Equal(want) {
		t.Errorf("ClosedOn = %v, want %v", ticket.ClosedOn, want)
	}
}

func TestGetTicketDeclaredErrors(t *testing.T) {
	for _, status := range []int{401, 403, 404, 429, 500, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			body := fmt.Sprintf(`{"error":"status %d"}`, status)
			requestID := fmt.Sprintf("rid-%d", status)
			s := newServer(t, respond(status, requestID, body))
			var resp *http.Response
			_, err := newTestClient(s, newFakeClock()).Support.GetTicket(context.Background(), "acct", "t1",
				WithRetryPolicy(RetryPolicy{}), WithResponseInto(&resp))
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %T %v is not an *APIError", err, err)
			}
			if apiErr.StatusCode != status || apiErr.RequestID != requestID || string(apiErr.Body) != body ||
				apiErr.Header.Get("Content-Type") != "application/json" {
				t.Errorf("APIError = %+v", apiErr)
			}
			msg := err.Error()
			for _, want := range []string{"getTicket", fmt.Sprint(status), http.StatusText(status), requestID} {
				if !strings.Contains(msg, want) {
					t.Errorf("Error() = %q, missing %q", msg, want)
				}
			}
			if resp == nil || resp.StatusCode != status {
				t.Errorf("WithResponseInto got %v", resp)
			} else if b, _ := io.ReadAll(resp.Body); string(b) != body {
				t.Errorf("response body = %q", b)
			}
			if n := s.hits.Load(); n != 1 {
				t.Errorf("%d attempts with retries off, want 1", n)
			}
		})
	}
}

func TestGetTicketRetries(t *testing.T) {
	fail := func(status int, retryAfter string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			respond(status, "rid-fail", `{"error":"try later"}`)(w, r)
		}
	}
	ok := respond(200, "rid-ok", ticketJSON)
	clockStart := newFakeClock().Now()
	tests := []struct {
		name       string
		handlers   []http.HandlerFunc
		rand       constRand
		opts       []RequestOption
		wantHits   int32
		wantSleeps []time.Duration
		wantStatus int // 0: success
	}{
		{"429 retried", []http.HandlerFunc{fail(429, ""), ok}, 0, nil, 2, []time.Duration{0}, 0},
		{"503 retried", []http.HandlerFunc{fail(503, ""), ok}, 0, nil, 2, []time.Duration{0}, 0},
		{"backoff doubles up to its cap, full jitter at its top", []http.HandlerFunc{fail(503, ""), fail(502, ""), fail(500, ""), fail(408, ""), ok}, 0xff,
			[]RequestOption{WithRetryPolicy(RetryPolicy{MaxRetries: 4, InitialBackoff: time.Second, MaxBackoff: 5 * time.Second})},
			5, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second}, 0},
		{"Retry-After seconds", []http.HandlerFunc{fail(429, "7"), ok}, 0, nil, 2, []time.Duration{7 * time.Second}, 0},
		{"Retry-After date", []http.HandlerFunc{fail(503, clockStart.Add(30*time.Second).Format(http.TimeFormat)), ok}, 0, nil, 2, []time.Duration{30 * time.Second}, 0},
		{"Retry-After beyond MaxBackoff", []http.HandlerFunc{fail(429, "20"), ok}, 0,
			[]RequestOption{WithRetryPolicy(RetryPolicy{MaxRetries: 1, MaxBackoff: time.Second})}, 2, []time.Duration{20 * time.Second}, 0},
		{"Retry-After over 60s ends the call", []http.HandlerFunc{fail(429, "61"), ok}, 0, nil, 1, nil, 429},
		{"Retry-After garbage falls back to backoff", []http.HandlerFunc{fail(503, "soon"), ok}, 0xff, nil, 2, []time.Duration{500 * time.Millisecond}, 0},
		{"exhausted after MaxRetries", []http.HandlerFunc{fail(503, "")}, 0,
			[]RequestOption{WithRetryPolicy(RetryPolicy{MaxRetries: 3})}, 4, []time.Duration{0, 0, 0}, 503},
		{"default policy: 2 retries", []http.HandlerFunc{fail(504, "")}, 0xff, nil, 3, []time.Duration{500 * time.Millisecond, time.Second}, 504},
		{"retries off", []http.HandlerFunc{fail(503, "")}, 0, []RequestOption{WithRetryPolicy(RetryPolicy{})}, 1, nil, 503},
		{"400 not retried", []http.HandlerFunc{fail(400, "1"), ok}, 0, nil, 1, nil, 400},
		{"401 not retried", []http.HandlerFunc{fail(401, "1"), ok}, 0, nil, 1, nil, 401},
		{"403 not retried", []http.HandlerFunc{fail(403, ""), ok}, 0, nil, 1, nil, 403},
		{"404 not retried", []http.HandlerFunc{fail(404, ""), ok}, 0, nil, 1, nil, 404},
		{"409 not retried", []http.HandlerFunc{fail(409, ""), ok}, 0, nil, 1, nil, 409},
		{"422 not retried", []http.HandlerFunc{fail(422, ""), ok}, 0, nil, 1, nil, 422},
		{"501 not retried", []http.HandlerFunc{fail(501, ""), ok}, 0, nil, 1, nil, 501},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, sequence(tc.handlers...))
			clk := newFakeClock()
			c := newTestClient(s, clk, core.WithRand(tc.rand))
			ticket, err := c.Support.GetTicket(context.Background(), "acct", "t1", tc.opts...)
			if n := s.hits.Load(); n != tc.wantHits {
				t.Errorf("%d attempts, want %d", n, tc.wantHits)
			}
			if got := clk.Sleeps(); !reflect.DeepEqual(got, tc.wantSleeps) {
				t.Errorf("waits %v, want %v", got, tc.wantSleeps)
			}
			if tc.wantStatus == 0 {
				if err != nil || ticket == nil || ticket.TicketID != "a/b" {
					t.Errorf("got %v, %v; want the ticket", ticket, err)
				}
				return
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.wantStatus || apiErr.RequestID != "rid-fail" {
				t.Errorf("error %v, want the last attempt's *APIError with status %d", err, tc.wantStatus)
			}
		})
	}
}

func TestGetTicketContextEndsWait(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "45")
		respond(503, "rid-1", "")(w, r)
	})
	clk := &blockingClock{fakeClock: *newFakeClock(), sleeping: make(chan time.Duration, 1)}
	c := newTestClient(s, clk)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.Support.GetTicket(ctx, "acct", "t1")
		done <- err
	}()
	if d := <-clk.sleeping; d != 45*time.Second {
		t.Errorf("waiting %v, want the 45s Retry-After", d)
	}
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "getTicket") {
		t.Errorf("error %v, want one naming getTicket and wrapping context.Canceled", err)
	}
	if n := s.hits.Load(); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}

	// A context that has already ended sends nothing.
	_, err = c.Support.GetTicket(ctx, "acct", "t1")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := s.hits.Load(); n != 1 {
		t.Errorf("a cancelled call reached the server (%d requests)", n)
	}
}

func TestGetTicketResponseInto(t *testing.T) {
	s := newServer(t, respond(200, "rid-7", ticketJSON))
	var resp *http.Response
	ticket, err := newTestClient(s, newFakeClock()).Support.GetTicket(context.Background(), "acct", "t1", WithResponseInto(&resp))
	if err != nil || ticket == nil {
		t.Fatal(err)
	}
	if resp == nil || resp.StatusCode != 200 || resp.Header.Get("x-request-id") != "rid-7" {
		t.Fatalf("WithResponseInto stored %+v", resp)
	}
	if resp.Request == nil || resp.Request.URL.Path != "/accounts/acct/tickets/t1" {
		t.Errorf("response's request = %+v", resp.Request)
	}
	if b, err := io.ReadAll(resp.Body); err != nil || string(b) != ticketJSON {
		t.Errorf("response body = %q, %v; want the bytes the server sent", b, err)
	}
}

// refusingTransport fails the test if any request reaches it.
type refusingTransport struct {
	t *testing.T
	n atomic.Int32
}

func (rt *refusingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rt.n.Add(1)
	rt.t.Errorf("request reached the transport: %s %s", req.Method, req.URL)
	return nil, errors.New("refused")
}

func TestGetTicketBadInput(t *testing.T) {
	rt := &refusingTransport{t: t}
	var attempts atomic.Int32
	count := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		attempts.Add(1)
		return next(req)
	}
	c := New(WithBasicAuth("user", "pass"), WithHTTPClient(&http.Client{Transport: rt}), WithMiddleware(count),
		core.WithClock(newFakeClock()))
	tests := []struct {
		name                string
		accountID, ticketID string
		opts                []RequestOption
		want                string
	}{
		{"empty accountID", "", "t1", nil, "accountID"},
		{"empty ticketID", "acct", "", nil, "ticketID"},
		{"LF in header value", "acct", "t1", []RequestOption{WithRequestHeader("X-Note", "a\nInjected: 1")}, "X-Note"},
		{"CR in header value", "acct", "t1", []RequestOption{WithRequestHeader("X-Note", "a\rb")}, "X-Note"},
		{"CRLF in header value", "acct", "t1", []RequestOption{WithRequestHeader("X-Moov-Version", "v1\r\nX-Evil: 1")}, "X-Moov-Version"},
		{"invalid header name", "acct", "t1", []RequestOption{WithRequestHeader("Bad Name", "x")}, "Bad Name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ticket, err := c.Support.GetTicket(context.Background(), tc.accountID, tc.ticketID, tc.opts...)
			if err == nil || ticket != nil {
				t.Fatalf("got %v, %v; want an error", ticket, err)
			}
			if !strings.Contains(err.Error(), "getTicket") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name getTicket and %s", err, tc.want)
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				t.Errorf("bad input reported as an API error: %v", err)
			}
		})
	}
	if n := attempts.Load() + rt.n.Load(); n != 0 {
		t.Errorf("%d attempts were made with bad input", n)
	}

	// A CR/LF in a client global is refused the same way.
	c = New(WithXMoovVersion("v1\r\nX-Evil: 1"), WithHTTPClient(&http.Client{Transport: rt}))
	if _, err := c.Support.GetTicket(context.Background(), "acct", "t1"); err == nil {
		t.Error("a CR/LF in WithXMoovVersion was sent")
	}
	if n := rt.n.Load(); n != 0 {
		t.Errorf("%d requests reached the transport", n)
	}
}

func TestGetTicketMalformedBody(t *testing.T) {
	bodies := map[string]string{
		"truncated":          ticketJSON[:40],
		"not JSON":           "Service Unavailable",
		"HTML":               "<html><body>maintenance</body></html>",
		"array":              `[` + minimalTicketJSON + `]`,
		"number as string":   strings.Replace(minimalTicketJSON, `"number":1`, `"number":"1"`, 1),
		"bad date-time":      strings.Replace(minimalTicketJSON, `"createdOn":"2024-01-02T03:04:05Z"`, `"createdOn":"yesterday"`, 1),
		"trailing garbage":   minimalTicketJSON + `}`,
		"contact not object": strings.Replace(minimalTicketJSON, `{"email":"a@b.c"}`, `"a@b.c"`, 1),
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, respond(200, "rid-1", body))
			ticket, err := newTestClient(s, newFakeClock()).Support.GetTicket(context.Background(), "acct", "t1")
			if err == nil || ticket != nil {
				t.Fatalf("got %+v, %v; want a decoding error", ticket, err)
			}
			if !strings.Contains(err.Error(), "getTicket") || !strings.Contains(err.Error(), "decod") {
				t.Errorf("error %q does not name getTicket and decoding", err)
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				t.Errorf("a 200 reported as an *APIError: %v", err)
			}
			if n := s.hits.Load(); n != 1 {
				t.Errorf("%d attempts, want 1 (a decoding error is not retried)", n)
			}
		})
	}
}

func TestGetTicketConcurrent(t *testing.T) {
	const calls = 64
	var mu sync.Mutex
	seen := map[string]bool{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /accounts/{accountID}/tickets/{ticketID}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("ticketID")
		mu.Lock()
		first := !seen[id]
		seen[id] = true
		mu.Unlock()
		// Tickets whose id ends in 0 fail once, so retries run alongside other calls.
		if first && strings.HasSuffix(id, "0") {
			w.Header().Set("Retry-After", "1")
			respond(503, "rid-"+id, "")(w, r)
			return
		}
		body, _ := json.Marshal(map[string]any{
			"ticketID": id, "number": 1, "title": r.Header.Get("X-Caller"), "contact": map[string]string{"email": "a@b.c"},
			"status": "new", "createdOn": "2024-01-02T03:04:05Z", "updatedOn": "2024-01-02T03:04:05Z",
		})
		respond(200, "rid-"+id, string(body))(w, r)
	})
	s := newServer(t, mux.ServeHTTP)

	clk := newFakeClock()
	var attempts atomic.Int32
	count := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		attempts.Add(1)
		return next(req)
	}
	c := newTestClient(s, clk, WithMiddleware(count), WithUserAgent("concurrency-test"))
	var wg sync.WaitGroup
	errs := make(chan error, calls)
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, caller := fmt.Sprintf("t%d", i), fmt.Sprintf("caller-%d", i)
			var resp *http.Response
			ticket, err := c.Support.GetTicket(context.Background(), "acct", id,
				WithRequestHeader("X-Caller", caller), WithResponseInto(&resp))
			switch {
			case err != nil:
				errs <- fmt.Errorf("call %d: %w", i, err)
			case ticket.TicketID != id || ticket.Title != caller:
				errs <- fmt.Errorf("call %d got ticket %q for %q, want %q for %q", i, ticket.TicketID, ticket.Title, id, caller)
			case resp == nil || resp.StatusCode != 200 || resp.Header.Get("x-request-id") != "rid-"+id:
				errs <- fmt.Errorf("call %d got response %v", i, resp)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	const failing = (calls + 9) / 10 // t0, t10, …, t60
	if got, want := s.hits.Load(), int32(calls+failing); got != want || attempts.Load() != want {
		t.Errorf("%d requests, %d attempts; want %d (%d calls, %d retried once)", got, attempts.Load(), want, calls, failing)
	}
	if got := clk.Sleeps(); len(got) != failing || got[0] != time.Second {
		t.Errorf("waits %v, want %d of 1s", got, failing)
	}
}

// TestGetTicketDrainsBodies: every response body is read and closed, whatever its status or
// content, so sequential calls keep using one connection.
func TestGetTicketDrainsBodies(t *testing.T) {
	bodies := []http.HandlerFunc{
		respond(200, "r1", ticketJSON),
		respond(404, "r2", `{"error":"`+strings.Repeat("x", 10000)+`"}`),
		respond(200, "r3", "not json at all"),
		respond(500, "r4", "oops"),
		respond(200, "r5", minimalTicketJSON+"   \n"),
	}
	var n, conns atomic.Int32
	s := &server{Server: httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bodies[int(n.Add(1)-1)%len(bodies)](w, r)
	}))}
	s.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			conns.Add(1)
		}
	}
	s.Start()
	defer s.Close()
	c := newTestClient(s, newFakeClock(), WithRetryPolicy(RetryPolicy{}))
	for range 3 * len(bodies) {
		c.Support.GetTicket(context.Background(), "acct", "t1")
	}
	if got := conns.Load(); got != 1 {
		t.Errorf("%d connections for %d calls, want 1", got, n.Load())
	}
}

// TestGetTicketHTTPClientUntouched: WithHTTPClient copies the caller's client.
func TestGetTicketHTTPClientUntouched(t *testing.T) {
	s := newServer(t, respond(200, "r1", ticketJSON))
	hc := &http.Client{Timeout: time.Minute}
	before := *hc
	c := newTestClient(s, newFakeClock(), WithHTTPClient(hc))
	if _, err := c.Support.GetTicket(context.Background(), "acct", "t1"); err != nil {
		t.Fatal(err)
	}
	if hc.CheckRedirect != nil || hc.Transport != before.Transport || hc.Jar != before.Jar || hc.Timeout != before.Timeout {
		t.Errorf("the caller's http.Client was modified: %+v", hc)
	}
}

// TestGetTicketMiddleware: middleware wraps every attempt, the first given outermost.
func TestGetTicketMiddleware(t *testing.T) {
	s := newServer(t, sequence(respond(503, "r1", ""), respond(200, "r2", ticketJSON)))
	var log []string
	mw := func(name string) Middleware {
		return func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
			log = append(log, name+">")
			req.Header.Set("X-"+name, "1")
			resp, err := next(req)
			if err == nil {
				log = append(log, fmt.Sprintf("<%s %d", name, resp.StatusCode))
			}
			return resp, err
		}
	}
	var seen []string
	check := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		seen = append(seen, req.Header.Get("X-outer")+req.Header.Get("X-inner"))
		return next(req)
	}
	c := newTestClient(s, newFakeClock(), WithMiddleware(mw("outer"), mw("inner")), WithMiddleware(check))
	if _, err := c.Support.GetTicket(context.Background(), "acct", "t1"); err != nil {
		t.Fatal(err)
	}
	want := []string{"outer>", "inner>", "<inner 503", "<outer 503", "outer>", "inner>", "<inner 200", "<outer 200"}
	if !reflect.DeepEqual(log, want) {
		t.Errorf("middleware ran %v, want %v", log, want)
	}
	if !reflect.DeepEqual(seen, []string{"11", "11"}) {
		t.Errorf("innermost middleware saw %v", seen)
	}
}
