package parser

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestJSONString: jsonWriter.str writes what encoding/json writes, HTML
// left alone, for random strings of the characters that matter to it.
func TestJSONString(t *testing.T) {
	pieces := []string{"a", "Z", "0", " ", "<", ">", "&", "\"", "\\", "\x00", "\x1f", "\x7f", "\n", "\t",
		"é", "日", "\u2028", "\u2029", "\xff", "\xe2\x80", "😀"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50_000 {
		var s string
		for range r.IntN(8) {
			s += pieces[r.IntN(len(pieces))]
		}
		var w jsonWriter
		w.str(s)
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := w.buf.String(); got+"\n" != want.String() {
			t.Fatalf("str(%q) = %s; want %s", s, got, want.String())
		}
	}
}
