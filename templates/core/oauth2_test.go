package core

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// tokenServer is an OAuth2 token endpoint and an API in one server.
type tokenServer struct {
	fetches atomic.Int32
	fail    atomic.Bool
	release chan struct{} // when set, token requests wait for it
	mu      sync.Mutex
	seen    []string // Authorization headers the API saw
}

func (s *tokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth2/token" {
		n := s.fetches.Add(1)
		if s.release != nil {
			<-s.release
		}
		// RFC 6749 §2.3.1: id and secret are form-encoded inside Basic auth.
		user, pass, _ := r.BasicAuth()
		user, _ = url.QueryUnescape(user)
		pass, _ = url.QueryUnescape(pass)
		if err := r.ParseForm(); err != nil || user != "id" || pass != "se cret" || r.Form.Get("grant_type") != "client_credentials" || r.Form.Get("scope") != "read write" {
			http.Error(w, "bad client", http.StatusUnauthorized)
			return
		}
		if s.fail.Load() {
			http.Error(w, `{"error":"server_error"}`, http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"tok-%d","token_type":"Bearer","expires_in":3600}`, n)
		return
	}
	s.mu.Lock()
	s.seen = append(s.seen, r.Header.Get("Authorization"))
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *tokenServer) lastAuth() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[len(s.seen)-1]
}

func oauthOp() *Operation {
	return &Operation{ID: "list", Method: "GET", Path: "/items", Security: [][]string{{"oauth"}}}
}

func TestClientCredentialsFetchCacheRefresh(t *testing.T) {
	ts := &tokenServer{}
	srv := httptest.NewServer(ts)
	defer srv.Close()
	cfg, clock := testConfig(srv.URL, WithCredential("oauth", ClientCredentials("/oauth2/token", "id", "se cret", "read", "write")))
	call := func() error { return NewRequest(cfg, oauthOp(), nil).Do(context.Background(), nil) }

	if err := call(); err != nil {
		t.Fatal(err)
	}
	if err := call(); err != nil {
		t.Fatal(err)
	}
	if n := ts.fetches.Load(); n != 1 {
		t.Errorf("token fetched %d times for two calls, want 1 (cached)", n)
	}
	if got := ts.lastAuth(); got != "Bearer tok-1" {
		t.Errorf("Authorization = %q", got)
	}
	// 3600 s tokens are renewed a minute early.
	clock.Sleep(context.Background(), 58*time.Minute)
	if err := call(); err != nil {
		t.Fatal(err)
	}
	if n := ts.fetches.Load(); n != 1 {
		t.Errorf("token refetched before it was due (%d fetches)", n)
	}
	clock.Sleep(context.Background(), 2*time.Minute)
	if err := call(); err != nil {
		t.Fatal(err)
	}
	if n, got := ts.fetches.Load(), ts.lastAuth(); n != 2 || got != "Bearer tok-2" {
		t.Errorf("after expiry: %d fetches, Authorization %q; want 2 and tok-2", n, got)
	}
}

func TestClientCredentialsConcurrentFetchOnce(t *testing.T) {
	ts := &tokenServer{release: make(chan struct{})}
	srv := httptest.NewServer(ts)
	defer srv.Close()
	cfg, _ := testConfig(srv.URL, WithCredential("oauth", ClientCredentials(srv.URL+"/oauth2/token", "id", "se cret", "read", "write")))
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- NewRequest(cfg, oauthOp(), nil).Do(context.Background(), nil)
		}()
	}
	// Let the one fetch finish once every call is waiting on it (or soon).
	time.AfterFunc(50*time.Millisecond, func() { close(ts.release) })
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := ts.fetches.Load(); n != 1 {
		t.Errorf("32 concurrent calls fetched the token %d times, want 1", n)
	}
}

func TestClientCredentialsErrors(t *testing.T) {
	ts := &tokenServer{}
	ts.fail.Store(true)
	srv := httptest.NewServer(ts)
	defer srv.Close()
	cfg, _ := testConfig(srv.URL, WithCredential("oauth", ClientCredentials("/oauth2/token", "id", "se cret", "read", "write")))
	err := NewRequest(cfg, oauthOp(), nil).Do(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "token endpoint answered 500") || !strings.Contains(err.Error(), "list") {
		t.Errorf("err = %v", err)
	}
	if len(ts.seen) != 0 {
		t.Errorf("the API was called without a token: %v", ts.seen)
	}
	ts.fail.Store(false)
	if err := NewRequest(cfg, oauthOp(), nil).Do(context.Background(), nil); err != nil {
		t.Errorf("after the endpoint recovered: %v", err)
	}
	if s := fmt.Sprint(ClientCredentials("u", "id", "secret")); strings.Contains(s, "secret") && !strings.Contains(s, "****") {
		t.Errorf("String leaks the secret: %s", s)
	}
}

func TestOperationServer(t *testing.T) {
	hc, sent := captureClient(`{}`)
	op := &Operation{ID: "upload", Method: "GET", Path: "/x", ServerURL: "https://uploads.test/v1"}
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	cfg.ServerURLSet = false // testConfig sets the server as a default would
	if err := NewRequest(cfg, op, nil).Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := sent()[0].URL.String(); got != "https://uploads.test/v1/x" {
		t.Errorf("operation server: URL = %s", got)
	}
	WithServerURL("https://mock.test").ApplyClient(cfg)
	if err := NewRequest(cfg, op, nil).Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := sent()[1].URL.String(); got != "https://mock.test/x" {
		t.Errorf("caller's server must win: URL = %s", got)
	}
}
