// Package table holds what the benchmark commands share: finding the
// checkout they run in, medians, and the figures' formats.
package table

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Spec is one of the big specs the benchmarks measure.
type Spec struct {
	Name string // as sub-benchmarks and tables name it
	Path string // slash-separated, relative to the sdkgen checkout
}

// Specs are the benchmarked documents, in table order. They are kept
// outside the repository, beside the checkout; an absent one is skipped.
var Specs = []Spec{
	{"moov", "../shared/specs/moov/openapi.yaml"},
	{"github", "../shared/specs/bench/github.json"},
	{"stripe-json", "../shared/specs/bench/stripe.json"},
	{"stripe-yaml", "../shared/specs/bench/stripe-2023.yaml"},
}

// ModuleRoot is the folder of the go.mod the go command uses here: the
// sdkgen checkout a benchmark command is run from.
func ModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside a module; run this from sdkgen's folder")
	}
	return filepath.Dir(gomod), nil
}

// Median is the middle value of vs (the mean of the two middle ones for
// an even count), 0 for none. vs is not reordered.
func Median[T ~int | ~int64 | ~float64](vs []T) T {
	var zero T
	if len(vs) == 0 {
		return zero
	}
	vs = slices.Clone(vs)
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

// Cost is what one process took to run to its end.
type Cost struct {
	Wall, CPU time.Duration // CPU: user and system time
	// MaxRSSKB is the peak resident set in kilobytes, as Linux reports
	// ru_maxrss: wait4 folds in the largest of the children the process
	// waited for (the compiler under `go build`).
	MaxRSSKB int64
}

// Measure runs cmd, its output captured, and returns its cost; a failure
// carries what it printed.
func Measure(cmd *exec.Cmd) (Cost, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Cost{}, fmt.Errorf("%w\n%s", err, out.Bytes())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return Cost{}, errors.New("no rusage on this system")
	}
	return Cost{wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), ru.Maxrss}, nil
}
