package model

import (
	"go/token"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// initialisms are written in upper case inside Go identifiers, as Go's own
// style asks (ID, URL, HTTP…). Keep this list stable: changing it renames
// users' code.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DNS": true,
	"EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true,
	"IP": true, "JSON": true, "JWT": true, "OS": true, "QPS": true, "RAM": true,
	"RPC": true, "SDK": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true,
	"TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true,
	"UUID": true, "URI": true, "URL": true, "UTF8": true, "VM": true, "XML": true,
	"XMPP": true, "XSRF": true, "XSS": true, "PDF": true, "CSV": true, "OIDC": true,
}

// punctuation that carries meaning becomes a word, so "+1" and "-1" do not
// collide; every other non-alphanumeric rune separates words.
var punctWords = map[rune]string{
	'+': "Plus", '-': "Minus", '<': "Lt", '>': "Gt", '=': "Eq", '!': "Not",
	'*': "Star", '@': "At", '#': "Hash", '$': "Dollar", '%': "Percent", '&': "And",
	'~': "Tilde", '^': "Caret", '|': "Pipe",
}

// Words splits text into identifier words: at any rune that is not a letter
// or digit, at lower→upper case changes (getTicket), before the last upper
// case letter of an upper case run followed by lower case (HTTPServer), and
// between letters and digits only where a digit run starts a new part after
// a separator. Meaningful punctuation becomes a word only where it leads a
// word (so "-1" is Minus1 but "in-progress" is InProgress).
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(cur) > 0 {
				prev := cur[len(cur)-1]
				switch {
				case unicode.IsLower(prev) && unicode.IsUpper(r):
					flush()
				case unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]) && !pluralS(rs, i+1):
					// "HTTPServer" → HTTP, Server; but "IDs" stays one word.
					flush()
				}
			}
			cur = append(cur, r)
		default:
			flush()
			if w, ok := punctWords[r]; ok && leadsWord(rs, i) {
				words = append(words, w)
			}
		}
	}
	flush()
	return words
}

// pluralS reports whether rs[i] is a lone trailing "s" ("IDs", "URLs").
func pluralS(rs []rune, i int) bool {
	return rs[i] == 's' && (i+1 == len(rs) || !unicode.IsLower(rs[i+1]))
}

// leadsWord reports whether punctuation at i is a word of its own: at the
// start or end of the text, or after something that is not a letter or
// digit. So "+1" and "-1" keep their sign and "StartTime<" its comparison,
// while "in-progress" is just two words.
func leadsWord(rs []rune, i int) bool {
	if i == 0 || i == len(rs)-1 {
		return true
	}
	prev := rs[i-1]
	return !unicode.IsLetter(prev) && !unicode.IsDigit(prev)
}

// Exported builds an exported Go identifier from arbitrary text. The result
// is never empty, never a keyword, and starts with an upper case letter.
func Exported(s string) string { return exportedMemo.get(s, exported) }

func exported(s string) string {
	id := identifier(s)
	if id == "" {
		return "X"
	}
	first := []rune(id)[0]
	if !unicode.IsUpper(first) {
		// A leading digit, or a letter without case (CJK): prefix so the
		// identifier is valid and exported.
		id = "X" + id
	}
	return id
}

// identifier is joinWords(Words(s)): for ASCII text, which names nearly
// always are, computed on the bytes without converting to runes.
func identifier(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8RuneSelf {
			return joinWords(Words(s))
		}
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	var prev string // the word before, for the digit-run separator
	word := func(w string) {
		if endsDigit(prev) && startsDigit(w) {
			b.WriteByte('_')
		}
		writeWordASCII(&b, w)
		prev = w
	}
	start := -1 // where the word being read starts; -1 between words
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnumASCII(c) {
			if start >= 0 {
				word(s[start:i])
				start = -1
			}
			if w, ok := punctWords[rune(c)]; ok && (i == 0 || i == len(s)-1 || !isAlnumASCII(s[i-1])) {
				word(w)
			}
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := s[i-1]
		if isLowerASCII(p) && isUpperASCII(c) ||
			isUpperASCII(p) && isUpperASCII(c) && i+1 < len(s) && isLowerASCII(s[i+1]) &&
				!(s[i+1] == 's' && (i+2 == len(s) || !isLowerASCII(s[i+2]))) {
			word(s[start:i])
			start = i
		}
	}
	if start >= 0 {
		word(s[start:])
	}
	return b.String()
}

// utf8RuneSelf is the first byte value that is not ASCII.
const utf8RuneSelf = 0x80

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }
func isAlnumASCII(c byte) bool {
	return isLowerASCII(c) || isUpperASCII(c) || '0' <= c && c <= '9'
}

