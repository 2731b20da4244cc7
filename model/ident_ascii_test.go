package model

import (
	"math/rand/v2"
	"testing"
)

// TestIdentifierASCII: the byte-wise identifier gives what splitting into
// words and joining them gives, on random ASCII names made of the runes
// that decide where words break.
func TestIdentifierASCII(t *testing.T) {
	const alphabet = "aAbBsSiIdDuUrRlLzZ0129_-+<>=. $#/"
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		checkIdentifier(t, string(b))
	}
	for _, s := range []string{"", "IDs", "URLs", "ids", "HTTPServer", "v2026.01", "+1", "-1", "in-progress",
		"StartTime<", "ACTIVE", "a", "A", "9lives", "https_url_list", "aVeryLongWordIndeedLongerThanSixteen", "XMLHTTPRequests"} {
		checkIdentifier(t, s)
	}
}

func FuzzIdentifier(f *testing.F) {
	for _, s := range []string{"getTicket", "HTTPServer", "IDs", "v2026.01", "-1", "ünïcode", "ACTIVE_state"} {
		f.Add(s)
	}
	f.Fuzz(checkIdentifier)
}

func checkIdentifier(t *testing.T, s string) {
	if got, want := identifier(s), joinWords(Words(s)); got != want {
		t.Fatalf("identifier(%q) = %q; want %q", s, got, want)
	}
}
