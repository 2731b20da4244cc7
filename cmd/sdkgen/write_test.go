package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gen is the usual argument list: spec.yaml into sdk/ as its own module.
var genArgs = []string{"generate", "--spec", "spec.yaml", "--out", "sdk", "--module", "example.com/pets"}

// checkArgs is genArgs for check.
var checkArgs = append([]string{"check"}, genArgs[1:]...)

func TestGenerateFreshDir(t *testing.T) {
	e := newEnv(t, map[string]string{
		"client.go":         hdr + "package pets\n",
		"internal/core.go":  hdr + "package core\n",
		"README.md":         "# pets\n",
		"internal/doc/x.go": hdr + "package doc\n",
	})
	e.mustRun(0, genArgs...)

	if got := e.read("sdk/client.go"); got != hdr+"package pets\n" {
		t.Errorf("client.go = %q", got)
	}
	if got := e.read("sdk/go.mod"); got != "module example.com/pets\n\ngo 1.24\n" {
		t.Errorf("go.mod = %q", got)
	}
	want := `{
  "version": 1,
  "spec": "` + specHash([]byte("openapi: 3.0.0\n")) + `",
  "generator": "v9.9.9-test",
  "files": [
    "README.md",
    "client.go",
    "internal/core.go",
    "internal/doc/x.go"
  ],
  "names": {
    "op/listPets": "ListPets",
    "schema/Pet": "Pet"
  }
}
`
	if got := e.read("sdk/sdkgen.lock"); got != want {
		t.Errorf("sdkgen.lock =\n%s\nwant\n%s", got, want)
	}
	if e.fake.gotGen.Package != "pets" || e.fake.gotGen.Module != "example.com/pets" || !e.fake.gotGen.GoMod {
		t.Errorf("gen.Config = %+v", e.fake.gotGen)
	}
	// No temp or backup files are left behind.
	for p := range snapshot(t, e.path("sdk")) {
		if strings.Contains(p, ".sdkgen-") {
			t.Errorf("leftover %s", p)
		}
	}
	if e.stdout.Len() != 0 || e.stderr.Len() != 0 {
		t.Errorf("generate should be quiet; stdout %q stderr %q", e.stdout.String(), e.stderr.String())
	}
}

func TestRegenerateAndCheck(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n", "b.go": hdr + "package pets // b\n"})
	e.mustRun(3, checkArgs...) // nothing there yet
	for _, want := range []string{"+ sdk/a.go\n", "+ sdk/b.go\n", "+ sdk/go.mod\n", "+ sdk/sdkgen.lock\n"} {
		if !strings.Contains(e.stdout.String(), want) {
			t.Errorf("check output lacks %q", want)
		}
	}
	e.mustRun(0, genArgs...)
	e.mustRun(0, checkArgs...)
	if e.stdout.Len() != 0 {
		t.Errorf("clean check printed %q", e.stdout.String())
	}

	// A second identical run rewrites nothing (mtimes kept).
	old := time0(t, e.path("sdk/a.go"))
	e.mustRun(0, genArgs...)
	if time0(t, e.path("sdk/a.go")) != old {
		t.Error("an unchanged file was rewritten")
	}

	// The "spec" changes: a.go changes, b.go goes, c.go comes.
	e.fake.files = map[string]string{"a.go": hdr + "package pets // v2\n", "c.go": hdr + "package pets\n"}
	e.mustRun(3, checkArgs...)
	if got, want := e.stdout.String(), "~ sdk/a.go\n- sdk/b.go\n+ sdk/c.go\n~ sdk/sdkgen.lock\n"; got != want {
		t.Errorf("check output:\n%s\nwant:\n%s", got, want)
	}
	e.mustRun(0, genArgs...)
	e.mustRun(0, checkArgs...)
	if e.exists("sdk/b.go") {
		t.Error("stale b.go not removed")
	}
	if got := e.read("sdk/a.go"); got != hdr+"package pets // v2\n" {
		t.Errorf("a.go = %q", got)
	}

	// A spec edit that changes no output still changes the lock's hash.
	e.write("spec.yaml", "openapi: 3.0.1\n")
	e.mustRun(3, checkArgs...)
	if got := e.stdout.String(); got != "~ sdk/sdkgen.lock\n" {
		t.Errorf("check output %q", got)
	}
	e.mustRun(0, genArgs...)
	e.mustRun(0, checkArgs...)
}

