// Command compiletable measures how long the Go compiler takes over the
// SDKs sdkgen generates, and how much memory it needs, against the SDKs a
// baseline sdkgen (built from an older git revision) generates for the
// same specs in the same run.
//
// For each of Moov, GitHub and Stripe it generates the SDK with the
// sdkgen of this checkout and with the baseline's into module folders of
// their own, then compiles each with `go build ./...` from a build cache
// that holds the standard library and nothing else: a generated SDK
// depends on the standard library only, so what is timed is the compiler
// over the generated packages (plus the go command's fixed cost, shown
// apart as the time of a second, fully cached build). Each compile starts
// from its own copy of that cache. Rounds alternate which generator's SDK
// is compiled first, so that a machine busy with something else slows
// both alike. Peak memory is the largest resident set of `go build` and
// the compiler it runs (the child rusage of `go build`).
//
//	go run ./bench/cmd/compiletable [-count N] [-baseline-rev REV] [-specs RE]
//
// The baseline is built from a detached git worktree in a temporary
// folder, removed afterwards; without git, or when the revision is
// unknown, only the current SDKs are measured.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/sdkgen/sdkgen/bench/internal/table"
	"github.com/sdkgen/sdkgen/internal/pipeline"
)

// specs are the measured documents, by name, relative to the folder that
// holds the sdkgen checkout (the specs are kept outside the repository).
var specs = []struct{ name, path string }{
	{"moov", "../shared/specs/moov/openapi.yaml"},
	{"github", "../shared/specs/bench/github.json"},
	{"stripe", "../shared/specs/bench/stripe.json"},
}

// generator is one sdkgen binary under comparison.
type generator struct {
	name string // "current" or "baseline"
	bin  string
}

// sdk is one generated SDK and the figures of its compiles.
type sdk struct {
	dir      string
	lines    int
	wall     []time.Duration // compile from a cache holding only std
	cached   []time.Duration // the same build again, everything cached
	maxrssKB []int64
}

