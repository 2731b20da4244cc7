package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/parser"
)

// wrapWhole is wrapLong as rounds over the whole file: break the long
// lines of the file, format it, and again while any line is too long.
// wrapLong must give the same bytes while formatting only the parts it
// changes.
func wrapWhole(src []byte) []byte {
	for range maxRounds {
		if !slices.ContainsFunc(bytes.Split(src, []byte("\n")), func(l []byte) bool { return lineWidth(l) > maxLine }) {
			return src
		}
		next, ok := wrapOnce(src)
		if !ok {
			return src
		}
		src = next
	}
	return src
}

// TestWrapLongByParts checks wrapLong against wrapWhole on every Go file
// generated for the testdata cases (and Moov's API when present), before
// the long lines are broken, and on a few tables made by hand.
func TestWrapLongByParts(t *testing.T) {
	specs := []string{}
	dirs, _ := filepath.Glob("../testdata/*")
	for _, dir := range dirs {
		for _, name := range []string{"openapi.yaml", "openapi.yml", "openapi.json"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				specs = append(specs, filepath.Join(dir, name))
			}
		}
	}
	const moov = "../../shared/specs/moov/openapi.yaml"
	if _, err := os.Stat(moov); err == nil && !testing.Short() {
		specs = append(specs, moov)
	}
	broken := 0
	for _, spec := range specs {
		api, diags := parser.Parse(spec, parser.Config{})
		if diags.HasErrors() {
			continue
		}
		g := newGen(api, Config{Package: "sdk", Module: "example.com/sdk", Conformance: true, Examples: true, Docs: true}, "example.com/sdk/internal/core")
		var jobs []pending
		g.jobs(func(j pending) { jobs = append(jobs, j) })
		for _, j := range jobs {
			var buf bytes.Buffer
			if err := j.file.Render(&buf); err != nil {
				t.Fatalf("%s: %s: %v", spec, j.path, err)
			}
			want := wrapWhole(buf.Bytes())
			if got := wrapLong(buf.Bytes()); !bytes.Equal(got, want) {
				t.Errorf("%s: %s: wrapLong differs from wrapping the whole file:\n%s", spec, j.path, firstDiff(got, want))
			}
			if !bytes.Equal(want, buf.Bytes()) {
				broken++
			}
		}
	}
	if broken == 0 {
		t.Error("no generated file had a line to break: the comparison proves nothing")
	}

	long := strings.Repeat("x", 60)
	for name, src := range map[string]string{
		"table":                          "package p\n\nvar t = []T{\n\t{\n\t\ta: f(\"" + long + "\", \"" + long + "\"),\n\t},\n\t{\n\t\tb: 1,\n\t},\n\t{\n\t\ta: g(h(\"" + long + "\", \"" + long + "\"), \"" + long + "\"),\n\t},\n}\n\nfunc f(a, b string) int { return 0 }\n",
		"table whose first line is long": "package p\n\nvar t = map[string]func(a" + long + ", b" + long + " int){\n\t{\n\t\ta: f(\"" + long + "\", \"" + long + "\"),\n\t},\n}\n",
		"table with a comment":           "package p\n\nvar t = []T{\n\t// c\n\t{\n\t\ta: f(\"" + long + "\", \"" + long + "\"), // " + long + "\n\t\tbb: 1, // c\n\t},\n}\n",
		"unbreakable and breakable":      "package p\n\nconst s = \"" + long + long + long + "\"\n\nfunc f() { g(\"" + long + "\", \"" + long + "\") }\n",
	} {
		want := wrapWhole([]byte(src))
		if got := wrapLong([]byte(src)); !bytes.Equal(got, want) {
			t.Errorf("%s: wrapLong differs from wrapping the whole file:\n%s", name, firstDiff(got, want))
		}
		if bytes.Equal(want, []byte(src)) && name != "table whose first line is long" {
			t.Errorf("%s: nothing was broken", name)
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, g[i], w[i])
		}
	}
	return "one is a prefix of the other"
}

