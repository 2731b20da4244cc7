package gen

import (
	"go/doc/comment"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sdkgen/sdkgen/model"
)

// markdownCases are the constructs of spec Markdown and embedded HTML with
// the comment lines each renders as, at width 40.
var markdownCases = []struct {
	name string
	in   string
	want []string
}{
	{"empty", "", nil},
	{"blank", " \n\t\n", nil},
	{"paragraph wraps and joins soft breaks",
		"One two three four five six seven eight nine ten eleven twelve.\nSoft break joins.",
		[]string{"One two three four five six seven eight", "nine ten eleven twelve. Soft break", "joins."}},
	{"long word on its own line",
		"Short https://example.com/a/very/long/path/that/cannot/be/broken/anywhere end",
		[]string{"Short", "https://example.com/a/very/long/path/that/cannot/be/broken/anywhere", "end"}},
	{"paragraphs", "First.\n\n\n\nSecond.", []string{"First.", "", "Second."}},
	{"headings", "# Title\n\nSetext\n------\n\n<h3>From <b>HTML</b></h3>\n\n## [Linked](https://example.com) `code`",
		[]string{"# Title", "", "# Setext", "", "# From HTML", "", "# Linked `code`"}},
	{"bullets, markers mixed in one list",
		"- one\n- two is a longer item that has to wrap onto the next line - really\n* three",
		[]string{"  - one", "  - two is a longer item that has to", "    wrap onto the next line - really", "  - three"}},
	{"a continuation line never starts with a bullet",
		"- an item whose text is long, has dash - x",
		[]string{"  - an item whose text is long, has", "    dash - x"}},
	{"a continuation line never starts with a number",
		"1. the price is high and grows by step 2. daily",
		[]string{" 1. the price is high and grows by", "    step 2. daily"}},
	{"ordered, numbered from the start",
		"3. three\n4. four\n10. ten",
		[]string{" 3. three", " 4. four", " 5. ten"}},
	{"nested under bullets",
		"- parent\n  - child bullet\n  1. child number\n- next",
		[]string{"  - parent", "    – child bullet", "    1. child number", "  - next"}},
	{"nested under numbers",
		"1. parent\n   - child bullet\n   1. child number",
		[]string{" 1. parent", "    - child bullet", "    a. child number"}},
	{"paragraphs and code in an item",
		"- first para\n\n  second para\n\n  ```\n  code\n  ```\n- next",
		[]string{"  - first para", "    second para", "    `code`", "  - next"}},
	{"code blocks, fenced and indented",
		"```go\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n```\n\n    indented code\n      more",
		[]string{"\tfunc main() {", "\t    fmt.Println(\"hi\")", "\t}", "", "\tindented code", "\t  more"}},
	{"code block keeps blank lines, loses shared indentation",
		"```\n  a\n\n    b\n```",
		[]string{"\ta", "", "\t  b"}},
	{"inline code", "Use `name` or `` a`b `` here.", []string{"Use `name` or a`b here."}},
	{"links",
		"See [the docs](https://example.com/docs) and [ref][r] and <https://example.com/auto> and https://bare.example.com/x.\n\n[r]: https://example.com/ref \"Ref\"",
		[]string{"See [the docs] and [ref] and", "https://example.com/auto and", "https://bare.example.com/x.", "",
			"[the docs]: https://example.com/docs", "[ref]: https://example.com/ref"}},
	{"links Go doc cannot define",
		"[rel](/relative) [mail](mailto:ops@example.com) [ops@example.com](mailto:ops@example.com) [dup](https://a.example) [dup](https://b.example) [dup](https://a.example) [js](javascript:alert(1))",
		[]string{"rel mail (ops@example.com)", "ops@example.com [dup] dup", "(https://b.example) [dup] js", "", "[dup]: https://a.example"}},
	{"link after an open bracket", "a [b [c](https://example.com/c) d] [e](https://example.com/e)",
		[]string{"a [b c (https://example.com/c) d] [e]", "", "[e]: https://example.com/e"}},
	{"link text with brackets", "[a [b] c](https://example.com)", []string{"[a (b) c]", "", "[a (b) c]: https://example.com"}},
	{"www link stays as written", "See www.example.com.", []string{"See www.example.com."}},
	{"images are their alt text", "![diagram](https://example.com/d.png) and [![logo](l.png)](https://example.com)",
		[]string{"diagram and [logo]", "", "[logo]: https://example.com"}},
	{"emphasis", "*em* **strong** ~~gone~~ _u_ <i>i</i> <strong>s</strong>", []string{"em strong gone u i s"}},
	{"block quote", "> Note: quoted\n> text.\n>\n> More.", []string{"Note: quoted text.", "", "More."}},
	{"table as code",
		"| Name | Value |\n|------|-------|\n| `a` | one |\n| b | [two](https://example.com/two) |",
		[]string{"\tName | Value", "\t-----|------------------------------", "\ta    | one", "\tb    | two (https://example.com/two)"}},
	{"wide table as list",
		"| Column with a long header | Another long header here |\n|---|---|\n| x | [y](https://example.com/y) |\n| | z |",
		[]string{"  - Column with a long header: x;", "    Another long header here: [y]", "  - Another long header here: z", "", "[y]: https://example.com/y"}},
	{"html list inline", "Value is:<ul><li>UK. A county.</li><li>US &amp; a state.</li></ul>",
		[]string{"Value is:", "", "  - UK. A county.", "  - US & a state."}},
	{"html list block",
		"Fields:\n<ul>\n  <li>Account `displayName`</li>\n  <li>Profile <code>name</code></li>\n</ul>\n\nDone.",
		[]string{"Fields:", "", "  - Account `displayName`", "  - Profile `name`", "", "Done."}},
	{"html ordered list with start", "<ol start=\"5\"><li>five</li><li>six</li></ol>", []string{" 5. five", " 6. six"}},
	{"html nested lists", "<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li></ul>",
		[]string{"  - a", "    – b", "    1. c"}},
	{"html item outside a list", "<li>lonely</li>", []string{"  - lonely"}},
	{"html paragraphs, breaks and entities",
		"<p>First.</p><p>Second one<br/>third &lt;b&gt; &quot;q&quot; &copy; &#x41;</p>",
		[]string{"First.", "", "Second one.", "", "third \"q\" © A"}},
	{"html link and code",
		"Call <a href=\"https://example.com/x\" target=\"_blank\">the <b>API</b></a> with <code>id</code>.",
		[]string{"Call [the API] with `id`.", "", "[the API]: https://example.com/x"}},
	{"html pre", "<pre>\n  line one\n    line <b>two</b>\n</pre>", []string{"\tline one", "\t  line two"}},
	{"html table", "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2<br>3</td></tr></table>",
		[]string{"\tA | B", "\t--|----", "\t1 | 2 3"}},
	{"html table without text", "<table><tr><th></th></tr><tr><td> </td></tr></table>", nil},
	{"table with an empty first column", "<table><tr><td></td><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>",
		[]string{"\t  | a", "\tb | c"}},
	{"code that starts like a list is text", "```\n- a\n  b\n```", []string{"`- a`", "`b`"}},
	{"html dropped", "x <script>alert(1)</script> y <!-- hidden --> z <style>p{}</style><textarea>t</textarea>",
		[]string{"x y z"}},
	{"unknown tags keep their text", "<custom-tag attr=1>kept</custom-tag> <span>too</span>", []string{"kept too"}},
	{"leftover tag-like text goes", "a &lt;b&gt; <a/b> c", []string{"a c"}},
	{"no tag from pieces put together", "&lt;<b>A</b>&gt; <A<A>>", []string{"< A> < A>"}},
	{"code after a list is text", "- item\n\n```\ncode after list\n```", []string{"  - item", "", "`code after list`"}},
	{"code before a list is text", "```\ncode before list\n```\n- item", []string{"`code before list`", "", "  - item"}},
	{"adjacent lists merge", "- a\n+ b\n\n1. c", []string{"  - a", "  - b", "  - c"}},
	{"no accidental old-style heading", "Intro\n\nSandbox only\n\nNext paragraph.",
		[]string{"Intro", "", "Sandbox only.", "", "Next paragraph."}},
	{"no accidental link definition", "\\[a\\]: https://example.com", []string{"[a] : https://example.com"}},
	{"comment markers are text", "/*\n\n*/\n\n/* x */\n\n//", []string{"/*", "", "*/", "", "/* x */", "", "//"}},
	{"line separators and controls",
		"a\u2028b\u2029c\u0085d\re\x00f\u202eg\ufeffh\x1bi",
		[]string{"a b c d efghi"}},
	{"shared indentation is no code block", "\n    Indented like a docstring.\n\n        code\n\n    - item\n",
		[]string{"Indented like a docstring.", "", "`code`", "", "  - item"}},
	{"shared tab indentation", "\tA\n\n\t\tb", []string{"A", "", "\tb"}},
	{"tabs in code expand", "```\na\tb\n\tc\n```", []string{"\ta   b", "\t    c"}},
}

