package core

import (
	"encoding/json"
	"testing"
	"time"
)

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
