package security

// Security on the wire: every scheme kind, alternatives (OR) and
// combinations (AND), per-operation overrides and `security: []`; the OAuth2 client-credentials
// flow (one token fetch for concurrent calls, a refresh after expiry on an injected clock);
// credentials of every kind absent after a redirect to another host; credentials from the
// environment; RequiredScopes; server variables and operation servers.
// Hand-written: the generator keeps this file. No sleeping: token expiry uses a fake clock.
//
// The fake server is one TLS listener that every host name dials (see dialingClient), so the
// spec's made-up hosts (eu.api.example.test, auth.example.test, …) reach it and it routes on Host.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/golden/internal/core"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
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
	c.advance(d)
	return nil
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// hit is one request the fake server received.
type hit struct {
	host, method, path, rawQuery string
	header                       http.Header
}

// cookie returns the value of the named cookie, "" when absent.
func (h hit) cookie(name string) string {
	r := http.Request{Header: h.header}
	if c, err := r.Cookie(name); err == nil {
		return c.Value
	}
	return ""
}

// tokenRequest is one request to a token endpoint.
type tokenRequest struct {
	host, path       string
	user, pass       string
	grantType, scope string
	contentType      string
}

// fakeAPI serves the API on every host and the token endpoints of both OAuth2 schemes.
type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	hits      []hit
	tokens    []tokenRequest
	redirect  string        // when set, API requests to apiHost are redirected there (307)
	once      bool          // redirect only the first request
	apiHost   string        // the host redirects leave from
	tokenGate chan struct{} // when set, token responses wait until it is closed
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{t: t, apiHost: "eu.api.example.test"}
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	// Connections the transport dials while concurrent calls wait may still be in their TLS
	// handshake when the server closes; that is not worth a log line.
	f.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	f.srv.StartTLS()
	t.Cleanup(f.srv.Close)
	return f
}

