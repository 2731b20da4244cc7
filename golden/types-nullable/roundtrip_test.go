package nullable

// JSON round trips of nullable fields. Hand-written: the generator
// keeps this file. Absent, null and a value are three states; each must survive decoding and
// encoding: an absent field stays out of the JSON, a null one is written as null.

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
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

// nullState names the state of a Nullable for messages.
func nullState[T any](n Nullable[T]) string {
	switch {
	case n.IsNull():
		return "null"
	case n.IsSet():
		return "value"
	}
	return "absent"
}

func wantState[T any](t *testing.T, field string, n Nullable[T], want string) {
	t.Helper()
	if got := nullState(n); got != want {
		t.Errorf("%s is %s, want %s", field, got, want)
	}
}

var utc10 = time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)

// The fields of the PATCH body: optional and nullable is Nullable[T]; optional only is *T.
func TestProfilePatchFields(t *testing.T) {
	wantField[ProfilePatch, Nullable[string]](t, "Nickname", "nickname,omitzero") // type: [string, "null"]
	wantField[ProfilePatch, Nullable[string]](t, "Bio", "bio,omitzero")           // nullable: true
	wantField[ProfilePatch, Nullable[int32]](t, "Age", "age,omitzero")
	wantField[ProfilePatch, Nullable[float64]](t, "Score", "score,omitzero")
	wantField[ProfilePatch, Nullable[bool]](t, "Verified", "verified,omitzero")
	wantField[ProfilePatch, Nullable[Date]](t, "Birthday", "birthday,omitzero")
	wantField[ProfilePatch, Nullable[time.Time]](t, "LastSeen", "lastSeen,omitzero")
	wantField[ProfilePatch, Nullable[ProfilePatchColor]](t, "Color", "color,omitzero")
	wantField[ProfilePatch, Nullable[Address]](t, "Address", "address,omitzero") // $ref to type: [object, "null"]
	wantField[ProfilePatch, *string](t, "Locale", "locale,omitzero")
	// A nullable array or map must be able to say null ("clear the list") apart from absent.
	wantField[ProfilePatch, Nullable[[]string]](t, "Tags", "tags,omitzero")
	wantField[ProfilePatch, Nullable[map[string]string]](t, "Labels", "labels,omitzero")
}

