package core

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2024-03-01", Date{2024, 3, 1}, false},
		{"0005-12-31", Date{5, 12, 31}, false},
		{"2024-03-01T23:30:00-05:00", Date{2024, 3, 1}, false}, // a date-time, its date as written
		{"2024-02-30", Date{}, true},
		{"2024-3-1", Date{}, true},
		{"", Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("ParseDate = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
	if s := (Date{5, 1, 2}).String(); s != "0005-01-02" {
		t.Errorf("String = %q", s)
	}
	if !(Date{}).IsZero() || (Date{2024, 1, 1}).IsZero() {
		t.Error("IsZero")
	}
	if d := DateOf(time.Date(2024, 3, 1, 23, 0, 0, 0, time.UTC)); d != (Date{2024, 3, 1}) {
		t.Errorf("DateOf = %v", d)
	}
}

func TestDateJSON(t *testing.T) {
	type s struct {
		D   Date  `json:"d"`
		Opt Date  `json:"opt,omitzero"`
		Ptr *Date `json:"ptr,omitzero"`
	}
	b, err := json.Marshal(s{D: Date{2024, 3, 1}})
	if err != nil || string(b) != `{"d":"2024-03-01"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var got s
	if err := json.Unmarshal([]byte(`{"d":"2024-03-01","opt":null,"ptr":"2025-01-31"}`), &got); err != nil {
		t.Fatal(err)
	}
	if got.D != (Date{2024, 3, 1}) || !got.Opt.IsZero() || *got.Ptr != (Date{2025, 1, 31}) {
		t.Errorf("Unmarshal = %+v", got)
	}
	if err := json.Unmarshal([]byte(`{"d":"March 1"}`), &got); err == nil {
		t.Error("no error for a bad date")
	}
}

func TestNullableJSON(t *testing.T) {
	type patch struct {
		Name  Nullable[string] `json:"name,omitzero"`
		Count Nullable[int]    `json:"count,omitzero"`
		When  Nullable[Date]   `json:"when,omitzero"`
	}
	tests := []struct {
		name string
		v    patch
		json string
	}{
		{"absent", patch{}, `{}`},
		{"null", patch{Name: Null[string](), Count: Null[int]()}, `{"name":null,"count":null}`},
		{"value", patch{Name: NewNullable("x"), Count: NewNullable(0), When: NewNullable(Date{2024, 3, 1})}, `{"name":"x","count":0,"when":"2024-03-01"}`},
		{"mixed", patch{Name: NewNullable(""), Count: Null[int]()}, `{"name":"","count":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil || string(b) != tt.json {
				t.Fatalf("Marshal = %s, %v; want %s", b, err, tt.json)
			}
			var back patch
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back != tt.v {
				t.Errorf("round trip = %+v, want %+v", back, tt.v)
			}
		})
	}
	var p patch
	if err := json.Unmarshal([]byte(`{"count":"x"}`), &p); err == nil {
		t.Error("no error for a bad value")
	}
}

func TestNullableStates(t *testing.T) {
	tests := []struct {
		name                string
		n                   Nullable[int]
		value               int
		ok, null, set, zero bool
	}{
		{"absent", Nullable[int]{}, 0, false, false, false, true},
		{"null", Null[int](), 0, false, true, true, false},
		{"value", NewNullable(7), 7, true, false, true, false},
		{"zero value", NewNullable(0), 0, true, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := tt.n.Get()
			zero := reflect.ValueOf(tt.n).IsZero()
			if v != tt.value || ok != tt.ok || tt.n.IsNull() != tt.null || tt.n.IsSet() != tt.set || zero != tt.zero {
				t.Errorf("Get = %v, %v; IsNull %v IsSet %v zero %v", v, ok, tt.n.IsNull(), tt.n.IsSet(), zero)
			}
		})
	}
}

// TestNullableOmitZero: omitzero leaves out an absent Nullable and only that, whatever it holds,
// including a null or a set zero value of a slice, map, struct or pointer.
func TestNullableOmitZero(t *testing.T) {
	type inner struct{ A string }
	type doc struct {
		S Nullable[[]int]          `json:"s,omitzero"`
		M Nullable[map[string]int] `json:"m,omitzero"`
		I Nullable[inner]          `json:"i,omitzero"`
		P Nullable[*inner]         `json:"p,omitzero"`
		F Nullable[float64]        `json:"f,omitzero"`
	}
	for _, tt := range []struct {
		in   doc
		want string
	}{
		{doc{}, `{}`},
		{doc{S: Null[[]int](), M: Null[map[string]int](), I: Null[inner](), P: Null[*inner](), F: Null[float64]()},
			`{"s":null,"m":null,"i":null,"p":null,"f":null}`},
		{doc{S: NewNullable([]int(nil)), M: NewNullable(map[string]int{}), I: NewNullable(inner{}), P: NewNullable[*inner](nil), F: NewNullable(0.0)},
			`{"s":null,"m":{},"i":{"A":""},"p":null,"f":0}`},
		{doc{S: NewNullable([]int{}), F: NewNullable(math.Copysign(0, -1))}, `{"s":[],"f":-0}`},
	} {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal = %s, %v; want %s", b, err, tt.want)
		}
		var back doc
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if again, _ := json.Marshal(back); string(again) != string(b) {
			t.Errorf("after a round trip %s, want %s", again, b)
		}
	}
}

