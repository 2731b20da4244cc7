package gen

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	mdhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sdkgen/sdkgen/model"
)

// This file renders the Markdown (CommonMark with GitHub tables, and the
// HTML that specs embed in it) of spec descriptions as Go doc comment text,
// the syntax go/doc/comment parses. goldmark turns the Markdown into HTML
// (raw HTML passing through), golang.org/x/net/html parses that into one
// tree, and the tree becomes blocks: paragraphs, headings, code blocks,
// lists and tables. The blocks are then laid out as comment lines:
//
//   - The indentation all lines of a description share goes first: text
//     copied from indented source is prose, not one code block.
//   - Paragraphs are wrapped at the width (counted in runes, never inside a
//     word); soft line breaks join. <br> ends a paragraph.
//   - Headings, of any level, are "# Heading" lines set off by blank lines.
//   - Code blocks (fenced, indented, <pre>) are lines "\t" + text, tabs
//     expanded, the common indentation removed. Inline code keeps its
//     backticks (`name`), so values stay told apart from prose; a code span
//     that itself holds a backtick is written bare.
//   - Lists are Go doc lists: "  - item", or " 1. item" for ordered ones
//     (the form gofmt gives them), continuation lines indented four spaces.
//     Go doc lists do not nest: a nested item becomes a continuation line of
//     its top-level item, marked so that it cannot start a new item ("– "
//     under a bullet list, "1. " for an ordered list under a bullet list, "- "
//     for a bullet list under an ordered list, "a. " for an ordered list
//     under an ordered list). Paragraphs, code and tables inside an item
//     become further continuation lines of that item.
//   - Links are [text] with a link definition "[text]: URL" at the end of
//     the comment. A link whose text is its URL (autolinks, bare URLs) is
//     the URL; a link Go doc cannot define (relative, mailto:, a text
//     already defined with another URL) is its text, with the address in
//     parentheses where it helps. In headings and code, links are text.
//   - Images are their alt text; emphasis, strong, strikethrough and every
//     other tag are their text; scripts, styles and comments are dropped.
//   - Block quotes are their content, as ordinary blocks: an indented quote
//     would read as code.
//   - Tables are a code block of aligned columns ("a | b") when they fit the
//     width, else a list with one item per row ("Header: cell; ...").
//
// Go doc syntax has no way to put a code block directly after a list (the
// code would continue the list) or a list directly after a code block, and
// reads a code block whose first line looks like a list item as a list. So
// such code blocks are written as text, one backticked line per code line;
// adjacent lists merge into one.
//
// Every output line is safe inside a // comment: line breaks of any kind,
// control characters (but the tab that starts a code line), Unicode bidi
// controls and U+FEFF never appear, and invalid UTF-8 becomes U+FFFD.

// segKind is what an inline piece of text is.
type segKind uint8

const (
	segText    segKind = iota // prose from Markdown
	segCode                   // inline code
	segLink                   // a hyperlink: text and url
	segLiteral                // sdkgen's own prose, or spec data quoted in it: written as it is
)

// seg is one inline piece of text. Whitespace in text is collapsed when
// it is laid out.
type seg struct {
	kind segKind
	text string
	url  string
}

// line is a logical line: wrapped at the width, but never joined with the
// logical line before it.
type line []seg

// blockKind is what a block is.
type blockKind uint8

const (
	blockPara blockKind = iota
	blockHeading
	blockCode
	blockList
	blockTable
)

// block is one block of a comment.
type block struct {
	kind    blockKind
	lines   []line    // paragraph: its logical lines; heading: one line
	code    []string  // code block lines, "" for a blank line
	items   [][]line  // list items, each its logical lines
	ordered bool      // an ordered list
	start   int       // the number of an ordered list's first item
	rows    [][][]seg // table rows, each its cells
	header  bool      // the table's first row is its header
}

// markdownLines renders spec Markdown as the lines of a Go doc comment,
// without the leading "// ", wrapped at width runes. Link definitions come
// last. See the top of this file for how each construct renders.
func markdownLines(text string, width int) []string {
	return layout(parseMarkdown(text), width)
}

// converters holds goldmark converters for reuse: building one, and its
// first conversion, cost about as much as converting a description.
var converters = sync.Pool{New: func() any {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithRendererOptions(mdhtml.WithUnsafe()),
	)
}}

