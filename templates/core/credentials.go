package core

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Credential authenticates a request by setting headers, cookies or query parameters on it.
//
// Credentials are applied on every attempt, after the SDK's own headers and before the caller's
// WithRequestHeader headers. Whatever headers and cookies Apply sets are removed again if a redirect
// leaves the configured server's host.
type Credential interface {
	Apply(req *http.Request)
}

// BasicAuth is HTTP Basic authentication.
func BasicAuth(username, password string) Credential { return basicAuth{username, password} }

// BearerToken is HTTP Bearer authentication with a fixed token.
func BearerToken(token string) Credential { return bearerToken(token) }

// APIKey is an API key sent in a header, query parameter or cookie (in is "header", "query" or
// "cookie") under the given name.
func APIKey(in, name, value string) Credential { return apiKey{strings.ToLower(in), name, value} }

type basicAuth struct{ username, password string }

func (c basicAuth) Apply(req *http.Request) { req.SetBasicAuth(c.username, c.password) }

// String redacts the password, so printing a Config does not leak it.
func (c basicAuth) String() string { return "BasicAuth(" + c.username + ", ****)" }

type bearerToken string

func (c bearerToken) Apply(req *http.Request) { req.Header.Set("Authorization", "Bearer "+string(c)) }

// String redacts the token.
func (c bearerToken) String() string { return "BearerToken(****)" }

type apiKey struct{ in, name, value string }

func (c apiKey) Apply(req *http.Request) {
	switch c.in {
	case "query":
		// Appended rather than re-encoded, so the order of the other parameters is kept.
		if req.URL.RawQuery != "" {
			req.URL.RawQuery += "&"
		}
		req.URL.RawQuery += url.QueryEscape(c.name) + "=" + url.QueryEscape(c.value)
	case "cookie":
		req.AddCookie(&http.Cookie{Name: c.name, Value: c.value})
	default:
		req.Header.Set(c.name, c.value)
	}
}

// String redacts the key.
func (c apiKey) String() string { return "APIKey(" + c.in + ", " + c.name + ", ****)" }

// selectAlternative returns the first security alternative of op whose credentials cfg has. An
// empty alternative allows anonymous access and ends the search with none; nil means none.
func selectAlternative(cfg *Config, op *Operation) []string {
	for _, alt := range op.Security {
		ok := true
		for _, scheme := range alt {
			if cfg.Credentials[scheme] == nil {
				ok = false
				break
			}
		}
		if ok {
			return alt
		}
	}
	return nil
}

// credentialNames lists the headers, cookies and query parameters credentials set on one call's
// requests (Authorization aside: it is always removed when a redirect leaves the host).
type credentialNames struct {
	headers []string
	cookies []string
	query   []string
}

func (n *credentialNames) add(in, name string) {
	var list *[]string
	switch in {
	case "query":
		list = &n.query
	case "cookie":
		list = &n.cookies
	default:
		if name = http.CanonicalHeaderKey(name); name == "Authorization" {
			return
		}
		list = &n.headers
	}
	if !slices.Contains(*list, name) {
		*list = append(*list, name)
	}
}

// targeted is implemented by the credentials of this package, which know what they set.
type targeted interface {
	target() (in, name string)
}

func (basicAuth) target() (string, string)   { return "header", "Authorization" }
func (bearerToken) target() (string, string) { return "header", "Authorization" }
func (c apiKey) target() (string, string)    { return c.in, c.name }

// applyCredentials applies the credentials of the schemes in alt to req and records in names which
// headers, cookies and query parameters they set. What any other Credential implementation sets
// is found by comparing the request before and after.
func applyCredentials(req *http.Request, cfg *Config, alt []string, names *credentialNames) {
	for _, scheme := range alt {
		c := cfg.Credentials[scheme]
		if c == nil {
			continue
		}
		if t, ok := c.(targeted); ok {
			c.Apply(req)
			names.add(t.target())
			continue
		}
		applyAndCompare(req, c, names)
	}
}

