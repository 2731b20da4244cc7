package gen

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	sdkparser "github.com/sdkgen/sdkgen/parser"
)

// TestJSONText: the samples' JSON (jsonMemo) is json.Marshal's of
// jsonSample's value, for every type of
// every testdata spec (the corpus too, when present) and for values with
// the characters and numbers json.Marshal treats specially.
func TestJSONText(t *testing.T) {
	values := []any{nil, true, int64(-7), "plain", "<a&b>", "quote\" back\\", "tab\t", "é日\u2028", "\xff",
		1.5, 1e21, 1e-7, math.Copysign(0, -1), 123456789.125, math.MaxFloat64, []any{}, map[string]any{},
		map[string]any{"b": []any{int64(1), "x", map[string]any{"z": nil, "a": 2.5}}, "a": false, "<": "&"}}
	for _, v := range values {
		got, ok := appendJSON(nil, v)
		want, err := json.Marshal(v)
		if !ok || err != nil || string(got) != string(want) {
			t.Errorf("appendJSON(%#v) = %s, %v; want %s", v, got, ok, want)
		}
	}
	specs, _ := filepath.Glob("../testdata/*/openapi.*")
	corpus, _ := filepath.Glob("../../shared/specs/corpus/*.yaml")
	checked := 0
	for _, spec := range append(specs, corpus...) {
		api, _ := sdkparser.Parse(spec, sdkparser.Config{})
		if api == nil {
			continue
		}
		// One memory for the whole spec, as the generator keeps it, and
		// one for each type.
		shared := newJSONMemo()
		for _, ty := range api.Types {
			want, err := json.Marshal(jsonSample(ty, 0))
			if err != nil {
				continue
			}
			if got := jsonText(ty); got != string(want) {
				t.Fatalf("%s: %s: jsonText = %s; want %s", spec, ty.GoName, got, want)
			}
			if got := shared.text(ty, 0); got != string(want) {
				t.Fatalf("%s: %s: with the spec's memory, jsonText = %s; want %s", spec, ty.GoName, got, want)
			}
			checked++
		}
	}
	if checked < 500 {
		t.Errorf("only %d types checked", checked)
	}
}

// TestJSONStringExample: jsonString reads what json.Unmarshal reads into
// a string, for random JSON-ish texts.
func TestJSONStringExample(t *testing.T) {
	pieces := []string{`"`, `\`, `\"`, `\n`, `\u00e9`, "a", "é", "\x01", "\xff", " ", "1", "{", "}"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50_000 {
		e := ""
		for range r.IntN(6) {
			e += pieces[r.IntN(len(pieces))]
		}
		if r.IntN(2) == 0 {
			e = `"` + e + `"`
		}
		var want string
		err := json.Unmarshal([]byte(e), &want)
		got, ok := jsonString(e)
		if ok != (err == nil) || ok && got != want {
			t.Fatalf("jsonString(%q) = %q, %v; want %q, %v", e, got, ok, want, err == nil)
		}
	}
}