// markdown converts Markdown to HTML, keeping raw HTML, with GitHub's
// tables, strikethrough and bare links.
func markdown(text string) []byte {
	md := converters.Get().(goldmark.Markdown)
	defer converters.Put(md)
	var b bytes.Buffer
	if err := md.Convert([]byte(text), &b); err != nil {
		// Converting to memory fails only if goldmark itself fails; the
		// text then reads as it is, as plain paragraphs.
		b.Reset()
		b.WriteString(html.EscapeString(text))
	}
	return b.Bytes()
}

// lineBreaks are the characters, besides \r and \n, that end a line in
// some reader of the generated source.
var lineBreaks = strings.NewReplacer("\u2028", "\n", "\u2029", "\n", "\u0085", "\n")

// parsedMarkdown holds parseMarkdown's blocks by text. A big spec gives the
// same description many times over (a parameter shared by operations, a
// schema written out in many bodies), and parsing the Markdown and then
// its HTML is most of the cost of writing doc comments. It forgets
// everything when full, so that it stays small.
var parsedMarkdown struct {
	sync.Mutex
	blocks map[string][]block
}

// maxParsedMarkdown is how many texts parsedMarkdown holds at most.
const maxParsedMarkdown = 1 << 14

// parseMarkdown parses spec text into blocks. The caller gets blocks of
// its own, which it may change.
func parseMarkdown(text string) []block {
	parsedMarkdown.Lock()
	bs, ok := parsedMarkdown.blocks[text]
	parsedMarkdown.Unlock()
	if !ok {
		bs = parseMarkdownText(text)
		parsedMarkdown.Lock()
		if parsedMarkdown.blocks == nil || len(parsedMarkdown.blocks) >= maxParsedMarkdown {
			parsedMarkdown.blocks = map[string][]block{}
		}
		parsedMarkdown.blocks[text] = bs
		parsedMarkdown.Unlock()
	}
	return cloneBlocks(bs)
}

// cloneBlocks copies blocks down to their segments, so that changing the
// copy leaves bs as it was.
func cloneBlocks(bs []block) []block {
	if bs == nil {
		return nil
	}
	out := make([]block, len(bs))
	for i, b := range bs {
		b.lines = cloneLines(b.lines)
		b.code = slices.Clone(b.code)
		if b.items != nil {
			items := make([][]line, len(b.items))
			for j, it := range b.items {
				items[j] = cloneLines(it)
			}
			b.items = items
		}
		if b.rows != nil {
			rows := make([][][]seg, len(b.rows))
			for j, r := range b.rows {
				if r != nil {
					rows[j] = make([][]seg, len(r))
					for k, c := range r {
						rows[j][k] = slices.Clone(c)
					}
				}
			}
			b.rows = rows
		}
		out[i] = b
	}
	return out
}

func cloneLines(ls []line) []line {
	if ls == nil {
		return nil
	}
	out := make([]line, len(ls))
	for i, l := range ls {
		out[i] = slices.Clone(l)
	}
	return out
}

// parseMarkdownText is parseMarkdown without the cache.
func parseMarkdownText(text string) []block {
	// Control characters other than line breaks and tabs, and bidi
	// controls, go before parsing: the HTML parser would turn a NUL into
	// U+FFFD.
	text = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\r' && r != '\t' && unicode.IsControl(r) || model.IsBidi(r) {
			return -1
		}
		return r
	}, lineBreaks.Replace(text))
	if strings.TrimSpace(text) == "" {
		return nil
	}
	text = dedent(text)
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(bytes.NewReader(markdown(text)), ctx)
	if err != nil {
		return []block{{kind: blockPara, lines: []line{{{text: text}}}}}
	}
	var b builder
	for _, n := range nodes {
		b.node(n)
	}
	b.flush()
	return b.blocks
}

// dedent removes the indentation every line of text shares. Descriptions
// copied from indented source (docstrings, block scalars indented further
// than their key) would otherwise read as one code block, which their
// authors did not mean.
func dedent(text string) string {
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text), "\n")
	prefix, first := "", true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = lead, false
			continue
		}
		for !strings.HasPrefix(lead, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if prefix == "" {
		return text
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return strings.Join(lines, "\n")
}

// builder turns an HTML tree into blocks.
type builder struct {
	blocks []block
	cur    line // the paragraph being collected
}

// flush ends the paragraph being collected.
func (b *builder) flush() {
	if !blankLine(b.cur) {
		b.blocks = append(b.blocks, block{kind: blockPara, lines: []line{b.cur}})
	}
	b.cur = nil
}

func (b *builder) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.node(c)
	}
}

