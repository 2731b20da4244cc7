package core

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock records the waits it is asked for and returns at once, advancing its time.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
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

// constRand is a deterministic random source returning the same byte forever.
type constRand byte

func (r constRand) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// testConfig returns a configuration for url with a fake clock, zero randomness (so every computed
// wait is 0 unless a test says otherwise) and the given options.
func testConfig(url string, opts ...Option) (*Config, *fakeClock) {
	cfg := NewConfig(url, "testsdk", "1.2.3",
		Global{Name: "X-Api-Version", In: "header", Value: "v1"},
		Global{Name: "tenant", In: "query", Value: "acme"},
		Global{Name: "X-Undeclared", In: "header", Value: "no"},
	)
	clk := newFakeClock()
	cfg.Clock = clk
	cfg.Rand = constRand(0)
	for _, o := range opts {
		o.ApplyClient(cfg)
	}
	return cfg, clk
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// captureClient returns a client that records each request (body read) and answers 200 with body.
func captureClient(body string) (*http.Client, func() []*http.Request) {
	var mu sync.Mutex
	var reqs []*http.Request
	hc := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if req.Body != nil {
			b, _ := io.ReadAll(req.Body)
			req.Body = io.NopCloser(strings.NewReader(string(b)))
		}
		mu.Lock()
		reqs = append(reqs, req)
		mu.Unlock()
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
	})}
	return hc, func() []*http.Request {
		mu.Lock()
		defer mu.Unlock()
		return append([]*http.Request(nil), reqs...)
	}
}

// failClient returns a client whose transport fails the test if anything is sent.
func failClient(t *testing.T) *http.Client {
	return &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		t.Errorf("transport called for %s %s", req.Method, req.URL)
		return nil, io.EOF
	})}
}

// counter counts the attempts that reach the HTTP client.
func counter(n *atomic.Int32) Middleware {
	return func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		n.Add(1)
		return next(req)
	}
}

var opGet = &Operation{ID: "getTicket", Method: "GET", Path: "/accounts/{accountID}/tickets/{ticketID}",
	Globals: []string{"x-api-version", "Tenant"}, RequestIDHeader: "x-request-id", Accept: "application/json"}

func getTicket(cfg *Config, opts ...RequestOption) *Request {
	r := NewRequest(cfg, opGet, opts)
	r.PathParam("accountID", "acc")
	r.PathParam("ticketID", "t1")
	return r
}
