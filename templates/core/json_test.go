package core

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestExtraAndMarshalExtra(t *testing.T) {
	type plain struct {
		A string `json:"a"`
		B int    `json:"b,omitzero"`
	}
	data := []byte(`{"a":"x","b":2,"c":"three","d":"four"}`)
	extra, err := Extra[string](data, "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if len(extra) != 2 || extra["c"] != "three" || extra["d"] != "four" {
		t.Fatalf("Extra = %v", extra)
	}
	if _, err := Extra[int](data, "a", "b"); err == nil {
		t.Error("Extra[int] of string values: want an error")
	}
	if e, _ := Extra[string]([]byte(`{"a":"x"}`), "a"); e != nil {
		t.Errorf("no extra keys: got %v, want nil", e)
	}
	out, err := MarshalExtra(plain{A: "x", B: 2}, extra)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"a":"x","b":2,"c":"three","d":"four"}` {
		t.Errorf("MarshalExtra = %s", out)
	}
	// A key the struct writes itself is not written twice; an empty
	// struct still gets its extras.
	out, _ = MarshalExtra(plain{A: "x"}, map[string]string{"a": "dup", "z": "1"})
	if string(out) != `{"a":"x","z":"1"}` {
		t.Errorf("MarshalExtra with duplicate = %s", out)
	}
	out, _ = MarshalExtra(struct{}{}, map[string]int{"k": 1})
	if string(out) != `{"k":1}` {
		t.Errorf("MarshalExtra of empty struct = %s", out)
	}
	var round map[string]any
	if err := json.Unmarshal(out, &round); err != nil {
		t.Errorf("MarshalExtra wrote invalid JSON %s: %v", out, err)
	}
}

func TestMixedEnum(t *testing.T) {
	lits := map[string]string{"1": "1", "true": "true", "two": `"two"`, "3": `"3"`}
	for v, want := range map[string]string{"1": `1`, "true": `true`, "two": `"two"`, "3": `"3"`, "42": `42`, "4x": `"4x"`, "false": `false`} {
		got, err := MixedLiteral(v, lits)
		if err != nil || string(got) != want {
			t.Errorf("MixedLiteral(%q) = %s, %v; want %s", v, got, err, want)
		}
	}
	for data, want := range map[string]string{`1`: "1", ` 2.5 `: "2.5", `true`: "true", `"two"`: "two"} {
		got, err := MixedValue([]byte(data))
		if err != nil || got != want {
			t.Errorf("MixedValue(%s) = %q, %v; want %q", data, got, err, want)
		}
	}
	for _, bad := range []string{`{}`, `[1]`, `nul`} {
		if _, err := MixedValue([]byte(bad)); err == nil {
			t.Errorf("MixedValue(%s): want an error", bad)
		}
	}
}

// lenientShapes holds a date-time in every shape a generated struct gives
// one, as UnmarshalJSON methods see it: a conversion without methods.
type lenientShapes struct {
	At       time.Time             `json:"at"`
	Opt      *time.Time            `json:"opt,omitzero"`
	Req      *time.Time            `json:"req"`
	Null     Nullable[time.Time]   `json:"null,omitzero"`
	List     []time.Time           `json:"list,omitzero"`
	ByKey    map[string]time.Time  `json:"byKey,omitzero"`
	NullList Nullable[[]time.Time] `json:"nullList,omitzero"`
	Escaped  *time.Time            `json:"créé<&>,omitzero"`
	Inner    *lenientInner         `json:"inner,omitzero"`
	Other    *time.Time            `json:"other,omitzero"` // not named: strict
	Count    int                   `json:"count,omitzero"`
}

var lenientNames = []string{"at", "opt", "req", "null", "list", "byKey", "nullList", "créé<&>"}

// lenientInner is a nested struct with its own lenient method.
type lenientInner struct {
	At time.Time `json:"at"`
}

func (t *lenientInner) UnmarshalJSON(data []byte) error {
	type plain lenientInner
	return UnmarshalLenient(data, (*plain)(t), "at")
}

func TestUnmarshalLenient(t *testing.T) {
	type plain lenientShapes
	decode := func(data string) (lenientShapes, error) {
		var v lenientShapes
		err := UnmarshalLenient([]byte(data), (*plain)(&v), lenientNames...)
		return v, err
	}
	when := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	same := func(name string, got, want time.Time) {
		t.Helper()
		if !got.Equal(want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	for _, spelling := range []string{
		"2024-03-01T10:00:00Z", "2024-03-01 10:00:00", "2024-03-01T10:00:00", "2024-03-01t10:00:00z",
		"2024-03-01T11:00:00+0100", "2024-03-01T11:00:00+01", "2024-03-01T10:00", "2024-03-01T10:00:00.000000Z",
		`2024-03-01T10:00:00\u005a`, // escaped, which encoding/json's time.Time refuses
	} {
		q := `"` + spelling + `"`
		v, err := decode(`{ "at" : ` + q + `, "opt":` + q + `,"req":` + q + `,"null":` + q +
			`,"list":[` + q + `,null,` + q + `],"byKey":{"a":` + q + `,"b":null},"nullList":[` + q + `]` +
			`,"cr\u00e9\u00e9\u003c\u0026\u003e":` + q + `,"inner":{"at":` + q + `},"count":3}`)
		if err != nil {
			t.Errorf("%s: %v", spelling, err)
			continue
		}
		same(spelling+": At", v.At, when)
		if v.Opt == nil || v.Req == nil || v.Escaped == nil || v.Inner == nil {
			t.Fatalf("%s: pointers left nil: %+v", spelling, v)
		}
		same(spelling+": Opt", *v.Opt, when)
		same(spelling+": Req", *v.Req, when)
		same(spelling+": Escaped", *v.Escaped, when)
		same(spelling+": Inner.At", v.Inner.At, when)
		n, ok := v.Null.Get()
		same(spelling+": Null", n, when)
		if !ok {
			t.Errorf("%s: Null not set", spelling)
		}
		if len(v.List) != 3 || !v.List[1].IsZero() {
			t.Errorf("%s: List = %v, want a time, a zero time (null), a time", spelling, v.List)
		} else {
			same(spelling+": List[2]", v.List[2], when)
		}
		if len(v.ByKey) != 2 || !v.ByKey["b"].IsZero() {
			t.Errorf("%s: ByKey = %v", spelling, v.ByKey)
		} else {
			same(spelling+": ByKey[a]", v.ByKey["a"], when)
		}
		if l, _ := v.NullList.Get(); len(l) != 1 {
			t.Errorf("%s: NullList = %v", spelling, v.NullList)
		} else {
			same(spelling+": NullList[0]", l[0], when)
		}
		if v.Count != 3 {
			t.Errorf("%s: Count = %d, the rest of the object is lost", spelling, v.Count)
		}
	}

	// Null and absent keep their meaning: a nil pointer, a Nullable that is
	// null or absent, nil slices and maps.
	v, err := decode(`{"at":"2024-03-01 10:00:00","opt":null,"req":null,"null":null,"list":null,"byKey":null,"nullList":null}`)
	if err != nil {
		t.Fatal(err)
	}
	same("At", v.At, when)
	if v.Opt != nil || v.Req != nil || !v.Null.IsNull() || v.List != nil || v.ByKey != nil || !v.NullList.IsNull() {
		t.Errorf("nulls: %+v", v)
	}
	v, err = decode(`{"at":"2024-03-01 10:00:00"}`)
	if err != nil || v.Opt != nil || v.Null.IsSet() || v.NullList.IsSet() || v.List != nil || v.ByKey != nil || v.Inner != nil {
		t.Errorf("absent: %+v, %v", v, err)
	}

	// Keys match names as encoding/json matches them to fields, ignoring case.
	if v, err := decode(`{"AT":"2024-03-01 10:00:00"}`); err != nil || !v.At.Equal(when) {
		t.Errorf("AT: %v, %v", v.At, err)
	}

	// Errors: a date-time no spelling fits, wherever it is; one in a
	// property not named; an error that is not about a date-time, alone or
	// after a lenient date-time.
	for _, bad := range []string{
		`{"at":"yesterday"}`,
		`{"at":"2024-03-01 10:00:00","opt":"yesterday"}`,
		`{"at":"2024-03-01 10:00:00","list":["2024-03-01 10:00:00","soon"]}`,
		`{"at":"2024-03-01 10:00:00","byKey":{"a":"2024-13-01 10:00:00"}}`,
		`{"at":"2024-03-01 10:00:00","inner":{"at":"noon"}}`,
		`{"at":"2024-03-01 10:00:00","other":"2024-03-01 10:00:00"}`,
		`{"at":"2024-03-01 10:00:00","list":[1]}`,
		`{"at":"2024-03-01 10:00:00","at":7}`,
		`{"count":"three"}`,
		`{"count":"three","at":"2024-03-01 10:00:00"}`,
		`{"at":"2024-03-01 10:00:00"`,
		`["2024-03-01 10:00:00"]`,
	} {
		if v, err := decode(bad); err == nil {
			t.Errorf("%s: decoded as %+v, want an error", bad, v)
		}
	}
	if _, err := decode(`{"count":"three","at":"2024-03-01 10:00:00"}`); IsTimeError(err) {
		t.Errorf("the type error after the retry became %v", err)
	}

	// null and an empty object decode as json.Unmarshal decodes them.
	for _, data := range []string{`null`, `{}`} {
		if _, err := decode(data); err != nil {
			t.Errorf("%s: %v", data, err)
		}
	}
}

// TestUnmarshalLenientFree: when the server sends RFC 3339 the lenient
// decode allocates no more than json.Unmarshal of the same struct.
func TestUnmarshalLenientFree(t *testing.T) {
	type plain lenientShapes
	data := []byte(`{"at":"2024-03-01T10:00:00Z","opt":"2024-03-01T10:00:00.5+01:00","req":null,"list":["2024-03-01T10:00:00Z"],"count":1}`)
	var v lenientShapes
	strict := testing.AllocsPerRun(100, func() {
		v = lenientShapes{}
		_ = json.Unmarshal(data, (*plain)(&v))
	})
	lenient := testing.AllocsPerRun(100, func() {
		v = lenientShapes{}
		_ = UnmarshalLenient(data, (*plain)(&v), "at", "opt", "req", "null", "list", "byKey", "nullList")
	})
	if lenient != strict {
		t.Errorf("UnmarshalLenient of RFC 3339: %v allocations, json.Unmarshal %v", lenient, strict)
	}
}

func TestHeaderAs(t *testing.T) {
	type status string
	h := http.Header{}
	h.Set("X-Count", "42")
	h.Set("X-Ok", "true")
	h.Set("X-When", "Fri, 01 Mar 2024 10:00:00 GMT")
	h.Set("X-At", "2024-03-01 10:00:00")
	h.Set("X-Rate", "1.5")
	h.Set("X-Status", "open")
	h.Set("X-Bad", "x")
	if v, err := HeaderAs[int64](h, "X-Count"); err != nil || *v != 42 {
		t.Errorf("int64: %v %v", v, err)
	}
	if v, err := HeaderAs[bool](h, "X-Ok"); err != nil || !*v {
		t.Errorf("bool: %v %v", v, err)
	}
	want := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, name := range []string{"X-When", "X-At"} {
		if v, err := HeaderAs[time.Time](h, name); err != nil || !v.Equal(want) {
			t.Errorf("%s: %v %v", name, v, err)
		}
	}
	if v, err := HeaderAs[float64](h, "X-Rate"); err != nil || *v != 1.5 {
		t.Errorf("float: %v %v", v, err)
	}
	if v, err := HeaderAs[status](h, "X-Status"); err != nil || *v != "open" {
		t.Errorf("named string: %v %v", v, err)
	}
	if v, err := HeaderAs[string](h, "X-Missing"); v != nil || err != nil {
		t.Errorf("absent: %v %v", v, err)
	}
	if v := HeaderValue[bool](http.Header{"X-Ok": {"null"}}, "X-Ok"); v != nil {
		t.Errorf("HeaderValue of an unparsable value = %v, want nil", *v)
	}
	if v := HeaderValue[int64](h, "X-Count"); v == nil || *v != 42 {
		t.Errorf("HeaderValue = %v", v)
	}
	if _, err := HeaderAs[int32](h, "X-Bad"); err == nil {
		t.Error("bad int: want an error")
	}
}

func TestAsJSON(t *testing.T) {
	type filter struct {
		Color string `json:"color"`
		Size  int    `json:"size"`
	}
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "f", Method: "GET", Path: "/f"}, nil)
	req.QueryParam("filter", AsJSON(filter{"blue", 3}), Required)
	req.HeaderParam("X-Filter", AsJSON(&filter{"red", 1}), 0)
	req.QueryParam("absent", AsJSON((*filter)(nil)), 0)
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	r := sent()[0]
	if got, want := r.URL.RawQuery, "filter=%7B%22color%22%3A%22blue%22%2C%22size%22%3A3%7D"; got != want {
		t.Errorf("query = %s, want %s", got, want)
	}
	if got := r.Header.Get("X-Filter"); got != `{"color":"red","size":1}` {
		t.Errorf("header = %s", got)
	}
}

func TestIsTimeError(t *testing.T) {
	var v struct {
		At time.Time `json:"at"`
	}
	if err := json.Unmarshal([]byte(`{"at":"2024-03-01 10:00:00"}`), &v); !IsTimeError(err) {
		t.Errorf("lenient-only time: IsTimeError(%v) = false", err)
	}
	if err := json.Unmarshal([]byte(`{"at":1}`), &v); IsTimeError(err) {
		t.Errorf("type error taken for a time error: %v", err)
	}
	if IsTimeError(nil) {
		t.Error("IsTimeError(nil)")
	}
}