func TestProfilePatchRoundTrip(t *testing.T) {
	runRoundTrips(t, []rtCase[ProfilePatch]{
		{
			name: "all absent",
			in:   `{}`,
			check: func(t *testing.T, p ProfilePatch) {
				wantState(t, "Nickname", p.Nickname, "absent")
				wantState(t, "Bio", p.Bio, "absent")
				wantState(t, "Age", p.Age, "absent")
				wantState(t, "Score", p.Score, "absent")
				wantState(t, "Verified", p.Verified, "absent")
				wantState(t, "Birthday", p.Birthday, "absent")
				wantState(t, "LastSeen", p.LastSeen, "absent")
				wantState(t, "Color", p.Color, "absent")
				wantState(t, "Address", p.Address, "absent")
				// Through reflection, so this compiles whether tags and labels are slices or
				// Nullable (see TestProfilePatchFields).
				v := reflect.ValueOf(p)
				if !v.FieldByName("Tags").IsZero() || !v.FieldByName("Labels").IsZero() || p.Locale != nil {
					t.Errorf("collections or locale set: %+v", p)
				}
			},
		},
		{
			name: "scalars and objects null",
			in:   `{"nickname":null,"bio":null,"age":null,"score":null,"verified":null,"birthday":null,"lastSeen":null,"color":null,"address":null}`,
			check: func(t *testing.T, p ProfilePatch) {
				wantState(t, "Nickname", p.Nickname, "null")
				wantState(t, "Bio", p.Bio, "null")
				wantState(t, "Age", p.Age, "null")
				wantState(t, "Score", p.Score, "null")
				wantState(t, "Verified", p.Verified, "null")
				wantState(t, "Birthday", p.Birthday, "null")
				wantState(t, "LastSeen", p.LastSeen, "null")
				wantState(t, "Color", p.Color, "null")
				wantState(t, "Address", p.Address, "null")
			},
		},
		// tags and labels are `type: [array, "null"]` and `type: [object, "null"]`: null must be
		// written back, not dropped as if absent.
		{name: "array and map null", in: `{"tags":null,"labels":null}`},
		{
			name: "values",
			in: `{"nickname":"Nick","bio":"","age":30,"score":1.5,"verified":false,"birthday":"1990-05-17",` +
				`"lastSeen":"2024-03-01T10:00:00Z","color":"red","address":{"city":"Oslo","zip":"0150"},` +
				`"tags":["a","b"],"labels":{"k":"v"},"locale":"nb"}`,
			check: func(t *testing.T, p ProfilePatch) {
				if v, ok := p.Nickname.Get(); !ok || v != "Nick" {
					t.Errorf("Nickname = %q, %v", v, ok)
				}
				// The empty string is a value, not null.
				if v, ok := p.Bio.Get(); !ok || v != "" {
					t.Errorf("Bio = %q, %v", v, ok)
				}
				if v, ok := p.Age.Get(); !ok || v != 30 {
					t.Errorf("Age = %d, %v", v, ok)
				}
				if v, ok := p.Score.Get(); !ok || v != 1.5 {
					t.Errorf("Score = %v, %v", v, ok)
				}
				if v, ok := p.Verified.Get(); !ok || v {
					t.Errorf("Verified = %v, %v", v, ok)
				}
				if v, ok := p.Birthday.Get(); !ok || v != (Date{Year: 1990, Month: time.May, Day: 17}) {
					t.Errorf("Birthday = %v, %v", v, ok)
				}
				if v, ok := p.LastSeen.Get(); !ok || !v.Equal(utc10) {
					t.Errorf("LastSeen = %v, %v", v, ok)
				}
				if v, ok := p.Color.Get(); !ok || v != ProfilePatchColorRed || !v.IsKnown() {
					t.Errorf("Color = %q, %v", v, ok)
				}
				if v, ok := p.Address.Get(); !ok || v.City != "Oslo" || v.Zip == nil || *v.Zip != "0150" {
					t.Errorf("Address = %+v, %v", v, ok)
				}
				if p.Locale == nil || *p.Locale != "nb" {
					t.Errorf("Locale = %v", p.Locale)
				}
			},
		},
		{
			name: "unknown enum value",
			in:   `{"color":"blue"}`,
			check: func(t *testing.T, p ProfilePatch) {
				if v, ok := p.Color.Get(); !ok || v != "blue" || v.IsKnown() {
					t.Errorf("Color = %q, %v (known %v)", v, ok, v.IsKnown())
				}
			},
		},
		// An empty list is a value: written back as [].
		{name: "empty array", in: `{"tags":[]}`},
		// A nullable date-time is decoded as leniently as any other.
		{
			name: "lenient lastSeen",
			in:   `{"lastSeen":"2024-03-01 10:00:00"}`,
			want: `{"lastSeen":"2024-03-01T10:00:00Z"}`,
			check: func(t *testing.T, p ProfilePatch) {
				if v, ok := p.LastSeen.Get(); !ok || !v.Equal(utc10) {
					t.Errorf("LastSeen = %v, %v", v, ok)
				}
			},
		},
		// So are the date-times of a nullable array, and its null.
		{
			name: "lenient seenAt",
			in:   `{"seenAt":["2024-03-01 10:00:00","2024-03-01T11:00:00+01"]}`,
			want: `{"seenAt":["2024-03-01T10:00:00Z","2024-03-01T11:00:00+01:00"]}`,
			check: func(t *testing.T, p ProfilePatch) {
				if v, ok := p.SeenAt.Get(); !ok || len(v) != 2 || !v[0].Equal(utc10) || !v[1].Equal(utc10) {
					t.Errorf("SeenAt = %v, %v", v, ok)
				}
			},
		},
		{
			name: "null seenAt",
			in:   `{"seenAt":null,"lastSeen":"2024-03-01 10:00:00"}`,
			want: `{"seenAt":null,"lastSeen":"2024-03-01T10:00:00Z"}`,
			check: func(t *testing.T, p ProfilePatch) {
				if !p.SeenAt.IsNull() {
					t.Errorf("SeenAt = %v, want null", p.SeenAt)
				}
			},
		},
	})
}

