package main

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// hdr is the generated-code header with a newline, for fake files.
const hdr = generatedHeader + "\n\n"

// fake is a stand-in pipeline: parse returns a fixed API and diagnostics,
// generate returns a fixed file set (plus go.mod when asked), so the CLI's
// own rules are tested without the real parser and generator.
type fake struct {
	api   *model.API
	diags model.Diagnostics
	files map[string]string
	// genErr makes generate fail.
	genErr error
	// gotParse and gotGen record the last configs the CLI passed.
	gotParse parser.Config
	gotGen   gen.Config
	// parsed counts parse calls.
	parsed int
}

// newFake returns a fake whose spec is fine and which generates files.
func newFake(files map[string]string) *fake {
	return &fake{
		api:   &model.API{Title: "Pet Store API", Names: map[string]string{"op/listPets": "ListPets", "schema/Pet": "Pet"}},
		files: files,
	}
}

func (f *fake) parse(path string, cfg parser.Config) (*model.API, model.Diagnostics) {
	f.parsed++
	f.gotParse = cfg
	if f.diags.HasErrors() {
		return nil, f.diags
	}
	return f.api, f.diags
}

func (f *fake) generate(api *model.API, cfg gen.Config) ([]gen.File, error) {
	f.gotGen = cfg
	if f.genErr != nil {
		return nil, f.genErr
	}
	var out []gen.File
	for _, p := range slices.Sorted(maps.Keys(f.files)) {
		out = append(out, gen.File{Path: p, Content: []byte(f.files[p])})
	}
	if cfg.GoMod {
		out = append(out, gen.File{Path: "go.mod", Content: []byte("module " + cfg.Module + "\n\ngo 1.24\n")})
	}
	return out, nil
}

// testEnv is a working directory with a spec file in it and an app wired
// to a fake pipeline.
type testEnv struct {
	t      *testing.T
	wd     string
	fake   *fake
	stdout bytes.Buffer
	stderr bytes.Buffer
}

// newEnv creates a working directory holding spec.yaml.
func newEnv(t *testing.T, files map[string]string) *testEnv {
	t.Helper()
	e := &testEnv{t: t, wd: t.TempDir(), fake: newFake(files)}
	e.write("spec.yaml", "openapi: 3.0.0\n")
	return e
}

// run runs the CLI with args and returns its exit code; stdout and stderr
// hold only this run's output.
func (e *testEnv) run(args ...string) int {
	e.t.Helper()
	e.stdout.Reset()
	e.stderr.Reset()
	a := &app{
		wd: e.wd, stdout: &e.stdout, stderr: &e.stderr,
		parseFunc: e.fake.parse, generateFunc: e.fake.generate,
		version: "v9.9.9-test", builtins: fstest.MapFS{},
	}
	code := a.run(args)
	e.t.Logf("sdkgen %s → %d\nstdout:\n%sstderr:\n%s", strings.Join(args, " "), code, e.stdout.String(), e.stderr.String())
	return code
}

// mustRun runs the CLI and fails the test unless it exits with want.
func (e *testEnv) mustRun(want int, args ...string) {
	e.t.Helper()
	if got := e.run(args...); got != want {
		e.t.Fatalf("sdkgen %s: exit %d, want %d\nstderr:\n%s", strings.Join(args, " "), got, want, e.stderr.String())
	}
}

// path returns the absolute path of a slash-separated name in wd.
func (e *testEnv) path(name string) string {
	return filepath.Join(e.wd, filepath.FromSlash(name))
}

// write creates a file under wd, with parents.
func (e *testEnv) write(name, content string) {
	e.t.Helper()
	writeFile(e.t, e.path(name), content)
}

// read returns a file's content under wd.
func (e *testEnv) read(name string) string {
	e.t.Helper()
	b, err := os.ReadFile(e.path(name))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// exists reports whether name exists under wd (not following links).
func (e *testEnv) exists(name string) bool {
	_, err := os.Lstat(e.path(name))
	return err == nil
}

// writeFile creates a file, with parents.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}

// snapshot records a tree exactly: every path with its kind, mode and
// content (or link target), so a test can show a run changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == dir {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			snap[rel] = "link → " + target
		case d.IsDir():
			snap[rel] = "dir " + info.Mode().String()
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			snap[rel] = info.Mode().String() + " " + string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// sameSnapshot fails the test when two snapshots differ, naming the paths.
func sameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(before)) {
		if a, ok := after[k]; !ok {
			t.Errorf("%s: gone (was %q)", k, before[k])
		} else if a != before[k] {
			t.Errorf("%s: changed from %q to %q", k, before[k], a)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(after)) {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: appeared (%q)", k, after[k])
		}
	}
}