func TestMarkdownLines(t *testing.T) {
	for _, c := range markdownCases {
		t.Run(c.name, func(t *testing.T) {
			got := markdownLines(c.in, 40)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("markdownLines(%q) (-want +got):\n%s", c.in, diff)
			}
			checkLines(t, c.in, got, 40)
		})
	}
}

// realWorld are descriptions written the way real specs write them:
// Markdown mixed with HTML, code samples, scopes and tables.
var realWorld = []string{
	"Filter connected accounts by name.\n\nIf provided, this query will attempt to find matches against the following Account and Profile fields:\n<ul>\n  <li>Account `displayName`</li>\n  <li>Individual Profile `firstName`, `middleName`, and `lastName`</li>\n  <li>Business Profile `legalBusinessName`</li>\n</ul>\n\nFiltering by Guest Profile `name` is not currently supported.",
	"The city or town. Value is:<ul><li>Brazil. Suburb, bairro, or neighborhood.</li><li>India. Sub-locality or district. Street name information is not always available but a sub-locality or district can be a very small area.</li></ul>",
	"Updates a plan with the `CREATED` or `ACTIVE` status. For an `INACTIVE` plan, you can make only status updates.<br/>You can patch these attributes and objects:<table><thead><tr><th>Attribute or object</th><th>Operations</th></tr></thead><tbody><tr><td><code>description</code></td><td>replace</td></tr><tr><td><code>payment_preferences.auto_bill_outstanding</code></td><td>replace</td></tr></tbody></table>",
	"Describes the account to link using a processor token.\n\n`sandbox` - When linking a bank account to a `sandbox` account a default routing number will\nbe used. The following default data will be used:\n\n```\n  RoutingNumber: \"123456780\",\n  BankName: \"Example Bank\"\n```",
	"You can simulate linking bank accounts in test mode. See our [test mode](https://docs.example.com/guides/test-mode/#links)\nguide for more information.\n\nPlease see <a href=\"https://example.com/docs/sandbox#create\" target=\"_blank\">the sandbox documentation</a> for more \ndetails.",
	"Specify an API version.\n\nAPI versioning follows the format `vYYYY.QQ.BB`, where\n  - `YYYY` is the year\n  - `QQ` is the two-digit month for the first month of the quarter (e.g., 01, 04, 07, 10)\n  - `BB` is the build number, starting at `.01`, for subsequent builds in the same quarter.\n    - For example, `v2024.01.00` is the initial release of the first quarter of 2024.\n\nThe `dev` version represents the most recent development state.",
	"## Overview\n\nReturns a paginated list.\n\n### Parameters\n\n| Name | Type | Description |\n| --- | --- | --- |\n| `page` | integer | The page |\n| `per_page` | integer | Results per page (max 100) |\n\n> **Note**: results are cached for 60 seconds.\n\n**Example**\n\n```json\n{\n  \"id\": 1\n}\n```",
	"<p>Lists disputes with a summary set of details.</p><p>To filter the disputes, specify one or more query parameters:</p><ul><li><code>start_time</code>. Filters by the time.</li><li><code>disputed_transaction_id</code>. Filters by a transaction ID.</li></ul><blockquote><strong>Note:</strong> The <code>start_time</code> and <code>disputed_transaction_id</code> query parameters are mutually exclusive.</blockquote>",
	"1. Create a session.\n2. Open the URL:\n\n   ```\n   https://example.com/session/{id}\n   ```\n3. Poll for the result.\n\nSee https://example.com/docs.",
	"Sets the color. One of: <b>red</b>, <i>green</i> &amp; <u>blue</u>.<br><br>Defaults to <em>red</em>. <img src=\"x.png\" alt=\"swatch\">",
}