// node adds n to the blocks: block-level elements end the paragraph being
// collected, inline ones add to it.
func (b *builder) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.cur = append(b.cur, seg{text: n.Data})
		return
	case html.ElementNode:
	default: // comments, doctypes
		return
	}
	if dropped[n.Data] {
		return
	}
	switch n.Data {
	case "br", "hr":
		b.flush()
	case "h1", "h2", "h3", "h4", "h5", "h6":
		b.flush()
		if l := inlineLine(n); !blankLine(l) {
			b.blocks = append(b.blocks, block{kind: blockHeading, lines: []line{l}})
		}
	case "ul", "ol", "menu", "dir":
		b.flush()
		b.list(n)
	case "li":
		// An item outside a list is a list of one.
		b.flush()
		if it := itemLines(n); len(it) > 0 {
			b.blocks = append(b.blocks, block{kind: blockList, items: [][]line{it}})
		}
	case "pre", "xmp", "listing", "plaintext":
		b.flush()
		if code := codeLines(preText(n)); len(code) > 0 {
			b.blocks = append(b.blocks, block{kind: blockCode, code: code})
		}
	case "table":
		b.flush()
		b.table(n)
	case "a":
		href, _ := attr(n, "href")
		b.cur = append(b.cur, seg{kind: segLink, text: flatText(n), url: href})
	case "code", "kbd", "samp", "tt", "var":
		b.cur = append(b.cur, seg{kind: segCode, text: flatText(n)})
	case "img":
		alt, _ := attr(n, "alt")
		b.cur = append(b.cur, seg{text: alt})
	case "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "details", "summary",
		"figure", "figcaption", "blockquote", "dl", "dt", "dd", "center", "form", "fieldset", "legend",
		"address", "hgroup", "caption", "body", "html":
		b.flush()
		b.children(n)
		b.flush()
	default:
		b.children(n)
	}
}

// list adds a <ul> or <ol>.
func (b *builder) list(n *html.Node) {
	l := block{kind: blockList, ordered: n.Data == "ol", start: 1}
	if v, ok := attr(n, "start"); ok && l.ordered {
		if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 && s < 1e9 {
			l.start = s
		}
	}
	var stray builder // content between items joins the item before it
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "li" {
			if it := itemLines(c); len(it) > 0 {
				l.items = append(l.items, it)
			}
			continue
		}
		stray.blocks, stray.cur = nil, nil
		stray.node(c)
		stray.flush()
		if ls := flattenBlocks(stray.blocks); len(ls) > 0 {
			if len(l.items) == 0 {
				l.items = append(l.items, ls)
			} else {
				l.items[len(l.items)-1] = append(l.items[len(l.items)-1], ls...)
			}
		}
	}
	if len(l.items) > 0 {
		b.blocks = append(b.blocks, l)
	}
}

// itemLines is the content of a list item as logical lines.
func itemLines(li *html.Node) []line {
	var sub builder
	sub.children(li)
	sub.flush()
	return flattenBlocks(sub.blocks)
}

// nestedMark starts the first logical line of a nested item, followed by
// "-" or the item's number. Which mark the reader sees depends on the kind
// of the top-level list, known only at layout (resolveNested). A NUL never
// comes out of parsing: the HTML parser replaces it.
const nestedMark = "\x00"

