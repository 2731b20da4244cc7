package gen

import (
	"regexp"
	"testing"
)

func TestPatternString(t *testing.T) {
	for _, tc := range []struct {
		pattern        string
		minLen, maxLen int
		ok             bool
	}{
		{`^[a-z]{3}$`, 0, -1, true},
		{`^\d{4}-\d{2}-\d{2}$`, 0, -1, true},
		{`^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$`, 0, -1, true},
		{`^(acct|cus)_[a-zA-Z0-9]+$`, 0, -1, true},
		{`^[^\s@]+@[^\s@]+\.[^\s@]+$`, 0, -1, true},
		{`^\+?[1-9]\d{1,14}$`, 0, -1, true},
		{`[a-z]*`, 5, 10, true},
		{`^[a-z]+$`, 20, 20, true},
		{`^.{0,3}$`, 5, -1, false},
		{`^a(?=b)`, 0, -1, false}, // lookahead: Go cannot read it
		{`^(?:x|y)?z$`, 0, -1, true},
		{`^[^/]+$`, 0, -1, true},
		{`\p{L}+`, 0, -1, true},
	} {
		s, ok := patternString(tc.pattern, tc.minLen, tc.maxLen)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v (%q)", tc.pattern, ok, tc.ok, s)
			continue
		}
		if !ok {
			continue
		}
		if !regexp.MustCompile(tc.pattern).MatchString(s) {
			t.Errorf("%s: %q does not match", tc.pattern, s)
		}
		if n := len([]rune(s)); n < tc.minLen || tc.maxLen >= 0 && n > tc.maxLen {
			t.Errorf("%s: %q has length %d, want [%d, %d]", tc.pattern, s, n, tc.minLen, tc.maxLen)
		}
	}
}
