package gen

import (
	"strings"
	"testing"
)

// TestPackText checks that packed lists fill lines without passing the
// limit and keep every name, in order.
func TestPackText(t *testing.T) {
	var names []string
	for i := range 60 {
		names = append(names, "Name"+strings.Repeat("x", i%37))
	}
	const head = "\tcase "
	text := packText(names, lineWidth([]byte(head)), 8)
	lines := strings.Split(head+text+":", "\n")
	for i, l := range lines {
		if i > 0 {
			l = "\t\t" + l
		}
		if w := lineWidth([]byte(l)); w > maxLine {
			t.Errorf("line %d is %d columns: %s", i, w, l)
		}
		if i < len(lines)-1 && !strings.HasSuffix(l, ",") {
			t.Errorf("line %d does not end in a comma: %s", i, l)
		}
	}
	if len(lines) > len(names)/3 {
		t.Errorf("%d names took %d lines: not packed", len(names), len(lines))
	}
	got := strings.Split(strings.ReplaceAll(text, ",\n", ", "), ", ")
	if strings.Join(got, "|") != strings.Join(names, "|") {
		t.Errorf("names changed:\n%v\n%v", got, names)
	}
	if packText([]string{"One"}, 9, 8) != "One" {
		t.Error("a single name is not written as is")
	}
}
