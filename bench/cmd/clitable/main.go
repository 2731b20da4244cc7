// Command clitable measures `sdkgen generate` end to end, as a release
// pipeline runs it: a fresh process reads the spec, generates the SDK and
// writes it to an empty folder. The floor is a process that only reads
// the same spec with libopenapi, builds its model and walks every schema
// (bench/cmd/floor). Per spec it prints the median wall time, CPU time
// (user and system) and peak resident memory of each, and their ratios.
//
// Both binaries are built once from this checkout. A warm-up round, not
// counted, brings the specs and binaries into the page cache; then each
// round runs, for every spec, the floor and then sdkgen, so a machine busy
// with something else slows both alike.
//
//	go run ./bench/cmd/clitable [-count N] [-specs RE]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/sdkgen/sdkgen/bench/internal/table"
)

// samples are one program's figures over the rounds, for one spec.
type samples struct {
	wall, cpu []time.Duration
	rssKB     []int64
}

func (s *samples) add(c table.Cost) {
	s.wall = append(s.wall, c.Wall)
	s.cpu = append(s.cpu, c.CPU)
	s.rssKB = append(s.rssKB, c.MaxRSSKB)
}

func main() {
	count := flag.Int("count", 5, "rounds; the table shows each figure's median")
	only := flag.String("specs", ".", "regexp selecting specs by name (moov, github, stripe-json, stripe-yaml)")
	flag.Parse()
	re, err := regexp.Compile(*only)
	if err != nil {
		fail(err)
	}
	if *count < 1 {
		fail(fmt.Errorf("-count must be at least 1"))
	}
	root, err := table.ModuleRoot()
	if err != nil {
		fail(err)
	}
	var todo []table.Spec // with absolute paths
	for _, s := range table.Specs {
		if !re.MatchString(s.Name) {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(s.Path))
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(os.Stderr, "%s skipped: %s is absent\n", s.Name, p)
			continue
		}
		todo = append(todo, table.Spec{Name: s.Name, Path: p})
	}
	if len(todo) == 0 {
		fail(fmt.Errorf("no spec to measure"))
	}

	tmp, err := os.MkdirTemp("", "clitable")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	sdkgen, floor := filepath.Join(tmp, "sdkgen"), filepath.Join(tmp, "floor")
	for bin, pkg := range map[string]string{sdkgen: "./cmd/sdkgen", floor: "./bench/cmd/floor"} {
		build := exec.Command("go", "build", "-o", bin, pkg)
		build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fail(fmt.Errorf("building %s: %w", pkg, err))
		}
	}

	figures := map[string]*[2]samples{} // per spec: floor, sdkgen
	for round := 0; round <= *count; round++ {
		for _, s := range todo {
			if round > 0 {
				fmt.Fprintf(os.Stderr, "round %d/%d: %s\n", round, *count, s.Name)
			}
			f, err := measure(tmp, floor, s.Path)
			if err != nil {
				fail(fmt.Errorf("%s: floor: %w", s.Name, err))
			}
			out := filepath.Join(tmp, "sdk")
			g, err := measure(tmp, sdkgen, "generate", "--spec", s.Path, "--out", out, "--module", "example.com/sdk")
			if err != nil {
				fail(fmt.Errorf("%s: sdkgen generate: %w", s.Name, err))
			}
			if err := os.RemoveAll(out); err != nil {
				fail(err)
			}
			if round == 0 {
				continue // the warm-up
			}
			if figures[s.Name] == nil {
				figures[s.Name] = new([2]samples)
			}
			figures[s.Name][0].add(f)
			figures[s.Name][1].add(g)
		}
	}

	fmt.Println("| spec | floor | sdkgen generate | ratio | CPU floor | CPU sdkgen | ratio | peak RSS floor | peak RSS sdkgen | ratio |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range todo {
		f, g := figures[s.Name][0], figures[s.Name][1]
		fw, gw := table.Median(f.wall), table.Median(g.wall)
		fc, gc := table.Median(f.cpu), table.Median(g.cpu)
		fr, gr := table.Median(f.rssKB), table.Median(g.rssKB)
		fmt.Printf("| %s | %s | %s | **%.2f×** | %s | %s | %.2f× | %s | %s | **%.2f×** |\n", s.Name,
			ms(fw), ms(gw), ratio(gw, fw), ms(fc), ms(gc), ratio(gc, fc),
			mb(fr), mb(gr), float64(gr)/float64(fr))
	}
	fmt.Printf("\nMedians of %d interleaved rounds after a warm-up round; one process per run.\n", *count)
}

// measure runs one process to its end in dir and returns its cost.
func measure(dir, bin string, args ...string) (table.Cost, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	return table.Measure(cmd)
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }

func ms(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
}

func mb(kb int64) string { return fmt.Sprintf("%.0f MB", float64(kb)/1024) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "clitable:", err)
	os.Exit(1)
}
