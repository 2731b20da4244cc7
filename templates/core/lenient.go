package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// IsTimeError reports whether decoding failed on a date-time that is not
// RFC 3339, the one failure UnmarshalLenient retries.
func IsTimeError(err error) bool {
	var pe *time.ParseError
	return errors.As(err, &pe)
}

// UnmarshalLenient decodes data into v, a pointer to a struct whose
// properties named in times hold date-times: alone, in an array or as the
// values of an object, optional or nullable. It decodes strictly first, so
// RFC 3339, which servers nearly always send, costs no more than
// json.Unmarshal. Only when a date-time fails to parse are the named
// properties' date-times in any other spelling ParseTime accepts (no zone,
// a space for T, any fraction) rewritten to RFC 3339 and data decoded
// again. A value no spelling fits is left for that decode to report, so a
// date that is not one, or any other error, still fails.
//
// Generated types call it from UnmarshalJSON on a conversion of themselves
// without methods, listing their date-time properties; nested structs
// decode theirs through their own methods.
func UnmarshalLenient(data []byte, v any, times ...string) error {
	err := json.Unmarshal(data, v)
	if err == nil || !IsTimeError(err) {
		return err
	}
	fixed, ok := lenientTimes(data, times)
	if !ok {
		return err // the failing date-time is not one of the named ones, or no spelling fits it
	}
	return json.Unmarshal(fixed, v)
}

// lenientTimes rewrites data, a JSON object, with the date-times of the
// properties named in times in RFC 3339; everything else is copied as it
// is, in its order. A key matches a name as encoding/json matches a key to
// a field, ignoring case. It reports false when nothing changed.
func lenientTimes(data []byte, times []string) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	out := []byte{'{'}
	changed := false
	for dec.More() {
		tok, err := dec.Token()
		key, isKey := tok.(string)
		var raw json.RawMessage
		if err != nil || !isKey || dec.Decode(&raw) != nil {
			return nil, false
		}
		for _, name := range times {
			if strings.EqualFold(key, name) {
				if v, ok := lenientValue(raw); ok {
					raw, changed = v, true
				}
				break
			}
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		kb, _ := json.Marshal(key) // a string always encodes
		out = append(append(append(out, kb...), ':'), raw...)
	}
	return append(out, '}'), changed
}

// lenientValue rewrites a date-time, or the date-times of an array or an
// object, to RFC 3339; ok is false when none needed it. Null, RFC 3339,
// values of other kinds and strings no spelling fits stay as they are.
func lenientValue(raw []byte) (out []byte, ok bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, false
	}
	var fixed any // the array or object with its date-times rewritten
	switch raw[0] {
	case '"':
		return lenientString(raw)
	case '[':
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			return nil, false
		}
		for i, e := range elems {
			if v, f := lenientString(e); f {
				elems[i], ok = v, true
			}
		}
		fixed = elems
	case '{':
		var elems map[string]json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			return nil, false
		}
		for k, e := range elems {
			if v, f := lenientString(e); f {
				elems[k], ok = v, true
			}
		}
		fixed = elems
	}
	if !ok {
		return nil, false
	}
	out, err := json.Marshal(fixed)
	return out, err == nil
}

// lenientString rewrites a JSON string holding a date-time that is not
// RFC 3339 but that ParseTime reads.
func lenientString(raw []byte) ([]byte, bool) {
	var t time.Time
	if len(raw) == 0 || raw[0] != '"' || t.UnmarshalJSON(raw) == nil {
		return nil, false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return nil, false
	}
	t, err := ParseTime(s)
	if err != nil {
		return nil, false
	}
	out, err := t.MarshalJSON()
	return out, err == nil
}