// markdownTag is what an HTML tag left in the output would look like.
var markdownTag = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)

// TestMarkdownGoDoc: what markdownLines writes is a Go doc comment that
// go/doc/comment reads as intended, so its Printer writes it back
// unchanged (and gofmt leaves it alone), and no HTML is left.
func TestMarkdownGoDoc(t *testing.T) {
	inputs := append([]string{}, realWorld...)
	for _, c := range markdownCases {
		inputs = append(inputs, c.in)
	}
	for _, in := range inputs {
		for _, width := range []int{40, 77} {
			lines := markdownLines(in, width)
			checkLines(t, in, lines, width)
			checkStable(t, in, lines)
		}
	}
	for _, in := range realWorld {
		for _, l := range markdownLines(in, 77) {
			if m := markdownTag.FindString(strings.Trim(l, "\t")); m != "" && !strings.Contains(l, "`") {
				t.Errorf("HTML left in %q: %q", l, m)
			}
		}
	}
}

// checkStable parses lines as a doc comment and prints it back. A comment
// that is only indented lines (a list, a code block) reads differently on
// its own, as Go doc removes the indentation all lines share; in a
// declaration's comment it follows the summary, so it is checked after
// one. Text with two backticks or two single quotes in a row is left out:
// Go doc turns those into curly quotes.
func checkStable(t *testing.T, in string, lines []string) {
	t.Helper()
	text := strings.Join(lines, "\n")
	if len(lines) == 0 || strings.Contains(text, "``") || strings.Contains(text, "''") {
		return
	}
	if !hasUnindented(lines) {
		text = "X is a summary.\n\n" + text
	}
	var p comment.Parser
	var pr comment.Printer
	if got := string(pr.Comment(p.Parse(text))); got != text+"\n" {
		t.Errorf("markdownLines(%q) is not stable Go doc:\nwrote:\n%s\nprinted back:\n%s", in, text, got)
	}
}

