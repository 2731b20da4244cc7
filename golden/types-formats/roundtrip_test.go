package formats

// JSON round trips of formatted values. Hand-written: the generator
// keeps this file. date-time decodes leniently (RFC 3339 and the variants servers send) and is
// written back as RFC 3339; date round-trips as 2024-03-01; integers keep their full range.

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// rtCase is one round trip: in is decoded into a T, check asserts the typed value, and the value
// encoded again must equal want (in when want is empty) as JSON.
type rtCase[T any] struct {
	name  string
	in    string
	want  string
	check func(t *testing.T, v T)
}

func runRoundTrips[T any](t *testing.T, cases []rtCase[T]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v T
			if err := json.Unmarshal([]byte(c.in), &v); err != nil {
				t.Fatalf("decoding %s: %v", c.in, err)
			}
			if c.check != nil {
				c.check(t, v)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("encoding: %v", err)
			}
			want := c.want
			if want == "" {
				want = c.in
			}
			if !sameJSON(t, out, []byte(want)) {
				t.Errorf("encoded again:\n got  %s\n want %s", out, want)
			}
		})
	}
}

// sameJSON compares two documents as values; numbers are compared as written.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	return reflect.DeepEqual(decodeAny(t, a), decodeAny(t, b))
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	return v
}

// wantField asserts the Go type and JSON tag of a field of S. It goes through reflection so that
// the test compiles whatever the generator made of the field, and fails with what it made.
func wantField[S, F any](t *testing.T, field, tag string) {
	t.Helper()
	sf, ok := reflect.TypeFor[S]().FieldByName(field)
	if !ok {
		t.Errorf("%v has no field %s", reflect.TypeFor[S](), field)
		return
	}
	if want := reflect.TypeFor[F](); sf.Type != want {
		t.Errorf("%v.%s is %v, want %v", reflect.TypeFor[S](), field, sf.Type, want)
	}
	if got := sf.Tag.Get("json"); got != tag {
		t.Errorf("%v.%s has json tag %q, want %q", reflect.TypeFor[S](), field, got, tag)
	}
}

func TestSampleFields(t *testing.T) {
	wantField[Sample, time.Time](t, "TakenAt", "takenAt")
	wantField[Sample, *time.Time](t, "CheckedAt", "checkedAt,omitzero")
	wantField[Sample, []time.Time](t, "History", "history,omitzero")
	wantField[Sample, map[string]time.Time](t, "ByStation", "byStation,omitzero")
	wantField[Sample, Date](t, "Day", "day")
	wantField[Sample, *Date](t, "NextDay", "nextDay,omitzero")
	wantField[Sample, int32](t, "Small", "small")
	wantField[Sample, int64](t, "Big", "big")
	wantField[Sample, *int64](t, "Plain", "plain,omitzero")
	wantField[Sample, *float32](t, "Ratio", "ratio,omitzero")
	wantField[Sample, *float64](t, "Precise", "precise,omitzero")
	wantField[Sample, *float64](t, "Amount", "amount,omitzero")
	wantField[Sample, []byte](t, "Payload", "payload,omitzero")
	wantField[Sample, *UploadFile](t, "Attachment", "attachment,omitzero") // binary inside JSON: its content as a string
	// Unknown formats are ignored: the base type.
	wantField[Sample, *string](t, "Email", "email,omitzero")
	wantField[Sample, *string](t, "ID", "id,omitzero")
	wantField[Sample, *string](t, "Color", "color,omitzero")
	wantField[Sample, *int64](t, "Count", "count,omitzero")
}

// base is a Sample with every required field; the cases add to it.
func sample(takenAt string, more string) string {
	return `{"takenAt":"` + takenAt + `","day":"2024-03-01","small":1,"big":2` + more + `}`
}

