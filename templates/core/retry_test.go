package core

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

func TestBackoffCap(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name   string
		policy RetryPolicy
		n      int
		want   time.Duration
	}{
		{"defaults first", RetryPolicy{}, 0, 500 * ms},
		{"defaults second", RetryPolicy{}, 1, time.Second},
		{"defaults capped", RetryPolicy{}, 5, 8 * time.Second},
		{"doubling", RetryPolicy{InitialBackoff: 100 * ms, MaxBackoff: time.Second}, 3, 800 * ms},
		{"capped", RetryPolicy{InitialBackoff: 100 * ms, MaxBackoff: time.Second}, 4, time.Second},
		{"initial above max", RetryPolicy{InitialBackoff: 5 * time.Second, MaxBackoff: time.Second}, 0, time.Second},
		{"no overflow", RetryPolicy{InitialBackoff: time.Hour, MaxBackoff: 1 << 62}, 200, 1 << 62},
		{"exponent 1.5", RetryPolicy{InitialBackoff: 100 * ms, MaxBackoff: time.Second, Exponent: 1.5}, 2, 225 * ms},
		{"exponent capped", RetryPolicy{InitialBackoff: 100 * ms, MaxBackoff: time.Second, Exponent: 1.5}, 6, time.Second},
		{"exponent below 1 is 1", RetryPolicy{InitialBackoff: 100 * ms, MaxBackoff: time.Second, Exponent: 0.5}, 3, 100 * ms},
		{"exponent 2 as the default", RetryPolicy{InitialBackoff: 100 * ms, MaxBackoff: time.Second, Exponent: 2}, 3, 800 * ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.backoffCap(tt.n); got != tt.want {
				t.Errorf("backoffCap(%d) = %v, want %v", tt.n, got, tt.want)
			}
		})
	}
}

