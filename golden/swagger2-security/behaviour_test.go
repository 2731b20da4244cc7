package secure

// Swagger 2.0 securityDefinitions on the wire: basic as HTTP basic, apiKey in a header and in
// the query, the oauth2 flows implicit, password and accessCode as bearer tokens, application
// as the client-credentials grant against the tokenUrl the definition names (with its scopes);
// the document's security, per-operation security, `security: []` and an optional `{}`
// alternative; RequiredScopes from the requirements. Hand-written: the generator keeps this file.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
)

// seen is what one request to the API carried.
type seen struct {
	path, query, auth, key string
}

// fake is one TLS server for the API (secure.example.test) and the token endpoint
// (auth.example.test); its client dials it whatever the host.
type fake struct {
	srv    *httptest.Server
	mu     sync.Mutex
	hits   []seen
	tokens []string // grant_type and scope of each token request
}

func newFake(t *testing.T) *fake {
	f := &fake{}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if r.Host == "auth.example.test" {
			r.ParseForm()
			f.tokens = append(f.tokens, r.PostForm.Get("grant_type")+" "+r.PostForm.Get("scope"))
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"access_token": "cc-token", "token_type": "Bearer", "expires_in": 3600})
			return
		}
		if r.Host != "secure.example.test" {
			t.Errorf("request to host %q", r.Host)
		}
		f.hits = append(f.hits, seen{r.URL.Path, r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("X-API-Key")})
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) client(opts ...Option) *Client {
	tr := f.srv.Client().Transport.(*http.Transport).Clone()
	addr := f.srv.Listener.Addr().String()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	// The test certificate names example.com; the spec's hosts are made up.
	tr.TLSClientConfig.ServerName = "example.com"
	return New(append([]Option{WithHTTPClient(&http.Client{Transport: tr}), WithRetryPolicy(RetryPolicy{})}, opts...)...)
}

func (f *fake) last() seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[len(f.hits)-1]
}

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

func TestSchemes(t *testing.T) {
	if DefaultServerURL != "https://secure.example.test" {
		t.Fatalf("DefaultServerURL = %q", DefaultServerURL)
	}
	f := newFake(t)
	ctx := context.Background()
	c := f.client(
		WithBasic("ann", "pw"),
		WithHeaderKey("hk"),
		WithQueryKey("qk"),
		WithImplicit("implicit-token"),
		WithPassword("password-token"),
		WithApplicationClientCredentials("id", "secret", "pets:read", "pets:write"),
		WithAccessCode("code-token"),
	)
	for _, tc := range []struct {
		name string
		call func() error
		want seen
	}{
		{"document's basic", func() error { return c.GetDefault(ctx) }, seen{path: "/default", auth: basic("ann", "pw")}},
		{"apiKey header", func() error { return c.GetHeader(ctx) }, seen{path: "/header", key: "hk"}},
		{"apiKey query", func() error { return c.GetQuery(ctx, GetQueryRequest{Page: Ptr[int64](2)}) }, seen{path: "/query", query: "page=2&api_key=qk"}},
		{"implicit", func() error { return c.GetImplicit(ctx) }, seen{path: "/implicit", auth: "Bearer implicit-token"}},
		{"password", func() error { return c.GetPassword(ctx) }, seen{path: "/password", auth: "Bearer password-token"}},
		{"application", func() error { return c.PostApplication(ctx) }, seen{path: "/application", auth: "Bearer cc-token"}},
		{"accessCode", func() error { return c.PostAccessCode(ctx) }, seen{path: "/access-code", auth: "Bearer code-token"}},
		{"security: []", func() error { return c.GetPublic(ctx) }, seen{path: "/public"}},
		{"optional key", func() error { return c.GetOptional(ctx) }, seen{path: "/optional", key: "hk"}},
	} {
		if err := tc.call(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := f.last(); got != tc.want {
			t.Errorf("%s: sent %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if want := []string{"client_credentials pets:read pets:write"}; !reflect.DeepEqual(f.tokens, want) {
		t.Errorf("token requests %q, want %q", f.tokens, want)
	}

	// Without a key, the optional alternative ({}) sends nothing.
	bare := f.client()
	if err := bare.GetOptional(ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.last(); got != (seen{path: "/optional"}) {
		t.Errorf("optional without a key sent %+v", got)
	}
}

func TestRequiredScopes(t *testing.T) {
	for id, want := range map[string][][]string{
		"postApplication": {{"pets:read", "pets:write"}},
		"postAccessCode":  {{"pets:write"}},
		"getHeader":       nil,
	} {
		if got := RequiredScopes(id); !reflect.DeepEqual(got, want) {
			t.Errorf("RequiredScopes(%q) = %q, want %q", id, got, want)
		}
	}
}