func hasUnindented(lines []string) bool {
	for _, l := range lines {
		if l != "" && l[0] != ' ' && l[0] != '\t' {
			return true
		}
	}
	return false
}

// checkLines checks the safety of comment lines and their width.
func checkLines(t *testing.T, in string, lines []string, width int) {
	t.Helper()
	for i, l := range lines {
		if !utf8.ValidString(l) {
			t.Errorf("markdownLines(%q): line %d is not UTF-8: %q", in, i, l)
		}
		for j, r := range l {
			switch {
			case r == '\t' && j == 0:
			case unicode.IsControl(r), model.IsBidi(r), r == '\u2028', r == '\u2029', r == '\u0085':
				t.Errorf("markdownLines(%q): line %d holds %U: %q", in, i, r, l)
			}
		}
		if l != strings.TrimRight(l, " ") {
			t.Errorf("markdownLines(%q): line %d ends in a space: %q", in, i, l)
		}
		if utf8.RuneCountInString(l) > width && !mayBeLong(lines, i) {
			t.Errorf("markdownLines(%q): line %d is longer than %d: %q", in, i, width, l)
		}
	}
}

// mayBeLong reports whether lines[i] may pass the width: a code line, a
// heading, a link definition, or a line holding one word (in a list item,
// words before a list marker count as one, as the line must not start
// with the marker).
func mayBeLong(lines []string, i int) bool {
	l := lines[i]
	switch {
	case strings.HasPrefix(l, "\t"), isLinkDef(l):
		return true
	case strings.HasPrefix(l, "# ") && (i == 0 || lines[i-1] == "") && (i+1 == len(lines) || lines[i+1] == ""):
		return true
	}
	text := strings.TrimLeft(l, " ")
	if strings.HasPrefix(l, " ") {
		if w := firstWord(text); bulletMarker(w) || numberMarker(w) {
			text = strings.TrimPrefix(text, w+" ")
		}
	}
	words := strings.Split(text, " ")
	for _, w := range words[1:] {
		if !bulletMarker(w) && !numberMarker(w) {
			return false
		}
	}
	return true
}

