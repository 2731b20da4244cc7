package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// diffFormats are the report formats and the golden file each is kept in.
var diffFormats = []struct{ format, file string }{
	{"text", "report.txt"},
	{"markdown", "report.md"},
	{"json", "report.json"},
}

// TestDiffCases runs sdkgen diff on each pair under testdata/diff/<case>/
// (old.yaml → new.yaml, one rule each) through the real CLI and compares
// the report, in every format, with the case's report.txt, report.md and
// report.json; SDKGEN_UPDATE=1 rewrites them. The exit code must be 5
// exactly when the bump is major.
//
// A case may hold sdkgen.yaml (passed as --config) and a file named mode:
// "dir" generates old.yaml into an SDK folder first (with its lock and,
// beside it, the spec) and passes that folder as --old; "dir-nonames" does
// the same with the lock's names emptied, to show what the lock prevents.
func TestDiffCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/diff/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases under testdata/diff")
	}
	update := os.Getenv("SDKGEN_UPDATE") == "1"
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			e := newEnv(t, nil)
			e.fake = nil // the real parser and generator
			for _, f := range []string{"old.yaml", "new.yaml", "sdkgen.yaml"} {
				if b, err := os.ReadFile(filepath.Join(dir, f)); err == nil {
					e.write(f, string(b))
				} else if f != "sdkgen.yaml" {
					t.Fatal(err)
				}
			}
			var args []string
			if e.exists("sdkgen.yaml") {
				args = append(args, "--config", "sdkgen.yaml")
			}
			old := "old.yaml"
			mode, _ := os.ReadFile(filepath.Join(dir, "mode"))
			switch m := strings.TrimSpace(string(mode)); m {
			case "":
			case "dir", "dir-nonames":
				e.realRun(t, 0, append([]string{"generate", "--spec", "old.yaml", "--out", "sdk", "--module", "example.com/sdk"}, args...)...)
				e.write("sdk/openapi.yaml", e.read("old.yaml"))
				if m == "dir-nonames" {
					var lock map[string]any
					if err := json.Unmarshal([]byte(e.read("sdk/sdkgen.lock")), &lock); err != nil {
						t.Fatal(err)
					}
					lock["names"] = map[string]string{}
					b, _ := json.Marshal(lock)
					e.write("sdk/sdkgen.lock", string(b))
				}
				old = "sdk"
			default:
				t.Fatalf("unknown mode %q", m)
			}

			var bump string
			for _, f := range diffFormats {
				code, stdout, stderr := e.realRun(t, -1, append([]string{"diff", "--old", old, "--new", "new.yaml", "--format", f.format}, args...)...)
				if code != exitOK && code != exitBreaking {
					t.Fatalf("--format %s: exit %d\n%s", f.format, code, stderr)
				}
				if f.format == "json" {
					var r struct{ Bump string }
					if err := json.Unmarshal([]byte(stdout), &r); err != nil {
						t.Fatalf("report is not JSON: %v\n%s", err, stdout)
					}
					bump = r.Bump
				}
				golden := filepath.Join(dir, f.file)
				if update {
					if err := os.WriteFile(golden, []byte(stdout), 0o666); err != nil {
						t.Fatal(err)
					}
				} else if want, err := os.ReadFile(golden); err != nil {
					t.Fatalf("%v (run with SDKGEN_UPDATE=1 to create it)", err)
				} else if d := cmp.Diff(string(want), stdout); d != "" {
					t.Errorf("--format %s differs from %s (-want +got):\n%s", f.format, golden, d)
				}
				if wantCode := map[bool]int{true: exitBreaking, false: exitOK}[strings.Contains(stdout, "major")]; f.format == "text" && code != wantCode {
					t.Errorf("exit %d for\n%s", code, stdout)
				}
			}
			if bump == "" {
				t.Fatal("no bump in the JSON report")
			}
		})
	}
}

// realRun runs the CLI on the real pipeline in e's working directory and
// returns the exit code and output; want ≥ 0 makes any other code fatal.
func (e *testEnv) realRun(t *testing.T, want int, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = newApp(e.wd, &out, &errb).run(args)
	if want >= 0 && code != want {
		t.Fatalf("sdkgen %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out.String(), errb.String())
	}
	return code, out.String(), errb.String()
}

// stripeSpecs are the two Stripe versions under ../shared/specs/bench.
const (
	stripeOld = "../../../shared/specs/bench/stripe-2023.yaml"
	stripeNew = "../../../shared/specs/bench/stripe.json"
)

// skipWithoutSpecs skips a test that reads ../shared/specs when it is absent.
func skipWithoutSpecs(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("skipping: %s is absent (it lives in ../shared, beside the repository)", p)
		}
	}
	if testing.Short() {
		t.Skip("skipping in -short mode: generates and type-checks big SDKs")
	}
}

