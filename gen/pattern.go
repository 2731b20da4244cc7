package gen

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
)

// maxPatternOutput bounds the length of a string built from a pattern:
// generous repetition bounds ({1,10000}) must not make huge test values.
const maxPatternOutput = 256

// patternString returns a string that the regular expression pattern
// matches (as JSON Schema matches: anywhere in the string) with a length in
// runes within [minLen, maxLen] (maxLen < 0: unbounded), or false when it
// finds none: the pattern uses syntax Go does not read (lookaround,
// backreferences), or its shortest matches do not fit the bounds.
func patternString(pattern string, minLen, maxLen int) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	re = re.Simplify()
	check, err := regexp.Compile(pattern)
	if err != nil {
		return "", false
	}
	// Each extra repetition of every loop lengthens the string; try a few
	// counts until the length reaches minLen.
	for extra := 0; extra <= 64; extra++ {
		var b strings.Builder
		if !writeMatch(&b, re, extra) {
			return "", false
		}
		s := b.String()
		n := len([]rune(s))
		if maxLen >= 0 && n > maxLen {
			return "", false // more repetitions only make it longer
		}
		if n >= minLen && check.MatchString(s) {
			return s, true
		}
		if b.Len() > maxPatternOutput {
			break
		}
	}
	return "", false
}

// writeMatch writes a string re matches, repeating each loop its minimum
// number of times plus extra (within its maximum). It reports false for
// an expression that matches nothing.
func writeMatch(b *strings.Builder, re *syntax.Regexp, extra int) bool {
	if b.Len() > maxPatternOutput {
		return true
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		// Anchors and assertions add no text; the final check catches
		// the rare string that breaks them.
		return true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			b.WriteRune(r)
		}
		return true
	case syntax.OpCharClass:
		r, ok := classRune(re.Rune)
		if ok {
			b.WriteRune(r)
		}
		return ok
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
		return true
	case syntax.OpCapture:
		return writeMatch(b, re.Sub[0], extra)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, -1
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
		}
		n := lo + extra
		if hi >= 0 && n > hi {
			n = hi
		}
		for range n {
			if !writeMatch(b, re.Sub[0], extra) {
				return lo == 0 // an optional part that cannot match is left out
			}
			if b.Len() > maxPatternOutput {
				break
			}
		}
		return true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !writeMatch(b, sub, extra) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			var alt strings.Builder
			if writeMatch(&alt, sub, extra) {
				b.WriteString(alt.String())
				return true
			}
		}
		return false
	}
	return false
}

// classRune picks a rune of a character class (pairs of inclusive ranges),
// preferring a letter or digit, so values stay readable and safe in URLs.
func classRune(ranges []rune) (rune, bool) {
	if len(ranges) < 2 {
		return 0, false
	}
	for _, want := range []func(rune) bool{
		func(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) },
		func(r rune) bool { return r < 0x80 && unicode.IsPrint(r) && r != ' ' },
		unicode.IsPrint,
	} {
		for i := 0; i+1 < len(ranges); i += 2 {
			lo, hi := ranges[i], ranges[i+1]
			// Look at a bounded number of runes of each range.
			for r := lo; r <= hi && r < lo+128; r++ {
				if want(r) {
					return r, true
				}
			}
		}
	}
	return ranges[0], true
}
