package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pb33f/go-yaml"
)

// scanDepth finds the depth checkNesting sees in b: the least limit it
// accepts.
func scanDepth(b []byte) int {
	lo, hi := 0, 1<<20
	for lo < hi {
		mid := (lo + hi) / 2
		if _, deep := checkNesting(b, mid); deep {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// nodeDepth is the real nesting of a parsed YAML tree.
func nodeDepth(n *yaml.Node) int {
	d := 0
	for _, c := range n.Content {
		d = max(d, nodeDepth(c))
	}
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		d++
	}
	return d
}

func TestCheckNesting(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		depth     int
	}{
		{"json", `{"a": [1, {"b": {}}]}`, 4},
		{"json brackets in strings", `{"a": "[[[{{{\"[[[", "b": ["]]]"]}`, 2},
		{"yaml block", "a:\n  b:\n    c: 1\n  d: [1, 2]\n", 3},
		{"yaml sequences", "a:\n  - b: 1\n    c:\n      - - x\n", 6},
		{"yaml flow", "a: {b: [c, {d: e}]}\n", 4},
		{"yaml flow over lines", "a: [\n  [1,\n   [2]],\n  {b: c}]\n", 4},
		{"yaml brackets in plain text", "a: use [x] or {y}\nb: x[[[[\n", 1},
		{"yaml brackets in quotes", "a: '[[[['\nb: \"{{{{\\\"\"\nc: 'it''s [['\n", 1},
		{"yaml block scalar", "a: |\n  [[[[[\n    {{{{\n  - - - -\nb:\n  c: 1\n", 2},
		{"yaml multi-line quoted", "a: \"[[[\n  - - - {{\"\nb: 1\n", 1},
		{"yaml comments", "a: # [[[[\n  b: 1 # {{{{\n", 2},
		{"yaml documents", "---\na:\n  b: 1\n...\n", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := scanDepth([]byte(c.doc)); got != c.depth {
				t.Errorf("depth %d, want %d", got, c.depth)
			}
		})
	}
	pos, deep := checkNesting([]byte("a:\n  b:\n    c: [[1]]\n"), 4)
	if !deep || pos.Line != 3 || pos.Col != 9 {
		t.Errorf("position of the fifth level: %+v, %v; want 3:9", pos, deep)
	}
}

// TestNestingScanAgreesWithYAML compares the byte scan with the real
// nesting of every testdata spec and, when they are there, the corpus and
// benchmark specs: the scan is an estimate, but a close one.
func TestNestingScanAgreesWithYAML(t *testing.T) {
	globs := []string{"../testdata/*/*.*"}
	if !testing.Short() {
		globs = append(globs, "../../shared/specs/corpus/*.*", "../../shared/specs/corpus/*/*.yaml", "../../shared/specs/bench/*.*")
	}
	var specs []string
	for _, g := range globs {
		m, _ := filepath.Glob(g)
		specs = append(specs, m...)
	}
	for _, s := range specs {
		if strings.HasSuffix(s, ".md") {
			continue
		}
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if yaml.Unmarshal(b, &n) != nil {
			continue // the syntax error cases
		}
		real, scan := nodeDepth(&n), scanDepth(b)
		if scan < real-2 || scan > real+2 {
			t.Errorf("%s: scan says %d levels, YAML has %d", s, scan, real)
		}
		if scan > MaxNesting/10 {
			t.Errorf("%s: %d levels, near the limit of %d", s, scan, MaxNesting)
		}
	}
}
