// Package templates holds what does not vary from one SDK to the next: the
// runtime package (core/, real Go compiled and tested here) that every
// generated SDK carries as its internal/core package, and the built-in
// templates of the SDK's documentation (docs/, text/template files).
package templates

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

//go:embed core/*.go
var core embed.FS

//go:embed docs/*.tmpl
var docs embed.FS

// Docs returns a built-in documentation template by its path under
// templates/, such as "docs/README.md.tmpl": text/template source.
func Docs(name string) ([]byte, error) {
	return docs.ReadFile(name)
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
