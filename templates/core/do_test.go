package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recordingServer answers with the next status of statuses (then 200) and records the bodies and
// idempotency keys it received.
type recordingServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
	keys   []string
}

func newRecordingServer(t *testing.T, statuses ...int) *recordingServer {
	s := &recordingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.bodies = append(s.bodies, string(b))
		s.keys = append(s.keys, r.Header.Get("Idempotency-Key"))
		n := len(s.bodies)
		s.mu.Unlock()
		if n <= len(statuses) {
			w.WriteHeader(statuses[n-1])
			return
		}
		w.Write([]byte(`{"id":"t1"}`))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *recordingServer) received() (bodies, keys []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.bodies), slices.Clone(s.keys)
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestIdempotencyRules(t *testing.T) {
	plain := &Operation{ID: "createTransfer", Method: "POST", Path: "/transfers"}
	keyed := &Operation{ID: "createTransfer", Method: "POST", Path: "/transfers", IdempotencyHeader: "Idempotency-Key"}
	tests := []struct {
		name     string
		op       *Operation
		method   string
		opts     []RequestOption
		header   string // Idempotency-Key set with HeaderParam
		wantHits int
		wantKey  string // "uuid": a generated one; the same on every attempt
	}{
		{"POST without key not retried", plain, "", nil, "", 1, ""},
		{"PATCH without key not retried", plain, "PATCH", nil, "", 1, ""},
		{"PUT retried", plain, "PUT", nil, "", 3, ""},
		{"DELETE retried", plain, "DELETE", nil, "", 3, ""},
		{"generated key retried", keyed, "", nil, "", 3, "uuid"},
		{"caller's key by option", keyed, "", []RequestOption{WithRequestHeader("idempotency-key", "k1")}, "", 3, "k1"},
		{"caller's key by parameter", keyed, "", nil, "k2", 3, "k2"},
		{"undeclared header does not count", plain, "", []RequestOption{WithRequestHeader("Idempotency-Key", "k3")}, "", 1, "k3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecordingServer(t, 503, 503)
			cfg, _ := testConfig(srv.URL, WithRand(constRand(0x5a)))
			op := *tt.op
			if tt.method != "" {
				op.Method = tt.method
			}
			r := NewRequest(cfg, &op, tt.opts)
			r.HeaderParam("Idempotency-Key", tt.header, 0)
			r.JSONBody(map[string]int{"amount": 100})
			err := r.Do(context.Background(), nil)
			bodies, keys := srv.received()
			if len(bodies) != tt.wantHits {
				t.Fatalf("hits = %d, want %d (err %v)", len(bodies), tt.wantHits, err)
			}
			for i := range bodies {
				if bodies[i] != `{"amount":100}` {
					t.Errorf("body %d = %q", i, bodies[i])
				}
				want := tt.wantKey
				if want == "uuid" {
					want = keys[0]
					if !uuidV4.MatchString(want) {
						t.Errorf("key %q is not a UUID v4", want)
					}
				}
				if keys[i] != want {
					t.Errorf("key %d = %q, want %q", i, keys[i], want)
				}
			}
		})
	}
}

func TestGeneratedKeyPerCall(t *testing.T) {
	srv := newRecordingServer(t)
	cfg, _ := testConfig(srv.URL, WithRand(nil)) // crypto/rand
	op := &Operation{ID: "create", Method: "POST", Path: "/x", IdempotencyHeader: "Idempotency-Key"}
	for range 2 {
		if err := NewRequest(cfg, op, nil).Do(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	_, keys := srv.received()
	if keys[0] == keys[1] || !uuidV4.MatchString(keys[0]) {
		t.Errorf("keys = %q, want two different UUIDs", keys)
	}
}

// droppingServer reads each request, then writes partial (possibly nothing) and drops the connection.
func droppingServer(t *testing.T, partial string) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.ReadAll(r.Body)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		buf.WriteString(partial)
		buf.Flush()
		conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestConnectionDropped(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		partial  string
		wantHits int32
	}{
		{"POST mid-response", "POST", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\"", 1},
		{"POST before the response", "POST", "", 1},
		{"GET mid-response", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\"", 3},
		{"GET before the response", "GET", "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := droppingServer(t, tt.partial)
			cfg, _ := testConfig(srv.URL)
			r := NewRequest(cfg, &Operation{ID: "op", Method: tt.method, Path: "/x"}, nil)
			if tt.method == "POST" {
				r.JSONBody(map[string]int{"amount": 1})
			}
			var out map[string]any
			err := r.Do(context.Background(), &out)
			if err == nil || !strings.HasPrefix(err.Error(), "op: ") {
				t.Errorf("err = %v, want an error naming the operation", err)
			}
			if hits.Load() != tt.wantHits {
				t.Errorf("hits = %d, want %d", hits.Load(), tt.wantHits)
			}
		})
	}
}