func TestDateTimeLenient(t *testing.T) {
	for _, c := range []struct {
		name, in, out string
		want          time.Time
	}{
		{"RFC 3339 UTC", "2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
		{"nanoseconds and offset", "2024-03-01T10:00:00.123456789+02:00", "2024-03-01T10:00:00.123456789+02:00", time.Date(2024, 3, 1, 8, 0, 0, 123456789, time.UTC)},
		{"milliseconds", "2024-03-01T10:00:00.5Z", "2024-03-01T10:00:00.5Z", time.Date(2024, 3, 1, 10, 0, 0, 500000000, time.UTC)},
		{"space separator", "2024-03-01 10:00:00", "2024-03-01T10:00:00Z", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
		{"no zone", "2024-03-01T10:00:00", "2024-03-01T10:00:00Z", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
		{"offset without colon", "2024-03-01T10:00:00+0100", "2024-03-01T10:00:00+01:00", time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)},
	} {
		t.Run(c.name, func(t *testing.T) {
			check := func(field string, got time.Time) {
				t.Helper()
				if !got.Equal(c.want) {
					t.Errorf("%s = %v, want the instant %v", field, got, c.want)
				}
			}
			runRoundTrips(t, []rtCase[Sample]{
				{
					name: "required",
					in:   sample(c.in, ""),
					want: sample(c.out, ""),
					check: func(t *testing.T, s Sample) {
						check("TakenAt", s.TakenAt)
					},
				},
				{
					name: "optional",
					in:   sample(c.in, `,"checkedAt":"`+c.in+`"`),
					want: sample(c.out, `,"checkedAt":"`+c.out+`"`),
					check: func(t *testing.T, s Sample) {
						if s.CheckedAt == nil {
							t.Fatal("CheckedAt is nil")
						}
						check("CheckedAt", *s.CheckedAt)
					},
				},
				{
					name: "in an array",
					in:   sample(c.in, `,"history":["`+c.in+`","`+c.in+`"]`),
					want: sample(c.out, `,"history":["`+c.out+`","`+c.out+`"]`),
					check: func(t *testing.T, s Sample) {
						if len(s.History) != 2 {
							t.Fatalf("History = %v", s.History)
						}
						check("History[1]", s.History[1])
					},
				},
				{
					name: "in a map",
					in:   sample(c.in, `,"byStation":{"north":"`+c.in+`"}`),
					want: sample(c.out, `,"byStation":{"north":"`+c.out+`"}`),
					check: func(t *testing.T, s Sample) {
						check("ByStation[north]", s.ByStation["north"])
					},
				},
			})
		})
	}
	// Not a date-time at all: an error, not a zero time.
	var s Sample
	if err := json.Unmarshal([]byte(sample("yesterday", "")), &s); err == nil {
		t.Errorf("takenAt \"yesterday\" decoded as %v", s.TakenAt)
	}
}

func TestDate(t *testing.T) {
	runRoundTrips(t, []rtCase[Sample]{
		{
			name: "date",
			in:   sample("2024-03-01T10:00:00Z", `,"nextDay":"2024-03-02"`),
			check: func(t *testing.T, s Sample) {
				if s.Day != (Date{Year: 2024, Month: time.March, Day: 1}) {
					t.Errorf("Day = %+v", s.Day)
				}
				if s.NextDay == nil || *s.NextDay != (Date{Year: 2024, Month: time.March, Day: 2}) {
					t.Errorf("NextDay = %v", s.NextDay)
				}
				if s.Day.String() != "2024-03-01" {
					t.Errorf("Day.String() = %q", s.Day.String())
				}
			},
		},
		{
			name: "leap day and a year before 1000",
			in:   `{"takenAt":"2024-03-01T10:00:00Z","day":"2024-02-29","nextDay":"0999-12-31","small":1,"big":2}`,
			check: func(t *testing.T, s Sample) {
				if s.Day != (Date{Year: 2024, Month: time.February, Day: 29}) || s.NextDay == nil || s.NextDay.Year != 999 {
					t.Errorf("Day %+v, NextDay %+v", s.Day, s.NextDay)
				}
			},
		},
	})
	var s Sample
	if err := json.Unmarshal([]byte(`{"takenAt":"2024-03-01T10:00:00Z","day":"2024-02-30","small":1,"big":2}`), &s); err == nil {
		t.Errorf("day 2024-02-30 decoded as %+v", s.Day)
	}
}

func TestNumbers(t *testing.T) {
	runRoundTrips(t, []rtCase[Sample]{
		{
			name: "maxima",
			in: `{"takenAt":"2024-03-01T10:00:00Z","day":"2024-03-01","small":2147483647,"big":9223372036854775807,` +
				`"plain":9223372036854775807,"ratio":3.4028235e+38,"precise":1.7976931348623157e+308,"amount":0.1,"count":255}`,
			check: func(t *testing.T, s Sample) {
				if s.Small != math.MaxInt32 || s.Big != math.MaxInt64 || s.Plain == nil || *s.Plain != math.MaxInt64 {
					t.Errorf("Small %d, Big %d, Plain %v", s.Small, s.Big, s.Plain)
				}
				if s.Ratio == nil || *s.Ratio != math.MaxFloat32 || s.Precise == nil || *s.Precise != math.MaxFloat64 {
					t.Errorf("Ratio %v, Precise %v", s.Ratio, s.Precise)
				}
				if s.Amount == nil || *s.Amount != 0.1 || s.Count == nil || *s.Count != 255 {
					t.Errorf("Amount %v, Count %v", s.Amount, s.Count)
				}
			},
		},
		{
			name: "minima",
			in:   `{"takenAt":"2024-03-01T10:00:00Z","day":"2024-03-01","small":-2147483648,"big":-9223372036854775808,"ratio":0.1,"precise":5e-324}`,
			check: func(t *testing.T, s Sample) {
				if s.Small != math.MinInt32 || s.Big != math.MinInt64 {
					t.Errorf("Small %d, Big %d", s.Small, s.Big)
				}
				if s.Ratio == nil || *s.Ratio != float32(0.1) || s.Precise == nil || *s.Precise != math.SmallestNonzeroFloat64 {
					t.Errorf("Ratio %v, Precise %v", s.Ratio, s.Precise)
				}
			},
		},
		// Zero is a value: required numbers are written even when zero.
		{name: "zeros", in: `{"takenAt":"2024-03-01T10:00:00Z","day":"2024-03-01","small":0,"big":0,"plain":0,"amount":0}`},
	})
	for _, in := range []string{
		`{"takenAt":"2024-03-01T10:00:00Z","day":"2024-03-01","small":2147483648,"big":0}`,
		`{"takenAt":"2024-03-01T10:00:00Z","day":"2024-03-01","small":0,"big":9223372036854775808}`,
		`{"takenAt":"2024-03-01T10:00:00Z","day":"2024-03-01","small":1.5,"big":0}`,
	} {
		var s Sample
		if err := json.Unmarshal([]byte(in), &s); err == nil {
			t.Errorf("out of range or fractional integer decoded without error: %s → %+v", in, s)
		}
	}
}

func TestBytesAndStrings(t *testing.T) {
	runRoundTrips(t, []rtCase[Sample]{
		{
			name: "byte, binary and unknown formats",
			in: sample("2024-03-01T10:00:00Z", `,"payload":"aGVsbG8gd29ybGQ=","attachment":"raw bytes","email":"a@example.com",`+
				`"id":"0b5d8c1e-3f5a-4c6b-9d2e-7a8b9c0d1e2f","color":"#ff0000"`),
			check: func(t *testing.T, s Sample) {
				if string(s.Payload) != "hello world" {
					t.Errorf("Payload = %q", s.Payload)
				}
				if s.Attachment == nil || fileContent(s.Attachment) != "raw bytes" || s.Email == nil || *s.Email != "a@example.com" ||
					s.ID == nil || s.Color == nil || *s.Color != "#ff0000" {
					t.Errorf("sample = %+v", s)
				}
			},
		},
		{
			name: "binary payload",
			in:   sample("2024-03-01T10:00:00Z", `,"payload":"AP8Q"`),
			check: func(t *testing.T, s Sample) {
				if !bytes.Equal(s.Payload, []byte{0x00, 0xff, 0x10}) {
					t.Errorf("Payload = %v", s.Payload)
				}
			},
		},
		// An empty payload is a value; it is written back as "".
		{name: "empty payload", in: sample("2024-03-01T10:00:00Z", `,"payload":""`)},
	})
	var s Sample
	if err := json.Unmarshal([]byte(sample("2024-03-01T10:00:00Z", `,"payload":"not base64!"`)), &s); err == nil {
		t.Errorf("invalid base64 decoded as %q", s.Payload)
	}
}

// A date as a path parameter and a date-time as a query parameter; an array response of samples
// decoded leniently.
func TestGetSamplesOn(t *testing.T) {
	var path, since string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, since = r.URL.Path, r.URL.Query().Get("since")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`[` + sample("2024-03-01 10:00:00", "") + `]`))
	}))
	defer srv.Close()
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.FixedZone("", 2*3600))
	out, err := New(WithServerURL(srv.URL)).GetSamplesOn(context.Background(), Date{Year: 2024, Month: time.March, Day: 1}, GetSamplesOnRequest{Since: &at})
	if err != nil {
		t.Fatal(err)
	}
	if path != "/samples/2024-03-01" || since != "2024-03-01T10:00:00+02:00" {
		t.Errorf("request %s since %s", path, since)
	}
	if len(out) != 1 || !out[0].TakenAt.Equal(time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("samples = %+v", out)
	}
}

// fileContent reads an UploadFile's content and puts it back, so the round
// trip can encode it again.
func fileContent(f *UploadFile) string {
	b, _ := io.ReadAll(f.Content)
	f.Content = strings.NewReader(string(b))
	return string(b)
}