func TestParseTime(t *testing.T) {
	utc := time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC)
	plus1 := time.FixedZone("", 3600)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-01T10:20:30Z", utc},
		{"2024-03-01T10:20:30.123Z", utc.Add(123 * time.Millisecond)},
		{"2024-03-01T10:20:30.123456789Z", utc.Add(123456789)},
		{"2024-03-01T10:20:30.1234567891234Z", utc.Add(123456789)},
		{"2024-03-01T10:20:30,5Z", utc.Add(500 * time.Millisecond)},
		{"2024-03-01T11:20:30+01:00", utc.In(plus1)},
		{"2024-03-01T11:20:30.5+01:00", utc.Add(500 * time.Millisecond)},
		{"2024-03-01T11:20:30+0100", utc},
		{"2024-03-01T11:20:30+01", utc},
		{"2024-03-01T10:20:30", utc},
		{"2024-03-01T10:20:30.25", utc.Add(250 * time.Millisecond)},
		{"2024-03-01 10:20:30Z", utc},
		{"2024-03-01 10:20:30", utc},
		{"2024-03-01t10:20:30z", utc},
		{"2024-03-01 11:20:30+01", utc},
		{"2024-03-01T10:20Z", utc.Add(-30 * time.Second)},
		{" 2024-03-01T10:20:30Z ", utc},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("ParseTime = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "2024-03-01", "yesterday", "2024-13-01T00:00:00Z", "2024-03-01T25:00:00Z", "2024-03-01T10:20:30+1"} {
		if got, err := ParseTime(bad); err == nil {
			t.Errorf("ParseTime(%q) = %v, want an error", bad, got)
		}
	}
}

func TestTimeJSON(t *testing.T) {
	type s struct {
		At  Time  `json:"at"`
		Opt *Time `json:"opt,omitzero"`
	}
	var v s
	if err := json.Unmarshal([]byte(`{"at":"2024-03-01 10:20:30.5","opt":"2024-03-01t10:20:30z"}`), &v); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2024, 3, 1, 10, 20, 30, 500_000_000, time.UTC)
	if !v.At.Equal(want) || !v.Opt.Equal(want.Truncate(time.Second)) {
		t.Errorf("decoded %v, %v", v.At, v.Opt)
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) != `{"at":"2024-03-01T10:20:30.5Z","opt":"2024-03-01T10:20:30Z"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	v.At = Time{want}
	if err := json.Unmarshal([]byte(`{"at":null}`), &v); err != nil || !v.At.Equal(want) {
		t.Errorf("null changed the time: %v, %v", v.At, err)
	}
	for _, bad := range []string{`{"at":"soon"}`, `{"at":42}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("no error for %s", bad)
		}
	}
	var tt Time
	if err := tt.UnmarshalText([]byte("2024-03-01 10:20:30")); err != nil || !tt.Equal(want.Truncate(time.Second)) {
		t.Errorf("UnmarshalText = %v, %v", tt, err)
	}
}

func TestTimeJSONRFC3339(t *testing.T) {
	for in, want := range map[string]time.Time{
		`"2024-03-01T10:20:30Z"`:           time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC),
		`"2024-03-01T10:20:30.25+02:00"`:   time.Date(2024, 3, 1, 8, 20, 30, 250_000_000, time.UTC),
		`"2024-03-01T10:20:30\u005a"`:      time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC), // escaped: read leniently
		`"2024-03-01T10:20:30.000000001Z"`: time.Date(2024, 3, 1, 10, 20, 30, 1, time.UTC),
	} {
		var v Time
		if err := v.UnmarshalJSON([]byte(in)); err != nil || !v.Equal(want) {
			t.Errorf("UnmarshalJSON(%s) = %v, %v; want %v", in, v.Time, err, want)
		}
	}
	// The common case costs no allocation.
	b := []byte(`"2024-03-01T10:20:30Z"`)
	var v Time
	if n := testing.AllocsPerRun(100, func() { _ = v.UnmarshalJSON(b) }); n != 0 {
		t.Errorf("UnmarshalJSON of an RFC 3339 UTC time: %v allocations", n)
	}
}
