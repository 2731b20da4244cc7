package gen

import (
	"encoding/json"
	"math"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sdkgen/sdkgen/model"
)

// Values the generated tests send and answer with. Each is chosen to pass
// the schema's own checks (format, pattern, enum, bounds, lengths, and its
// examples when one of them does), so an independent validator judges the
// SDK's encoding, not the test's arbitrary data.

// formatSamples are valid strings of the string formats in common use.
var formatSamples = map[string]string{
	"uuid":          "123e4567-e89b-12d3-a456-426614174000",
	"guid":          "123e4567-e89b-12d3-a456-426614174000",
	"email":         "user@example.com",
	"idn-email":     "user@example.com",
	"uri":           "https://example.com/x",
	"url":           "https://example.com/x",
	"iri":           "https://example.com/x",
	"uri-reference": "https://example.com/x",
	"iri-reference": "https://example.com/x",
	"uri-template":  "https://example.com/{x}",
	"hostname":      "example.com",
	"idn-hostname":  "example.com",
	"ipv4":          "192.0.2.1",
	"ipv6":          "2001:db8::1",
	"time":          "03:04:05Z",
	"duration":      "P1D",
	"date":          "2024-01-02",
	"date-time":     "2024-01-02T03:04:05Z",
	"int32":         "1",
	"int64":         "1",
	"integer":       "1",
	"decimal":       "1.5",
	"number":        "1.5",
	"double":        "1.5",
	"float":         "1.5",
	"json-pointer":  "/x",
	"regex":         "x",
	"byte":          "eA==",
	"base64":        "eA==",
}

// stringValue is a string the type t accepts; fallback is used when t
// says nothing about its values.
func stringValue(t *model.Type, fallback string) string {
	return stringValueIn(t, "", fallback)
}

// stringValueIn is stringValue for a parameter in the location in (a
// model.In… constant; "" for a body value, where any example goes). A
// parameter's example is taken only when the SDK sends it as given (see
// sendable).
func stringValueIn(t *model.Type, in, fallback string) string {
	if t.Const != "" {
		return t.Const
	}
	for _, e := range t.Examples {
		if s, ok := jsonString(e); ok && sendable(s, in) && stringOK(t, s) {
			return s
		}
	}
	if s, ok := formatSamples[strings.ToLower(t.Format)]; ok && stringOK(t, s) {
		return s
	}
	minLen, maxLen := 0, -1
	if t.MinLength != nil {
		minLen = int(min(max(*t.MinLength, 0), 4096))
	}
	if t.MaxLength != nil {
		maxLen = int(min(max(*t.MaxLength, 0), 1<<20))
	}
	if t.Pattern != "" {
		// An empty string reads as unset on the wire: prefer a longer match.
		if s, ok := patternString(t.Pattern, max(minLen, 1), maxLen); ok {
			return s
		}
		if s, ok := patternString(t.Pattern, minLen, maxLen); ok {
			return s
		}
	}
	s := fallback
	if n := len([]rune(s)); n < minLen {
		s += strings.Repeat("x", minLen-n)
	}
	if maxLen >= 0 && len([]rune(s)) > maxLen {
		s = string([]rune(s)[:maxLen])
	}
	return s
}

// sendable reports whether a parameter in the location in goes out as
// the string s, so a sample may use it: an empty one reads as unset on the
// wire (and is refused in a path), a control character is refused in a
// header and a cookie, and a cookie carries printable ASCII without
// quotes, semicolons or backslashes. A body value ("") takes any string.
func sendable(s, in string) bool {
	if in == "" {
		return true
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b == 0x7f || in == model.InCookie && (b >= 0x7f || b == '"' || b == ';' || b == '\\') {
			return false
		}
	}
	return true
}

// jsonString is the string the JSON text e holds, if it holds one. A
// string with nothing escaped in it is read without a decoder.
func jsonString(e string) (string, bool) {
	if len(e) >= 2 && e[0] == '"' && e[len(e)-1] == '"' {
		if inner := e[1 : len(e)-1]; plainJSON(inner) {
			return inner, true
		}
	}
	var s string
	return s, json.Unmarshal([]byte(e), &s) == nil
}

// stringOK reports whether s passes t's length, pattern and format checks.
func stringOK(t *model.Type, s string) bool {
	n := int64(len([]rune(s)))
	if t.MinLength != nil && n < *t.MinLength || t.MaxLength != nil && n > *t.MaxLength {
		return false
	}
	if t.Pattern != "" {
		re, err := regexp.Compile(t.Pattern)
		if err == nil && !re.MatchString(s) {
			return false
		}
	}
	switch strings.ToLower(t.Format) {
	case "date-time":
		_, err := time.Parse(time.RFC3339, s)
		return err == nil
	case "date":
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	case "uuid":
		return len(s) == 36 && strings.Count(s, "-") == 4
	case "email":
		return strings.Contains(s, "@")
	case "uri", "url":
		u, err := url.Parse(s)
		return err == nil && u.Scheme != ""
	case "ipv4":
		ip := net.ParseIP(s)
		return ip != nil && ip.To4() != nil
	case "ipv6":
		ip := net.ParseIP(s)
		return ip != nil && strings.Contains(s, ":")
	case "int32", "int64", "integer":
		_, err := strconv.ParseInt(s, 10, 64)
		return err == nil
	}
	return true
}