// time0 returns a file's modification time.
func time0(t *testing.T, p string) int64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime().UnixNano()
}

func TestHandWrittenFileSurvives(t *testing.T) {
	e := newEnv(t, map[string]string{"client.go": hdr + "package pets\n"})
	e.write("sdk/helpers.go", "package pets\n\n// Mine.\nfunc Mine() {}\n")
	e.write("sdk/helpers_test.go", "package pets\n")
	e.mustRun(0, genArgs...)
	e.fake.files = map[string]string{"other.go": hdr + "package pets\n"}
	e.mustRun(0, genArgs...)
	if got := e.read("sdk/helpers.go"); got != "package pets\n\n// Mine.\nfunc Mine() {}\n" {
		t.Errorf("helpers.go = %q", got)
	}
	if !e.exists("sdk/helpers_test.go") {
		t.Error("helpers_test.go removed")
	}
	if e.exists("sdk/client.go") {
		t.Error("stale client.go kept")
	}
}

func TestConflictWithHandWrittenFile(t *testing.T) {
	e := newEnv(t, map[string]string{
		"a.go":      hdr + "package pets\n",
		"client.go": hdr + "package pets\n",
		"sub/z.go":  hdr + "package sub\n",
	})
	e.write("sdk/client.go", "package pets // mine\n")
	e.write("sdk/go.mod", "module example.com/pets\n")
	before := snapshot(t, e.path("sdk"))
	e.mustRun(4, genArgs...)
	sameSnapshot(t, before, snapshot(t, e.path("sdk")))
	if !strings.Contains(e.stderr.String(), "sdk/client.go: exists and sdkgen does not own it") {
		t.Errorf("stderr does not name the conflict:\n%s", e.stderr.String())
	}
	// check reports the conflict the same way.
	e.mustRun(4, checkArgs...)
	sameSnapshot(t, before, snapshot(t, e.path("sdk")))
}

func TestConflictWhenHeaderRemoved(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n"})
	e.mustRun(0, genArgs...)
	// The user takes a.go over by removing the header.
	e.write("sdk/a.go", "package pets // edited\n")
	e.fake.files["a.go"] = hdr + "package pets // v2\n"
	before := snapshot(t, e.path("sdk"))
	e.mustRun(4, genArgs...)
	sameSnapshot(t, before, snapshot(t, e.path("sdk")))
	if !strings.Contains(e.stderr.String(), "no longer starts with") {
		t.Errorf("stderr:\n%s", e.stderr.String())
	}
}

func TestStaleFileWithoutHeaderKept(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n", "b.go": hdr + "package pets\n"})
	e.mustRun(0, genArgs...)
	e.write("sdk/b.go", "package pets // now mine\n")
	delete(e.fake.files, "b.go")
	e.mustRun(0, genArgs...)
	if got := e.read("sdk/b.go"); got != "package pets // now mine\n" {
		t.Errorf("b.go = %q", got)
	}
	if !strings.Contains(e.stderr.String(), "note: sdk/b.go: kept") {
		t.Errorf("no note about b.go:\n%s", e.stderr.String())
	}
	if strings.Contains(e.read("sdk/sdkgen.lock"), "b.go") {
		t.Error("lock still lists b.go")
	}
}

func TestStaleDirectoriesRemoved(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n", "x/y/z.go": hdr + "package y\n", "x/keep/k.go": hdr + "package keep\n"})
	e.write("sdk/x/mine.txt", "mine\n")
	e.mustRun(0, genArgs...)
	e.fake.files = map[string]string{"a.go": hdr + "package pets\n"}
	e.mustRun(0, genArgs...)
	if e.exists("sdk/x/y") || e.exists("sdk/x/keep") {
		t.Error("emptied folders not removed")
	}
	if !e.exists("sdk/x/mine.txt") {
		t.Error("hand-written file in a generated folder removed")
	}
}