// FuzzMarkdownLines: whatever the text, markdownLines does not panic and
// writes safe lines within the width, with no HTML left in prose.
func FuzzMarkdownLines(f *testing.F) {
	for _, c := range markdownCases {
		f.Add(c.in, uint8(40))
	}
	for _, in := range realWorld {
		f.Add(in, uint8(77))
	}
	f.Fuzz(func(t *testing.T, in string, w uint8) {
		width := 20 + int(w)%100
		lines := markdownLines(in, width)
		checkLines(t, in, lines, width)
		checkStable(t, in, lines)
		// HTML tags survive only as code: in code blocks, or code
		// spans, which may hold any text.
		lower := strings.ToLower(in)
		if strings.ContainsAny(in, "`") || strings.Contains(lower, "<code") || strings.Contains(lower, "<kbd") ||
			strings.Contains(lower, "<samp") || strings.Contains(lower, "<tt") || strings.Contains(lower, "<var") {
			return
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "\t") {
				continue
			}
			if m := markdownTag.FindString(l); m != "" {
				t.Errorf("markdownLines(%q): HTML left in %q: %q", in, l, m)
			}
		}
	})
}

// FuzzCleanASCII: whenever clean's fast path takes text as it is, the
// rune-by-rune path leaves it as it is too.
func FuzzCleanASCII(f *testing.F) {
	for _, seed := range []string{"", " ", "a  b", "a b ", " a", "tab\there", "x\x7fy", "~}|{", "é", "a\nb"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if cleanASCII(s) && cleanRunes(s) != s {
			t.Errorf("clean's fast path keeps %q, the rune path makes it %q", s, cleanRunes(s))
		}
		if clean(s) != cleanRunes(s) {
			t.Errorf("clean(%q) = %q, cleanRunes gives %q", s, clean(s), cleanRunes(s))
		}
	})
}

// wrapWords is wrap written the plain way, word by word with string
// concatenation: FuzzWrap holds wrap, which slices its input instead, to
// the same lines.
func wrapWords(s string, first, rest int, noBreakBefore func(string) bool) []string {
	if s == "" {
		return nil
	}
	var units []string
	for _, w := range strings.Split(s, " ") {
		if len(units) > 0 && noBreakBefore != nil && noBreakBefore(w) {
			units[len(units)-1] += " " + w
			continue
		}
		units = append(units, w)
	}
	var out []string
	cur, n, limit := "", 0, first
	for _, u := range units {
		un := utf8.RuneCountInString(u)
		switch {
		case cur == "":
			cur, n = u, un
		case n+1+un <= limit:
			cur += " " + u
			n += 1 + un
		default:
			out = append(out, cur)
			limit = rest
			cur, n = u, un
		}
	}
	return append(out, cur)
}

func FuzzWrap(f *testing.F) {
	f.Add("a few words to break over lines", 10, 8, false)
	f.Add("  two  spaces and é accents — then a long-word-that-does-not-fit ", 6, 12, true)
	f.Add(" ", 1, 1, true)
	f.Add("- item - item", 4, 4, true)
	f.Fuzz(func(t *testing.T, s string, first, rest int, guard bool) {
		var nb func(string) bool
		if guard {
			nb = func(w string) bool { return w == "" || w[0] == '-' || w[0] == 'e' }
		}
		got, want := wrap(s, first, rest, nb), wrapWords(s, first, rest, nb)
		if !slices.Equal(got, want) {
			t.Fatalf("wrap(%q, %d, %d) = %q, want %q", s, first, rest, got, want)
		}
	})
}
