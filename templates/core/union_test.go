package core

import (
	"context"
	"encoding/json"
	"testing"
)

func TestMatchShape(t *testing.T) {
	shapes := []Shape{
		{Kind: KindObject, Required: []string{"a"}, Properties: []string{"a", "x"}},
		{Kind: KindObject, Required: []string{"a", "b"}, Properties: []string{"a", "b"}},
		{Kind: KindObject, Properties: []string{"y", "z"}},
		{Kind: KindString},
		{Kind: KindInteger},
		{Kind: KindNumber},
		{Kind: KindBool},
	}
	for _, tc := range []struct {
		json string
		want int
	}{
		{`{"a":1}`, 0},
		{`{"a":1,"b":2}`, 1},     // more required properties present wins
		{`{"a":1,"x":2}`, 0},     // known properties break ties
		{`{"y":1,"z":2}`, 0 + 2}, // no required: most known properties
		{`{"q":1}`, 2},           // only the variant without requirements fits
		{`"s"`, 3},               // JSON kinds
		{` 12`, 4},               // integers prefer the integer variant
		{`1.5`, 5},               // fractions only fit numbers
		{`1e3`, 5},
		{`true`, 6},
		{`[1]`, -1},   // nothing takes an array: keep raw
		{`{"a":`, -1}, // malformed
	} {
		if got := MatchShape([]byte(tc.json), shapes); got != tc.want {
			t.Errorf("MatchShape(%s) = %d, want %d", tc.json, got, tc.want)
		}
	}
	if got := MatchShape([]byte(`7`), []Shape{{Kind: KindString}, {Kind: KindNumber}}); got != 1 {
		t.Errorf("integer into number variant: got %d, want 1", got)
	}
	if got := MatchShape([]byte(`[1]`), []Shape{{Kind: KindString}, {Kind: KindAnyJSON}}); got != 1 {
		t.Errorf("any variant: got %d, want 1", got)
	}
}

func TestDiscriminator(t *testing.T) {
	for _, tc := range []struct {
		json, prop, want string
		ok               bool
	}{
		{`{"type":"card","n":1}`, "type", "card", true},
		{`{"type":2}`, "type", "2", true},
		{`{"type":true}`, "type", "true", true},
		{`{"other":"x"}`, "type", "", false},
		{`{"type":{"x":1}}`, "type", "", false},
		{`[1,2]`, "type", "", false},
		{`not json`, "type", "", false},
	} {
		got, ok := Discriminator([]byte(tc.json), tc.prop)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Discriminator(%s) = %q, %v; want %q, %v", tc.json, got, ok, tc.want, tc.ok)
		}
	}
}

func TestClone(t *testing.T) {
	b := []byte(`{"a":1}`)
	c := Clone(b)
	b[0] = 'x'
	if string(c) != `{"a":1}` {
		t.Errorf("Clone aliases its input: %s", c)
	}
}

// scalarUnion stands for a generated union of scalars.
type scalarUnion struct {
	s *string
	n *int
}

func (u scalarUnion) MarshalJSON() ([]byte, error) {
	switch {
	case u.s != nil:
		return json.Marshal(*u.s)
	case u.n != nil:
		return json.Marshal(*u.n)
	}
	return []byte("null"), nil
}

func TestUnionParams(t *testing.T) {
	s, n := "a/b", 12
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "op", Method: "GET", Path: "/items/{id}"}, nil)
	req.PathParam("id", scalarUnion{s: &s})
	req.QueryParam("n", scalarUnion{n: &n}, 0)
	req.QueryParam("unset", scalarUnion{}, 0)
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	hreq := sent()[0]
	if got := hreq.URL.EscapedPath(); got != "/items/a%2Fb" {
		t.Errorf("path = %s", got)
	}
	if got := hreq.URL.RawQuery; got != "n=12" {
		t.Errorf("query = %s", got)
	}
}

