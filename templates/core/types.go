package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without a time or zone, such as 2024-03-01 (OpenAPI format "date").
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date such as "2024-03-01". A full date-time is accepted too (some servers send
// one for a date); its date is taken as written, in its own zone.
func ParseDate(s string) (Date, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return DateOf(t), nil
	}
	if len(s) > len(time.DateOnly) {
		if t, err := ParseTime(s); err == nil {
			return DateOf(t), nil
		}
	}
	return Date{}, fmt.Errorf("invalid date %q", s)
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// IsZero reports whether d is the zero Date, so that `omitzero` omits it.
func (d Date) IsZero() bool { return d == Date{} }

// MarshalText formats d as YYYY-MM-DD (JSON encodes it as a string through this method).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses a date with ParseDate.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// timeLayouts are tried in order by ParseTime, after it normalised the 'T' and 'Z'. A fraction of
// any length after the seconds is accepted by time.Parse without being in the layout.
var timeLayouts = []string{
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05Z07",
	"2006-01-02T15:04:05", // no zone: UTC
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
}

// ParseTime parses a date-time leniently: RFC 3339 with a fraction of any length, and the variants
// servers send — no zone (taken as UTC), a space or lowercase t between date and time, a lowercase
// z, an offset without a colon (+0100) or without minutes (+01), no seconds.
func ParseTime(s string) (time.Time, error) {
	v := strings.TrimSpace(s)
	if len(v) > 10 && (v[10] == ' ' || v[10] == 't') {
		v = v[:10] + "T" + v[11:]
	}
	if strings.HasSuffix(v, "z") {
		v = v[:len(v)-1] + "Z"
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date-time %q", s)
}

// Time is a time.Time that decodes leniently with ParseTime and encodes as RFC 3339 (with the
// fraction when there is one). Generated types use it to decode their time.Time fields.
type Time struct{ time.Time }

// MarshalJSON encodes t as an RFC 3339 string.
func (t Time) MarshalJSON() ([]byte, error) { return t.Time.MarshalJSON() }

// UnmarshalJSON decodes a JSON string with ParseTime; null leaves t unchanged.
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	// RFC 3339, what servers almost always send, decodes without allocating; anything else is
	// read leniently.
	var v time.Time
	if v.UnmarshalJSON(b) == nil {
		t.Time = v
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("invalid date-time: %w", err)
	}
	return t.UnmarshalText([]byte(s))
}

// UnmarshalText decodes with ParseTime.
func (t *Time) UnmarshalText(b []byte) error {
	v, err := ParseTime(string(b))
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}

// nullState is the state of a Nullable.
type nullState uint8

const (
	absentValue nullState = iota
	nullValue
	setValue
)

// Nullable is an optional field that may also be null. It has three states: absent (the zero value,
// omitted by `omitzero`), null, and a value.
//
// Get, IsNull and IsSet take a pointer: a field, variable or slice element calls them as it
// would a value method, but a Nullable straight from a call or a map index needs a variable
// first. Go compiles each method of a generic type once per type it holds and a value method
// twice more (for the value and the pointer), which for an API with hundreds of nullable types
// was a seventh of the SDK's compile time. For the same reason there is no IsZero: only an
// absent Nullable is the zero value (a null or a value sets its state), so `omitzero` needs none.
type Nullable[T any] struct {
	value T
	state nullState
}

// Null returns a Nullable holding null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: nullValue} }

// NewNullable returns a Nullable holding v.
func NewNullable[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: setValue} }

// Get returns the value and true, or the zero value and false when n is absent or null.
func (n *Nullable[T]) Get() (T, bool) { return n.value, n.state == setValue }

// IsNull reports whether n holds null.
func (n *Nullable[T]) IsNull() bool { return n.state == nullValue }

// IsSet reports whether n holds null or a value.
func (n *Nullable[T]) IsSet() bool { return n.state != absentValue }

// MarshalJSON encodes the value, or null when n is null (or absent and not omitted).
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != setValue {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON decodes null or a value. (An absent field never calls it, so n stays absent.)
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	var v T
	if string(bytes.TrimSpace(b)) == "null" {
		n.value, n.state = v, nullValue
		return nil
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	n.value, n.state = v, setValue
	return nil
}