// token endpoints: the relative tokenUrl /oauth/token resolved against a server on eu.api.example.test,
// and the absolute https://auth.example.test/token.
func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth/token" || r.URL.Path == "/v1/oauth/token" || r.Host == "auth.example.test" {
		f.token(w, r)
		return
	}
	f.mu.Lock()
	f.hits = append(f.hits, hit{r.Host, r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone()})
	redirect := ""
	if r.Host == f.apiHost {
		redirect = f.redirect
		if f.once {
			f.redirect = ""
		}
	}
	f.mu.Unlock()
	if redirect != "" {
		http.Redirect(w, r, redirect+r.URL.RequestURI(), http.StatusTemporaryRedirect)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"ok":true}`)
}

func (f *fakeAPI) token(w http.ResponseWriter, r *http.Request) {
	user, pass, _ := r.BasicAuth()
	r.ParseForm()
	f.mu.Lock()
	f.tokens = append(f.tokens, tokenRequest{
		host: r.Host, path: r.URL.Path, user: user, pass: pass,
		grantType: r.PostForm.Get("grant_type"), scope: r.PostForm.Get("scope"),
		contentType: r.Header.Get("Content-Type"),
	})
	n := len(f.tokens)
	gate := f.tokenGate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	prefix := "oauth"
	if r.Host == "auth.example.test" {
		prefix = "partner"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("%s-token-%d", prefix, n), "token_type": "Bearer", "expires_in": 3600})
}

func (f *fakeAPI) takeHits() []hit {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hits
	f.hits = nil
	return h
}

func (f *fakeAPI) tokenRequests() []tokenRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]tokenRequest(nil), f.tokens...)
}

// dialingClient is an HTTP client whose connections all go to the fake server, whatever the host
// name, so the spec's own hosts can be used. The made-up names are not in the test certificate, so
// it is not verified.
func (f *fakeAPI) dialingClient() *http.Client {
	tr := f.srv.Client().Transport.(*http.Transport).Clone()
	addr := f.srv.Listener.Addr().String()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	tr.TLSClientConfig.InsecureSkipVerify = true
	return &http.Client{Transport: tr}
}

// client returns a client for the fake server (the spec's default server unless opts say
// otherwise) that does not retry.
func (f *fakeAPI) client(opts ...Option) *Client {
	return New(append([]Option{WithHTTPClient(f.dialingClient()), WithRetryPolicy(RetryPolicy{})}, opts...)...)
}

// sent is the credentials one request carried.
type sent struct {
	Authorization, APIKey, QueryKey, Cookie string
}

func credentialsOf(h hit) sent {
	q, _ := url.ParseQuery(h.rawQuery)
	return sent{h.header.Get("Authorization"), h.header.Get("X-API-Key"), q.Get("api_key"), h.cookie("session")}
}

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// allCredentials configures a static credential for every scheme.
func allCredentials() []Option {
	return []Option{
		WithBasicAuth("ann", "basic-secret"),
		WithBearerAuth("bearer-secret"),
		WithHeaderKey("header-secret"),
		WithQueryKey("query-secret"),
		WithCookieKey("cookie-secret"),
		WithOIDC("oidc-secret"),
		WithOAuth("oauth-secret"),
		WithPartnerOAuth("partner-secret"),
	}
}

// TestSchemesAndRequirements: each operation sends exactly the credentials of the first
// alternative of its security requirement that the client can satisfy.
func TestSchemesAndRequirements(t *testing.T) {
	f := newFakeAPI(t)
	ctx := context.Background()
	all := f.client(allCredentials()...)
	keyOnly := f.client(WithHeaderKey("header-secret"))
	keyAndBasic := f.client(WithHeaderKey("header-secret"), WithBasicAuth("ann", "basic-secret"))
	none := f.client()
	for _, tc := range []struct {
		name string
		call func() error
		want sent
	}{
		{"document security (basic)", func() error { _, err := all.Schemes.GetDefault(ctx); return err }, sent{Authorization: basic("ann", "basic-secret")}},
		{"basic", func() error { _, err := all.Schemes.GetBasic(ctx); return err }, sent{Authorization: basic("ann", "basic-secret")}},
		{"bearer", func() error { _, err := all.Schemes.GetBearer(ctx); return err }, sent{Authorization: "Bearer bearer-secret"}},
		{"header key", func() error {
			_, err := all.Schemes.GetHeaderKey(ctx, GetHeaderKeyRequest{})
			return err
		}, sent{APIKey: "header-secret"}},
		{"query key", func() error {
			_, err := all.Schemes.GetQueryKey(ctx, GetQueryKeyRequest{Page: Ptr[int64](2)})
			return err
		}, sent{QueryKey: "query-secret"}},
		{"cookie key", func() error { _, err := all.Schemes.GetCookieKey(ctx); return err }, sent{Cookie: "cookie-secret"}},
		{"openIdConnect as bearer", func() error { _, err := all.Schemes.GetOIDC(ctx); return err }, sent{Authorization: "Bearer oidc-secret"}},
		{"oauth2 static token", func() error { _, err := all.Items.ListItems(ctx); return err }, sent{Authorization: "Bearer oauth-secret"}},
		{"AND: three keys together", func() error { _, err := all.Schemes.GetAllKeys(ctx); return err }, sent{APIKey: "header-secret", QueryKey: "query-secret", Cookie: "cookie-secret"}},
		{"OR: first alternative wins", func() error { _, err := all.Schemes.GetEither(ctx); return err }, sent{Authorization: "Bearer bearer-secret"}},
		{"OR: second alternative when the first is not configured", func() error { _, err := keyOnly.Schemes.GetEither(ctx); return err }, sent{APIKey: "header-secret"}},
		{"OR with anonymous: key when configured", func() error { _, err := keyOnly.Schemes.GetMaybe(ctx); return err }, sent{APIKey: "header-secret"}},
		{"OR with anonymous: nothing when not", func() error { _, err := none.Schemes.GetMaybe(ctx); return err }, sent{}},
		{"security: [] sends nothing", func() error { _, err := all.Schemes.GetPublic(ctx); return err }, sent{}},
		{"OR of oauth2 and (key AND basic): oauth2", func() error { _, err := all.Items.CreateItem(ctx); return err }, sent{Authorization: "Bearer oauth-secret"}},
		{"OR of oauth2 and (key AND basic): key and basic", func() error { _, err := keyAndBasic.Items.CreateItem(ctx); return err }, sent{Authorization: basic("ann", "basic-secret"), APIKey: "header-secret"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); err != nil {
				t.Fatal(err)
			}
			hits := f.takeHits()
			if len(hits) != 1 {
				t.Fatalf("server got %d requests, want 1", len(hits))
			}
			if got := credentialsOf(hits[0]); got != tc.want {
				t.Errorf("credentials sent = %+v, want %+v", got, tc.want)
			}
		})
	}
	// The query key is added after the operation's own parameters.
	all.Schemes.GetQueryKey(ctx, GetQueryKeyRequest{Page: Ptr[int64](2)})
	if h := f.takeHits(); h[0].rawQuery != "page=2&api_key=query-secret" {
		t.Errorf("query = %q, want page=2&api_key=query-secret", h[0].rawQuery)
	}
}

// TestClientCredentials: 32 concurrent calls share one token fetch; the token goes in
// Authorization; it is used until it expires, then fetched again (on the injected clock).
func TestClientCredentials(t *testing.T) {
	f := newFakeAPI(t)
	clk := &fakeClock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	c := f.client(
		WithServerURL("https://eu.api.example.test"),
		WithOAuthClientCredentials("client-id", "client-secret", "items.read"),
		core.WithClock(clk),
	)
	ctx := context.Background()

	// The token endpoint answers only once all 32 calls have started, so they overlap.
	const calls = 32
	gate := make(chan struct{})
	f.mu.Lock()
	f.tokenGate = gate
	f.mu.Unlock()
	var started, done sync.WaitGroup
	errs := make(chan error, calls)
	for range calls {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			_, err := c.Items.ListItems(ctx)
			errs <- err
		}()
	}
	started.Wait()
	close(gate)
	done.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	toks := f.tokenRequests()
	if len(toks) != 1 {
		t.Fatalf("%d concurrent calls made %d token requests, want 1", calls, len(toks))
	}
	want := tokenRequest{host: "eu.api.example.test", path: "/oauth/token", user: "client-id", pass: "client-secret",
		grantType: "client_credentials", scope: "items.read", contentType: "application/x-www-form-urlencoded"}
	if toks[0] != want {
		t.Errorf("token request = %+v, want %+v", toks[0], want)
	}
	hits := f.takeHits()
	if len(hits) != calls {
		t.Fatalf("server got %d API calls, want %d", len(hits), calls)
	}
	for _, h := range hits {
		if a := h.header.Get("Authorization"); a != "Bearer oauth-token-1" {
			t.Fatalf("Authorization = %q, want Bearer oauth-token-1", a)
		}
	}

	// Half-way through the token's hour: the cached token is used.
	clk.advance(30 * time.Minute)
	if _, err := c.Items.ListItems(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(f.tokenRequests()); n != 1 {
		t.Errorf("token fetched %d times within its lifetime, want 1", n)
	}
	if a := f.takeHits()[0].header.Get("Authorization"); a != "Bearer oauth-token-1" {
		t.Errorf("Authorization = %q, want the cached token", a)
	}

	// Past expiry: one new token, used from then on.
	clk.advance(31 * time.Minute)
	for range 2 {
		if _, err := c.Items.ListItems(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.tokenRequests()); n != 2 {
		t.Errorf("token fetched %d times after expiry, want 2 in all", n)
	}
	for _, h := range f.takeHits() {
		if a := h.header.Get("Authorization"); a != "Bearer oauth-token-2" {
			t.Errorf("Authorization after refresh = %q, want Bearer oauth-token-2", a)
		}
	}
}

// TestAbsoluteTokenURL: PartnerOAuth's token URL names another host; the token is fetched there.
func TestAbsoluteTokenURL(t *testing.T) {
	f := newFakeAPI(t)
	c := f.client(WithPartnerOAuthClientCredentials("partner-id", "partner-pass"))
	if _, err := c.Items.ListPartnerItems(context.Background()); err != nil {
		t.Fatal(err)
	}
	toks := f.tokenRequests()
	if len(toks) != 1 || toks[0].host != "auth.example.test" || toks[0].path != "/token" || toks[0].user != "partner-id" || toks[0].pass != "partner-pass" {
		t.Fatalf("token requests = %+v, want one to auth.example.test/token as partner-id", toks)
	}
	if h := f.takeHits(); len(h) != 1 || h[0].header.Get("Authorization") != "Bearer partner-token-1" || h[0].host != "eu.api.example.test" {
		t.Errorf("API calls = %+v", h)
	}
}

// TestRelativeTokenURL: tokenUrl "/oauth/token" is a relative reference; against the server
// https://eu.api.example.test/v1 it resolves (RFC 3986 §5.2) to https://eu.api.example.test/oauth/token,
// not to …/v1/oauth/token.
func TestRelativeTokenURL(t *testing.T) {
	f := newFakeAPI(t)
	c := f.client(WithOAuthClientCredentials("client-id", "client-secret"))
	if DefaultServerURL != "https://eu.api.example.test/v1" {
		t.Fatalf("DefaultServerURL = %q", DefaultServerURL)
	}
	if _, err := c.Items.ListItems(context.Background()); err != nil {
		t.Fatal(err)
	}
	toks := f.tokenRequests()
	if len(toks) != 1 || toks[0].host != "eu.api.example.test" || toks[0].path != "/oauth/token" {
		t.Errorf("token requests = %+v, want one to https://eu.api.example.test/oauth/token", toks)
	}
}

// TestRedirectDropsCredentials: with every kind of credential configured, a redirect to another
// host, to a subdomain of the API's host, or to another port carries none of them (no header,
// cookie, query parameter or Referer holding a secret); a redirect on the same host keeps them.
func TestRedirectDropsCredentials(t *testing.T) {
	secrets := []string{
		"basic-secret", base64.StdEncoding.EncodeToString([]byte("ann:basic-secret")),
		"bearer-secret", "header-secret", "query-secret", "cookie-secret", "oidc-secret",
		"oauth-token-", "partner-token-", "client-secret", "partner-pass",
	}
	ctx := context.Background()
	calls := map[string]func(c *Client) error{
		"basic":      func(c *Client) error { _, err := c.Schemes.GetBasic(ctx); return err },
		"bearer":     func(c *Client) error { _, err := c.Schemes.GetBearer(ctx); return err },
		"header key": func(c *Client) error { _, err := c.Schemes.GetHeaderKey(ctx, GetHeaderKeyRequest{}); return err },
		"query key": func(c *Client) error {
			_, err := c.Schemes.GetQueryKey(ctx, GetQueryKeyRequest{Page: Ptr[int64](3)})
			return err
		},
		"cookie key":       func(c *Client) error { _, err := c.Schemes.GetCookieKey(ctx); return err },
		"openIdConnect":    func(c *Client) error { _, err := c.Schemes.GetOIDC(ctx); return err },
		"all keys":         func(c *Client) error { _, err := c.Schemes.GetAllKeys(ctx); return err },
		"oauth2 token":     func(c *Client) error { _, err := c.Items.ListItems(ctx); return err },
		"oauth2 on a POST": func(c *Client) error { _, err := c.Items.CreateItem(ctx); return err },
		"partner oauth2":   func(c *Client) error { _, err := c.Items.ListPartnerItems(ctx); return err },
	}
	newClient := func(f *fakeAPI) *Client {
		return f.client(
			WithBasicAuth("ann", "basic-secret"), WithBearerAuth("bearer-secret"), WithHeaderKey("header-secret"),
			WithQueryKey("query-secret"), WithCookieKey("cookie-secret"), WithOIDC("oidc-secret"),
			WithOAuthClientCredentials("client-id", "client-secret"),
			WithPartnerOAuthClientCredentials("partner-id", "partner-pass"),
		)
	}
	leaks := func(h hit) []string {
		var found []string
		dump := h.host + " " + h.path + "?" + h.rawQuery + "\n"
		for k, vs := range h.header {
			dump += k + ": " + strings.Join(vs, ", ") + "\n"
		}
		for _, s := range secrets {
			if strings.Contains(dump, s) {
				found = append(found, s)
			}
		}
		if h.header.Get("Authorization") != "" {
			found = append(found, "Authorization header")
		}
		return found
	}
	for _, target := range []struct{ name, url string }{
		{"another host", "https://elsewhere.example.test"},
		{"a subdomain", "https://evil.eu.api.example.test"},
		{"another port", "https://eu.api.example.test:8443"},
	} {
		for name, call := range calls {
			t.Run(target.name+"/"+name, func(t *testing.T) {
				f := newFakeAPI(t)
				f.redirect = target.url
				if err := call(newClient(f)); err != nil {
					t.Fatal(err)
				}
				hits := f.takeHits()
				if len(hits) != 2 {
					t.Fatalf("server got %d requests, want the original and the redirected one", len(hits))
				}
				if len(leaks(hits[0])) == 0 {
					t.Fatalf("the original request carried no credentials: %+v", hits[0])
				}
				if got := leaks(hits[1]); len(got) > 0 {
					t.Errorf("after a redirect to %s, the request carried %q:\n%v\n%v", target.url, got, hits[1].rawQuery, hits[1].header)
				}
				if name == "query key" && !strings.Contains(hits[1].rawQuery, "page=3") {
					t.Errorf("redirected query = %q; the other parameters should stay", hits[1].rawQuery)
				}
			})
		}
	}
	t.Run("same host keeps credentials", func(t *testing.T) {
		f := newFakeAPI(t)
		f.redirect, f.once = "https://eu.api.example.test/v1/moved", true
		c := f.client(WithHeaderKey("header-secret"), WithBasicAuth("ann", "basic-secret"))
		if _, err := c.Items.CreateItem(ctx); err != nil {
			t.Fatal(err)
		}
		hits := f.takeHits()
		if len(hits) != 2 {
			t.Fatalf("server got %d requests, want 2", len(hits))
		}
		want := sent{Authorization: basic("ann", "basic-secret"), APIKey: "header-secret"}
		if got := credentialsOf(hits[1]); got != want {
			t.Errorf("after a same-host redirect: %+v, want %+v", got, want)
		}
	})
}

// TestEnvironmentCredentials: New reads credentials from <PKG>_<SCHEME>… variables; an option
// overrides them.
func TestEnvironmentCredentials(t *testing.T) {
	t.Setenv("SECURITY_BASIC_AUTH_USERNAME", "env-user")
	t.Setenv("SECURITY_BASIC_AUTH_PASSWORD", "env-pass")
	t.Setenv("SECURITY_BEARER_AUTH", "env-bearer")
	t.Setenv("SECURITY_HEADER_KEY", "env-header")
	t.Setenv("SECURITY_QUERY_KEY", "env-query")
	t.Setenv("SECURITY_COOKIE_KEY", "env-cookie")
	t.Setenv("SECURITY_OIDC", "env-oidc")
	t.Setenv("SECURITY_OAUTH_CLIENT_ID", "env-client")
	t.Setenv("SECURITY_OAUTH_CLIENT_SECRET", "env-secret")
	f := newFakeAPI(t)
	ctx := context.Background()
	c := f.client(WithServerURL("https://eu.api.example.test"))
	c.Schemes.GetBasic(ctx)
	c.Schemes.GetBearer(ctx)
	c.Schemes.GetAllKeys(ctx)
	c.Schemes.GetOIDC(ctx)
	c.Items.ListItems(ctx)
	var got []sent
	for _, h := range f.takeHits() {
		got = append(got, credentialsOf(h))
	}
	want := []sent{
		{Authorization: basic("env-user", "env-pass")},
		{Authorization: "Bearer env-bearer"},
		{APIKey: "env-header", QueryKey: "env-query", Cookie: "env-cookie"},
		{Authorization: "Bearer env-oidc"},
		{Authorization: "Bearer oauth-token-1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("credentials from the environment:\n got %+v\nwant %+v", got, want)
	}
	if toks := f.tokenRequests(); len(toks) != 1 || toks[0].user != "env-client" || toks[0].pass != "env-secret" {
		t.Errorf("token requests = %+v, want one as env-client", toks)
	}

	c = f.client(WithServerURL("https://eu.api.example.test"), WithBasicAuth("opt-user", "opt-pass"), WithHeaderKey("opt-header"))
	c.Schemes.GetBasic(ctx)
	c.Schemes.GetAllKeys(ctx)
	got = nil
	for _, h := range f.takeHits() {
		got = append(got, credentialsOf(h))
	}
	want = []sent{
		{Authorization: basic("opt-user", "opt-pass")},
		{APIKey: "opt-header", QueryKey: "env-query", Cookie: "env-cookie"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options over the environment:\n got %+v\nwant %+v", got, want)
	}
}

func TestRequiredScopes(t *testing.T) {
	for _, tc := range []struct {
		op   string
		want [][]string
	}{
		{"listItems", [][]string{{"items.read"}}},
		{"getOIDC", [][]string{{"openid", "items.read"}}},
		{"listPartnerItems", [][]string{{"partner.read"}}},
		{"getPublic", nil},
		{"getBasic", nil},
		{"noSuchOperation", nil},
	} {
		if got := RequiredScopes(tc.op); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("RequiredScopes(%q) = %q, want %q", tc.op, got, tc.want)
		}
	}
	// The result is a copy.
	RequiredScopes("listItems")[0][0] = "changed"
	if got := RequiredScopes("listItems")[0][0]; got != "items.read" {
		t.Errorf("RequiredScopes shares its table: %q", got)
	}
}

// TestServers: ServerURL fills the server variables (defaults for empty values); the default
// server is servers[0] with its defaults; an operation with its own server goes there unless the
// caller chose a server.
func TestServers(t *testing.T) {
	if got := ServerURL("", ""); got != "https://eu.api.example.test/v1" {
		t.Errorf("ServerURL(\"\", \"\") = %q", got)
	}
	if DefaultServerURL != "https://eu.api.example.test/v1" {
		t.Errorf("DefaultServerURL = %q", DefaultServerURL)
	}
	if got := ServerURL("us", "v2"); got != "https://us.api.example.test/v2" {
		t.Errorf("ServerURL(us, v2) = %q", got)
	}
	f := newFakeAPI(t)
	ctx := context.Background()
	where := func(c *Client, call func(*Client) error) string {
		t.Helper()
		if err := call(c); err != nil {
			t.Fatal(err)
		}
		h := f.takeHits()
		if len(h) != 1 {
			t.Fatalf("%d requests", len(h))
		}
		return h[0].host + h[0].path
	}
	public := func(c *Client) error { _, err := c.Schemes.GetPublic(ctx); return err }
	upload := func(c *Client) error { _, err := c.Items.CreateUpload(ctx); return err }
	for _, tc := range []struct {
		name string
		c    *Client
		call func(*Client) error
		want string
	}{
		{"default server", f.client(), public, "eu.api.example.test/v1/public"},
		{"server variables", f.client(WithServerURL(ServerURL("us", "v2"))), public, "us.api.example.test/v2/public"},
		{"operation server", f.client(), upload, "uploads.example.test/uploads"},
		{"chosen server over the operation's", f.client(WithServerURL(ServerURL("us", "v2"))), upload, "us.api.example.test/v2/uploads"},
	} {
		if got := where(tc.c, tc.call); got != tc.want {
			t.Errorf("%s: request went to %s, want %s", tc.name, got, tc.want)
		}
	}
}