func TestEscapeStaticPath(t *testing.T) {
	for in, want := range map[string]string{
		"/accounts/":    "/accounts/",
		"/ü/a*b/":       "/%C3%BC/a*b/",
		"/a b/%2F/x:y@": "/a%20b/%2F/x:y@",
		"/100%/":        "/100%25/",
		"/q?x#y":        "/q%3Fx%23y",
	} {
		if got := EscapeStaticPath(in); got != want {
			t.Errorf("EscapeStaticPath(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"": "", "%": "%25", "/a%2": "/a%252", "/a%2F": "/a%2F", "é": "%C3%A9"} {
		if got := EscapeStaticPath(in); got != want {
			t.Errorf("EscapeStaticPath(%q) = %q, want %q", in, got, want)
		}
	}
	// Every request escapes its path template's static parts: the usual ones cost nothing.
	if n := testing.AllocsPerRun(100, func() { _ = EscapeStaticPath("/accounts/a-b_c.d~/tickets/") }); n != 0 {
		t.Errorf("EscapeStaticPath of a plain path: %v allocations", n)
	}
}

// testUnion is a union as the generator writes it: a field per variant,
// the runtime doing the work.
type testUnion struct {
	Str   *string
	Obj   *struct{ A int }
	List  []int
	Any   any
	extra json.RawMessage
}

func (u testUnion) MarshalJSON() ([]byte, error) {
	return MarshalUnion(u.extra, u.Str, u.Obj, u.List, u.Any)
}

var testUnionShapes = []Shape{{Kind: KindString}, {Kind: KindObject, Required: []string{"A"}}, {Kind: KindArray}}

func (u *testUnion) UnmarshalJSON(data []byte) error {
	*u = testUnion{}
	i := MatchShape(data, testUnionShapes)
	return UnmarshalUnion(data, i, &u.extra, &u.Str, &u.Obj, &u.List)
}

func TestUnionRoundTrip(t *testing.T) {
	for _, tc := range []struct{ in, set string }{
		{`"x"`, "Str"},
		{`{"A":3}`, "Obj"},
		{`[1,2]`, "List"},
		{`[]`, "List"}, // an empty list is set, not absent
		{`true`, "extra"},
		{`{"B":1}`, "extra"},
	} {
		var u testUnion
		if err := json.Unmarshal([]byte(tc.in), &u); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		set := map[string]bool{"Str": u.Str != nil, "Obj": u.Obj != nil, "List": u.List != nil, "extra": u.extra != nil}
		for name, ok := range set {
			if ok != (name == tc.set) {
				t.Errorf("%s: %s set = %v", tc.in, name, ok)
			}
		}
		out, err := json.Marshal(u)
		if err != nil || string(out) != tc.in {
			t.Errorf("%s: round trip gave %s, %v", tc.in, out, err)
		}
	}
	// A variant that fits but does not decode is an error, as before.
	var u testUnion
	if err := json.Unmarshal([]byte(`{"A":"no"}`), &u); err == nil {
		t.Error("a bad object variant decoded without error")
	}
	// Nothing set writes null; the first set field wins; an interface
	// variant counts when it holds a value.
	if out, _ := json.Marshal(testUnion{}); string(out) != "null" {
		t.Errorf("empty union: %s", out)
	}
	s := "a"
	if out, _ := json.Marshal(testUnion{Str: &s, List: []int{1}}); string(out) != `"a"` {
		t.Errorf("first set field: %s", out)
	}
	if out, _ := json.Marshal(testUnion{Any: 1.5}); string(out) != "1.5" {
		t.Errorf("interface variant: %s", out)
	}
}

func TestTagIndex(t *testing.T) {
	tags := map[string]int{"card": 0, "bank": 1, "2": 1}
	for _, tc := range []struct {
		json string
		want int
	}{
		{`{"type":"card"}`, 0},
		{`{"type":"bank","x":1}`, 1},
		{`{"type":2}`, 1},
		{`{"type":"wallet"}`, -1},
		{`{"kind":"card"}`, -1},
		{`"card"`, -1},
	} {
		if got := TagIndex([]byte(tc.json), "type", tags); got != tc.want {
			t.Errorf("TagIndex(%s) = %d, want %d", tc.json, got, tc.want)
		}
	}
	var extra json.RawMessage
	var a *string
	if err := UnmarshalUnion([]byte(`{"type":"x"}`), -1, &extra, &a); err != nil || string(extra) != `{"type":"x"}` || a != nil {
		t.Errorf("unknown variant: %v %s %v", err, extra, a)
	}
}

// A variant nobody matched is kept as it came only when it is JSON: decode
// hands the SDK's union types a response body without checking it first.
func TestUnmarshalUnionUnknownChecked(t *testing.T) {
	var unknown json.RawMessage
	var s *string
	for _, bad := range []string{`{"a":`, `{"a":1} {}`, `nope`} {
		if err := UnmarshalUnion([]byte(bad), -1, &unknown, &s); err == nil || unknown != nil {
			t.Errorf("%s: err %v, unknown %s", bad, err, unknown)
		}
	}
	if err := UnmarshalUnion([]byte(` {"a":1} `), -1, &unknown, &s); err != nil || string(unknown) != ` {"a":1} ` {
		t.Errorf("valid unknown: err %v, unknown %s", err, unknown)
	}
}
