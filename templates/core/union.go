package core

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
)

// JSONKind is the kind of a JSON value, as a union variant expects it.
type JSONKind uint8

// JSON value kinds. KindInteger matches numbers without a fraction or
// exponent; KindNumber matches every number.
const (
	KindAnyJSON JSONKind = iota
	KindObject
	KindArray
	KindString
	KindNumber
	KindInteger
	KindBool
)

// Shape describes a union variant for decoding without a discriminator:
// the JSON kind it takes and, for objects, the properties it requires and
// the ones it knows.
type Shape struct {
	Kind       JSONKind
	Required   []string
	Properties []string
}

// kindOf reports the kind of the JSON value in data.
func kindOf(data []byte) JSONKind {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return KindAnyJSON
	}
	switch c := data[0]; {
	case c == '{':
		return KindObject
	case c == '[':
		return KindArray
	case c == '"':
		return KindString
	case c == 't' || c == 'f':
		return KindBool
	case c == '-' || c >= '0' && c <= '9':
		if bytes.ContainsAny(bytes.TrimSpace(data), ".eE") {
			return KindNumber
		}
		return KindInteger
	}
	return KindAnyJSON
}

// MatchShape picks the variant that fits data best: the JSON kind must
// match; among objects, every required property must be present, and the
// variant with the most required, then the most known, properties present
// wins; earlier variants win ties. It returns -1 when none fits, so the
// caller keeps the raw JSON rather than failing.
func MatchShape(data []byte, shapes []Shape) int {
	kind := kindOf(data)
	var keys map[string]json.RawMessage
	if kind == KindObject {
		if json.Unmarshal(data, &keys) != nil {
			return -1
		}
	}
	best, bestReq, bestKnown := -1, -1, -1
	for i, s := range shapes {
		switch {
		case s.Kind == KindAnyJSON:
		case s.Kind == kind:
		case s.Kind == KindNumber && kind == KindInteger:
		default:
			continue
		}
		if kind != KindObject || s.Kind != KindObject {
			if best < 0 {
				best = i
			}
			continue
		}
		req := 0
		missing := false
		for _, r := range s.Required {
			if _, ok := keys[r]; !ok {
				missing = true
				break
			}
			req++
		}
		if missing {
			continue
		}
		known := 0
		for _, p := range s.Properties {
			if _, ok := keys[p]; ok {
				known++
			}
		}
		if req > bestReq || req == bestReq && known > bestKnown {
			best, bestReq, bestKnown = i, req, known
		}
	}
	return best
}

// Discriminator returns the value of the object's property prop as a
// string (numbers and booleans as written), and whether it was there.
func Discriminator(data []byte, prop string) (string, bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return "", false
	}
	raw, ok := obj[prop]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	raw = bytes.TrimSpace(raw)
	if _, err := strconv.ParseFloat(string(raw), 64); err == nil || string(raw) == "true" || string(raw) == "false" {
		return string(raw), true
	}
	return "", false
}

// Clone copies raw JSON so a decoded value never aliases the caller's buffer.
func Clone(data []byte) json.RawMessage {
	return append(json.RawMessage(nil), data...)
}

// MarshalUnion encodes the first variant that is set (a non-nil pointer,
// slice, map or interface), else the unknown JSON a decode kept, else null.
// A union's MarshalJSON passes its variant fields in order.
func MarshalUnion(unknown json.RawMessage, variants ...any) ([]byte, error) {
	for _, v := range variants {
		if !isNil(v) {
			return json.Marshal(v)
		}
	}
	if unknown != nil {
		return unknown, nil
	}
	return []byte("null"), nil
}

// isNil reports whether v holds no value: nil, or a nil pointer, slice,
// map or interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// UnmarshalUnion decodes data into targets[i], a pointer to the chosen
// variant's field, as picked by MatchShape or TagIndex. When i is -1 (no
// variant fits) data is kept in *unknown instead, so a variant this SDK
// does not know decodes without error.
func UnmarshalUnion(data []byte, i int, unknown *json.RawMessage, targets ...any) error {
	if i < 0 || i >= len(targets) {
		// Checked here, not only by a caller: decode trusts this package's and the SDK's
		// UnmarshalJSON methods to reject what is not JSON.
		if !json.Valid(data) {
			return json.Unmarshal(data, new(json.RawMessage)) // the syntax error json reports
		}
		*unknown = Clone(data)
		return nil
	}
	return json.Unmarshal(data, targets[i])
}

// TagIndex picks a union's variant by the object's discriminator property
// prop: the index tags maps its value to, or -1 when the property is
// absent or its value is not in tags.
func TagIndex(data []byte, prop string, tags map[string]int) int {
	tag, ok := Discriminator(data, prop)
	if !ok {
		return -1
	}
	if i, ok := tags[tag]; ok {
		return i
	}
	return -1
}
