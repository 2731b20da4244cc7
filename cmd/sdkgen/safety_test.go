package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// safetySpec is a small spec with one tag per entry in tags (a service
// file each) and a Pet schema.
func safetySpec(tags ...string) string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: Pets API, version: '1'}\npaths:\n")
	for i, tag := range tags {
		b.WriteString("  /things" + string(rune('a'+i)) + "/{id}:\n    get:\n")
		b.WriteString("      operationId: getThing" + string(rune('A'+i)) + "\n")
		b.WriteString("      tags: ['" + strings.ReplaceAll(tag, "'", "''") + "']\n")
		b.WriteString("      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n")
		b.WriteString("      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Pet'}\n")
	}
	b.WriteString("components:\n  schemas:\n    Pet:\n      type: object\n      required: [id]\n      properties:\n        id: {type: string}\n")
	return b.String()
}

// TestGenerateSafety is the ownership rules end to end, with the
// real parser and generator: `sdkgen generate` into a folder that holds a
// hand-written file, symbolic links pointing out of the folder and the
// files of an earlier generation.
//   - the hand-written file is untouched, and so are the links and what
//     they point to;
//   - stale generated files are removed, current ones rewritten;
//   - a tag whose name tries to climb out of the folder gives a file
//     inside it;
//   - a generated file whose name collides with the hand-written one is a
//     conflict: exit 4, and nothing at all is written.
func TestGenerateSafety(t *testing.T) {
	wd := t.TempDir()
	outside := filepath.Join(wd, "outside")
	writeFile(t, filepath.Join(outside, "secret.go"), "package secret // not sdkgen's\n")
	writeFile(t, filepath.Join(outside, "dir", "keep.txt"), "keep\n")
	spec := filepath.Join(wd, "openapi.yaml")
	var stdout, stderr bytes.Buffer
	run := func(want int) {
		t.Helper()
		stdout.Reset()
		stderr.Reset()
		got := newApp(wd, &stdout, &stderr).run([]string{"generate", "--spec", "openapi.yaml", "--out", "sdk", "--module", "example.com/pets"})
		if got != want {
			t.Fatalf("sdkgen generate: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", got, want, stdout.String(), stderr.String())
		}
	}
	sdk := func(name string) string { return filepath.Join(wd, "sdk", filepath.FromSlash(name)) }
	exists := func(name string) bool { _, err := os.Lstat(sdk(name)); return err == nil }

	// An earlier generation: services Pets and Owners.
	writeFile(t, spec, safetySpec("Pets", "Owners"))
	run(0)
	for _, f := range []string{"pets_service.go", "owners_service.go", "client.go", "models.go", "internal/core/do.go", "sdkgen.lock", "go.mod"} {
		if !exists(f) {
			t.Fatalf("first generation lacks %s", f)
		}
	}

	// The user adds a hand-written file and links pointing out of the
	// folder, one to a file and one to a folder.
	const mine = "package pets\n\n// Mine is hand-written.\nfunc Mine() {}\n"
	writeFile(t, sdk("admin_service.go"), mine)
	if err := os.Symlink(filepath.Join(outside, "secret.go"), sdk("secret.go")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink(outside, sdk("internal/outside")); err != nil {
		t.Fatal(err)
	}
	mineInfo, _ := os.Stat(sdk("admin_service.go"))
	outsideBefore := snapshot(t, outside)

	// The spec drops Owners, and a tag tries to climb out of the folder.
	writeFile(t, spec, safetySpec("Pets", "../../outside/pwn"))
	run(0)
	if got, err := os.ReadFile(sdk("admin_service.go")); err != nil || string(got) != mine {
		t.Errorf("hand-written file changed: %q, %v", got, err)
	}
	if fi, _ := os.Stat(sdk("admin_service.go")); !fi.ModTime().Equal(mineInfo.ModTime()) {
		t.Error("hand-written file rewritten")
	}
	for link, target := range map[string]string{"secret.go": filepath.Join(outside, "secret.go"), "internal/outside": outside} {
		if got, err := os.Readlink(sdk(link)); err != nil || got != target {
			t.Errorf("link %s: %q, %v", link, got, err)
		}
	}
	sameSnapshot(t, outsideBefore, snapshot(t, outside))
	if exists("owners_service.go") {
		t.Error("stale owners_service.go kept")
	}
	if !exists("pets_service.go") {
		t.Error("pets_service.go removed")
	}
	// The climbing tag's service lives in a file inside sdk/.
	entries, _ := filepath.Glob(filepath.Join(wd, "*"))
	for _, e := range entries {
		if b := filepath.Base(e); b != "sdk" && b != "outside" && b != "openapi.yaml" {
			t.Errorf("generate wrote %s outside sdk/", e)
		}
	}
	services, _ := filepath.Glob(sdk("*_service.go"))
	t.Logf("service files: %v", services)
	if len(services) != 3 { // pets, the climbing tag's, and admin (hand-written)
		t.Errorf("service files: %v", services)
	}
	lock, err := os.ReadFile(sdk("sdkgen.lock"))
	if err != nil {
		t.Fatal(err)
	}
	for _, never := range []string{"admin_service.go", "secret.go", "internal/outside", "owners_service.go"} {
		if bytes.Contains(lock, []byte(`"`+never+`"`)) {
			t.Errorf("sdkgen.lock lists %s", never)
		}
	}

	// The spec gains a tag Admin: its service file would replace the
	// hand-written admin_service.go. A conflict, and nothing is written.
	writeFile(t, spec, safetySpec("Pets", "Admin", "Vets"))
	sdkBefore := snapshot(t, filepath.Join(wd, "sdk"))
	run(4)
	if !strings.Contains(stderr.String(), "sdk/admin_service.go: exists and sdkgen does not own it") {
		t.Errorf("stderr does not name the conflict:\n%s", stderr.String())
	}
	sameSnapshot(t, sdkBefore, snapshot(t, filepath.Join(wd, "sdk")))
	sameSnapshot(t, outsideBefore, snapshot(t, outside))
	if exists("vets_service.go") {
		t.Error("a file was written despite the conflict")
	}
}
