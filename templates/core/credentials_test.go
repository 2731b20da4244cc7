package core

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// seen is what a server received for one request.
type seen struct {
	host, path string
	header     http.Header
	query      url.Values
}

// multiHostServer serves any host name (the client's dialer sends every host to it). /redirect
// redirects to the URL in its "to" parameter (or to itself for "loop"); everything else answers 200 and is recorded.
func multiHostServer(t *testing.T) (*http.Client, func() []seen) {
	var mu sync.Mutex
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, seen{r.Host, r.URL.Path, r.Header.Clone(), r.URL.Query()})
		mu.Unlock()
		if r.URL.Path == "/redirect" {
			to := r.URL.Query().Get("to")
			if to == "loop" {
				to = r.URL.String()
			}
			http.Redirect(w, r, to, http.StatusFound)
		}
	}))
	t.Cleanup(srv.Close)
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}, func() []seen {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(got)
	}
}

func TestCredentialsOnRedirect(t *testing.T) {
	creds := []struct {
		name    string
		cred    Credential
		present func(s seen) bool
	}{
		{"basic", BasicAuth("user", "pass"), func(s seen) bool {
			return s.header.Get("Authorization") == "Basic dXNlcjpwYXNz"
		}},
		{"bearer", BearerToken("tok"), func(s seen) bool { return s.header.Get("Authorization") == "Bearer tok" }},
		{"api key header", APIKey("header", "X-Api-Key", "k"), func(s seen) bool { return s.header.Get("X-Api-Key") == "k" }},
		{"api key query", APIKey("query", "api_key", "k"), func(s seen) bool { return s.query.Get("api_key") == "k" }},
		{"api key cookie", APIKey("cookie", "key", "k"), func(s seen) bool {
			return strings.Contains(s.header.Get("Cookie"), "key=k")
		}},
	}
	targets := []struct {
		name     string
		to       string
		keepAuth bool // same host: credentials stay (except the query key, which the new URL drops)
		cookies  bool // net/http keeps the Cookie header (same domain or subdomain, never having left)
	}{
		{"same host", "http://api.test/landing", true, true},
		{"subdomain", "http://sub.api.test/landing", false, true},
		{"other host", "http://other.test/landing", false, false},
		{"other port", "http://api.test:8080/landing", false, true},
		{"back to the host via another", "http://other.test/redirect?to=" + url.QueryEscape("http://api.test/landing"), false, false},
		// The Location echoes the request's query, key included.
		{"same host, query echoed", "http://api.test/landing?api_key=k&page=2", true, true},
		{"subdomain, query echoed", "http://sub.api.test/landing?api_key=k&page=2", false, true},
		{"other host, query echoed", "http://other.test/landing?page=2&api_key=k", false, false},
	}
	for _, c := range creds {
		for _, target := range targets {
			t.Run(c.name+"/"+target.name, func(t *testing.T) {
				hc, got := multiHostServer(t)
				cfg, _ := testConfig("http://api.test", WithHTTPClient(hc), WithCredential("auth", c.cred))
				op := &Operation{ID: "op", Method: "GET", Path: "/redirect", Security: [][]string{{"auth"}}}
				r := NewRequest(cfg, op, []RequestOption{WithRequestHeader("X-Other", "kept")})
				r.QueryParam("to", target.to, Required)
				r.CookieParam("session", "s1", 0)
				if err := r.Do(context.Background(), nil); err != nil {
					t.Fatal(err)
				}
				reqs := got()
				first, last := reqs[0], reqs[len(reqs)-1]
				if !c.present(first) {
					t.Errorf("credential missing on the first request: %v %v", first.header, first.query)
				}
				echoed := strings.Contains(target.to, "api_key=")
				want := target.keepAuth && (c.name != "api key query" || echoed)
				if c.present(last) != want {
					t.Errorf("credential on %s%s = %v, want %v: %v %v", last.host, last.path, !want, want, last.header, last.query)
				}
				if ref := last.header.Get("Referer"); !target.keepAuth && strings.Contains(ref, "api_key=k") {
					t.Errorf("the query key reached %s in Referer %q", last.host, ref)
				}
				if echoed && last.query.Get("page") != "2" {
					t.Errorf("other query parameters dropped: %v", last.query)
				}
				if last.path != "/landing" || last.header.Get("X-Other") != "kept" {
					t.Errorf("last request %s%s lost its other headers: %v", last.host, last.path, last.header)
				}
				if target.cookies && !strings.Contains(last.header.Get("Cookie"), "session=s1") {
					t.Errorf("other cookies dropped: %q", last.header.Get("Cookie"))
				}
			})
		}
	}
}

