// Package parser reads OpenAPI 3.0 and 3.1 documents with libopenapi and
// builds the resolved model.API that the generator consumes.
package parser

import "github.com/sdkgen/sdkgen/model"

// Config tunes how a spec is read. The zero value is ready to use.
type Config struct {
	// PreviousNames are the names an earlier run assigned (from sdkgen.lock);
	// they win over freshly computed ones so regeneration renames nothing.
	PreviousNames map[string]string
	// Names are user overrides from the config file: stable key → Go name.
	Names map[string]string
	// Globals lists extra header or query parameter names to treat as client
	// globals; a name prefixed with "-" is never a global.
	Globals []string
	// IdempotencyHeaders adds header names that carry idempotency keys.
	IdempotencyHeaders []string
}

// Parse loads the spec at path (and the files it references) and returns its
// model with every diagnostic found. The API is nil when the spec could not
// be read at all; callers must check diags.HasErrors() before generating.
func Parse(path string, cfg Config) (*model.API, model.Diagnostics) {
	panic("not yet")
}