// TestDiffStripe compares two real versions of Stripe's API: breaking
// changes, a major bump, exit 5. It logs the time and the counts.
func TestDiffStripe(t *testing.T) {
	skipWithoutSpecs(t, stripeOld, stripeNew)
	oldAbs, _ := filepath.Abs(stripeOld)
	newAbs, _ := filepath.Abs(stripeNew)
	e := newEnv(t, nil)
	start := time.Now()
	_, stdout, _ := e.realRun(t, exitBreaking, "diff", "--old", oldAbs, "--new", newAbs, "--format", "json")
	t.Logf("diff of Stripe took %v", time.Since(start).Round(time.Millisecond))
	var r struct {
		Bump                       string
		Breaking, Compatible, Wire []struct{ Kind string }
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.Bump != "major" || len(r.Breaking) == 0 {
		t.Fatalf("bump %s with %d breaking changes, want major with some", r.Bump, len(r.Breaking))
	}
	counts := map[string]int{}
	for _, l := range [][]struct{ Kind string }{r.Breaking, r.Compatible, r.Wire} {
		for _, c := range l {
			counts[c.Kind]++
		}
	}
	t.Logf("breaking %d, compatible %d, wire %d; by kind: %v", len(r.Breaking), len(r.Compatible), len(r.Wire), counts)
}

// TestDiffStripeSelf compares Stripe with itself, and with itself plus one
// operation and one optional property: nothing (exit 0), then a minor bump
// (exit 0).
func TestDiffStripeSelf(t *testing.T) {
	skipWithoutSpecs(t, stripeNew)
	spec, err := os.ReadFile(stripeNew)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, nil)
	e.write("stripe.json", string(spec))

	start := time.Now()
	_, stdout, _ := e.realRun(t, exitOK, "diff", "--old", "stripe.json", "--new", "stripe.json")
	t.Logf("diff of Stripe with itself took %v", time.Since(start).Round(time.Millisecond))
	if want := "bump: none (0 breaking, 0 compatible, 0 wire (0 breaking), 0 other)\n"; stdout != want {
		t.Errorf("got\n%s\nwant\n%s", stdout, want)
	}

	// One more operation and one more optional property of an existing
	// object, added to the decoded document.
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(spec))
	dec.UseNumber() // keep every number exactly as written
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	doc["paths"].(map[string]any)["/v1/sdkgen_diff_probe"] = map[string]any{
		"get": map[string]any{
			"operationId": "GetSdkgenDiffProbe",
			"responses": map[string]any{"200": map[string]any{
				"description": "ok",
				"content": map[string]any{"application/json": map[string]any{
					"schema": map[string]any{"$ref": "#/components/schemas/balance"},
				}},
			}},
		},
	}
	balance := doc["components"].(map[string]any)["schemas"].(map[string]any)["balance"].(map[string]any)
	balance["properties"].(map[string]any)["sdkgen_probe_note"] = map[string]any{"type": "string"}
	// Indented, as the original is: the parser's column fix-ups for JSON
	// cost time in proportion to the line's length, which one line of
	// 2 MB turns quadratic.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	e.write("stripe-plus.json", b.String())
	start = time.Now()
	_, stdout, _ = e.realRun(t, exitOK, "diff", "--old", "stripe.json", "--new", "stripe-plus.json", "--format", "json")
	t.Logf("diff of Stripe with Stripe plus an operation and a property took %v", time.Since(start).Round(time.Millisecond))
	var r struct {
		Bump                       string
		Breaking, Compatible, Wire []struct{ Kind, Symbol string }
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.Bump != "minor" || len(r.Breaking) != 0 || len(r.Wire) != 0 || len(r.Compatible) != 2 {
		t.Fatalf("want a minor bump with two additions, got\n%s", stdout)
	}
	for _, want := range []string{"added-method Client.GetSdkgenDiffProbe", "added-field Balance.SdkgenProbeNote"} {
		found := false
		for _, c := range r.Compatible {
			found = found || c.Kind+" "+c.Symbol == want
		}
		if !found {
			t.Errorf("no %s in\n%s", want, stdout)
		}
	}
}
