package pipeline

import (
	"go/token"
	"regexp"
	"strings"
)

// majorVersion matches a module path's major-version element ("v2").
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// gopkgVersion matches a gopkg.in-style ".v3" suffix.
var gopkgVersion = regexp.MustCompile(`\.v[0-9]+$`)

// DefaultPackageName derives the package name from the import path's last
// element (skipping a "v2"-style major version element), sanitised; when
// that leaves nothing it falls back to the API title, then to "sdk".
func DefaultPackageName(importPath, title string) string {
	elems := strings.Split(importPath, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && majorVersion.MatchString(last) {
		last = elems[len(elems)-2]
	}
	if name := sanitizePackageName(last); name != "" {
		return name
	}
	// "Moov API" → "moov": the word API says nothing in a Go package name.
	var words []string
	for w := range strings.FieldsSeq(title) {
		if !strings.EqualFold(w, "api") {
			words = append(words, w)
		}
	}
	if name := sanitizePackageName(strings.Join(words, "")); name != "" {
		return name
	}
	return "sdk"
}

// sanitizePackageName turns a path element into a conventional Go package
// name: lower case ASCII letters and digits only, without a "go-" prefix or
// "-go"/".go" suffix (repository naming, not part of the name) or a
// gopkg.in ".vN" suffix, not starting with a digit, and not a keyword. It
// returns "" when nothing usable is left.
func sanitizePackageName(s string) string {
	s = strings.ToLower(s)
	s = gopkgVersion.ReplaceAllString(s, "")
	s = strings.TrimPrefix(s, "go-")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "-go"), ".go")
	var b strings.Builder
	for _, r := range s {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9' && b.Len() > 0) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if token.IsKeyword(name) {
		name += "sdk"
	}
	return name
}
