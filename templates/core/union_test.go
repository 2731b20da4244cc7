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