func TestCallerClientUnchanged(t *testing.T) {
	hc, got := multiHostServer(t)
	var calls atomic.Int32
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		calls.Add(1)
		if req.Header.Get("Authorization") != "" {
			t.Errorf("caller's policy sees the credential on %s", req.URL.Host)
		}
		return nil
	}
	before := *hc
	cfg, _ := testConfig("http://api.test", WithHTTPClient(hc), WithCredential("auth", BearerToken("tok")))
	op := &Operation{ID: "op", Method: "GET", Path: "/redirect", Security: [][]string{{"auth"}}}
	r := NewRequest(cfg, op, nil)
	r.QueryParam("to", "http://sub.api.test/landing", 0)
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 || len(got()) != 2 {
		t.Errorf("caller's redirect policy called %d times for %d requests", calls.Load(), len(got()))
	}
	if reflect.ValueOf(hc.CheckRedirect).Pointer() != reflect.ValueOf(before.CheckRedirect).Pointer() ||
		hc.Transport != before.Transport || hc.Jar != before.Jar || hc.Timeout != before.Timeout {
		t.Error("the caller's client was modified")
	}

	// A client without a policy keeps it nil, and gets Go's limit of 10 redirects, not retried.
	hc2, got2 := multiHostServer(t)
	var attempts atomic.Int32
	cfg2, _ := testConfig("http://api.test", WithHTTPClient(hc2), WithMiddleware(counter(&attempts)))
	r = NewRequest(cfg2, op, nil)
	r.QueryParam("to", "loop", 0)
	err := r.Do(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") || attempts.Load() != 1 || len(got2()) != 10 {
		t.Errorf("err = %v after %d attempts and %d requests", err, attempts.Load(), len(got2()))
	}
	if hc2.CheckRedirect != nil {
		t.Error("the caller's client was given a redirect policy")
	}
}

func TestLeftOrigin(t *testing.T) {
	req := func(u string) *http.Request {
		r, _ := http.NewRequest("GET", u, nil)
		return r
	}
	tests := []struct {
		chain []string
		want  bool
	}{
		{[]string{"https://api.test/a", "https://api.test/b"}, false},
		{[]string{"https://api.test/a", "https://API.test/b"}, false},
		{[]string{"https://api.test/a", "http://api.test/b"}, true},
		{[]string{"http://api.test/a", "https://api.test/b"}, false},
		{[]string{"https://api.test/a", "https://x.api.test/b"}, true},
		{[]string{"https://api.test/a", "https://evil.test/b", "https://api.test/c"}, true},
	}
	for _, tt := range tests {
		var via []*http.Request
		for _, u := range tt.chain[:len(tt.chain)-1] {
			via = append(via, req(u))
		}
		if got := leftOrigin(req(tt.chain[len(tt.chain)-1]), via); got != tt.want {
			t.Errorf("leftOrigin(%v) = %v, want %v", tt.chain, got, tt.want)
		}
	}
}

