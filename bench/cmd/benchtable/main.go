// Command benchtable runs the bench package's BenchmarkFloor and
// BenchmarkGenerate interleaved and prints one Markdown table of the
// medians: per spec the floor's time, sdkgen's, their ratio, sdkgen's
// allocations and peak heap.
//
// The test binary is built once; then each round runs, for every spec,
// the floor and then the generator in their own processes, so that a
// machine busy with something else slows both alike. Each runs five
// times by default, so both are measured over as many runs.
//
//	go run ./bench/cmd/benchtable [-count N] [-specs RE] [-benchtime D]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sdkgen/sdkgen/bench/internal/table"
)

// result is one benchmark line's figures.
type result struct {
	ns, allocs, bytes, peakMB float64
}

func main() {
	count := flag.Int("count", 3, "rounds; the table shows each figure's median")
	var names []string
	for _, s := range table.Specs {
		names = append(names, s.Name)
	}
	specs := flag.String("specs", ".", "regexp selecting specs by name: "+strings.Join(names, ", "))
	// A fixed count runs the floor and the generator as many times each;
	// with a duration the slower generator would run fewer times, more of
	// them cold, than the floor.
	benchtime := flag.String("benchtime", "5x", "-test.benchtime of each run")
	flag.Parse()
	re, err := regexp.Compile(*specs)
	if err != nil {
		fail(err)
	}
	var chosen []string
	for _, n := range names {
		if re.MatchString(n) {
			chosen = append(chosen, n)
		}
	}
	if len(chosen) == 0 {
		fail(fmt.Errorf("no spec matches %q", *specs))
	}

	dir, err := os.MkdirTemp("", "benchtable")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "bench.test")
	root, err := table.ModuleRoot()
	if err != nil {
		fail(err)
	}
	build := exec.Command("go", "test", "-c", "-o", bin, "./bench")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fail(fmt.Errorf("building the benchmarks: %w", err))
	}

	runs := map[string][]result{} // by "Floor/moov" and the like
	skipped := map[string]bool{}
	for round := 1; round <= *count; round++ {
		for _, spec := range chosen {
			for _, kind := range []string{"Floor", "Generate"} {
				key := kind + "/" + spec
				if skipped[spec] {
					continue
				}
				fmt.Fprintf(os.Stderr, "round %d/%d: %s\n", round, *count, key)
				r, ok, err := run(bin, filepath.Join(root, "bench"), key, *benchtime)
				if err != nil {
					fail(err)
				}
				if !ok {
					fmt.Fprintf(os.Stderr, "%s skipped: spec absent\n", spec)
					skipped[spec] = true
					continue
				}
				runs[key] = append(runs[key], r)
			}
		}
	}

	fmt.Printf("| spec | floor | sdkgen | ratio | allocs/op (floor) | peak heap (floor) |\n")
	fmt.Printf("|---|---:|---:|---:|---:|---:|\n")
	for _, spec := range chosen {
		if skipped[spec] {
			continue
		}
		f, g := median(runs["Floor/"+spec]), median(runs["Generate/"+spec])
		fmt.Printf("| %s | %s | %s | **%.2f×** | %s (%s) | %.0f MB (%.0f MB) |\n", spec,
			dur(f.ns), dur(g.ns), g.ns/f.ns, qty(g.allocs), qty(f.allocs), g.peakMB, f.peakMB)
	}
	fmt.Printf("\nMedians of %d interleaved rounds, -benchtime %s.\n", *count, *benchtime)
}

// run runs one sub-benchmark in its own process; ok is false when it
// skipped.
func run(bin, dir, key, benchtime string) (r result, ok bool, err error) {
	pattern := "^Benchmark" + strings.ReplaceAll(regexp.QuoteMeta(key), "/", "$/^") + "$"
	cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", benchtime, "-test.count", "1")
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return r, false, fmt.Errorf("%s: %w\n%s", key, err, out.String())
	}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "--- SKIP") {
			return r, false, nil
		}
		if !strings.HasPrefix(line, "Benchmark"+key) {
			continue
		}
		f := strings.Fields(line)
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return r, false, fmt.Errorf("%s: reading %q: %w", key, line, err)
			}
			switch f[i+1] {
			case "ns/op":
				r.ns = v
			case "allocs/op":
				r.allocs = v
			case "B/op":
				r.bytes = v
			case "peak-heap-MB":
				r.peakMB = v
			}
		}
		return r, true, nil
	}
	return r, false, fmt.Errorf("%s: no result in the output:\n%s", key, out.String())
}

// median takes each figure's median over the runs on its own.
func median(rs []result) result {
	pick := func(get func(result) float64) float64 {
		vs := make([]float64, len(rs))
		for i, r := range rs {
			vs[i] = get(r)
		}
		return table.Median(vs)
	}
	return result{
		ns:     pick(func(r result) float64 { return r.ns }),
		allocs: pick(func(r result) float64 { return r.allocs }),
		bytes:  pick(func(r result) float64 { return r.bytes }),
		peakMB: pick(func(r result) float64 { return r.peakMB }),
	}
}

func dur(ns float64) string {
	d := time.Duration(ns)
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
}

func qty(n float64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.2f M", n/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f k", n/1e3)
	default:
		return fmt.Sprintf("%.0f", n)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchtable:", err)
	os.Exit(1)
}
