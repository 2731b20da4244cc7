// Package corpus generates SDKs for real third-party specs and proves they
// build: every spec in ../shared/specs/corpus, ../shared/specs/bench and
// ../shared/specs/swagger2 (Swagger 2.0 documents, converted on the way in) goes
// into one temporary module, which is vetted once and whose generated
// conformance tests are run. It skips when ../shared is absent.
package corpus

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/model"
	sdkparser "github.com/sdkgen/sdkgen/parser"
)

const specsDir = "../../../shared/specs"

// spec is one corpus entry.
type spec struct {
	name string // package folder and name
	path string
}

// specs lists every spec file: each file of corpus/, bench/ and swagger2/, and for a
// multi-file spec folder, its root file (the one named like the folder).
func specs(t *testing.T) []spec {
	var out []spec
	for _, sub := range []string{"corpus", "bench", "swagger2"} {
		entries, err := os.ReadDir(filepath.Join(specsDir, sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			p := filepath.Join(specsDir, sub, e.Name())
			if e.IsDir() {
				for _, ext := range []string{".yaml", ".yml", ".json"} {
					if _, err := os.Stat(filepath.Join(p, e.Name()+ext)); err == nil {
						out = append(out, spec{pkgName(e.Name()), filepath.Join(p, e.Name()+ext)})
					}
				}
				continue
			}
			ext := filepath.Ext(e.Name())
			if ext != ".yaml" && ext != ".yml" && ext != ".json" {
				continue
			}
			out = append(out, spec{pkgName(sub + " " + strings.TrimSuffix(e.Name(), ext)), p})
		}
	}
	return out
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

func pkgName(s string) string {
	n := nonAlnum.ReplaceAllString(strings.ToLower(s), "")
	if n == "" || n[0] >= '0' && n[0] <= '9' {
		n = "x" + n
	}
	return n
}

// row is one line of the printed table.
type row struct {
	name                 string
	ops, types, warnings int
	degraded             int
	seconds              float64
}

func TestCorpus(t *testing.T) {
	if _, err := os.Stat(specsDir); err != nil {
		t.Skipf("skipping: %s is absent (the corpus lives in ../shared, beside the repository)", specsDir)
	}
	if testing.Short() {
		t.Skip("skipping in -short mode: generates and builds 55 SDKs")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/corpus\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var rows []row
	for _, s := range specs(t) {
		start := time.Now()
		api, diags := sdkparser.Parse(s.path, sdkparser.Config{})
		r := row{name: s.name}
		for _, d := range diags {
			if d.Severity == model.Warning {
				r.warnings++
			}
		}
		if diags.HasErrors() {
			t.Errorf("%s: spec errors:\n%v", s.path, diags)
			continue
		}
		files, err := gen.Generate(api, gen.Config{Package: s.name, Module: "example.com/corpus/" + s.name, Conformance: true})
		if err != nil {
			t.Errorf("%s: %v", s.path, err)
			continue
		}
		r.seconds = time.Since(start).Seconds()
		r.ops, r.types = len(api.Operations()), len(api.Types)
		for _, f := range files {
			p := filepath.Join(dir, s.name, filepath.FromSlash(f.Path))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, f.Content, 0o644); err != nil {
				t.Fatal(err)
			}
			if f.Path == "models.go" || f.Path == "unions.go" {
				r.degraded += countDegraded(t, f.Content)
			}
		}
		rows = append(rows, r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-32s %6s %6s %8s %8s %7s\n", "spec", "ops", "types", "warnings", "degraded", "seconds")
	total := row{name: "total"}
	for _, r := range append(rows, total) {
		if r.name != "total" {
			total.ops += r.ops
			total.types += r.types
			total.warnings += r.warnings
			total.degraded += r.degraded
			total.seconds += r.seconds
		} else {
			r = total
		}
		fmt.Fprintf(&b, "%-32s %6d %6d %8d %8d %7.2f\n", r.name, r.ops, r.types, r.warnings, r.degraded, r.seconds)
	}
	t.Logf("corpus:\n%s", b.String())

	run := func(args ...string) string {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("go %v: %v\n%s", args, err, truncate(string(out), 20000))
		}
		return string(out)
	}
	// One build: go test runs every vet analyzer (-vet=all) on the packages
	// it compiles, then each SDK's generated conformance test.
	out := run("test", "-count=1", "-vet=all", "./...")
	passed := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "ok ") && !strings.HasSuffix(line, "/internal/core") {
			passed++
		}
	}
	if passed < len(rows) && !t.Failed() {
		t.Errorf("only %d of %d SDK packages passed their conformance tests", passed, len(rows))
	}
}

// countDegraded counts struct fields typed any or json.RawMessage: a
// schema that was not free-form but could not be typed.
func countDegraded(t *testing.T, src []byte) int {
	f, err := parser.ParseFile(token.NewFileSet(), "models.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(f, func(x ast.Node) bool {
		fd, ok := x.(*ast.Field)
		if !ok || len(fd.Names) == 0 || !fd.Names[0].IsExported() {
			return true // a union's unexported unknown field is by design
		}
		ast.Inspect(fd.Type, func(y ast.Node) bool {
			if sel, ok := y.(*ast.SelectorExpr); ok && sel.Sel.Name == "RawMessage" {
				n++
				return false
			}
			return true
		})
		return false
	})
	return n
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "\n…"
	}
	return s
}