func TestSymlinkedFileNotWrittenThrough(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.go"), "package secret\n")
	e := newEnv(t, map[string]string{"client.go": hdr + "package pets\n"})
	if err := os.MkdirAll(e.path("sdk"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.go"), e.path("sdk/client.go")); err != nil {
		t.Fatal(err)
	}
	before, beforeOut := snapshot(t, e.path("sdk")), snapshot(t, outside)
	e.mustRun(4, genArgs...)
	sameSnapshot(t, before, snapshot(t, e.path("sdk")))
	sameSnapshot(t, beforeOut, snapshot(t, outside))
	if !strings.Contains(e.stderr.String(), "symbolic link") {
		t.Errorf("stderr:\n%s", e.stderr.String())
	}

	// Even when the lock claims the link, it is not replaced.
	e.fake.files = map[string]string{"other.go": hdr + "package pets\n"}
	os.Remove(e.path("sdk/client.go"))
	e.mustRun(0, genArgs...)
	if err := os.Symlink(filepath.Join(outside, "secret.go"), e.path("sdk/other.go")+".tmp"); err != nil {
		t.Fatal(err)
	}
	os.Remove(e.path("sdk/other.go"))
	os.Rename(e.path("sdk/other.go")+".tmp", e.path("sdk/other.go"))
	e.mustRun(4, genArgs...)
	sameSnapshot(t, beforeOut, snapshot(t, outside))
	// And a link the lock lists is not removed as stale either.
	e.fake.files = map[string]string{}
	e.mustRun(0, genArgs...)
	if fi, err := os.Lstat(e.path("sdk/other.go")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("stale link removed or replaced")
	}
	sameSnapshot(t, beforeOut, snapshot(t, outside))
}

func TestSymlinkedDirNotFollowed(t *testing.T) {
	outside := t.TempDir()
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n", "internal/core.go": hdr + "package core\n"})
	if err := os.MkdirAll(e.path("sdk"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, e.path("sdk/internal")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, e.path("sdk"))
	e.mustRun(4, genArgs...)
	sameSnapshot(t, before, snapshot(t, e.path("sdk")))
	if got := snapshot(t, outside); len(got) != 1 { // just "."
		t.Errorf("something was written outside: %v", got)
	}
	// A link to a folder inside DIR is refused too: sdkgen writes only
	// real paths.
	os.Remove(e.path("sdk/internal"))
	os.MkdirAll(e.path("sdk/real"), 0o777)
	if err := os.Symlink("real", e.path("sdk/internal")); err != nil {
		t.Fatal(err)
	}
	e.mustRun(4, genArgs...)
	if e.exists("sdk/real/core.go") {
		t.Error("wrote through an internal link")
	}
}

func TestInvalidGeneratedPaths(t *testing.T) {
	for _, p := range []string{"../escape.go", "/abs.go", "a/../../b.go", "./a.go", "a//b.go", `a\b.go`, "", ".sdkgen-tmp-x", "sdkgen.lock"} {
		t.Run(p, func(t *testing.T) {
			outside := t.TempDir()
			e := newEnv(t, map[string]string{"ok.go": hdr + "package pets\n", p: hdr + "package evil\n"})
			e.mustRun(4, genArgs...)
			if e.exists("sdk") {
				t.Error("sdk was created")
			}
			if e.exists("escape.go") || e.exists("b.go") {
				t.Error("escaped DIR")
			}
			if got := snapshot(t, outside); len(got) != 1 {
				t.Errorf("wrote outside: %v", got)
			}
		})
	}
}

func TestCaseCollision(t *testing.T) {
	e := newEnv(t, map[string]string{"Pet.go": hdr, "pet.go": hdr})
	e.mustRun(4, genArgs...)
	if e.exists("sdk") {
		t.Error("sdk was created")
	}
}

// TestFailedRunLeavesDirAsItWas fails apply at each step in turn, on a DIR
// with modified, added and stale files and new folders, and on a DIR that
// does not exist yet, and shows that DIR is exactly as before every time.
func TestFailedRunLeavesDirAsItWas(t *testing.T) {
	boom := errors.New("disk full (injected)")
	cases := []struct{ stage, path string }{
		{"temp", "a.go"}, {"temp", "new/deep/n.go"}, {"temp", "sdkgen.lock"},
		{"rename", "a.go"}, {"rename", "new/deep/n.go"}, {"rename", "sdkgen.lock"},
		{"remove", "old/s.go"},
	}
	for _, c := range cases {
		t.Run(c.stage+" "+c.path, func(t *testing.T) {
			e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n", "old/s.go": hdr + "package old\n", "z.go": hdr + "package pets\n"})
			e.write("sdk/mine.go", "package pets\n")
			e.mustRun(0, genArgs...)
			e.fake.files = map[string]string{"a.go": hdr + "package pets // v2\n", "new/deep/n.go": hdr + "package deep\n", "z.go": hdr + "package pets\n"}
			before := snapshot(t, e.path("sdk"))
			applyHook = func(stage, p string) error {
				if stage == c.stage && p == c.path {
					return boom
				}
				return nil
			}
			defer func() { applyHook = nil }()
			e.mustRun(4, genArgs...)
			sameSnapshot(t, before, snapshot(t, e.path("sdk")))
			if !strings.Contains(e.stderr.String(), "nothing was changed") {
				t.Errorf("stderr:\n%s", e.stderr.String())
			}
			applyHook = nil
			e.mustRun(0, genArgs...) // and a later run succeeds
			e.mustRun(0, checkArgs...)
		})
	}
	t.Run("new dir", func(t *testing.T) {
		e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n", "sub/b.go": hdr + "package sub\n"})
		applyHook = func(stage, p string) error {
			if stage == "rename" && p == "sub/b.go" {
				return boom
			}
			return nil
		}
		defer func() { applyHook = nil }()
		args := []string{"generate", "--spec", "spec.yaml", "--out", "x/y/sdk", "--module", "example.com/pets"}
		e.mustRun(4, args...)
		if e.exists("x") {
			t.Errorf("created folders left behind: %v", snapshot(t, e.path("x")))
		}
	})
}

func TestLostLockRecovers(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n"})
	e.mustRun(0, genArgs...)
	os.Remove(e.path("sdk/sdkgen.lock"))
	// Identical files are adopted: nothing is replaced, the lock comes back.
	e.mustRun(0, genArgs...)
	if !strings.Contains(e.read("sdk/sdkgen.lock"), `"a.go"`) {
		t.Error("a.go not adopted into the lock")
	}
	// But a differing file without a lock is a conflict.
	os.Remove(e.path("sdk/sdkgen.lock"))
	e.fake.files["a.go"] = hdr + "package pets // v2\n"
	e.mustRun(4, genArgs...)
}

func TestBadLock(t *testing.T) {
	for name, content := range map[string]string{
		"garbage":     "not json",
		"version":     `{"version": 2, "files": []}`,
		"escape path": `{"version": 1, "files": ["../../etc/passwd"]}`,
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, map[string]string{"a.go": hdr})
			e.write("sdk/sdkgen.lock", content)
			before := snapshot(t, e.path("sdk"))
			e.mustRun(4, genArgs...)
			sameSnapshot(t, before, snapshot(t, e.path("sdk")))
		})
	}
}