// boolValue is a sample boolean: true, unless the schema's const says
// false, the one value it then allows.
func boolValue(t *model.Type) bool { return t.Const != "false" }

// intValue is an integer t accepts, near start.
func intValue(t *model.Type, start int64) int64 {
	lo, hi := float64(math.MinInt64), float64(math.MaxInt64)
	if t.Bits == 32 {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	switch t.GoType { // x-go-type's narrower integers
	case "int8":
		lo, hi = math.MinInt8, math.MaxInt8
	case "int16":
		lo, hi = math.MinInt16, math.MaxInt16
	case "uint8":
		lo, hi = 0, math.MaxUint8
	case "uint16":
		lo, hi = 0, math.MaxUint16
	case "uint", "uint32", "uint64":
		lo, hi = 0, math.MaxUint32
	}
	if n, err := strconv.ParseInt(t.Const, 10, 64); err == nil && float64(n) >= lo && float64(n) <= hi {
		return n
	}
	for _, e := range t.Examples {
		var f float64
		if json.Unmarshal([]byte(e), &f) == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 && numberOK(t, f) && f >= lo && f <= hi {
			return int64(f)
		}
	}
	if t.Minimum != nil {
		m := math.Ceil(*t.Minimum)
		if t.ExclusiveMinimum && m == *t.Minimum {
			m++
		}
		lo = max(lo, m)
	}
	if t.Maximum != nil {
		m := math.Floor(*t.Maximum)
		if t.ExclusiveMaximum && m == *t.Maximum {
			m--
		}
		hi = min(hi, m)
	}
	v := min(max(float64(start), lo), hi)
	if m := t.MultipleOf; m != nil && *m > 0 && *m == math.Trunc(*m) {
		k := math.Ceil(v / *m) * *m
		if k > hi {
			k = math.Floor(v / *m) * *m
		}
		v = k
	}
	if v < -(1<<53) || v > 1<<53 {
		return start
	}
	return int64(v)
}

// floatValue is a number t accepts, near start.
func floatValue(t *model.Type, start float64) float64 {
	if f, err := strconv.ParseFloat(t.Const, 64); err == nil {
		return f
	}
	for _, e := range t.Examples {
		var f float64
		if json.Unmarshal([]byte(e), &f) == nil && numberOK(t, f) {
			return f
		}
	}
	v := start
	if m := t.Minimum; m != nil && (v < *m || t.ExclusiveMinimum && v == *m) {
		v = *m
		if t.ExclusiveMinimum {
			v = *m + 0.5
		}
	}
	if m := t.Maximum; m != nil && (v > *m || t.ExclusiveMaximum && v == *m) {
		v = *m
		if t.ExclusiveMaximum {
			v = *m - 0.5
			if t.Minimum != nil && v <= *t.Minimum {
				v = (*t.Minimum + *m) / 2
			}
		}
	}
	if m := t.MultipleOf; m != nil && *m > 0 {
		k := math.Ceil(v / *m)
		if t.Maximum != nil && k**m > *t.Maximum {
			k = math.Floor(v / *m)
		}
		// Written through its decimal text so 151*0.01 is 1.51, not 1.5100000000000002.
		v, _ = strconv.ParseFloat(strconv.FormatFloat(k**m, 'f', decimals(*m), 64), 64)
	}
	return v
}

// decimals is the number of decimal places of m as it is shortest written.
func decimals(m float64) int {
	s := strconv.FormatFloat(m, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// numberOK reports whether f passes t's bounds and multipleOf.
func numberOK(t *model.Type, f float64) bool {
	if m := t.Minimum; m != nil && (f < *m || t.ExclusiveMinimum && f == *m) {
		return false
	}
	if m := t.Maximum; m != nil && (f > *m || t.ExclusiveMaximum && f == *m) {
		return false
	}
	if m := t.MultipleOf; m != nil && *m > 0 {
		q := f / *m
		if math.Abs(q-math.Round(q)) > 1e-9 {
			return false
		}
	}
	if t.Kind == model.KindInt && t.Bits == 32 && (f < math.MinInt32 || f > math.MaxInt32) {
		return false
	}
	return true
}

// itemCount is how many elements a sample array of t holds: at least one
// and at least minItems, within maxItems.
func itemCount(t *model.Type) int {
	n := 1
	if t.MinItems != nil && *t.MinItems > 1 {
		n = int(min(*t.MinItems, 8))
	}
	if t.MaxItems != nil && int64(n) > *t.MaxItems {
		n = int(max(*t.MaxItems, 0))
	}
	return n
}
