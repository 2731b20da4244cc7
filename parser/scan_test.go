package parser

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The scanners below were rewritten for speed; these are the plain
// versions they must agree with on any input.

func jsonTooDeepPlain(b []byte, limit int) (int, bool) {
	depth := 0
	inStr, esc := false, false
	for i, c := range b {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			if depth++; depth > limit {
				return i, true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return 0, false
}

func sanitizeJSONPlain(b []byte) []byte {
	if bytes.IndexFunc(b, isBadControl) < 0 {
		return b
	}
	out := bytes.Clone(b)
	for i, c := range out {
		if isBadControl(rune(c)) {
			out[i] = ' '
		}
	}
	return out
}

func proseScopesPlain(desc string) [][]string {
	var out [][]string
	for _, sentence := range sentences(desc) {
		if !scopeWord.MatchString(backtickRE.ReplaceAllString(sentence, "")) {
			continue
		}
		if set := backtickTokens(sentence); len(set) > 0 {
			out = append(out, set)
		}
	}
	return out
}

func checkScanners(t *testing.T, b []byte) {
	t.Helper()
	for _, limit := range []int{0, 1, 2, 3, 5, 40} {
		off, deep := jsonTooDeep(b, limit)
		woff, wdeep := jsonTooDeepPlain(b, limit)
		if off != woff || deep != wdeep {
			t.Fatalf("jsonTooDeep(%q, %d) = %d, %v; want %d, %v", b, limit, off, deep, woff, wdeep)
		}
	}
	if got, want := sanitizeJSON(b), sanitizeJSONPlain(b); !bytes.Equal(got, want) {
		t.Fatalf("sanitizeJSON(%q) = %q; want %q", b, got, want)
	}
	if got, want := proseScopes(string(b)), proseScopesPlain(string(b)); !cmp.Equal(got, want) {
		t.Fatalf("proseScopes(%q) = %q; want %q", b, got, want)
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range []string{
		`{"a": "x\"y", "b": [1, {"c": "\\"}]}`,
		`{"a": "\\\\\"[", "b": "[[[["}`,
		`["unterminated`,
		"{\"d\": \"tab\there\x7f\", \"e\": \"ok\"}",
		"Needs the `read` scope. Or `write` and `admin` scopes! Nothing `here`.",
		"Scope: ſcope `x`.\n\nThe `a` SCOPES apply? `b`",
		"`scope` alone. The scope `c`.",
		"héllo\x01 wörld ```",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkScanners(t, b) })
}

// TestScannersOnSpecs runs the scanners over every real spec at hand, and
// the scope reader over each line of them.
func TestScannersOnSpecs(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/*/openapi.*", "../../shared/specs/*/*.json", "../../shared/specs/*/*.yaml"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkScanners(t, b)
		for _, l := range bytes.Split(b, []byte("\n")) {
			if got, want := proseScopes(string(l)), proseScopesPlain(string(l)); !cmp.Equal(got, want) {
				t.Fatalf("%s: proseScopes(%q) = %q; want %q", f, l, got, want)
			}
		}
	}
}
