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
