// Package templates holds what does not vary from one SDK to the next: the
// runtime package (core/, real Go compiled and tested here) that every
// generated SDK carries as its internal/core package, and the built-in
// text/template files (sdk/) from which sdkgen renders an SDK's non-Go
// files; a user's template of the same relative name replaces one.
package templates

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

//go:embed core/*.go
var core embed.FS

//go:embed all:sdk
var sdk embed.FS

//go:embed fixed/*.go
var fixed embed.FS

// Fixed returns the source of fixed/<name>: Go that every SDK carries word
// for word after the tables gen writes for it (package clause aside).
// It returns nil for tables.go, which only stands in for those tables,
// and for a name that is not there.
func Fixed(name string) []byte {
	if name == "tables.go" || strings.HasSuffix(name, "_test.go") {
		return nil
	}
	b, err := fixed.ReadFile("fixed/" + name)
	if err != nil {
		return nil
	}
	return b
}

// SDK returns the built-in templates: every NAME.tmpl in it renders to NAME
// in the SDK's folder.
func SDK() fs.FS {
	sub, err := fs.Sub(sdk, "sdk")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	return sub
}

// RuntimeFile is one file of the runtime package.
type RuntimeFile struct {
	Name    string // base name, such as "request.go"
	Content []byte
}

// Runtime returns the runtime's non-test Go files, sorted by name.
func Runtime() []RuntimeFile {
	entries, err := fs.ReadDir(core, "core")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	var out []RuntimeFile
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := core.ReadFile("core/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, RuntimeFile{Name: e.Name(), Content: b})
	}
	slices.SortFunc(out, func(a, b RuntimeFile) int { return strings.Compare(a.Name, b.Name) })
	return out
}
