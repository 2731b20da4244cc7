package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Extra decodes the properties of a JSON object that are not among known:
// the additionalProperties of a struct that also declares properties.
// It returns nil when there are none.
func Extra[T any](data []byte, known ...string) (map[string]T, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	var out map[string]T
	for k, raw := range all {
		if slices.Contains(known, k) {
			continue
		}
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]T{}
		}
		out[k] = v
	}
	return out, nil
}

// MarshalExtra encodes v, a struct, and adds the extra properties to the
// object; keys v already writes are not written twice.
func MarshalExtra[T any](v any, extra map[string]T) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var own map[string]json.RawMessage
	if err := json.Unmarshal(b, &own); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, dup := own[k]; !dup {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	buf.Write(b[:len(b)-1]) // drop the closing brace
	for i, k := range keys {
		if i > 0 || len(own) > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// MixedLiteral writes a value of an enum whose values are of several JSON
// kinds: literals maps each known value to its JSON. An unknown value that
// reads as a number or boolean is written as one, since it came as one.
func MixedLiteral(v string, literals map[string]string) ([]byte, error) {
	if lit, ok := literals[v]; ok {
		return []byte(lit), nil
	}
	switch kindOf([]byte(v)) {
	case KindNumber, KindInteger, KindBool:
		if json.Valid([]byte(v)) {
			return []byte(v), nil
		}
	}
	return json.Marshal(v)
}

// MixedValue reads a value of a mixed-kind enum as a string: strings
// unquoted, numbers and booleans as written.
func MixedValue(data []byte) (string, error) {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		return s, nil
	}
	t := strings.TrimSpace(string(data))
	switch k := kindOf([]byte(t)); k {
	case KindNumber, KindInteger, KindBool:
		var x any
		if err := json.Unmarshal([]byte(t), &x); err != nil {
			return "", err
		}
		return t, nil
	}
	return "", errors.New("enum value is not a string, number or boolean: " + t)
}

// HeaderValue reads response header name as a T for the typed header
// fields of generated results: nil when the header is absent or its value
// does not parse as a T (a "null" where a boolean is declared, say), so a
// malformed header never fails a call whose response arrived. The raw value
// stays in the result's Header.
func HeaderValue[T any](h http.Header, name string) *T {
	v, err := HeaderAs[T](h, name)
	if err != nil {
		return nil
	}
	return v
}

// HeaderAs reads response header name as a T (string, integer, float,
// bool, time.Time or Date kinds); nil when the header is absent. It serves
// the typed header fields of generated result types.
func HeaderAs[T any](h http.Header, name string) (*T, error) {
	s := h.Get(name)
	if s == "" {
		return nil, nil
	}
	var v T
	var err error
	switch p := any(&v).(type) {
	case *string:
		*p = s
	case *time.Time:
		*p, err = ParseTime(s)
		if err != nil {
			*p, err = http.ParseTime(s)
		}
	case *Date:
		*p, err = ParseDate(s)
	case *bool:
		*p, err = strconv.ParseBool(s)
	case *int64:
		*p, err = strconv.ParseInt(s, 10, 64)
	case *int32:
		var n int64
		n, err = strconv.ParseInt(s, 10, 32)
		*p = int32(n)
	case *float64:
		*p, err = strconv.ParseFloat(s, 64)
	case *float32:
		var f float64
		f, err = strconv.ParseFloat(s, 32)
		*p = float32(f)
	default:
		err = json.Unmarshal([]byte(strconv.Quote(s)), p) // string-based named types (enums)
	}
	if err != nil {
		return nil, fmt.Errorf("header %s: %w", name, err)
	}
	return &v, nil
}

// AsJSON marks a parameter the spec describes with `content:
// application/json`: it is sent as its JSON text, in whatever place the
// parameter goes. A nil pointer stays absent.
func AsJSON(v any) any {
	if rv := reflect.ValueOf(v); !rv.IsValid() || (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Slice || rv.Kind() == reflect.Map) && rv.IsNil() {
		return nil
	}
	return jsonText{v}
}

// jsonText writes a value as JSON text through encoding.TextMarshaler,
// which the parameter encoder uses before anything else.
type jsonText struct{ v any }

func (j jsonText) MarshalText() ([]byte, error) { return json.Marshal(j.v) }
