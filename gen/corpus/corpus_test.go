// Package corpus generates SDKs for real third-party specs and proves they
// build: every spec in ../shared/specs/corpus, ../shared/specs/bench and
// ../shared/specs/swagger2 (Swagger 2.0 documents, converted on the way in) goes
// into one temporary module, which is vetted once and whose generated
// conformance tests are run, each exchange recorded and then validated
// against its spec by an independent OpenAPI validator. It skips when
// ../shared is absent. SDKGEN_CORPUS, a regular expression, limits the run
// to the specs whose package names it matches; SDKGEN_CORPUS_REPORT names a
// file to write the validation table and every failure to.
package corpus

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/wirecheck"
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
	var only *regexp.Regexp
	if e := os.Getenv("SDKGEN_CORPUS"); e != "" {
		only = regexp.MustCompile(e)
	}
	paths := map[string]string{}
	for _, s := range specs(t) {
		if only != nil && !only.MatchString(s.name) {
			continue
		}
		paths[s.name] = s.path
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
		files, err := gen.Generate(api, gen.Config{Package: s.name, Module: "example.com/corpus/" + s.name, Conformance: true, Examples: true, Docs: true})
		if err != nil {
			t.Errorf("%s: %v", s.path, err)
			continue
		}
		r.seconds = time.Since(start).Seconds()
		r.ops, r.types = len(api.Operations()), len(api.Types)
		if r.ops == 0 {
			noOperations[s.name] = true // webhooks only: nothing to call
		}
		for _, f := range files {
			p := filepath.Join(dir, s.name, filepath.FromSlash(f.Path))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, f.Content, 0o644); err != nil {
				t.Fatal(err)
			}
			if f.Path == "models.go" || f.Path == "unions.go" {
				r.degraded += countDegraded(t, f.Content)
			}
			switch f.Path {
			case "enums.go", "models.go", "unions.go", gen.ConformanceFile: // laid out by sdkgen, not (all) by go/format
				if formatted, err := format.Source(f.Content); err != nil || !bytes.Equal(formatted, f.Content) {
					t.Errorf("%s: %s is not gofmt-clean (%v)", s.name, f.Path, err)
				}
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

	records := filepath.Join(dir, "records.jsonl")
	// One build: go test runs every vet analyzer (-vet=all) on the packages
	// it compiles, then each SDK's generated conformance test, which
	// records every exchange.
	cmd := exec.Command("go", "test", "-count=1", "-vet=all", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", gen.RecordEnv+"="+records)
	outb, _ := cmd.CombinedOutput()
	out := string(outb)
	checkConformance(t, out, len(rows))
	validateCorpus(t, records, paths)
}

// caseFailRE finds a failed conformance case in go test's output.
var caseFailRE = regexp.MustCompile(`--- FAIL: TestConformance/(\S+)`)

// checkConformance reads go test's output: every package must pass, bar
// the conformance cases knownFailures expects to fail.
func checkConformance(t *testing.T, out string, packages int) {
	passed := 0
	var failed []string // cases of the package being read
	for _, line := range strings.Split(out, "\n") {
		if m := caseFailRE.FindStringSubmatch(line); m != nil {
			failed = append(failed, m[1])
			continue
		}
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "ok" && !strings.HasSuffix(f[1], "/internal/core"):
			passed++
		case len(f) >= 2 && f[0] == "FAIL" && strings.HasPrefix(f[1], "example.com/corpus/"):
			pkg := strings.TrimPrefix(f[1], "example.com/corpus/")
			unexpected := 0
			for _, c := range failed {
				if !knownFailure(pkg, c) {
					unexpected++
					t.Errorf("%s: conformance case %s failed", pkg, c)
				}
			}
			if len(failed) == 0 {
				t.Errorf("%s: %s", pkg, line)
			} else if unexpected == 0 {
				passed++
			}
			failed = nil
		}
	}
	if passed < packages || t.Failed() {
		t.Errorf("only %d of %d SDK packages passed their conformance tests:\n%s", passed, packages, truncate(out, 20000))
	}
}

// knownFailure reports whether a failing conformance case (its name as
// go test prints it) is expected.
func knownFailure(pkg, name string) bool {
	for _, k := range knownFailures[pkg] {
		if m, _ := regexp.MatchString("^(?:"+k+")$", name); m {
			return true
		}
	}
	return false
}

// noOperations are the specs that declare no operation, so record no
// exchange.
var noOperations = map[string]bool{}

// validateCorpus validates the recorded exchanges of every spec, in
// parallel, logs the table, and fails for any spec past its allowance.
func validateCorpus(t *testing.T, records string, paths map[string]string) {
	start := time.Now()
	byPkg, err := wirecheck.ReadRecords(records)
	if err != nil {
		t.Fatal(err)
	}
	names := slices.Sorted(maps.Keys(paths))
	stats := make([]wirecheck.Stats, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			st, err := wirecheck.Validate(paths[name], byPkg[name])
			if err != nil {
				st.Skipped = err.Error()
			}
			st.Spec = name
			stats[i] = st
		}()
	}
	wg.Wait()
	var report strings.Builder
	report.WriteString(wirecheck.Table(stats))
	for _, st := range stats {
		a := allowedFailures[st.Spec]
		if st.Skipped == "" && st.Requests == 0 && !noOperations[st.Spec] {
			t.Errorf("%s: no exchange was recorded", st.Spec)
		}
		if a.requests >= 0 && (st.RequestFailures > a.requests || st.ResponseFailures > a.responses) {
			t.Errorf("%s: %d requests and %d responses fail validation, %d and %d allowed; first: %v",
				st.Spec, st.RequestFailures, st.ResponseFailures, a.requests, a.responses, firstOf(st.Failures))
		}
		for _, f := range st.Failures {
			fmt.Fprintf(&report, "%s: %s\n", st.Spec, f)
		}
	}
	t.Logf("validation (%.1fs):\n%s", time.Since(start).Seconds(), wirecheck.Table(stats))
	if p := os.Getenv("SDKGEN_CORPUS_REPORT"); p != "" {
		if err := os.WriteFile(p, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

func firstOf(fs []wirecheck.Failure) string {
	if len(fs) == 0 {
		return ""
	}
	return fs[0].String()
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
