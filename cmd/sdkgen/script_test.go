package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run this test binary as the sdkgen command, so
// scripts exercise the real CLI (the real run function, parser and
// generator) as users call it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sdkgen": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs testdata/script/*.txtar: end-to-end cases for every exit
// code. Scripts assert exact exit codes with the exitcode command:
//
//	exitcode N sdkgen args...
func TestScript(t *testing.T) {
	// diff runs `go list -export` for the standard library's export data;
	// scripts run with HOME=/no-home, so hand them the real build cache
	// rather than let each script build the standard library afresh.
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOCACHE: %v", err)
	}
	gocache := strings.TrimSpace(string(out))
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("GOCACHE", gocache)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
		},
	})
}

// cmdExitCode runs a program and fails the script unless it exits with
// the given status; its stdout and stderr are then checked as after exec.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// TestRealPipelineSmoke generates the repository's seed spec with the real
// parser and generator through the CLI, as a quick check that the wiring
// (paths, configs, the lock) works with the real thing.
func TestRealPipelineSmoke(t *testing.T) {
	spec, err := filepath.Abs("../../testdata/moov-ticket/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, nil)
	e.fake = nil
	a := newApp(e.wd, &e.stdout, &e.stderr)
	if code := a.run([]string{"generate", "--spec", spec, "--out", "moov", "--module", "example.com/moov"}); code != 0 {
		t.Fatalf("exit %d\n%s", code, e.stderr.String())
	}
	for _, f := range []string{"moov/client.go", "moov/go.mod", "moov/sdkgen.lock"} {
		if !e.exists(f) {
			t.Errorf("%s missing", f)
		}
	}
	e.stdout.Reset()
	if code := a.run([]string{"check", "--spec", spec, "--out", "moov", "--module", "example.com/moov"}); code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, e.stdout.String(), e.stderr.String())
	}
}