func TestSelectAlternative(t *testing.T) {
	a, b, c := APIKey("header", "A", "a"), APIKey("header", "B", "b"), APIKey("header", "C", "c")
	tests := []struct {
		name     string
		security [][]string
		have     map[string]Credential
		want     []string
	}{
		{"first satisfied alternative", [][]string{{"a", "b"}, {"c"}}, map[string]Credential{"a": a, "b": b, "c": c}, []string{"a", "b"}},
		{"all of an alternative", [][]string{{"a", "b"}, {"c"}}, map[string]Credential{"a": a, "c": c}, []string{"c"}},
		{"anonymous stops", [][]string{{"a"}, {}, {"c"}}, map[string]Credential{"c": c}, nil},
		{"none satisfied", [][]string{{"a"}}, map[string]Credential{"c": c}, nil},
		{"no security", nil, map[string]Credential{"a": a}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := &Config{Credentials: tt.have}
			got := selectAlternative(cfg, &Operation{Security: tt.security})
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCredentialsApplied(t *testing.T) {
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc),
		WithCredential("basic", BasicAuth("u", "p")),
		WithCredential("key", APIKey("query", "api key", "k&1")),
		WithCredential("cookie", APIKey("cookie", "ck", "c1")),
		WithCredential("gone", BearerToken("x")), WithCredential("gone", nil))
	op := &Operation{ID: "op", Method: "GET", Path: "/x", Security: [][]string{{"gone"}, {"basic", "key", "cookie"}}}
	r := NewRequest(cfg, op, []RequestOption{WithRequestHeader("X-Extra", "1")})
	r.QueryParam("z", "1", 0)
	r.QueryParam("a", "2", 0)
	r.CookieParam("session", "s", 0)
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	req := reqs()[0]
	if u, p, ok := req.BasicAuth(); u != "u" || p != "p" || !ok {
		t.Errorf("basic auth = %q %q %v", u, p, ok)
	}
	if req.URL.RawQuery != "z=1&a=2&api+key=k%261" {
		t.Errorf("query = %q", req.URL.RawQuery)
	}
	if got := req.Header.Get("Cookie"); got != "session=s; ck=c1" {
		t.Errorf("cookies = %q", got)
	}

	// The caller's own Authorization header wins over the credential.
	r = NewRequest(cfg, op, []RequestOption{WithRequestHeader("Authorization", "Custom x")})
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := reqs()[1].Header.Values("Authorization"); !slices.Equal(got, []string{"Custom x"}) {
		t.Errorf("Authorization = %q", got)
	}
}

func TestCredentialsRedacted(t *testing.T) {
	s := fmt.Sprint(BasicAuth("user", "secret"), BearerToken("secret"), APIKey("header", "X-Key", "secret"))
	if strings.Contains(s, "secret") || !strings.Contains(s, "user") {
		t.Errorf("printed credentials: %s", s)
	}
}

func TestRedirectErrorNotRetried(t *testing.T) {
	stop := errors.New("no redirects")
	hc, _ := multiHostServer(t)
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return stop }
	var attempts atomic.Int32
	cfg, _ := testConfig("http://api.test", WithHTTPClient(hc), WithMiddleware(counter(&attempts)))
	r := NewRequest(cfg, &Operation{ID: "op", Method: "GET", Path: "/redirect"}, nil)
	r.QueryParam("to", "/x", 0)
	if err := r.Do(context.Background(), nil); !errors.Is(err, stop) || attempts.Load() != 1 {
		t.Errorf("err = %v after %d attempts", err, attempts.Load())
	}
}

func TestDropQueryParams(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"", ""},
		{"api_key=k", ""},
		{"a=1&api_key=k&b=2", "a=1&b=2"},
		{"api_key=k&api_key=j&a=%20", "a=%20"},
		{"api+key=k&api%20key=j&apikey=x", "apikey=x"},
		{"api_key&flag", "flag"},
		{"bad%zz=1&api_key=k", "bad%zz=1"},
	}
	for _, tt := range tests {
		if got := dropQueryParams(tt.raw, []string{"api_key", "api key"}); got != tt.want {
			t.Errorf("dropQueryParams(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

// signature is a Credential of the caller's own: the runtime learns what it sets by comparing.
type signature struct{}

func (signature) Apply(req *http.Request) {
	req.Header.Set("X-Signature", "sig")
	req.AddCookie(&http.Cookie{Name: "sigc", Value: "c"})
	req.URL.RawQuery += "&sig=q"
}

func TestCustomCredentialOnRedirect(t *testing.T) {
	for _, tt := range []struct {
		to   string
		keep bool
	}{
		{"http://api.test/landing?sig=q&page=2", true},
		{"http://other.test/landing?sig=q&page=2", false},
	} {
		hc, got := multiHostServer(t)
		cfg, _ := testConfig("http://api.test", WithHTTPClient(hc), WithCredential("sig", signature{}))
		op := &Operation{ID: "op", Method: "GET", Path: "/redirect", Security: [][]string{{"sig"}}}
		r := NewRequest(cfg, op, nil)
		r.QueryParam("to", tt.to, Required)
		r.CookieParam("session", "s1", 0)
		if err := r.Do(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		reqs := got()
		first, last := reqs[0], reqs[len(reqs)-1]
		has := func(s seen) []bool {
			return []bool{s.header.Get("X-Signature") == "sig", strings.Contains(s.header.Get("Cookie"), "sigc=c"), s.query.Get("sig") == "q"}
		}
		if h := has(first); !slices.Equal(h, []bool{true, true, true}) {
			t.Errorf("first request: header, cookie, query present = %v", h)
		}
		if h := has(last); !slices.Equal(h, []bool{tt.keep, tt.keep, tt.keep}) {
			t.Errorf("redirect to %s: header, cookie, query present = %v, want all %v", tt.to, h, tt.keep)
		}
		if tt.keep && !strings.Contains(last.header.Get("Cookie"), "session=s1") || last.query.Get("page") != "2" {
			t.Errorf("redirect to %s lost other values: %v %v", tt.to, last.header, last.query)
		}
	}
}