// flattenBlocks turns the blocks inside a list item into logical lines.
func flattenBlocks(blocks []block) []line {
	var out []line
	for _, bl := range blocks {
		switch bl.kind {
		case blockPara, blockHeading:
			for _, l := range bl.lines {
				if !blankLine(l) {
					out = append(out, l)
				}
			}
		case blockCode:
			for _, c := range bl.code {
				if strings.TrimSpace(c) != "" {
					out = append(out, line{{kind: segCode, text: c}})
				}
			}
		case blockTable:
			out = append(out, tableItems(bl)...)
		case blockList:
			for i, it := range bl.items {
				mark := "-"
				if bl.ordered {
					mark = strconv.Itoa(bl.start + i)
				}
				for j, l := range it {
					if j == 0 {
						l = append(line{{kind: segText, text: nestedMark + mark}}, l...)
					}
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// inlineLine is the text of n as one logical line, blocks inside it run
// together.
func inlineLine(n *html.Node) line {
	var b builder
	b.children(n)
	b.flush()
	var out line
	for _, bl := range b.blocks {
		for _, l := range flattenBlocks([]block{bl}) {
			out = append(out, seg{text: " "})
			for _, s := range l {
				if s.kind == segText && strings.HasPrefix(s.text, nestedMark) {
					continue
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// table adds a <table>: rows of cells, the first row its header when it
// sits in <thead> or holds only <th> cells.
func (b *builder) table(n *html.Node) {
	t := block{kind: blockTable}
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, head bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "thead":
				walk(c, true)
			case "tbody", "tfoot":
				walk(c, false)
			case "tr":
				var row [][]seg
				allTH := true
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type != html.ElementNode || cell.Data != "td" && cell.Data != "th" {
						continue
					}
					allTH = allTH && cell.Data == "th"
					row = append(row, inlineLine(cell))
				}
				if len(row) == 0 {
					continue
				}
				if len(t.rows) == 0 && (head || allTH) {
					t.header = true
				}
				t.rows = append(t.rows, row)
			}
		}
	}
	walk(n, false)
	if len(t.rows) > 0 {
		b.blocks = append(b.blocks, t)
	}
}

// attr returns the value of n's attribute key.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// flatText is the text of n and its descendants, images as their alt text.
func flatText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		switch {
		case dropped[n.Data]:
			return
		case n.Data == "img":
			alt, _ := attr(n, "alt")
			b.WriteString(alt)
			return
		}
		// Block elements and line breaks separate words; inline ones do not.
		sep := !inlineTags[n.Data]
		if sep {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if sep {
			b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return b.String()
}

// dropped are the elements whose content is no prose: scripts, styles,
// embedded documents and form controls.
var dropped = map[string]bool{
	"script": true, "style": true, "template": true, "head": true, "title": true, "noscript": true,
	"noembed": true, "noframes": true, "iframe": true, "object": true, "svg": true, "math": true,
	"select": true, "textarea": true, "input": true, "button": true,
}

// inlineTags are the elements that run on within a line of text.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "big": true, "cite": true, "code": true,
	"data": true, "del": true, "dfn": true, "em": true, "font": true, "i": true, "ins": true, "kbd": true,
	"label": true, "mark": true, "q": true, "s": true, "samp": true, "small": true, "span": true,
	"strike": true, "strong": true, "sub": true, "sup": true, "time": true, "tt": true, "u": true, "var": true,
}

// preText is the text of a <pre>, whitespace kept, <br> as a line break.
func preText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		switch {
		case dropped[n.Data]:
			return
		case n.Data == "br":
			b.WriteByte('\n')
			return
		case n.Data == "img":
			alt, _ := attr(n, "alt")
			b.WriteString(alt)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return b.String()
}

// codeLines splits preformatted text into safe code lines: tabs expanded
// to four-column stops, the indentation all lines share removed (Go doc
// would remove it), blank lines at either end dropped.
func codeLines(text string) []string {
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(lineBreaks.Replace(text))
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		var b strings.Builder
		col := 0
		for _, r := range l {
			switch {
			case r == '\t':
				n := 4 - col%4
				b.WriteString(strings.Repeat(" ", n))
				col += n
			case unicode.IsSpace(r):
				b.WriteByte(' ')
				col++
			case unicode.IsControl(r), model.IsBidi(r):
			default:
				b.WriteRune(r)
				col++
			}
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	indent := -1
	for _, l := range lines {
		if l == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if l != "" {
			lines[i] = l[indent:]
		}
	}
	return lines
}

// clean makes text safe for one comment line: every kind of space and
// line break becomes a space, runs of spaces fold into one (kept at either
// end, where the text meets its neighbours), control characters, bidi
// controls and U+FEFF are dropped.
func clean(s string) string {
	if cleanASCII(s) {
		return s // the common case: nothing to change
	}
	return cleanRunes(s)
}

// cleanRunes is clean, rune by rune.
func cleanRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), model.IsBidi(r):
			continue
		}
		if space {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// cleanASCII reports whether clean would return s as it is: printable
// ASCII without two spaces in a row.
func cleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || c == ' ' && i > 0 && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// blankLine reports whether a logical line holds no text.
func blankLine(l line) bool {
	for _, s := range l {
		if strings.TrimSpace(clean(s.text)) != "" {
			return false
		}
	}
	return true
}

// textMode says how links and code render in a piece of text.
type textMode uint8

const (
	modeLinked  textMode = iota // paragraphs and list items: [text] links
	modeHeading                 // headings: links are their text
	modeCode                    // code blocks: links as "text (URL)", code without backticks
)

// links collects a comment's link definitions.
type links struct {
	defs  []string          // "[text]: URL", in order of first use
	byTxt map[string]string // text → URL
	// open tells that the paragraph being written has a "[" with no "]"
	// after it yet. go/doc/comment then reads on from that "[" and misses
	// a link: the link is written out in full instead.
	open bool
}

// track notes the brackets of text written to the current paragraph.
func (ls *links) track(text string) string {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '[':
			ls.open = true
		case ']':
			ls.open = false
		}
	}
	return text
}

// render writes a logical line as text with single spaces.
func (ls *links) render(l line, mode textMode) string {
	var b, run strings.Builder
	// Prose pieces run together before they are checked for what reads
	// as a tag: "<", an <a> without href holding "A" and ">" make "<A>".
	flush := func() {
		b.WriteString(untag(run.String()))
		run.Reset()
	}
	for _, s := range l {
		switch s.kind {
		case segText:
			run.WriteString(ls.track(clean(stripTags(s.text))))
		case segLink:
			run.WriteString(ls.track(ls.link(s, mode)))
		case segLiteral:
			flush()
			b.WriteString(ls.track(clean(s.text)))
		case segCode:
			flush()
			t := strings.TrimSpace(clean(s.text))
			switch {
			case t == "":
			case mode == modeCode || strings.Contains(t, "`"):
				b.WriteString(ls.track(t))
			default:
				b.WriteString(ls.track("`" + t + "`"))
			}
		}
	}
	flush()
	return strings.TrimSpace(clean(b.String()))
}

// link renders one link, defining it when it can be a Go doc link.
func (ls *links) link(s seg, mode textMode) string {
	text := strings.TrimSpace(untag(clean(stripTags(strings.NewReplacer("[", "(", "]", ")").Replace(s.text)))))
	url := strings.ReplaceAll(strings.TrimSpace(clean(s.url)), " ", "%20")
	scheme, rest, _ := strings.Cut(url, ":")
	absolute := strings.HasPrefix(rest, "//") && isDocScheme(strings.ToLower(scheme))
	switch {
	case text == "" && absolute:
		return url
	case text == "" || url == "" || text == url:
		return text
	case strings.EqualFold(scheme, "mailto"):
		if addr := strings.TrimPrefix(rest, "//"); addr != text {
			return text + " (" + addr + ")"
		}
		return text
	case !absolute:
		return text
	case rest == "//"+text:
		// A bare www.example.com that goldmark linked: keep it as written.
		return text
	case mode == modeHeading:
		return text
	case mode == modeCode || ls.open:
		return text + " (" + url + ")"
	}
	if ls.byTxt == nil {
		ls.byTxt = map[string]string{}
	}
	switch prev, ok := ls.byTxt[text]; {
	case !ok:
		ls.byTxt[text] = url
		ls.defs = append(ls.defs, "["+text+"]: "+url)
	case prev != url:
		// Go doc has one definition per text; the second address shows.
		return text + " (" + url + ")"
	}
	return "[" + text + "]"
}

// tagLike matches what reads as an HTML tag.
var tagLike = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)

// stripTags removes what still reads as an HTML tag from prose: markup the
// HTML parser kept as text (an escaped tag, or one it could not parse,
// such as <a/b>). Code keeps its text.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	return tagLike.ReplaceAllString(s, " ")
}

// untag puts a space after each "<" that could open a tag, so that text
// which only reads as a tag once its pieces are put together ("<" and "A>")
// does not.
func untag(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if c := s[i]; c == '<' && i+1 < len(s) {
			if n := s[i+1]; n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || n == '/' || n == '!' {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// isDocScheme reports whether go/doc/comment accepts a link definition
// with this URL scheme.
func isDocScheme(s string) bool {
	switch s {
	case "http", "https", "ftp", "file", "gopher", "mailto", "nntp":
		return true
	}
	return false
}

// layout lays blocks out as comment lines at width.
func layout(blocks []block, width int) []string {
	var ls links
	lines := ls.layout(blocks, width)
	if len(ls.defs) > 0 {
		lines = append(lines, "")
		lines = append(lines, ls.defs...)
	}
	return guardHeadings(lines, width)
}

// layout lays blocks out, collecting their links in ls.
func (ls *links) layout(blocks []block, width int) []string {
	blocks = settle(blocks, width, ls)
	var out []string
	for _, bl := range blocks {
		var lines []string
		switch bl.kind {
		case blockPara:
			ls.open = false
			for _, l := range bl.lines {
				lines = append(lines, wrap(ls.render(l, modeLinked), width, width, nil)...)
			}
			lines = guardLinkDefs(lines, width)
		case blockHeading:
			if t := ls.render(bl.lines[0], modeHeading); t != "" {
				lines = []string{"# " + t}
			}
		case blockCode:
			for _, c := range bl.code {
				if c == "" {
					lines = append(lines, "")
				} else {
					lines = append(lines, "\t"+c)
				}
			}
		case blockList:
			lines = ls.list(bl, width)
		}
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// settle resolves tables and the block sequences Go doc cannot show: a
// code block touching a list becomes text, adjacent lists merge. Empty
// blocks go.
func settle(blocks []block, width int, ls *links) []block {
	var out []block
	for i, bl := range blocks {
		if bl.kind == blockTable {
			nextList := i+1 < len(blocks) && blocks[i+1].kind == blockList
			prevList := len(out) > 0 && out[len(out)-1].kind == blockList
			bl = tableBlock(bl, width, ls, prevList || nextList)
		}
		if bl.kind == blockCode && len(bl.code) == 0 || bl.kind == blockList && len(bl.items) == 0 {
			continue
		}
		var prev *block
		if len(out) > 0 {
			prev = &out[len(out)-1]
		}
		switch {
		case bl.kind == blockCode && listLine(bl.code[0]) && (prev == nil || prev.kind != blockCode):
			// Go doc reads an indented block that starts like a list item
			// as a list.
			bl = codeAsText(bl)
		case prev != nil && bl.kind == blockCode && prev.kind == blockList:
			bl = codeAsText(bl)
		case prev != nil && bl.kind == blockList && prev.kind == blockCode:
			*prev = codeAsText(*prev)
		case prev != nil && bl.kind == blockList && prev.kind == blockList:
			prev.items = append(prev.items, bl.items...)
			continue
		}
		out = append(out, bl)
	}
	return out
}

// codeAsText turns a code block into a paragraph of backticked lines.
func codeAsText(bl block) block {
	p := block{kind: blockPara}
	for _, c := range bl.code {
		if strings.TrimSpace(c) != "" {
			p.lines = append(p.lines, line{{kind: segCode, text: c}})
		}
	}
	return p
}

// tableBlock lays a table out as a code block of aligned columns, or as a
// list of rows when it would be wider than width or must join a list.
func tableBlock(t block, width int, ls *links, asList bool) block {
	// Rows without text go; so does the header with them.
	var rows [][][]seg
	for i, r := range t.rows {
		blank := true
		for _, c := range r {
			blank = blank && blankLine(c)
		}
		switch {
		case !blank:
			rows = append(rows, r)
		case i == 0:
			t.header = false
		}
	}
	if t.rows = rows; len(rows) == 0 {
		return block{kind: blockCode}
	}
	ncol := 0
	for _, r := range t.rows {
		ncol = max(ncol, len(r))
	}
	cells := make([][]string, len(t.rows))
	widths := make([]int, ncol)
	for i, r := range t.rows {
		cells[i] = make([]string, ncol)
		for j, c := range r {
			cells[i][j] = ls.renderProbe(c, modeCode)
			widths[j] = max(widths[j], utf8.RuneCountInString(cells[i][j]))
		}
	}
	total := 0
	for _, w := range widths {
		total += w + 3
	}
	if asList || total-3 > width-4 || ncol == 0 {
		l := block{kind: blockList}
		for _, row := range tableItems(t) {
			l.items = append(l.items, []line{row})
		}
		return l
	}
	var code []string
	for i, r := range cells {
		var b strings.Builder
		for j, c := range r {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(c + strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)))
		}
		code = append(code, strings.TrimRight(b.String(), " "))
		if i == 0 && t.header {
			var sep []string
			for _, w := range widths {
				sep = append(sep, strings.Repeat("-", max(w, 1)))
			}
			code = append(code, strings.Join(sep, "-|-"))
		}
	}
	// An empty first column would indent every line: Go doc drops that.
	return block{kind: blockCode, code: codeLines(strings.Join(code, "\n"))}
}

// renderProbe renders text without defining links.
func (ls *links) renderProbe(l line, mode textMode) string {
	probe := links{}
	return probe.render(l, mode)
}

// tableItems is a table as logical lines, one a row: "Header: cell; ...".
func tableItems(t block) []line {
	var head [][]seg
	rows := t.rows
	if t.header && len(rows) > 1 {
		head, rows = rows[0], rows[1:]
	}
	var out []line
	for _, r := range rows {
		var l line
		for j, c := range r {
			if blankLine(c) {
				continue
			}
			if len(l) > 0 {
				l = append(l, seg{text: "; "})
			}
			if j < len(head) && !blankLine(head[j]) {
				l = append(l, head[j]...)
				l = append(l, seg{text: ": "})
			}
			l = append(l, c...)
		}
		if len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// list lays out a list block.
func (ls *links) list(bl block, width int) []string {
	var out []string
	n := bl.start
	for _, it := range bl.items {
		marker := "  - "
		if bl.ordered {
			marker = " " + strconv.Itoa(n) + ". "
		}
		startsItem := bulletMarker
		if bl.ordered {
			startsItem = numberMarker
		}
		var texts []string
		ls.open = false
		for _, l := range it {
			t := ls.render(resolveNested(l, bl.ordered), modeLinked)
			if t == "" {
				continue
			}
			// A logical line that would begin with a list marker would
			// start a new item: it runs on from the line before instead.
			if len(texts) > 0 && startsItem(firstWord(t)) {
				texts[len(texts)-1] += " " + t
				continue
			}
			texts = append(texts, t)
		}
		if len(texts) == 0 {
			continue
		}
		n++
		const indent = "    "
		for i, t := range texts {
			first, rest := width-len(indent), width-len(indent)
			if i == 0 {
				first = width - len(marker)
			}
			for j, w := range wrap(t, max(first, 1), max(rest, 1), startsItem) {
				if i == 0 && j == 0 {
					out = append(out, marker+w)
				} else {
					out = append(out, indent+w)
				}
			}
		}
	}
	return out
}

// resolveNested writes the mark of a nested item's first line, chosen so
// that it cannot start an item of the top-level list.
func resolveNested(l line, ordered bool) line {
	if len(l) == 0 || l[0].kind != segText || !strings.HasPrefix(l[0].text, nestedMark) {
		return l
	}
	mark := strings.TrimPrefix(l[0].text, nestedMark)
	n, err := strconv.Atoi(mark)
	switch {
	case err != nil && !ordered: // a bullet under a bullet list
		mark = "–"
	case err != nil: // a bullet under an ordered list
		mark = "-"
	case !ordered: // a number under a bullet list
		mark += "."
	case n >= 1 && n <= 26: // a number under an ordered list
		mark = string(rune('a'+n-1)) + "."
	default:
		mark = "–"
	}
	out := append(line{{text: mark + " "}}, l[1:]...)
	return out
}

// listLine reports whether Go doc would read l, indented, as the start of
// a list item: a marker, a space and text.
func listLine(l string) bool {
	w, rest, ok := strings.Cut(strings.TrimSpace(l), " ")
	return ok && strings.TrimSpace(rest) != "" && (bulletMarker(w) || numberMarker(w))
}

// firstWord is the text of s up to its first space.
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// bulletMarker reports whether w, at the start of a line followed by
// text, is a Go doc bullet: -, *, + or •.
func bulletMarker(w string) bool {
	switch w {
	case "-", "*", "+", "•":
		return true
	}
	return false
}

// numberMarker reports whether w, at the start of a line followed by
// text, is a Go doc list number: digits and . or ).
func numberMarker(w string) bool {
	if len(w) < 2 || w[len(w)-1] != '.' && w[len(w)-1] != ')' {
		return false
	}
	for _, c := range w[:len(w)-1] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// wrap breaks s, whose words are separated by single spaces, into lines of
// at most first runes (the first line) and rest runes (the others). A word
// longer than that stays whole on its own line. noBreakBefore, if set,
// names words a line must not start with.
func wrap(s string, first, rest int, noBreakBefore func(string) bool) []string {
	if s == "" {
		return nil
	}
	// The line being built is s[cs:ce]: units follow one another in s one
	// space apart, so a line of them is a substring and costs no copy.
	// Units are the pieces a line may break between: the words, each
	// joined to the one before when noBreakBefore says so.
	var out []string
	cs, ce, n := 0, 0, 0
	limit := first
	for us := 0; us <= len(s); {
		ue := us + wordEnd(s[us:])
		for noBreakBefore != nil && ue < len(s) {
			next := ue + 1 + wordEnd(s[ue+1:])
			if !noBreakBefore(s[ue+1 : next]) {
				break
			}
			ue = next
		}
		un := utf8.RuneCountInString(s[us:ue])
		switch {
		case cs == ce:
			cs, ce, n = us, ue, un
		case n+1+un <= limit:
			ce = ue
			n += 1 + un
		default:
			out = append(out, s[cs:ce])
			limit = rest
			cs, ce, n = us, ue, un
		}
		us = ue + 1
	}
	return append(out, s[cs:ce])
}

// wordEnd returns the length of s's first word: up to its first space.
func wordEnd(s string) int {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return i
	}
	return len(s)
}

// guardLinkDefs keeps a paragraph from reading as link definitions, which
// Go doc would move to the end of the comment: it happens when every line
// looks like "[text]: URL". A space after the first bracket breaks the
// form.
func guardLinkDefs(lines []string, width int) []string {
	for _, l := range lines {
		if !isLinkDef(l) {
			return lines
		}
	}
	return wrap(strings.Replace(strings.Join(lines, " "), "]:", "] :", 1), width, width, nil)
}

// isLinkDef reports whether go/doc/comment reads l as a link definition.
func isLinkDef(l string) bool {
	if !strings.HasPrefix(l, "[") {
		return false
	}
	i := strings.Index(l, "]:")
	if i < 0 || i+3 >= len(l) || l[i+2] != ' ' && l[i+2] != '\t' {
		return false
	}
	url := strings.TrimSpace(l[i+3:])
	j := strings.Index(url, "://")
	return j >= 0 && isDocScheme(url[:j])
}

// guardHeadings ends with a period each line Go doc would take for an
// old-style heading: a lone line of text between blank lines, followed by
// a paragraph, that starts with a capital letter and does not end in
// punctuation. The spec meant a sentence, not a heading. A line the period
// would make too long is wrapped again.
func guardHeadings(lines []string, width int) []string {
	var out []string
	for i, l := range lines {
		if !isOldHeading(lines, i) {
			out = append(out, l)
			continue
		}
		out = append(out, wrap(l+".", width, width, nil)...)
	}
	return out
}

// isOldHeading reports whether go/doc/comment reads all[i] as an
// old-style (unmarked) section heading.
func isOldHeading(all []string, i int) bool {
	if i <= 0 || all[i-1] != "" || i+2 >= len(all) || all[i+1] != "" {
		return false
	}
	if next := all[i+2]; next != "" && (next[0] == ' ' || next[0] == '\t') {
		return false
	}
	l := all[i]
	if l == "" || l[0] == ' ' || l[0] == '\t' || strings.HasPrefix(l, "# ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l)
	if !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		return false
	}
	r, _ = utf8.DecodeLastRuneInString(l)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(l, ";:!?+*/=[]{}_^°&§~%#@<\">\\") {
		return false
	}
	for rest := l; ; {
		var ok bool
		if _, rest, ok = strings.Cut(rest, "'"); !ok {
			break
		}
		if rest != "s" && !strings.HasPrefix(rest, "s ") {
			return false
		}
	}
	for rest := l; ; {
		var ok bool
		if _, rest, ok = strings.Cut(rest, "."); !ok {
			break
		}
		if rest == "" || strings.HasPrefix(rest, " ") {
			return false
		}
	}
	return true
}
