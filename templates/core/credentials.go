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

// selectCredentials returns the credentials of the first security alternative of op that cfg can
// satisfy. An empty alternative allows anonymous access and ends the search with none.
func selectCredentials(cfg *Config, op *Operation) []Credential {
	for _, alt := range op.Security {
		creds := make([]Credential, 0, len(alt))
		for _, scheme := range alt {
			if c := cfg.Credentials[scheme]; c != nil {
				creds = append(creds, c)
			}
		}
		if len(creds) == len(alt) {
			return creds
		}
	}
	return nil
}

// credentialNames lists the headers and cookies credentials set on one request.
type credentialNames struct {
	headers []string
	cookies []string
}

// applyCredentials applies creds to req and reports which headers and cookies they set, found by
// comparing the request before and after (so any Credential implementation is covered).
func applyCredentials(req *http.Request, creds []Credential) credentialNames {
	var names credentialNames
	if len(creds) == 0 {
		return names
	}
	before := req.Header.Clone()
	hadCookie := map[string]bool{}
	for _, c := range req.Cookies() {
		hadCookie[c.Name+"="+c.Value] = true
	}
	for _, c := range creds {
		c.Apply(req)
	}
	for k, v := range req.Header {
		if k != "Cookie" && !slices.Equal(before[k], v) {
			names.headers = append(names.headers, k)
		}
	}
	for _, c := range req.Cookies() {
		if !hadCookie[c.Name+"="+c.Value] {
			names.cookies = append(names.cookies, c.Name)
		}
	}
	return names
}

// redirectError marks an error returned by the redirect policy, which is not worth retrying.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

// checkRedirect wraps the caller's redirect policy (next, nil for Go's default of at most 10
// redirects) so that a redirect which leaves the original host (a subdomain included) or
// downgrades from https carries none of the credentials: the http.Client copies the original
// headers on each redirect and only strips Authorization and Cookie for unrelated domains.
func checkRedirect(next func(*http.Request, []*http.Request) error, names credentialNames) func(*http.Request, []*http.Request) error {
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

// stripCredentials removes the credential headers and cookies (and any Authorization) from req.
func stripCredentials(req *http.Request, names credentialNames) {
	req.Header.Del("Authorization")
	for _, h := range names.headers {
		req.Header.Del(h)
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