func TestBackoffJitter(t *testing.T) {
	p := RetryPolicy{InitialBackoff: 500 * time.Millisecond, MaxBackoff: 8 * time.Second}
	half := append([]byte{0x80}, make([]byte, 7)...) // exactly 1/2
	tests := []struct {
		name string
		rand []byte
		n    int
		want time.Duration
	}{
		{"zero", make([]byte, 8), 0, 0},
		{"max is the cap", bytes.Repeat([]byte{0xff}, 8), 0, 500 * time.Millisecond},
		{"max is the cap later", bytes.Repeat([]byte{0xff}, 8), 3, 4 * time.Second},
		{"half", half, 0, 250 * time.Millisecond},
		{"half of max", half, 10, 4 * time.Second},
		{"no randomness: the cap", nil, 1, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.backoff(tt.n, bytes.NewReader(tt.rand)); got != tt.want {
				t.Errorf("backoff = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header string
		want   time.Duration
		ok     bool
	}{
		{"absent", "", 0, false},
		{"seconds", "3", 3 * time.Second, true},
		{"zero", "0", 0, true},
		{"spaces", " 5 ", 5 * time.Second, true},
		{"beyond a minute", "120", 120 * time.Second, true},
		{"huge", "99999999999999999999999", 24 * time.Hour, true},
		{"http date", now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{"http date past", now.Add(-30 * time.Second).Format(http.TimeFormat), 0, false},
		{"negative", "-5", 0, false},
		{"fraction", "1.5", 0, false},
		{"garbage", "soon", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.header != "" {
				h.Set("Retry-After", tt.header)
			}
			got, ok := retryAfter(h, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.header, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// failingServer answers each request with the next status of statuses (then 200), setting
// Retry-After to retryAfter when it is not empty.
func failingServer(t *testing.T, retryAfter string, statuses ...int) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(hits.Add(1))
		if n <= len(statuses) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(statuses[n-1])
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestRetryStatuses(t *testing.T) {
	for _, status := range []int{400, 401, 404, 409, 422, 501, 505} {
		t.Run("not retried "+strconv.Itoa(status), func(t *testing.T) {
			srv, hits := failingServer(t, "", status)
			cfg, clk := testConfig(srv.URL)
			err := getTicket(cfg).Do(context.Background(), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Fatalf("err = %v, want APIError %d", err, status)
			}
			if hits.Load() != 1 || len(clk.Sleeps()) != 0 {
				t.Errorf("hits = %d, sleeps = %v; want 1 and none", hits.Load(), clk.Sleeps())
			}
		})
	}
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		t.Run("retried "+strconv.Itoa(status), func(t *testing.T) {
			srv, hits := failingServer(t, "", status, status)
			cfg, clk := testConfig(srv.URL)
			if err := getTicket(cfg).Do(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			if hits.Load() != 3 || len(clk.Sleeps()) != 2 {
				t.Errorf("hits = %d, sleeps = %v; want 3 and 2", hits.Load(), clk.Sleeps())
			}
		})
	}
}

func TestRetrySchedule(t *testing.T) {
	srv, hits := failingServer(t, "", 503, 503, 503, 503, 503)
	cfg, clk := testConfig(srv.URL,
		WithRetryPolicy(RetryPolicy{MaxRetries: 3, InitialBackoff: 100 * time.Millisecond, MaxBackoff: 250 * time.Millisecond}),
		WithRand(constRand(0xff)))
	err := getTicket(cfg).Do(context.Background(), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("err = %v, want the last APIError 503", err)
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 250 * time.Millisecond}
	if !slices.Equal(clk.Sleeps(), want) || hits.Load() != 4 {
		t.Errorf("sleeps = %v, hits = %d; want %v, 4", clk.Sleeps(), hits.Load(), want)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	start := newFakeClock().Now()
	tests := []struct {
		name       string
		retryAfter string
		wantSleeps []time.Duration // nil: no retry
	}{
		{"seconds beyond MaxBackoff", "20", []time.Duration{20 * time.Second}},
		{"http date", start.Add(30 * time.Second).Format(http.TimeFormat), []time.Duration{30 * time.Second}},
		{"exactly a minute", "60", []time.Duration{time.Minute}},
		{"garbage: computed", "later", []time.Duration{0}},
		{"negative: computed", "-1", []time.Duration{0}},
		{"over a minute: give up", "61", nil},
		{"date over a minute: give up", start.Add(2 * time.Minute).Format(http.TimeFormat), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := failingServer(t, tt.retryAfter, 503)
			cfg, clk := testConfig(srv.URL)
			err := getTicket(cfg).Do(context.Background(), nil)
			if tt.wantSleeps == nil {
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || hits.Load() != 1 {
					t.Fatalf("err = %v after %d hits, want APIError 503 after 1", err, hits.Load())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(clk.Sleeps(), tt.wantSleeps) {
				t.Errorf("sleeps = %v, want %v", clk.Sleeps(), tt.wantSleeps)
			}
		})
	}
}

// cancelClock cancels the call's context when asked to wait.
type cancelClock struct {
	fakeClock
	cancel context.CancelFunc
}

func (c *cancelClock) Sleep(ctx context.Context, d time.Duration) error {
	c.cancel()
	<-ctx.Done()
	return ctx.Err()
}

func TestRetryWaitEndsWithContext(t *testing.T) {
	srv, hits := failingServer(t, "5", 503, 503)
	ctx, cancel := context.WithCancel(context.Background())
	cfg, _ := testConfig(srv.URL, WithClock(&cancelClock{cancel: cancel}))
	err := getTicket(cfg).Do(ctx, nil)
	if !errors.Is(err, context.Canceled) || hits.Load() != 1 {
		t.Fatalf("err = %v after %d hits, want context.Canceled after 1", err, hits.Load())
	}
}

func TestSystemClockSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	if err := (systemClock{}).Sleep(ctx, 0); err != nil {
		t.Errorf("Sleep(0) = %v", err)
	}
	cancel()
	if err := (systemClock{}).Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context = %v", err)
	}
}

func TestRetryPolicyOptions(t *testing.T) {
	tests := []struct {
		name     string
		client   []Option
		call     []RequestOption
		wantHits int32
	}{
		{"client default", nil, nil, 3},
		{"client none", []Option{WithRetryPolicy(RetryPolicy{})}, nil, 1},
		{"per call overrides", []Option{WithRetryPolicy(RetryPolicy{})}, []RequestOption{WithRetryPolicy(RetryPolicy{MaxRetries: 4})}, 5},
		{"per call none", nil, []RequestOption{WithRetryPolicy(RetryPolicy{})}, 1},
		{"negative is none", []Option{WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := failingServer(t, "", 500, 500, 500, 500, 500, 500)
			cfg, _ := testConfig(srv.URL, tt.client...)
			getTicket(cfg, tt.call...).Do(context.Background(), nil)
			if hits.Load() != tt.wantHits {
				t.Errorf("hits = %d, want %d", hits.Load(), tt.wantHits)
			}
		})
	}
}

func TestConnectionFailureRetried(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // connections are refused: nothing is ever sent
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			var attempts atomic.Int32
			cfg, clk := testConfig(url, WithMiddleware(counter(&attempts)))
			op := &Operation{ID: "op", Method: method, Path: "/x"}
			r := NewRequest(cfg, op, nil)
			r.JSONBody(map[string]int{"a": 1})
			err := r.Do(context.Background(), nil)
			if err == nil || attempts.Load() != 3 || len(clk.Sleeps()) != 2 {
				t.Fatalf("err = %v after %d attempts, %d waits; want an error after 3, 2", err, attempts.Load(), len(clk.Sleeps()))
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				t.Errorf("err = %v, not an APIError", err)
			}
		})
	}
}

func TestIdempotencyKey(t *testing.T) {
	key, err := newIdempotencyKey(constRand(0))
	if err != nil || key != "00000000-0000-4000-8000-000000000000" {
		t.Errorf("key = %q, %v", key, err)
	}
	key, _ = newIdempotencyKey(constRand(0xff))
	if key != "ffffffff-ffff-4fff-bfff-ffffffffffff" {
		t.Errorf("key = %q", key)
	}
	if _, err := newIdempotencyKey(bytes.NewReader(nil)); err == nil {
		t.Error("no error without randomness")
	}
}

func TestRetryPolicyStatuses(t *testing.T) {
	tests := []struct {
		name     string
		statuses []string
		status   int
		wantHits int32
	}{
		{"default set", nil, 503, 3},
		{"default set leaves 501", nil, 501, 1},
		{"class", []string{"5XX"}, 501, 3},
		{"class in lower case", []string{"5xx"}, 501, 3},
		{"code", []string{"409"}, 409, 3},
		{"not listed", []string{"5XX"}, 429, 1},
		{"empty list: none", []string{}, 503, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := failingServer(t, "", tt.status, tt.status)
			cfg, _ := testConfig(srv.URL, WithRetryPolicy(RetryPolicy{MaxRetries: 2, Statuses: tt.statuses}))
			getTicket(cfg).Do(context.Background(), nil)
			if hits.Load() != tt.wantHits {
				t.Errorf("hits = %d, want %d", hits.Load(), tt.wantHits)
			}
		})
	}
}

func TestRetryMaxElapsed(t *testing.T) {
	srv, hits := failingServer(t, "", 503, 503, 503, 503, 503, 503)
	// Every wait is its bound (0xff randomness): 100ms, 200ms, 400ms; the
	// third would end at 700ms, past the 500ms limit.
	cfg, clk := testConfig(srv.URL, WithRand(constRand(0xff)),
		WithRetryPolicy(RetryPolicy{MaxRetries: 10, InitialBackoff: 100 * time.Millisecond, MaxBackoff: time.Second, MaxElapsed: 500 * time.Millisecond}))
	err := getTicket(cfg).Do(context.Background(), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("err = %v, want the last APIError 503", err)
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}
	if !slices.Equal(clk.Sleeps(), want) || hits.Load() != 3 {
		t.Errorf("sleeps = %v, hits = %d; want %v, 3", clk.Sleeps(), hits.Load(), want)
	}
}

func TestNoConnectionRetries(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	var attempts atomic.Int32
	cfg, _ := testConfig(url, WithMiddleware(counter(&attempts)), WithRetryPolicy(RetryPolicy{MaxRetries: 3, NoConnectionRetries: true}))
	if err := getTicket(cfg).Do(context.Background(), nil); err == nil {
		t.Fatal("no error from a closed server")
	}
	if attempts.Load() != 1 {
		t.Errorf("attempts = %d, want 1", attempts.Load())
	}
}

func TestOperationRetryPolicy(t *testing.T) {
	opOwn := *opGet
	opOwn.Retry = &RetryPolicy{MaxRetries: 4, Statuses: []string{"5XX"}}
	opOff := *opGet
	opOff.Retry = &RetryPolicy{}
	tests := []struct {
		name     string
		op       *Operation
		client   []Option
		call     []RequestOption
		wantHits int32
	}{
		{"operation's own", &opOwn, nil, nil, 5},
		{"operation's off", &opOff, nil, nil, 1},
		{"client option wins", &opOff, []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 1})}, nil, 2},
		{"call option wins", &opOwn, nil, []RequestOption{WithRetryPolicy(RetryPolicy{MaxRetries: 2})}, 3},
		{"no policy of its own: the client's", opGet, nil, nil, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := failingServer(t, "", 500, 500, 500, 500, 500, 500)
			cfg, _ := testConfig(srv.URL, tt.client...)
			r := NewRequest(cfg, tt.op, tt.call)
			r.PathParam("accountID", "acc")
			r.PathParam("ticketID", "t1")
			r.Do(context.Background(), nil)
			if hits.Load() != tt.wantHits {
				t.Errorf("hits = %d, want %d", hits.Load(), tt.wantHits)
			}
		})
	}
}