// readerOnly hides every method of a reader but Read.
type readerOnly struct{ io.Reader }

// seekerOnly is an io.ReadSeeker without io.ReaderAt.
type seekerOnly struct{ io.ReadSeeker }

func TestBodyReplay(t *testing.T) {
	file := filepath.Join(t.TempDir(), "body")
	if err := os.WriteFile(file, []byte("skip:file body"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		body     func() io.Reader
		want     string
		wantHits int
	}{
		{"bytes.Reader", func() io.Reader { return bytes.NewReader([]byte("bytes")) }, "bytes", 2},
		{"strings.Reader from its position", func() io.Reader {
			r := strings.NewReader("skip:rest")
			r.Seek(5, io.SeekStart)
			return r
		}, "rest", 2},
		{"bytes.Buffer", func() io.Reader { return bytes.NewBufferString("buffer") }, "buffer", 2},
		{"file", func() io.Reader {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			f.Seek(5, io.SeekStart)
			return f
		}, "file body", 2},
		{"seeker", func() io.Reader { return seekerOnly{strings.NewReader("seeker")} }, "seeker", 2},
		{"empty", func() io.Reader { return strings.NewReader("") }, "", 2},
		{"stream not retried", func() io.Reader { return readerOnly{strings.NewReader("stream")} }, "stream", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecordingServer(t, 503)
			cfg, _ := testConfig(srv.URL)
			r := NewRequest(cfg, &Operation{ID: "upload", Method: "PUT", Path: "/x"}, nil)
			r.Body("text/plain", tt.body())
			err := r.Do(context.Background(), nil)
			bodies, _ := srv.received()
			if len(bodies) != tt.wantHits {
				t.Fatalf("hits = %d, want %d (err %v)", len(bodies), tt.wantHits, err)
			}
			for i, b := range bodies {
				if b != tt.want {
					t.Errorf("body %d = %q, want %q", i, b, tt.want)
				}
			}
			if tt.wantHits == 1 {
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
					t.Errorf("err = %v, want APIError 503", err)
				}
			}
		})
	}
}

func TestStreamRetriedWhenUnread(t *testing.T) {
	srv := newRecordingServer(t)
	var attempts atomic.Int32
	failFirst := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		if attempts.Add(1) == 1 {
			return nil, errors.New("dial tcp: connection refused") // nothing sent, nothing read
		}
		return next(req)
	}
	cfg, _ := testConfig(srv.URL, WithMiddleware(failFirst))
	r := NewRequest(cfg, &Operation{ID: "upload", Method: "POST", Path: "/x"}, nil)
	r.Body("application/octet-stream", readerOnly{strings.NewReader("stream")})
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if bodies, _ := srv.received(); !slices.Equal(bodies, []string{"stream"}) || attempts.Load() != 2 {
		t.Errorf("bodies = %q after %d attempts", bodies, attempts.Load())
	}
}

func TestGuardedReaderDetach(t *testing.T) {
	g := &guardedReader{r: strings.NewReader("abc")}
	if g.detach() {
		t.Error("unread reader reported read")
	}
	if _, err := g.Read(make([]byte, 1)); !errors.Is(err, errBodyDetached) {
		t.Errorf("read after detach = %v", err)
	}
	g = &guardedReader{r: strings.NewReader("abc")}
	g.Read(make([]byte, 1))
	if !g.detach() {
		t.Error("read reader reported unread")
	}
}

// typedError is a generated error body type.
type typedError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *typedError) Error() string { return e.Code + ": " + e.Message }

func decodeTyped(body []byte) error {
	var e typedError
	if json.Unmarshal(body, &e) != nil {
		return nil
	}
	return &e
}

