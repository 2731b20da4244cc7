package main

import "runtime/debug"

// sdkgenVersion is the version of the running sdkgen: the main module's
// version when built by `go install`/`go run pkg@version`, "(devel)" for a
// build from a checkout (where Go records no version).
func sdkgenVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