// TestWrapOnceLooksAhead: one round breaks, besides the outermost list of
// a long line, the lists of its elements that would still be too long on
// lines of their own, at every depth, and only those.
func TestWrapOnceLooksAhead(t *testing.T) {
	long := strings.Repeat("x", 60)
	src := "package p\n\nvar v = f(a, T{A: g(\"" + long + "\", \"" + long + "\"), B: h(1, 2)}, []int{1, 2})\n"
	got, ok := wrapOnce([]byte(src))
	if !ok {
		t.Fatal("nothing was broken")
	}
	want := "package p\n\nvar v = f(\n\ta,\n\tT{\n\t\tA: g(\n\t\t\t\"" + long + "\",\n\t\t\t\"" + long + "\",\n\t\t),\n" +
		"\t\tB: h(1, 2),\n\t},\n\t[]int{1, 2},\n)\n"
	if string(got) != want {
		t.Errorf("one round gave\n%s\nwant\n%s", got, want)
	}
	if !bytes.Equal(wrapWhole([]byte(src)), got) {
		t.Error("further rounds changed what one round gave")
	}

	// A variadic call, broken ahead or as the line's own list: its comma
	// goes after the "...", and the other long lines are broken all the same.
	mid := strings.Repeat("x", 50)
	for _, src := range []string{
		"package p\n\nvar v = f(a, g(\"" + mid + "\", \"" + mid + "\", rest...))\n\nvar w = h(\"" + mid + "\", \"" + mid + "\", 12345)\n",
		"package p\n\nfunc F() { return g(\"" + long + "\", \"" + long + "\", rest...) }\n",
	} {
		got := wrapLong([]byte(src))
		if hasLongLine(got) {
			t.Errorf("a long line is left:\n%s", got)
		}
		if want := wrapWhole([]byte(src)); !bytes.Equal(got, want) {
			t.Errorf("wrapLong differs from wrapping the whole file:\n%s", firstDiff(got, want))
		}
		if !bytes.Contains(got, []byte("rest...,\n")) {
			t.Errorf("the variadic argument is not broken after its \"...\":\n%s", got)
		}
	}
}

func TestMayHoldList(t *testing.T) {
	for l, want := range map[string]bool{
		`x := "a(b{c"`:                   false,
		`x := "a\"(" + y`:                false,
		`x := "a" // f(b)`:               false,
		`x := f("a")`:                    true,
		`case a, b:`:                     true,
		`x := "a" + "b" + g`:             false,
		"x := `a` + \"(\"":               true, // a raw string: not looked into
		`x := '"' + f(a)`:                true,
		`*/ "x" + f(a)`:                  true,
		`T{A: "x"}`:                      true,
		`Name Type = "cartes_bancaires"`: false,
		`res, err := client.Op(ctx, "a", sdk.OpRequest{`: false, // the call goes on over the next lines
		`}, {`:                   false,
		`}, f(x), {`:             true,
		`x := "}" + f("(", y) {`: true,
		`return T{A: 1}, nil`:    true,
		`"a": {`:                 false,
	} {
		if got := mayHoldList([]byte(l)); got != want {
			t.Errorf("mayHoldList(%s) = %v, want %v", l, got, want)
		}
	}
}

// TestLineWidth checks lineWidth against counting the runes of the line
// one by one, tabs four columns wide.
func TestLineWidth(t *testing.T) {
	for _, l := range []string{"", "abc", "\tx\t", "héllo\t", "\xff\xfe\t\xc3", "日本語\t\t", "a\x00b"} {
		want := 0
		for _, r := range l {
			if r == '\t' {
				want += 4
			} else {
				want++
			}
		}
		if got := lineWidth([]byte(l)); got != want {
			t.Errorf("lineWidth(%q) = %d, want %d", l, got, want)
		}
	}
}

// TestBareSignature: a long first line of a function without parameters
// is not a line to break, as wrapOnce finds nothing on it to break; one
// with parameters, a call or a literal in it still is.
func TestBareSignature(t *testing.T) {
	name := strings.Repeat("Long", 25)
	for src, bare := range map[string]bool{
		"func (u " + name + ") MarshalJSON() ([]byte, error) {":          true,
		"func (u *" + name + ") Unknown() json.RawMessage {":             true,
		"func " + name + "() iter.Seq2[core.Item, error] {":              true,
		"func (u " + name + ") Decode(data []byte) error {":              false,
		"func (u " + name + ") Handler() func(int) error {":              false,
		"func (u " + name + ") Empty() interface{} {":                    false,
		"func (u " + name + ") Get() (x int) { return f(1, 2) }":         false,
		"func (u " + name + "[T]) Unknown() json.RawMessage {":           false,
		"var x = func (u " + name + ") MarshalJSON() ([]byte, error) {":  false,
		"func (u " + name + ") MarshalJSON() ([]byte, error) { return }": false,
	} {
		if got := !isLong([]byte(src)); got != bare {
			t.Errorf("bare(%s) = %v, want %v", src, got, bare)
		}
		if !bare {
			continue
		}
		file := "package p\n\n" + src + "\n\treturn\n}\n"
		if _, broke := wrapOnce([]byte(file)); broke {
			t.Errorf("wrapOnce found a list to break on %s", src)
		}
	}
}

// TestWider: wider is lineWidth(l) > maxLine, on lines of every length
// around the limit with leading and inner tabs, multi-byte runes and
// invalid UTF-8.
func TestWider(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "\t", "é", "界", "\xff", " ", "(", "\"", "𝄞"}
	for range 200000 {
		var b []byte
		for range r.IntN(4) {
			b = append(b, '\t')
		}
		for n := r.IntN(140); len(b) < n; {
			b = append(b, parts[r.IntN(len(parts))]...)
		}
		if got, want := wider(b), lineWidth(b) > maxLine; got != want {
			t.Fatalf("wider(%q) = %v, want %v", b, got, want)
		}
	}
}
