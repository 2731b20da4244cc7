// Package gen turns a model.API into the files of a Go SDK. It is pure: it
// reads the model and returns file contents, and never touches the disk.
package gen

import "github.com/sdkgen/sdkgen/model"

// Config says how to name and package the SDK.
type Config struct {
	Package    string // Go package name, such as "moov"
	Module     string // import path of the package, such as "example.com/moov"
	SDKVersion string // goes into the User-Agent and the Version constant; "0.0.0" when empty
	GoMod      bool   // also emit go.mod (the output folder is a module root)
}

// File is one generated file, its path relative to the output folder.
type File struct {
	Path    string
	Content []byte
}

// Generate renders the SDK for api.
func Generate(api *model.API, cfg Config) ([]File, error) {
	panic("not yet")
}
