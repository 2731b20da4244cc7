package gen

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCoreUses checks coreUses against the regexp it stands for, on made
// up edge cases and on every Go file of the golden SDKs.
func TestCoreUses(t *testing.T) {
	re := regexp.MustCompile(`\bcore\.([A-Za-z_]\w*)`)
	srcs := []string{
		"", "core.", "core.X", "xcore.X core.Y", "_core.A", "core.9a core._b", "core.core.Z",
		"(core.A)+core.B_9\n\tcore.", "é core.Ü core.A", "1core.A", "core..A", "corecore.A",
	}
	err := filepath.WalkDir("../golden", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		b, err := os.ReadFile(path)
		srcs = append(srcs, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range srcs {
		var want, got []string
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			want = append(want, m[1])
		}
		coreUses([]byte(src), func(name []byte) { got = append(got, string(name)) })
		if !slices.Equal(got, want) {
			t.Errorf("coreUses(%.60q) = %q, want %q", src, got, want)
		}
	}
}
