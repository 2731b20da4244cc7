package core

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// TestSensitiveNeverInErrors: the values of parameters set with Sensitive
// never appear in the errors a call can return — the HTTP client's (which
// quote the URL, also after retries and on a redirect), a server URL that
// does not parse, a value that cannot be encoded — and are sent as given.
func TestSensitiveNeverInErrors(t *testing.T) {
	secrets := []string{"acct-s3cret", "tick et/1", "tok-s3cret", "[a b]", "hdr-s3cret", "ck-s3cret"}
	build := func(r *Request) {
		r.StyledPathParam("accountID", secrets[0], Sensitive)
		r.StyledPathParam("ticketID", secrets[1], Sensitive)
		r.QueryParam("token", secrets[2], Sensitive)
		r.QueryParam("filter", map[string]string{"q": secrets[3]}, Sensitive|DeepObject)
		r.QueryParam("ids", []string{"x-s3cret", "y-s3cret"}, Sensitive)
		r.QueryParam("page", 2, 0)
		r.HeaderParam("X-Key", secrets[4], Sensitive)
		r.CookieParam("sid", secrets[5], Sensitive)
	}
	all := append(secrets, "acct-s3cret", "tick%20et%2F1", "tok-s3cret", "x-s3cret", "y-s3cret", "%5Ba+b%5D", "%5Ba%20b%5D")
	check := func(t *testing.T, err error) {
		t.Helper()
		if err == nil {
			t.Fatal("no error")
		}
		for _, s := range all {
			if strings.Contains(err.Error(), s) {
				t.Errorf("error reveals %q: %v", s, err)
			}
		}
	}
	refused := errors.New("connection refused")
	t.Run("transport error, retried", func(t *testing.T) {
		var sent []*http.Request
		hc := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
			sent = append(sent, req)
			return nil, refused
		})}
		cfg, clk := testConfig("https://api.test", WithHTTPClient(hc))
		r := NewRequest(cfg, opGet, nil)
		build(r)
		err := r.Do(context.Background(), nil)
		check(t, err)
		if !errors.Is(err, refused) || !strings.Contains(err.Error(), "token=REDACTED") || !strings.Contains(err.Error(), "page=2") {
			t.Errorf("err = %v; want the cause, token=REDACTED and page=2", err)
		}
		if len(clk.Sleeps()) == 0 || len(sent) != len(clk.Sleeps())+1 {
			t.Errorf("%d attempts, %d waits", len(sent), len(clk.Sleeps()))
		}
		u := sent[0].URL
		if u.Query().Get("token") != secrets[2] || u.Query().Get("filter[q]") != secrets[3] || sent[0].Header.Get("X-Key") != secrets[4] ||
			!strings.Contains(u.EscapedPath(), "acct-s3cret") {
			t.Errorf("sent %s %v; the wire must carry the values", u, sent[0].Header)
		}
	})
	t.Run("redirect that fails", func(t *testing.T) {
		hc := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
			if req.URL.Host == "api.test" {
				// The server echoes the query into the place it sends us.
				return &http.Response{StatusCode: 302, Header: http.Header{"Location": {"https://elsewhere.test/x?" + req.URL.RawQuery}}, Body: http.NoBody, Request: req}, nil
			}
			return nil, refused
		})}
		cfg, _ := testConfig("https://api.test", WithHTTPClient(hc), WithRetryPolicy(RetryPolicy{}))
		r := NewRequest(cfg, opGet, nil)
		build(r)
		check(t, r.Do(context.Background(), nil))
	})
	t.Run("server URL that does not parse", func(t *testing.T) {
		cfg, _ := testConfig("https://api.test:port", WithHTTPClient(failClient(t)))
		r := NewRequest(cfg, opGet, nil)
		build(r)
		check(t, r.Do(context.Background(), nil))
	})
	t.Run("value that cannot be sent", func(t *testing.T) {
		cfg, _ := testConfig("https://api.test", WithHTTPClient(failClient(t)))
		r := NewRequest(cfg, opGet, nil)
		r.PathParam("accountID", "a")
		r.PathParam("ticketID", "t")
		r.CookieParam("sid", "a;ck-s3cret", Sensitive)
		err := r.Do(context.Background(), nil)
		check(t, err)
		if strings.Contains(err.Error(), "';'") {
			t.Errorf("err = %v quotes a character of the value", err)
		}
	})
}

// TestRedactURL: path values by their escaped form, query values by name
// (deepObject keys and exploded arrays too), the rest as sent.
func TestRedactURL(t *testing.T) {
	cfg, _ := testConfig("https://api.test")
	r := NewRequest(cfg, opGet, nil)
	r.StyledPathParam("accountID", "a b", Sensitive)
	r.PathParam("ticketID", "t1")
	r.QueryParam("token", "x", Sensitive)
	r.QueryParam("f", map[string]int{"k": 1}, Sensitive|DeepObject)
	for _, tt := range []struct{ in, want string }{
		{"https://api.test/accounts/a%20b/tickets/t1?token=x&token=y&f%5Bk%5D=1&page=2", "https://api.test/accounts/REDACTED/tickets/t1?token=REDACTED&token=REDACTED&f%5Bk%5D=REDACTED&page=2"},
		{"https://other.test/next?token=abc#frag", "https://other.test/next?token=REDACTED#frag"},
		{"https://api.test:port/accounts/a%20b?token=x", "https://api.test:port/accounts/REDACTED?token=REDACTED"},
	} {
		if got := r.redactURL(tt.in); got != tt.want {
			t.Errorf("redactURL(%s)\n = %s\nwant %s", tt.in, got, tt.want)
		}
	}
	plain := NewRequest(cfg, opGet, nil)
	plain.QueryParam("token", "x", 0)
	if u := "https://api.test/a?token=x"; plain.redactURL(u) != u {
		t.Errorf("a request without sensitive parameters changes its URL: %s", plain.redactURL(u))
	}
}

// TestReturnedStatuses: a status in Returned is a result, decoded like a
// success, unless ErrorStatuses lists it; others stay *APIError.
func TestReturnedStatuses(t *testing.T) {
	op := &Operation{ID: "op", Returned: []string{"409", "4XX"}, ErrorStatuses: []string{"5XX", "404"}}
	for status, want := range map[int]bool{409: true, 418: true, 400: true, 404: false, 500: false, 302: false, 200: false} {
		if got := op.returns(status); got != want {
			t.Errorf("returns(%d) = %v, want %v", status, got, want)
		}
	}
	if (&Operation{}).returns(404) {
		t.Error("an operation without Returned returns a 404")
	}
}
