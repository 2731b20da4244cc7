package pipeline

import (
	"os"
	"runtime/debug"
	"sync"
)

// The garbage collector's targets (GOGC) while a generation runs.
// Generating allocates about three times what it keeps, and with the
// default of 100 the collector runs a dozen times as the heap grows, each
// time while both processors are busy. While the spec is parsed the heap
// grows into fresh memory, which costs the kernel a page fault per page
// touched; at 200, the collector runs about half as often for a peak no
// higher than libopenapi's alone. Once the parse's garbage is collected,
// rendering starts from a small heap and allocates most of what it will
// ever hold in short-lived syntax and text: at 400 it collects half as
// often again, within the memory the parse already took. On Moov's,
// GitHub's and Stripe's specs each step took 2–10% off the time.
const (
	parseGC  = 200
	renderGC = 400
)

var gc struct {
	sync.Mutex
	runs      int // generations running
	rendering int // of them, those rendering
	old       int // the target before the first of them
}

// relaxGC raises the collector's target to parseGC until restore is
// called, and to renderGC once rendering is called, unless the user set
// GOGC or GOMEMLIMIT: their setting stands. Concurrent generations share
// the raised target, the higher while any renders; the last one to finish
// puts the old one back.
func relaxGC() (rendering, restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, func() {}
	}
	gc.Lock()
	defer gc.Unlock()
	if gc.runs == 0 {
		gc.old = debug.SetGCPercent(parseGC)
	}
	gc.runs++
	rendered := false
	rendering = func() {
		gc.Lock()
		defer gc.Unlock()
		if !rendered {
			rendered = true
			gc.rendering++
			debug.SetGCPercent(renderGC)
		}
	}
	restore = func() {
		gc.Lock()
		defer gc.Unlock()
		if rendered {
			gc.rendering--
		}
		switch gc.runs--; {
		case gc.runs == 0:
			debug.SetGCPercent(gc.old)
		case gc.rendering == 0:
			debug.SetGCPercent(parseGC)
		}
	}
	return rendering, restore
}
