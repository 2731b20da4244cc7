package parser

import (
	"bytes"
	"unicode/utf8"
)

// sanitizeJSON replaces raw control characters (other than line feed and
// carriage return) with spaces. They are invalid in JSON strings, yet real
// specs carry them in descriptions (tabs most of all), and libopenapi
// rejects the whole document for one. Outside strings a tab is white space
// anyway. A space keeps every line and column in place.
func sanitizeJSON(b []byte) []byte {
	// Byte by byte: no byte of a multi-byte UTF-8 sequence is below 0x80.
	first := -1
	for i, c := range b {
		if isBadControl(rune(c)) {
			first = i
			break
		}
	}
	if first < 0 {
		return b
	}
	out := bytes.Clone(b)
	for i, c := range out[first:] {
		if isBadControl(rune(c)) {
			out[first+i] = ' '
		}
	}
	return out
}

func isBadControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\r' || r == 0x7f
}

// jsonColumns corrects libopenapi's columns in a JSON file: it turns each
// surrogate-pair escape (\ud83d\udc4d, twelve characters) into one
// character before parsing, so on that line every later column comes back
// eleven short. lines holds the file's lines.
type jsonColumns struct {
	lines [][]byte
}

func newJSONColumns(b []byte) *jsonColumns {
	if !bytes.Contains(b, []byte(`\u`)) {
		return nil
	}
	return &jsonColumns{lines: bytes.Split(b, []byte("\n"))}
}

// fix maps a column libopenapi reported on line (both 1-based, columns in
// characters) to the column in the file as written.
func (j *jsonColumns) fix(line, col int) int {
	if j == nil || line < 1 || line > len(j.lines) || col < 1 {
		return col
	}
	l := j.lines[line-1]
	seen := 1 // the column as libopenapi counts it
	for i := 0; i < len(l); {
		if seen >= col {
			return utf8.RuneCount(l[:i]) + 1
		}
		if isSurrogatePair(l[i:]) {
			i += 12
		} else {
			_, n := utf8.DecodeRune(l[i:])
			i += n
		}
		seen++
	}
	return col
}

// isSurrogatePair reports whether b starts with \uD8xx\uDCxx.
func isSurrogatePair(b []byte) bool {
	if len(b) < 12 || b[0] != '\\' || b[1] != 'u' || b[6] != '\\' || b[7] != 'u' {
		return false
	}
	hi, ok1 := hex4(b[2:6])
	lo, ok2 := hex4(b[8:12])
	return ok1 && ok2 && hi >= 0xd800 && hi < 0xdc00 && lo >= 0xdc00 && lo < 0xe000
}

func hex4(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = v*16 + int(c-'A') + 10
		default:
			return 0, false
		}
	}
	return v, true
}
