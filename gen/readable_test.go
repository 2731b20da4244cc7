package gen_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc/comment"
	goparser "go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	tmplrender "github.com/sdkgen/sdkgen/internal/render"
	"github.com/sdkgen/sdkgen/model/dump"
	"github.com/sdkgen/sdkgen/parser"
	"github.com/sdkgen/sdkgen/templates"
)

// lineLimit is the widest generated line, tabs counted four columns wide.
const lineLimit = 120

// tooLong lists the lines of a Go file wider than lineLimit, except those
// that only a string literal makes long (the line without its longest
// literal fits), lines with no list to break (no comma or bracket outside
// string literals: a declaration of long names), and comment lines of one
// unbreakable word or a link definition.
func tooLong(src []byte) []string {
	var bad []string
	for _, l := range strings.Split(string(src), "\n") {
		width := len([]rune(strings.ReplaceAll(l, "\t", "    ")))
		if width <= lineLimit {
			continue
		}
		text := strings.TrimSpace(l)
		if c, ok := strings.CutPrefix(text, "//"); ok {
			c = strings.TrimSpace(c)
			if !strings.Contains(c, " ") || linkDef.MatchString(c) {
				continue
			}
		}
		longest, breakable := 0, false
		var s scanner.Scanner
		fs := token.NewFileSet()
		s.Init(fs.AddFile("", -1, len(l)), []byte(l), nil, 0)
		for {
			_, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			switch tok {
			case token.STRING:
				longest = max(longest, len([]rune(lit)))
			case token.COMMA, token.LPAREN, token.LBRACE:
				breakable = true
			}
		}
		if breakable && width-longest > lineLimit {
			bad = append(bad, strings.TrimSpace(l))
		}
	}
	return bad
}

// linkDef is a doc comment link definition: "[text]: URL".
var linkDef = regexp.MustCompile(`^\[[^\]]+\]: \S+$`)

// TestGoldenLineWidth holds every generated non-test Go line of every
// golden SDK within lineLimit columns. The shared runtime is hand-written
// and copied as it is, so it is left out.
func TestGoldenLineWidth(t *testing.T) {
	err := filepath.WalkDir("../golden", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "internal" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, l := range tooLong(src) {
			t.Errorf("%s: line over %d columns: %.160s", p, lineLimit, l)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTooLong shows the width check can fail.
func TestTooLong(t *testing.T) {
	long := "var x = []int{" + strings.Repeat("1, ", 60) + "}\n"
	if len(tooLong([]byte(long))) != 1 {
		t.Errorf("a long list passed the width check")
	}
	lit := `var x = "` + strings.Repeat("y", 200) + "\"\n"
	if len(tooLong([]byte(lit))) != 0 {
		t.Errorf("a long string literal failed the width check")
	}
}

var moovOnce struct {
	sync.Once
	files []gen.File
	err   error
}

// moovSDK generates the Moov SDK once for the tests that read it.
func moovSDK(t *testing.T) []gen.File {
	t.Helper()
	if _, err := os.Stat(moovSpec); err != nil {
		t.Skipf("skipping: %s is absent (it lives in ../shared, beside the repository)", moovSpec)
	}
	moovOnce.Do(func() {
		api, diags := parser.Parse(moovSpec, parser.Config{})
		if diags.HasErrors() {
			moovOnce.err = fmt.Errorf("moov spec has errors:\n%v", diags)
			return
		}
		out, err := gen.Build(api, gen.Config{Package: "moov", Module: "example.com/moov", GoMod: true, Examples: true, Docs: true})
		if err != nil {
			moovOnce.err = err
			return
		}
		// The documentation comes from the built-in templates, as the
		// pipeline renders them.
		sdk := tmplrender.SDK{Package: "moov", ImportPath: "example.com/moov", Docs: out.Docs}
		docs, diags := tmplrender.Render(dump.Build(api, dump.Options{}), sdk, []tmplrender.Set{{FS: templates.SDK(), Display: "templates/sdk"}}, nil)
		if diags.HasErrors() {
			moovOnce.err = fmt.Errorf("rendering the documentation:\n%v", diags)
			return
		}
		moovOnce.files = out.Files
		for _, f := range docs {
			moovOnce.files = append(moovOnce.files, gen.File{Path: f.Path, Content: f.Content})
		}
	})
	if moovOnce.err != nil {
		t.Fatal(moovOnce.err)
	}
	return moovOnce.files
}

// htmlTag matches an HTML start or end tag, such as <ul>, </li> or <br/>.
var htmlTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)

// TestMoovReadable holds the Moov SDK's generated Go within lineLimit
// columns and its doc comments free of HTML, though its descriptions are
// full of both long lines and HTML.
func TestMoovReadable(t *testing.T) {
	comments := 0
	for _, f := range moovSDK(t) {
		if !strings.HasSuffix(f.Path, ".go") || strings.HasPrefix(f.Path, "internal/") {
			continue
		}
		if !strings.HasSuffix(f.Path, "_test.go") {
			for _, l := range tooLong(f.Content) {
				t.Errorf("%s: line over %d columns: %.160s", f.Path, lineLimit, l)
			}
		}
		for _, l := range bytes.Split(f.Content, []byte("\n")) {
			text := strings.TrimSpace(string(l))
			if !strings.HasPrefix(text, "//") {
				continue
			}
			comments++
			if m := htmlTag.FindString(text); m != "" {
				t.Errorf("%s: HTML %s in comment: %s", f.Path, m, text)
			}
		}
	}
	if comments < 1000 {
		t.Errorf("only %d comment lines: the check saw too little", comments)
	}
}

// TestMoovGoDoc pins how go doc shows a few Moov operations whose
// descriptions are heavy in Markdown and HTML: lists, links and code
// become Go doc syntax. The text is as go/doc/comment prints it for a
// terminal, which is what go doc does; SDKGEN_UPDATE=1 rewrites the file.
func TestMoovGoDoc(t *testing.T) {
	want := map[string][]string{
		"accounts_service.go":      {"Create", "Update", "List"},
		"bank_accounts_service.go": {"InitiateMicroDeposits"},
	}
	var out strings.Builder
	for _, f := range moovSDK(t) {
		methods, ok := want[f.Path]
		if !ok {
			continue
		}
		file, err := goparser.ParseFile(token.NewFileSet(), f.Path, f.Content, goparser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range methods {
			found := false
			for _, d := range file.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Name.Name != m || fd.Recv == nil || fd.Doc == nil {
					continue
				}
				found = true
				var p comment.Parser
				pr := comment.Printer{TextPrefix: "    ", TextWidth: 80}
				fmt.Fprintf(&out, "== %s %s\n%s\n", f.Path, m, pr.Text(p.Parse(fd.Doc.Text())))
			}
			if !found {
				t.Errorf("%s: no documented method %s", f.Path, m)
			}
		}
	}
	golden := filepath.Join("testdata", "moov_godoc.txt")
	if os.Getenv("SDKGEN_UPDATE") != "" {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pinned, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(pinned) != out.String() {
		t.Errorf("go doc output differs from %s (SDKGEN_UPDATE=1 rewrites it); got:\n%s", golden, out.String())
	}
	for _, s := range []string{"<", "  - ", "[access token]: https://"} {
		if s == "<" && strings.Contains(out.String(), s) || s != "<" && !strings.Contains(out.String(), s) {
			t.Errorf("go doc output: %q wrongly present or absent", s)
		}
	}
}
