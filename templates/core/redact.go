package core

import (
	"errors"
	"net/url"
	"strings"
)

// redactURL is u as an error message may show it: the values of the
// sensitive parameters the call set replaced by Redacted. Path values are
// found by their escaped form, query values by their parameter's name
// (also in a URL the server gave, such as a next-page link).
func (r *Request) redactURL(u string) string {
	if len(r.secretQuery) == 0 && !r.secretPath {
		return u
	}
	pu, err := url.Parse(u)
	if err != nil {
		// Not a URL: hide every sensitive value wherever it appears.
		for _, p := range r.path {
			if p.secret && p.value != "" {
				u = strings.ReplaceAll(u, p.value, Redacted)
			}
		}
		for _, q := range r.query {
			name, value, _ := strings.Cut(q, "=")
			if value != "" && r.secretName(name) {
				u = strings.ReplaceAll(u, value, Redacted)
			}
		}
		return u
	}
	path := pu.EscapedPath()
	for _, p := range r.path {
		if p.secret && p.value != "" {
			path = strings.ReplaceAll(path, p.value, Redacted)
		}
	}
	if path != pu.EscapedPath() {
		if unescaped, err := url.PathUnescape(path); err == nil {
			pu.Path, pu.RawPath = unescaped, path
		}
	}
	if pu.RawQuery != "" && len(r.secretQuery) > 0 {
		pairs := strings.Split(pu.RawQuery, "&")
		for i, pair := range pairs {
			if name, _, ok := strings.Cut(pair, "="); ok && r.secretName(name) {
				pairs[i] = name + "=" + Redacted
			}
		}
		pu.RawQuery = strings.Join(pairs, "&")
	}
	return pu.String()
}

// secretName reports whether an escaped query name is a sensitive
// parameter's, or one of its deepObject keys (name[key]).
func (r *Request) secretName(escaped string) bool {
	name, err := url.QueryUnescape(escaped)
	if err != nil {
		name = escaped
	}
	if i := strings.IndexByte(name, '['); i > 0 {
		name = name[:i]
	}
	for _, s := range r.secretQuery {
		if s == name {
			return true
		}
	}
	return false
}

// redactErr hides the sensitive values in the URL an error carries: the
// HTTP client's errors (*url.Error) quote the request URL.
func (r *Request) redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = r.redactURL(ue.URL)
	}
	return err
}