// writeWordASCII writes one ASCII word as joinWords writes it.
func writeWordASCII(b *strings.Builder, w string) {
	var buf [16]byte
	if len(w) <= len(buf) {
		up := buf[:len(w)]
		lower := false
		for i := 0; i < len(w); i++ {
			c := w[i]
			if isLowerASCII(c) {
				c -= 'a' - 'A'
				lower = lower || i > 0
			}
			up[i] = c
		}
		switch {
		case initialisms[string(up)]:
			b.Write(up)
			return
		case len(up) > 2 && up[len(up)-1] == 'S' && initialisms[string(up[:len(up)-1])]:
			b.Write(up[:len(up)-1])
			b.WriteByte('s')
			return
		}
		// The first letter raised; the rest as written, unless none of it
		// is lower case: then lowered ("ACTIVE" → Active).
		b.WriteByte(up[0])
		if lower {
			b.WriteString(w[1:])
			return
		}
		for i := 1; i < len(w); i++ {
			c := w[i]
			if isUpperASCII(c) {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
		return
	}
	b.WriteString(joinWords([]string{w}))
}

// joinWords capitalises words into one identifier, initialisms in upper
// case; it may start with a digit.
func joinWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		up := strings.ToUpper(w)
		switch {
		case initialisms[up]:
			b.WriteString(up)
		case strings.HasSuffix(up, "S") && initialisms[up[:len(up)-1]] && len(up) > 2:
			b.WriteString(up[:len(up)-1] + "s") // IDs, URLs
		default:
			rs := []rune(w)
			rs[0] = unicode.ToUpper(rs[0])
			if isAllUpper(rs) && len(rs) > 1 {
				for j := 1; j < len(rs); j++ {
					rs[j] = unicode.ToLower(rs[j])
				}
			}
			b.WriteString(string(rs))
		}
		// Separate two digit runs ("v2026.01" → V2026_01), which would
		// otherwise read as one number.
		if i+1 < len(words) && endsDigit(w) && startsDigit(words[i+1]) {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Suffix builds the words that follow a prefix (an enum constant's type
// name): like Exported, but a leading digit needs no guard (Priority1),
// and an empty value is "Empty".
func Suffix(s string) string { return suffixMemo.get(s, suffix) }

func suffix(s string) string {
	if s == "" {
		return "Empty"
	}
	if id := identifier(s); id != "" {
		return id
	}
	return Exported(s)
}

// Unexported builds an unexported identifier (for arguments): the first
// word in lower case ("accountID", "id", "url"), never a Go keyword or a
// predeclared name.
func Unexported(s string) string {
	id := Exported(s)
	rs := []rune(id)
	// Lower the leading upper case run, except the letter that starts the
	// next word: "URLPath" → "urlPath", "ID" → "id", "AccountID" → "accountID".
	n := 0
	for n < len(rs) && unicode.IsUpper(rs[n]) {
		n++
	}
	switch {
	case n == len(rs):
		id = strings.ToLower(id)
	case n > 1:
		id = strings.ToLower(string(rs[:n-1])) + string(rs[n-1:])
	default:
		id = string(unicode.ToLower(rs[0])) + string(rs[1:])
	}
	if token.IsKeyword(id) || predeclared[id] {
		id += "_"
	}
	return id
}

func isAllUpper(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func endsDigit(s string) bool   { return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9' }
func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// predeclared are Go's predeclared identifiers; an argument must not shadow them.
var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true, "clear": true,
	"close": true, "comparable": true, "complex": true, "complex128": true, "complex64": true,
	"copy": true, "delete": true, "error": true, "false": true, "float32": true, "float64": true,
	"imag": true, "int": true, "int16": true, "int32": true, "int64": true, "int8": true,
	"iota": true, "len": true, "make": true, "max": true, "min": true, "new": true, "nil": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true, "rune": true,
	"string": true, "true": true, "uint": true, "uint16": true, "uint32": true, "uint64": true,
	"uint8": true, "uintptr": true,
}

// IsBidi reports whether r is a Unicode bidi control or a byte-order mark:
// characters that make code read differently from how it compiles, kept
// out of generated comments and struct tags.
func IsBidi(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200e' || r == '\u200f' || r == '\u061c' || r == '\ufeff'
}

// TagSafe reports whether a JSON property name can stand in a Go struct
// tag: encoding/json accepts only these characters there. A property whose
// name is not tag-safe cannot be encoded by a generated struct.
func TagSafe(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, r := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case r > 127 && r != '\u2028' && r != '\u2029' && !IsBidi(r):
		default:
			return false
		}
	}
	return true
}

// memo remembers a naming function's answers. A spec repeats the same
// property, parameter and value names across hundreds of schemas, and
// naming asks for each many times; splitting a name into words is most
// of that cost. It is bounded, so that a process naming many specs does
// not keep every name it met.
type memo struct {
	m sync.Map
	n atomic.Int64
}

// maxMemo is how many answers a memo keeps.
const maxMemo = 1 << 16

var exportedMemo, suffixMemo memo

// reset forgets every answer.
func (c *memo) reset() {
	c.m.Clear()
	c.n.Store(0)
}

// get is f(s), remembered.
func (c *memo) get(s string, f func(string) string) string {
	if v, ok := c.m.Load(s); ok {
		return v.(string)
	}
	v := f(s)
	if c.n.Add(1) <= maxMemo {
		// A copy of the key: s may be a slice of a far longer string.
		c.m.Store(strings.Clone(s), v)
	}
	return v
}
