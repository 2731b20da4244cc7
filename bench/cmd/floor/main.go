// Command floor is the floor of sdkgen's end-to-end benchmark as a
// process: it reads one spec with libopenapi, configured as sdkgen's
// parser configures it, builds the v3 model, visits every schema once and
// prints how many it visited. clitable times it against `sdkgen generate`.
//
//	floor SPEC
package main

import (
	"fmt"
	"os"

	"github.com/sdkgen/sdkgen/bench/internal/floor"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor SPEC")
		os.Exit(2)
	}
	n, err := floor.Walk(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	if n == 0 {
		fmt.Fprintln(os.Stderr, "floor: no schemas walked")
		os.Exit(1)
	}
	fmt.Println(n, "schemas")
}