// Encoding built values: absent is left out, Null() is written as null, NewNullable(v) as v.
func TestProfilePatchEncode(t *testing.T) {
	for _, c := range []struct {
		name  string
		patch ProfilePatch
		want  string
	}{
		{"absent", ProfilePatch{}, `{}`},
		{"null", ProfilePatch{Nickname: Null[string](), Address: Null[Address](), Birthday: Null[Date]()}, `{"nickname":null,"address":null,"birthday":null}`},
		{"values", ProfilePatch{Nickname: NewNullable("N"), Age: NewNullable[int32](0), Birthday: NewNullable(Date{Year: 2024, Month: time.March, Day: 1}), LastSeen: NewNullable(utc10)},
			`{"nickname":"N","age":0,"birthday":"2024-03-01","lastSeen":"2024-03-01T10:00:00Z"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := json.Marshal(c.patch)
			if err != nil || !sameJSON(t, b, []byte(c.want)) {
				t.Errorf("Marshal = %s, %v; want %s", b, err, c.want)
			}
		})
	}
}

// The PATCH request sends exactly what the caller set: nothing for absent, null to clear, the
// value to set.
func TestUpdateProfileBody(t *testing.T) {
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPatch || r.URL.Path != "/profiles/p1" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":"p1","nickname":null,"bio":"b","age":null,"lastSeen":null,"address":null,"tags":[]}`))
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL))
	for _, tc := range []struct {
		name  string
		patch ProfilePatch
		want  string
	}{
		{"leave", ProfilePatch{}, `{}`},
		{"clear", ProfilePatch{Nickname: Null[string](), Age: Null[int32]()}, `{"nickname":null,"age":null}`},
		{"set", ProfilePatch{Nickname: NewNullable("Nick"), Bio: NewNullable("")}, `{"nickname":"Nick","bio":""}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := c.UpdateProfile(context.Background(), "p1", withBody[UpdateProfileRequest](tc.patch))
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, body, []byte(tc.want)) {
				t.Errorf("sent %s, want %s", body, tc.want)
			}
			if out.Nickname != nil || out.Bio == nil || *out.Bio != "b" {
				t.Errorf("response = %+v", out)
			}
		})
	}
}

// Required and nullable: *T without omitzero, so null is written back and a key is never left
// out.
func TestProfileRequiredNullable(t *testing.T) {
	wantField[Profile, *string](t, "Nickname", "nickname")
	wantField[Profile, *string](t, "Bio", "bio")
	wantField[Profile, *int32](t, "Age", "age")
	wantField[Profile, *time.Time](t, "LastSeen", "lastSeen")
	wantField[Profile, *Address](t, "Address", "address")
	wantField[Profile, []string](t, "Tags", "tags") // required: nil is written as null, never left out

	runRoundTrips(t, []rtCase[Profile]{
		{
			name: "nulls",
			in:   `{"id":"p1","nickname":null,"bio":null,"age":null,"lastSeen":null,"address":null,"tags":[]}`,
			check: func(t *testing.T, p Profile) {
				if p.Nickname != nil || p.Bio != nil || p.Age != nil || p.LastSeen != nil || p.Address != nil {
					t.Errorf("profile = %+v", p)
				}
				if p.Tags == nil || len(p.Tags) != 0 {
					t.Errorf("Tags = %#v, want an empty slice", p.Tags)
				}
			},
		},
		{
			name: "values",
			in:   `{"id":"p1","nickname":"N","bio":"B","age":41,"lastSeen":"2024-03-01T10:00:00Z","address":{"city":"Oslo"},"tags":["x"],"locale":"nb"}`,
			check: func(t *testing.T, p Profile) {
				if p.Nickname == nil || *p.Nickname != "N" || p.Age == nil || *p.Age != 41 || p.Address == nil || p.Address.City != "Oslo" {
					t.Errorf("profile = %+v", p)
				}
				if p.LastSeen == nil || !p.LastSeen.Equal(utc10) {
					t.Errorf("LastSeen = %v", p.LastSeen)
				}
			},
		},
		// The required array is null: written back as null, not left out.
		{name: "tags null", in: `{"id":"p1","nickname":null,"bio":null,"age":null,"lastSeen":null,"address":null,"tags":null}`},
		// A required nullable date-time is decoded as leniently as any other.
		{
			name: "lenient lastSeen",
			in:   `{"id":"p1","nickname":null,"bio":null,"age":null,"lastSeen":"2024-03-01 10:00:00","address":null,"tags":[]}`,
			want: `{"id":"p1","nickname":null,"bio":null,"age":null,"lastSeen":"2024-03-01T10:00:00Z","address":null,"tags":[]}`,
			check: func(t *testing.T, p Profile) {
				if p.LastSeen == nil || !p.LastSeen.Equal(utc10) {
					t.Errorf("LastSeen = %v", p.LastSeen)
				}
			},
		},
	})

	// The zero value writes every required key.
	b, err := json.Marshal(Profile{})
	want := `{"id":"","nickname":null,"bio":null,"age":null,"lastSeen":null,"address":null,"tags":null}`
	if err != nil || !sameJSON(t, b, []byte(want)) {
		t.Errorf("Marshal(Profile{}) = %s, %v; want %s", b, err, want)
	}
}

// withBody returns a request struct R whose Body is v. Through reflection, so the test does not
// depend on whether a required JSON body is generated as a T or a *T (not what this file tests).
func withBody[R, T any](v T) R {
	var r R
	f := reflect.ValueOf(&r).Elem().FieldByName("Body")
	if f.Kind() == reflect.Pointer {
		f.Set(reflect.ValueOf(&v))
	} else {
		f.Set(reflect.ValueOf(v))
	}
	return r
}
