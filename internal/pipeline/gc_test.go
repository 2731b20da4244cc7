package pipeline

import (
	"runtime/debug"
	"sync"
	"testing"
)

// target is the collector's target now.
func target() int {
	v := debug.SetGCPercent(100)
	debug.SetGCPercent(v)
	return v
}

// TestRelaxGC checks that generations raise the collector's target while
// they parse and more while they render, overlapping ones included, and
// put the old one back after the last; and that a GOGC the user set
// stands.
func TestRelaxGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(137)
	defer debug.SetGCPercent(before)

	render1, first := relaxGC()
	render2, second := relaxGC()
	if got := target(); got != parseGC {
		t.Fatalf("while two generations parse the target is %d, want %d", got, parseGC)
	}
	render1()
	render1() // a second call changes nothing
	if got := target(); got != renderGC {
		t.Fatalf("while one generation renders the target is %d, want %d", got, renderGC)
	}
	first()
	if got := target(); got != parseGC {
		t.Fatalf("with one generation left, parsing, the target is %d, want %d", got, parseGC)
	}
	render2()
	if got := target(); got != renderGC {
		t.Fatalf("with one generation left, rendering, the target is %d, want %d", got, renderGC)
	}
	second()
	if got := target(); got != 137 {
		t.Fatalf("after the generations the target is %d, want the old 137", got)
	}

	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			rendering, restore := relaxGC()
			if i%2 == 0 {
				rendering()
			}
			restore()
		})
	}
	wg.Wait()
	if got := target(); got != 137 {
		t.Fatalf("after concurrent generations the target is %d, want 137", got)
	}

	t.Setenv("GOGC", "50")
	rendering, restore := relaxGC()
	rendering()
	if got := target(); got != 137 {
		t.Fatalf("with GOGC set a generation changed the target to %d", got)
	}
	restore()
	if got := target(); got != 137 {
		t.Fatalf("with GOGC set the target became %d", got)
	}
}