// applyAndCompare applies c to req and records what it changed.
func applyAndCompare(req *http.Request, c Credential, names *credentialNames) {
	before := req.Header.Clone()
	hadCookie := map[string]bool{}
	for _, c := range req.Cookies() {
		hadCookie[c.Name+"="+c.Value] = true
	}
	rawQuery := req.URL.RawQuery
	c.Apply(req)
	for k, v := range req.Header {
		if k != "Cookie" && !slices.Equal(before[k], v) {
			names.add("header", k)
		}
	}
	for _, c := range req.Cookies() {
		if !hadCookie[c.Name+"="+c.Value] {
			names.add("cookie", c.Name)
		}
	}
	if req.URL.RawQuery != rawQuery {
		had, _ := url.ParseQuery(rawQuery)
		now, _ := url.ParseQuery(req.URL.RawQuery)
		for k, v := range now {
			if !slices.Equal(had[k], v) {
				names.add("query", k)
			}
		}
	}
}

// redirectError marks an error returned by the redirect policy, which is not worth retrying.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

// checkRedirect wraps the caller's redirect policy (next, nil for Go's default of at most 10
// redirects) so that a redirect which leaves the original host (a subdomain included) or
// downgrades from https carries none of the credentials: the http.Client copies the original
// headers on each redirect and only strips Authorization and Cookie for unrelated domains.
func checkRedirect(next func(*http.Request, []*http.Request) error, names *credentialNames) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if leftOrigin(req, via) {
			stripCredentials(req, names)
		}
		var err error
		if next != nil {
			err = next(req, via)
		} else if len(via) >= 10 {
			err = errors.New("stopped after 10 redirects")
		}
		if err != nil && !errors.Is(err, http.ErrUseLastResponse) {
			return &redirectError{err}
		}
		return err
	}
}

// leftOrigin reports whether req or any earlier hop of the chain is off the original request's host
// (once left, credentials stay off even if a later hop comes back) or on plain http after https.
func leftOrigin(req *http.Request, via []*http.Request) bool {
	orig := via[0].URL
	for _, r := range append(via[1:len(via):len(via)], req) {
		if !strings.EqualFold(r.URL.Host, orig.Host) || (orig.Scheme == "https" && r.URL.Scheme != "https") {
			return true
		}
	}
	return false
}

// sameOrigin reports whether credentials meant for the server at base may go with a request to
// target: the same host (port included), and not plain http after https, as for redirects.
func sameOrigin(base, target string) bool {
	b, err := url.Parse(base)
	if err != nil {
		return false
	}
	t, err := url.Parse(target)
	if err != nil {
		return false
	}
	return b.Host != "" && strings.EqualFold(b.Host, t.Host) && (b.Scheme != "https" || t.Scheme == "https")
}

// stripCredentials removes the credential headers, cookies and query parameters (and any
// Authorization) from req; query parameters go from its URL (a Location may echo the query) and
// from its Referer.
func stripCredentials(req *http.Request, names *credentialNames) {
	req.Header.Del("Authorization")
	for _, h := range names.headers {
		req.Header.Del(h)
	}
	if len(names.query) > 0 {
		req.URL.RawQuery = dropQueryParams(req.URL.RawQuery, names.query)
		// http.Client sets Referer to the previous hop's URL, query key included.
		if ref := req.Header.Get("Referer"); ref != "" {
			if u, err := url.Parse(ref); err == nil {
				u.RawQuery = dropQueryParams(u.RawQuery, names.query)
				req.Header.Set("Referer", u.String())
			} else {
				req.Header.Del("Referer")
			}
		}
	}
	if len(names.cookies) == 0 {
		return
	}
	cookies := req.Cookies()
	req.Header.Del("Cookie")
	for _, c := range cookies {
		if !slices.Contains(names.cookies, c.Name) {
			req.AddCookie(c)
		}
	}
}

// dropQueryParams removes the parameters named names from a raw query, keeping the others as they
// were written, in order.
func dropQueryParams(rawQuery string, names []string) string {
	if rawQuery == "" {
		return ""
	}
	pairs := strings.Split(rawQuery, "&")
	kept := pairs[:0]
	for _, pair := range pairs {
		k, _, _ := strings.Cut(pair, "=")
		if name, err := url.QueryUnescape(k); err == nil && slices.Contains(names, name) {
			continue
		}
		kept = append(kept, pair)
	}
	return strings.Join(kept, "&")
}