func main() {
	count := flag.Int("count", 3, "rounds; the table shows each figure's median")
	rev := flag.String("baseline-rev", "4f6bdd7", "git revision whose sdkgen generates the baseline SDKs")
	only := flag.String("specs", ".", "regexp selecting specs by name: moov, github, stripe")
	keep := flag.Bool("keep", false, "keep the temporary folder (generated SDKs, caches) and print its path")
	flag.Parse()
	re, err := regexp.Compile(*only)
	if err != nil {
		fail(err)
	}

	root, err := table.ModuleRoot()
	if err != nil {
		fail(err)
	}
	tmp, err := os.MkdirTemp("", "compiletable")
	if err != nil {
		fail(err)
	}
	if *keep {
		fmt.Fprintln(os.Stderr, "keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	gens := []generator{{"current", filepath.Join(tmp, "sdkgen-current")}}
	step("building the current sdkgen")
	if err := run(root, nil, "go", "build", "-o", gens[0].bin, "./cmd/sdkgen"); err != nil {
		fail(fmt.Errorf("building the current sdkgen: %w", err))
	}
	if bin, err := buildBaseline(root, tmp, *rev); err != nil {
		fmt.Fprintf(os.Stderr, "compiletable: no baseline: %v\n", err)
	} else {
		gens = append(gens, generator{"baseline", bin})
	}

	// The cache every compile starts from a copy of: the standard library,
	// built with the flags the SDK builds use.
	step("building the standard library into a fresh cache")
	stdCache := filepath.Join(tmp, "gocache-std")
	if err := run(tmp, goEnv(stdCache), "go", "build", "std"); err != nil {
		fail(fmt.Errorf("priming the build cache: %w", err))
	}

	type entry struct {
		name, spec string
		ops        int
		sdks       map[string]*sdk // by generator name
	}
	var entries []*entry
	for _, s := range specs {
		if !re.MatchString(s.name) {
			continue
		}
		spec := filepath.Clean(filepath.Join(root, s.path))
		if _, err := os.Stat(spec); err != nil {
			fmt.Fprintf(os.Stderr, "compiletable: skipping %s: %s is absent\n", s.name, spec)
			continue
		}
		e := &entry{name: s.name, spec: spec, sdks: map[string]*sdk{}}
		step("counting the operations of " + s.name)
		if e.ops, err = operations(spec); err != nil {
			fail(fmt.Errorf("%s: %w", s.name, err))
		}
		for _, g := range gens {
			step(fmt.Sprintf("generating %s with the %s sdkgen", s.name, g.name))
			dir := filepath.Join(tmp, s.name+"-"+g.name)
			if err := run(tmp, nil, g.bin, "generate", "--spec", spec, "--out", dir, "--module", "example.com/sdk"); err != nil {
				fail(fmt.Errorf("generating %s with the %s sdkgen: %w", s.name, g.name, err))
			}
			n, err := countLines(dir)
			if err != nil {
				fail(err)
			}
			e.sdks[g.name] = &sdk{dir: dir, lines: n}
		}
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		fail(errors.New("no spec to measure"))
	}

	for round := 1; round <= *count; round++ {
		order := slices.Clone(gens)
		if round%2 == 0 {
			slices.Reverse(order)
		}
		for _, e := range entries {
			for _, g := range order {
				s := e.sdks[g.name]
				step(fmt.Sprintf("round %d/%d: compiling %s (%s)", round, *count, e.name, g.name))
				if err := compile(s, stdCache, filepath.Join(tmp, "gocache-run")); err != nil {
					fail(fmt.Errorf("compiling %s (%s): %w", e.name, g.name, err))
				}
				fmt.Fprintf(os.Stderr, "\t%s, %s, cached %s\n", dur(s.wall[len(s.wall)-1]),
					mb(s.maxrssKB[len(s.maxrssKB)-1]), dur(s.cached[len(s.cached)-1]))
			}
		}
	}

	base := len(gens) > 1
	if base {
		fmt.Printf("| SDK | lines (per op) current | baseline | ratio | compile current | baseline | **ratio** | peak RSS current | baseline | ratio |\n")
		fmt.Printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	} else {
		fmt.Printf("| SDK | lines (per op) | compile | peak RSS |\n|---|---:|---:|---:|\n")
	}
	for _, e := range entries {
		c := e.sdks["current"]
		label := fmt.Sprintf("%s (%d ops)", e.name, e.ops)
		cl := fmt.Sprintf("%s (%d)", qty(c.lines), perOp(c.lines, e.ops))
		if !base {
			fmt.Printf("| %s | %s | %s | %s |\n", label, cl, dur(table.Median(c.wall)), mb(table.Median(c.maxrssKB)))
			continue
		}
		b := e.sdks["baseline"]
		fmt.Printf("| %s | %s | %s (%d) | %.2f× | %s | %s | **%.2f×** | %s | %s | %.2f× |\n", label,
			cl, qty(b.lines), perOp(b.lines, e.ops), float64(c.lines)/float64(b.lines),
			dur(table.Median(c.wall)), dur(table.Median(b.wall)), float64(table.Median(c.wall))/float64(table.Median(b.wall)),
			mb(table.Median(c.maxrssKB)), mb(table.Median(b.maxrssKB)), float64(table.Median(c.maxrssKB))/float64(table.Median(b.maxrssKB)))
	}
	fmt.Printf("\nMedians of %d round(s)", *count)
	if base {
		fmt.Printf(", current and baseline (%s) alternating", *rev)
	}
	fmt.Printf("; `go build ./...` of the generated module from a cache holding std only.\n")
	var shares []string
	for _, e := range entries {
		sh := e.name + " " + dur(table.Median(e.sdks["current"].cached))
		if base {
			sh += " / " + dur(table.Median(e.sdks["baseline"].cached))
		}
		shares = append(shares, sh)
	}
	fmt.Printf("The go command's own share, a second build with everything cached: %s.\n", strings.Join(shares, "; "))
}

// buildBaseline checks out rev into a detached worktree under tmp, builds
// its sdkgen there and removes the worktree again.
func buildBaseline(root, tmp, rev string) (string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", errors.New("git is not installed")
	}
	out, err := exec.Command("git", "-C", root, "rev-parse", "--verify", "--quiet", rev+"^{commit}").Output()
	if err != nil {
		return "", fmt.Errorf("revision %s is not in this repository", rev)
	}
	commit := strings.TrimSpace(string(out))
	src := filepath.Join(tmp, "baseline-src")
	step("checking out the baseline " + commit[:min(12, len(commit))])
	if err := run(root, nil, "git", "worktree", "add", "--detach", src, commit); err != nil {
		return "", fmt.Errorf("git worktree add: %w", err)
	}
	defer func() {
		if err := run(root, nil, "git", "worktree", "remove", "--force", src); err != nil {
			fmt.Fprintf(os.Stderr, "compiletable: removing the baseline worktree %s: %v\n", src, err)
		}
	}()
	bin := filepath.Join(tmp, "sdkgen-baseline")
	step("building the baseline sdkgen")
	if err := run(src, nil, "go", "build", "-o", bin, "./cmd/sdkgen"); err != nil {
		return "", fmt.Errorf("building sdkgen at %s: %w", rev, err)
	}
	return bin, nil
}

// compile builds the SDK once from a copy of the std-only cache, then once
// more with everything cached, and records both times and the first
// build's peak resident set.
func compile(s *sdk, stdCache, cache string) error {
	if err := os.RemoveAll(cache); err != nil {
		return err
	}
	if err := copyTree(stdCache, cache); err != nil {
		return fmt.Errorf("copying the build cache: %w", err)
	}
	defer os.RemoveAll(cache)
	for i := range 2 {
		cmd := exec.Command("go", "build", "./...")
		cmd.Dir, cmd.Env = s.dir, goEnv(cache)
		c, err := table.Measure(cmd)
		if err != nil {
			return err
		}
		if i == 1 {
			s.cached = append(s.cached, c.Wall)
			break
		}
		s.wall = append(s.wall, c.Wall)
		s.maxrssKB = append(s.maxrssKB, c.MaxRSSKB)
	}
	return nil
}

// goEnv is the environment of a build that uses cache, only the local
// toolchain and no network, workspace or flags from the user.
func goEnv(cache string) []string {
	env := []string{"GOCACHE=" + cache, "GOFLAGS=", "GOWORK=off", "GOPROXY=off", "GOTOOLCHAIN=local", "GO111MODULE=on"}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOCACHE", "GOFLAGS", "GOWORK", "GOPROXY", "GOTOOLCHAIN", "GO111MODULE":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// copyTree copies the folder src to dst, hard-linking files where it can:
// the go command never rewrites a cache entry in place.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o777)
		}
		if os.Link(path, target) == nil {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// operations counts the spec's operations as the current parser sees them.
func operations(spec string) (int, error) {
	res, err := pipeline.Parse(pipeline.Request{Spec: spec, ImportPath: "example.com/sdk"})
	if err != nil {
		return 0, err
	}
	return len(res.API.Operations()), nil
}

// countLines counts the lines of the non-test Go files under dir.
func countLines(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n += bytes.Count(b, []byte("\n"))
		return nil
	})
	return n, err
}

// run runs a command in dir with env (nil: this process's); its output
// is shown only when it fails.
func run(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w\n%s", err, out.String())
	}
	return nil
}

func perOp(lines, ops int) int {
	if ops == 0 {
		return 0
	}
	return (lines + ops/2) / ops
}

func dur(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func mb(kb int64) string { return fmt.Sprintf("%.0f MB", float64(kb)/1024) }

func qty(n int) string {
	if n < 1000 {
		return fmt.Sprint(n)
	}
	return fmt.Sprintf("%d,%03d", n/1000, n%1000)
}

func step(msg string) { fmt.Fprintf(os.Stderr, "%s %s\n", time.Now().UTC().Format("15:04:05"), msg) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compiletable:", err)
	os.Exit(1)
}