func TestAPIError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id := r.URL.Query().Get("id"); id != "" {
			w.Header().Set(r.URL.Query().Get("idHeader"), id)
		}
		w.WriteHeader(404)
		w.Write([]byte(r.URL.Query().Get("body")))
	}))
	defer srv.Close()
	op := &Operation{ID: "getTicket", Method: "GET", Path: "/t", RequestIDHeader: "x-request-id",
		Errors: []ErrorType{{Status: "404", Decode: decodeTyped}}}
	tests := []struct {
		name, idHeader, id, body string
		wantMsg                  string
		wantTyped                bool
	}{
		{"declared request id", "X-Request-Id", "abc", `{"code":"nf","message":"no ticket"}`, "getTicket: 404 Not Found (request id abc)", true},
		{"fallback request id", "Request-Id", "def", "", "getTicket: 404 Not Found (request id def)", false},
		{"no request id", "", "", "not json", "getTicket: 404 Not Found", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _ := testConfig(srv.URL)
			r := NewRequest(cfg, op, nil)
			r.QueryParam("idHeader", tt.idHeader, 0)
			r.QueryParam("id", tt.id, 0)
			r.QueryParam("body", tt.body, 0)
			err := r.Do(context.Background(), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an APIError", err)
			}
			if err.Error() != tt.wantMsg {
				t.Errorf("Error() = %q, want %q", err.Error(), tt.wantMsg)
			}
			if string(apiErr.Body) != tt.body || apiErr.Header.Get("Content-Length") == "" || apiErr.Operation != "getTicket" {
				t.Errorf("APIError = %+v", apiErr)
			}
			var typed *typedError
			if errors.As(err, &typed) != tt.wantTyped {
				t.Fatalf("errors.As typed = %v, want %v", !tt.wantTyped, tt.wantTyped)
			}
			if tt.wantTyped && typed.Message != "no ticket" {
				t.Errorf("typed = %+v", typed)
			}
		})
	}
}

func TestAPIErrorMessage(t *testing.T) {
	tests := []struct {
		err  APIError
		want string
	}{
		{APIError{Operation: "op", StatusCode: 500}, "op: 500 Internal Server Error"},
		{APIError{Operation: "op", StatusCode: 599, RequestID: "r"}, "op: 599 (request id r)"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestAPIErrorBodyBounded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		w.Write(bytes.Repeat([]byte("x"), MaxErrorBody+10))
	}))
	defer srv.Close()
	cfg, _ := testConfig(srv.URL)
	var apiErr *APIError
	if err := getTicket(cfg).Do(context.Background(), nil); !errors.As(err, &apiErr) || len(apiErr.Body) != MaxErrorBody {
		t.Fatalf("err = %v, body %d bytes", err, len(apiErr.Body))
	}
}

func TestMatchErrorType(t *testing.T) {
	types := []ErrorType{{Status: "default"}, {Status: "4xx"}, {Status: "404"}, {Status: "5XX"}}
	tests := []struct {
		status int
		want   string
	}{
		{404, "404"}, {400, "4xx"}, {503, "5XX"}, {302, "default"},
	}
	for _, tt := range tests {
		if got := matchErrorType(types, tt.status); got == nil || got.Status != tt.want {
			t.Errorf("match(%d) = %v, want %s", tt.status, got, tt.want)
		}
	}
	if got := matchErrorType(types[1:2], 500); got != nil {
		t.Errorf("match(500) = %v, want none", got)
	}
}

func TestContextErrors(t *testing.T) {
	block := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer block.Close()
	bye := errors.New("bye")
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"cancelled before", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, context.Canceled},
		{"cancelled during", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(10*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
		{"cancelled with a cause", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancelCause(context.Background())
			time.AfterFunc(10*time.Millisecond, func() { cancel(bye) })
			return ctx, func() { cancel(nil) }
		}, context.Canceled},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 10*time.Millisecond)
		}, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var attempts atomic.Int32
			cfg, _ := testConfig(block.URL, WithMiddleware(counter(&attempts)))
			ctx, cancel := tt.ctx()
			defer cancel()
			err := getTicket(cfg).Do(ctx, nil)
			if !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), "getTicket: ") {
				t.Errorf("err = %v, want %v naming the operation", err, tt.want)
			}
			if attempts.Load() > 1 {
				t.Errorf("%d attempts after the context ended", attempts.Load())
			}
		})
	}
}

func TestAttemptTimeout(t *testing.T) {
	block := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer block.Close()
	var attempts atomic.Int32
	cfg, clk := testConfig(block.URL, WithTimeout(20*time.Millisecond), WithMiddleware(counter(&attempts)),
		WithRetryPolicy(RetryPolicy{MaxRetries: 1}))
	err := getTicket(cfg).Do(context.Background(), nil)
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want DeadlineExceeded only", err)
	}
	if attempts.Load() != 2 || len(clk.Sleeps()) != 1 {
		t.Errorf("%d attempts, %d waits; want 2, 1", attempts.Load(), len(clk.Sleeps()))
	}
}

func TestStreamedBodyOutlivesTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("first "))
		w.(http.Flusher).Flush()
		time.Sleep(60 * time.Millisecond) // longer than the attempt timeout
		w.Write([]byte("second"))
	}))
	defer srv.Close()
	cfg, _ := testConfig(srv.URL, WithTimeout(20*time.Millisecond))
	var body io.ReadCloser
	if err := getTicket(cfg).Do(context.Background(), &body); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(body)
	if err != nil || string(b) != "first second" {
		t.Errorf("body = %q, %v", b, err)
	}
	if err := body.Close(); err != nil {
		t.Error(err)
	}
}

// trackedBody records whether it was closed.
type trackedBody struct {
	io.Reader
	closed atomic.Bool
}

func (b *trackedBody) Close() error { b.closed.Store(true); return nil }

// rawKeeper keeps the JSON it is given without checking it, as a union keeps an unknown variant.
type rawKeeper string

func (k *rawKeeper) UnmarshalJSON(b []byte) error {
	*k = rawKeeper(b)
	return nil
}

// refuser fails to decode anything.
type refuser struct{}

func (*refuser) UnmarshalJSON([]byte) error { return errors.New("refused") }

func TestDecoding(t *testing.T) {
	type ticket struct {
		ID string `json:"id"`
	}
	tests := []struct {
		name    string
		body    string
		out     func() any
		want    any
		wantErr bool
	}{
		{"json", `{"id":"t1"}`, func() any { return new(ticket) }, &ticket{ID: "t1"}, false},
		{"empty body", "", func() any { return new(ticket) }, &ticket{}, false},
		{"malformed", `{"id":`, func() any { return new(ticket) }, nil, true},
		{"bytes", "raw", func() any { return new([]byte) }, ptr([]byte("raw")), false},
		{"string", "raw", func() any { return new(string) }, ptr("raw"), false},
		{"nil", "ignored", func() any { return nil }, nil, false},
		{"own UnmarshalJSON", " \n{\"id\": \"t1\"}\n", func() any { return new(rawKeeper) }, ptr(rawKeeper(`{"id": "t1"}`)), false},
		{"own UnmarshalJSON, null", "null", func() any { return new(rawKeeper) }, ptr(rawKeeper(`null`)), false},
		// Another package's UnmarshalJSON (json.RawMessage's takes anything) is given only valid
		// JSON; the SDK's and this package's reject what is not JSON themselves.
		{"foreign UnmarshalJSON", `{"id":"t1"}`, func() any { return new(json.RawMessage) }, ptr(json.RawMessage(`{"id":"t1"}`)), false},
		{"foreign UnmarshalJSON, malformed", `{"id":`, func() any { return new(json.RawMessage) }, nil, true},
		{"foreign UnmarshalJSON, trailing data", `{"id":"t1"} {}`, func() any { return new(json.RawMessage) }, nil, true},
		{"Nullable, malformed", `{"id":`, func() any { return new(Nullable[map[string]string]) }, nil, true},
		{"Nullable, trailing data", `"a" "b"`, func() any { return new(Nullable[string]) }, nil, true},
		{"own UnmarshalJSON fails", `{"id":"t1"}`, func() any { return new(refuser) }, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := &trackedBody{Reader: strings.NewReader(tt.body)}
			hc := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: body, Request: req}, nil
			})}
			cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
			out := tt.out()
			err := getTicket(cfg).Do(context.Background(), out)
			if tt.wantErr {
				if err == nil || !strings.HasPrefix(err.Error(), "getTicket: ") {
					t.Errorf("err = %v, want a decoding error naming the operation", err)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if tt.want != nil && !reflect.DeepEqual(out, tt.want) {
				t.Errorf("out = %v, want %v", out, tt.want)
			}
			if !body.closed.Load() {
				t.Error("body not closed")
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestResponseInto(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Status", r.URL.Query().Get("status"))
		if r.URL.Query().Get("status") == "404" {
			w.WriteHeader(404)
		}
		w.Write([]byte("body"))
	}))
	defer srv.Close()
	for _, status := range []string{"200", "404"} {
		t.Run(status, func(t *testing.T) {
			cfg, _ := testConfig(srv.URL)
			var resp *http.Response
			r := getTicket(cfg, WithResponseInto(&resp))
			r.QueryParam("status", status, 0)
			var out string
			r.Do(context.Background(), &out)
			if resp == nil || resp.Header.Get("X-Status") != status {
				t.Fatalf("resp = %v", resp)
			}
			if b, _ := io.ReadAll(resp.Body); string(b) != "body" {
				t.Errorf("resp.Body = %q", b)
			}
		})
	}
	t.Run("transport error", func(t *testing.T) {
		hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, io.ErrUnexpectedEOF })}
		cfg, _ := testConfig("https://api.test", WithHTTPClient(hc), WithRetryPolicy(RetryPolicy{}))
		resp := &http.Response{}
		if err := getTicket(cfg, WithResponseInto(&resp)).Do(context.Background(), nil); !errors.Is(err, io.ErrUnexpectedEOF) || resp != nil {
			t.Errorf("err = %v, resp = %v", err, resp)
		}
	})
	t.Run("streamed", func(t *testing.T) {
		cfg, _ := testConfig(srv.URL)
		var resp *http.Response
		var body io.ReadCloser
		if err := getTicket(cfg, WithResponseInto(&resp)).Do(context.Background(), &body); err != nil {
			t.Fatal(err)
		}
		defer body.Close()
		if resp == nil || resp.StatusCode != 200 {
			t.Errorf("resp = %v", resp)
		}
	})
}

