package gen_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/internal/wirecheck"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// moovSpec is Moov's whole API, kept outside the repository.
const moovSpec = "../../shared/specs/moov/openapi.yaml"

// TestMoovFull generates the SDK for the whole Moov API (171 operations)
// and shows it builds, passes go vet and staticcheck, and that its
// generated conformance test, which calls every operation against a
// recording server, passes. Generation must be byte-identical twice over.
func TestMoovFull(t *testing.T) {
	if _, err := os.Stat(moovSpec); err != nil {
		t.Skipf("skipping: %s is absent (it lives in ../shared, beside the repository)", moovSpec)
	}
	if testing.Short() {
		t.Skip("skipping in -short mode: builds and tests a whole SDK")
	}
	generateAPI := func() (*model.API, []gen.File) {
		api, diags := parser.Parse(moovSpec, parser.Config{})
		if diags.HasErrors() {
			t.Fatalf("moov spec has errors:\n%v", diags)
		}
		if n := len(api.Operations()); n != 171 {
			t.Errorf("operations = %d, want 171", n)
		}
		if n := len(api.Services); n != 38 {
			t.Errorf("services = %d, want 38 (one per tag)", n)
		}
		for _, d := range diags {
			if d.Pos.Line == 0 || d.Pos.Pointer == "" {
				t.Errorf("diagnostic without position: %v", d)
			}
		}
		files, err := gen.Generate(api, gen.Config{Package: "moov", Module: "example.com/moov", GoMod: true, Conformance: true, Examples: true, Docs: true})
		if err != nil {
			t.Fatal(err)
		}
		return api, files
	}
	methods := 0
	generate := func() []gen.File {
		api, files := generateAPI()
		methods = 0
		for _, o := range api.Operations() {
			methods++
			if o.Body != nil && len(o.Body.Contents) > 1 {
				methods += len(o.Body.Contents) - 1
			}
			methods += len(o.Downloads) // JSON or PDF: GetPDF streams the PDF
		}
		return files
	}
	first, second := generate(), generate()
	if len(first) != len(second) {
		t.Fatalf("two runs gave %d and %d files", len(first), len(second))
	}
	for i := range first {
		if first[i].Path != second[i].Path || !bytes.Equal(first[i].Content, second[i].Content) {
			t.Errorf("two runs differ at %s", first[i].Path)
		}
	}
	dir := writeModule(t, first)
	run(t, dir, "go", "vet", "./...")
	run(t, dir, staticcheck(t), "./...")
	records := filepath.Join(t.TempDir(), "records.jsonl")
	t.Setenv(gen.RecordEnv, records)
	out := run(t, dir, "go", "test", "-count=1", "-v", "-run", "TestConformance", ".")
	// Two cases per method, one with only the required arguments and one
	// with every optional one: an operation offering JSON and a form body
	// has two methods, and so has one answering JSON or a PDF.
	if n := strings.Count(out, "--- PASS: TestConformance/"); n != 2*methods {
		t.Errorf("conformance cases passed = %d, want %d", n, 2*methods)
	}
	// Every exchange, judged by a validator this project did not write.
	recs, err := wirecheck.ReadRecords(records)
	if err != nil {
		t.Fatal(err)
	}
	st, err := wirecheck.Validate(moovSpec, recs["moov"])
	if err != nil {
		t.Fatal(err)
	}
	st.Spec = "moov"
	t.Logf("validation:\n%s", wirecheck.Table([]wirecheck.Stats{st}))
	if st.Requests != 2*methods || st.Operations != methods {
		t.Errorf("validated %d requests of %d operations, want %d of %d", st.Requests, st.Operations, 2*methods, methods)
	}
	for _, f := range st.Failures {
		t.Errorf("validation: %s", f)
	}
}

// writeModule writes generated files into a fresh folder.
func writeModule(t *testing.T, files []gen.File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs a command in dir with the module isolated from any go.work.
func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// staticcheck builds the staticcheck pinned as a tool in go.mod.
func staticcheck(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "staticcheck")
	cmd := exec.Command("go", "build", "-o", bin, "honnef.co/go/tools/cmd/staticcheck")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building staticcheck: %v\n%s", err, out)
	}
	return bin
}
