// Package table holds what the benchmark commands share: finding the
// checkout they run in, medians, and the figures' formats.
package table

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

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