func TestGoModWrittenOnce(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr + "package pets\n"})
	e.mustRun(0, genArgs...)
	e.write("sdk/go.mod", "module example.com/pets\n\ngo 1.25\n\nrequire example.com/extra v1.0.0\n")
	e.mustRun(0, genArgs...)
	e.mustRun(0, checkArgs...)
	if !strings.Contains(e.read("sdk/go.mod"), "example.com/extra") {
		t.Error("go.mod rewritten")
	}
	// Another module's go.mod is a conflict.
	e.write("sdk/go.mod", "module example.com/other\n")
	e.mustRun(4, genArgs...)
	if !strings.Contains(e.stderr.String(), `is for module "example.com/other"`) {
		t.Errorf("stderr:\n%s", e.stderr.String())
	}
	// Without --module, the go.mod in DIR gives the import path.
	e.mustRun(0, "generate", "--spec", "spec.yaml", "--out", "sdk")
	if e.fake.gotGen.Module != "example.com/other" || e.fake.gotGen.GoMod {
		t.Errorf("gen.Config = %+v", e.fake.gotGen)
	}
}

func TestOutIsAFile(t *testing.T) {
	e := newEnv(t, map[string]string{"a.go": hdr})
	e.write("sdk", "a file\n")
	e.mustRun(4, genArgs...)
}

func TestCheckRelPath(t *testing.T) {
	for _, p := range []string{"a.go", "a/b.go", "internal/core/retry.go", ".github/x.yml", "a..b.go"} {
		if err := checkRelPath(p); err != nil {
			t.Errorf("%q: %v", p, err)
		}
	}
	for _, p := range []string{"", ".", "..", "../a", "/a", "a/", "a/./b", "a/../b", `a\b`, "a\x00b", "x/.sdkgen-old-1"} {
		if err := checkRelPath(p); err == nil {
			t.Errorf("%q accepted", p)
		}
	}
}

// TestHeader pins the ownership marker's wording: changing it
// would disown every SDK generated so far.
func TestHeader(t *testing.T) {
	if generatedHeader != "// Code generated by sdkgen. DO NOT EDIT." {
		t.Errorf("header is %q", generatedHeader)
	}
}
