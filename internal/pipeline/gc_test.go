package pipeline

import (
	"runtime/debug"
	"sync"
	"testing"
)

// TestRelaxGC checks that generations raise the collector's target while
// they run, overlapping ones included, and put the old one back after the
// last; and that a GOGC the user set stands.
func TestRelaxGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(137)
	defer debug.SetGCPercent(before)

	first := relaxGC()
	second := relaxGC()
	if got := debug.SetGCPercent(generationGC); got != generationGC {
		t.Fatalf("during two generations the target is %d, want %d", got, generationGC)
	}
	first()
	if got := debug.SetGCPercent(generationGC); got != generationGC {
		t.Fatalf("with one generation left the target is %d, want %d", got, generationGC)
	}
	second()
	if got := debug.SetGCPercent(137); got != 137 {
		t.Fatalf("after the generations the target is %d, want the old 137", got)
	}

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { relaxGC()() })
	}
	wg.Wait()
	if got := debug.SetGCPercent(137); got != 137 {
		t.Fatalf("after concurrent generations the target is %d, want 137", got)
	}

	t.Setenv("GOGC", "50")
	relaxGC()()
	if got := debug.SetGCPercent(137); got != 137 {
		t.Fatalf("with GOGC set the target became %d", got)
	}
	restore := relaxGC()
	if got := debug.SetGCPercent(137); got != 137 {
		t.Fatalf("with GOGC set a generation changed the target to %d", got)
	}
	restore()
}