func TestMiddlewareOrder(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(r.Header.Get("X-Trace")))
	}))
	defer srv.Close()
	var mu sync.Mutex
	var events []string
	mw := func(name string) Middleware {
		return func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
			mu.Lock()
			events = append(events, name+" before")
			mu.Unlock()
			req.Header.Add("X-Trace", name)
			resp, err := next(req)
			mu.Lock()
			events = append(events, name+" after")
			mu.Unlock()
			return resp, err
		}
	}
	cfg, _ := testConfig(srv.URL, WithMiddleware(mw("a"), mw("b")), WithMiddleware(mw("c")))
	var out string
	if err := getTicket(cfg).Do(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	want := []string{"a before", "b before", "c before", "c after", "b after", "a after"}
	if !slices.Equal(events, want) || out != "a" {
		t.Errorf("events = %q, server saw %q; want %q", events, out, want)
	}
}

func TestMiddlewareWithoutResponse(t *testing.T) {
	cfg, _ := testConfig("https://api.test", WithRetryPolicy(RetryPolicy{}), WithMiddleware(
		func(*http.Request, func(*http.Request) (*http.Response, error)) (*http.Response, error) {
			return nil, nil
		}))
	if err := getTicket(cfg).Do(context.Background(), nil); err == nil {
		t.Error("no error")
	}
}

func TestConcurrentCalls(t *testing.T) {
	var seenN sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, retry := seenN.LoadOrStore(r.Header.Get("X-N"), true); !retry {
			w.WriteHeader(503) // every call's first attempt
			return
		}
		if r.Header.Get("Authorization") == "" || r.Header.Get("X-Api-Version") != "v1" {
			w.WriteHeader(400)
			return
		}
		fmt.Fprintf(w, `{"id":%q}`, r.URL.Query().Get("n"))
	}))
	defer srv.Close()
	cfg, _ := testConfig(srv.URL, WithCredential("bearer", BearerToken("tok")), WithRetryPolicy(RetryPolicy{MaxRetries: 1}))
	op := *opGet
	op.Security = [][]string{{"bearer"}}
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := NewRequest(cfg, &op, []RequestOption{WithRequestHeader("X-N", fmt.Sprint(i))})
			r.PathParam("accountID", "a")
			r.PathParam("ticketID", i)
			r.QueryParam("n", i, Required)
			var out struct{ ID string }
			if err := r.Do(context.Background(), &out); err != nil || out.ID != fmt.Sprint(i) {
				t.Errorf("call %d: %v, %+v", i, err, out)
			}
		}()
	}
	wg.Wait()
}

func TestMinimalConfig(t *testing.T) {
	hc, reqs := captureClient(`{"id":"t1"}`)
	cfg := &Config{ServerURL: "https://api.test", HTTPClient: hc, Retry: RetryPolicy{MaxRetries: 1}}
	op := &Operation{ID: "create", Method: "POST", Path: "/x", IdempotencyHeader: "Idempotency-Key"}
	if err := NewRequest(cfg, op, nil).Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if h := reqs()[0].Header; !uuidV4.MatchString(h.Get("Idempotency-Key")) || h.Get("User-Agent") != "" {
		t.Errorf("header = %v", h)
	}
}

func TestCallerClearsIdempotencyKey(t *testing.T) {
	srv := newRecordingServer(t, 503)
	cfg, _ := testConfig(srv.URL)
	op := &Operation{ID: "create", Method: "POST", Path: "/x", IdempotencyHeader: "Idempotency-Key"}
	err := NewRequest(cfg, op, []RequestOption{WithRequestHeader("Idempotency-Key", "")}).Do(context.Background(), nil)
	if _, keys := srv.received(); len(keys) != 1 || keys[0] != "" || err == nil {
		t.Errorf("keys = %q, err = %v; want one attempt without a key", keys, err)
	}
}
