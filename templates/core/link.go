package core

import (
	"net/http"
	"net/url"
	"strings"
)

// Link is one link of an HTTP Link header (RFC 8288).
type Link struct {
	URL string   // the target as written between < and >, not resolved
	Rel []string // the relation types, lower-cased: rel="next last" gives next and last
	// Params holds the other parameters by lower-cased name, values unquoted; a parameter
	// given twice keeps its first value.
	Params map[string]string
}

// HasRel reports whether the link has the relation type rel (compared case-insensitively).
func (l Link) HasRel(rel string) bool {
	for _, r := range l.Rel {
		if strings.EqualFold(r, rel) {
			return true
		}
	}
	return false
}

// ParseLinks parses the values of Link headers (such as header.Values("Link")): each value is a
// comma-separated list of <URI>; param=value entries. Commas inside <> and inside quoted strings
// do not separate links; an entry that is not of that form is skipped.
func ParseLinks(values ...string) []Link {
	var links []Link
	for _, v := range values {
		p := linkParser{s: v}
		for {
			l, ok, more := p.link()
			if ok {
				links = append(links, l)
			}
			if !more {
				break
			}
		}
	}
	return links
}

// NextLink returns the target of the first link with the relation type "next" in h's Link
// headers, resolved against base (the URL of the request that got h), or "" if there is none.
func NextLink(h http.Header, base *url.URL) string {
	for _, l := range ParseLinks(h.Values("Link")...) {
		if l.HasRel("next") {
			return resolveURL(base, l.URL)
		}
	}
	return ""
}

// resolveURL resolves ref against base; ref is returned as it is when base is nil or ref does not
// parse.
func resolveURL(base *url.URL, ref string) string {
	if base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// linkParser reads the link-values of one Link header value.
type linkParser struct {
	s string
	i int
}

// link reads the next link-value. ok is false when it was malformed (and skipped); more is false
// at the end of the value.
func (p *linkParser) link() (l Link, ok, more bool) {
	p.skip(" \t,")
	if p.i >= len(p.s) {
		return Link{}, false, false
	}
	if p.s[p.i] != '<' {
		return Link{}, false, p.skipEntry()
	}
	end := strings.IndexByte(p.s[p.i:], '>')
	if end < 0 {
		return Link{}, false, false
	}
	l.URL = strings.TrimSpace(p.s[p.i+1 : p.i+end])
	p.i += end + 1
	for {
		p.skip(" \t")
		if p.i >= len(p.s) {
			return l, true, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			return l, true, true
		case ';':
			p.i++
		default:
			return Link{}, false, p.skipEntry()
		}
		p.skip(" \t")
		name := strings.ToLower(p.token())
		p.skip(" \t")
		var value string
		if p.i < len(p.s) && p.s[p.i] == '=' {
			p.i++
			p.skip(" \t")
			if p.i < len(p.s) && p.s[p.i] == '"' {
				value = p.quoted()
			} else {
				value = p.token()
			}
		}
		if name == "" {
			continue
		}
		if name == "rel" {
			if l.Rel == nil { // only the first rel counts
				l.Rel = strings.Fields(strings.ToLower(value))
				if l.Rel == nil {
					l.Rel = []string{}
				}
			}
			continue
		}
		if l.Params == nil {
			l.Params = map[string]string{}
		}
		if _, dup := l.Params[name]; !dup {
			l.Params[name] = value
		}
	}
}

func (p *linkParser) skip(chars string) {
	for p.i < len(p.s) && strings.IndexByte(chars, p.s[p.i]) >= 0 {
		p.i++
	}
}

// token reads up to the next delimiter of a parameter.
func (p *linkParser) token() string {
	start := p.i
	for p.i < len(p.s) && strings.IndexByte(";,= \t\"", p.s[p.i]) < 0 {
		p.i++
	}
	return p.s[start:p.i]
}

// quoted reads a quoted-string starting at the opening quote and returns it unescaped.
func (p *linkParser) quoted() string {
	p.i++ // the opening quote
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		switch {
		case c == '"':
			return b.String()
		case c == '\\' && p.i < len(p.s):
			b.WriteByte(p.s[p.i])
			p.i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String() // unterminated: what there was
}

// skipEntry skips to just after the next comma that is outside <> and quotes; it reports whether
// there is anything after it.
func (p *linkParser) skipEntry() bool {
	inURL, inQuote := false, false
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		switch {
		case inQuote && c == '\\':
			p.i++
		case inQuote:
			inQuote = c != '"'
		case inURL:
			inURL = c != '>'
		case c == '"':
			inQuote = true
		case c == '<':
			inURL = true
		case c == ',':
			return true
		}
	}
	return false
}
