package parser

import (
	"encoding/json"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/model"
)

// maxExampleBytes bounds an example kept in the model: examples serve to
// synthesise test values, and a huge one would only bloat the tests.
const maxExampleBytes = 2048

// constraintsOf reads the validation keywords of s.
func constraintsOf(s *base.Schema) model.Constraints {
	c := model.Constraints{
		Pattern:    s.Pattern,
		MinLength:  s.MinLength,
		MaxLength:  s.MaxLength,
		Minimum:    s.Minimum,
		Maximum:    s.Maximum,
		MultipleOf: s.MultipleOf,
		MinItems:   s.MinItems,
		MaxItems:   s.MaxItems,
	}
	// OpenAPI 3.0 writes exclusiveMinimum: true beside minimum; 3.1 writes
	// the bound itself as exclusiveMinimum.
	if e := s.ExclusiveMinimum; e != nil {
		if e.IsA() {
			c.ExclusiveMinimum = e.A
		} else if c.Minimum == nil || e.B >= *c.Minimum {
			b := e.B
			c.Minimum, c.ExclusiveMinimum = &b, true
		}
	}
	if e := s.ExclusiveMaximum; e != nil {
		if e.IsA() {
			c.ExclusiveMaximum = e.A
		} else if c.Maximum == nil || e.B <= *c.Maximum {
			b := e.B
			c.Maximum, c.ExclusiveMaximum = &b, true
		}
	}
	for _, n := range append([]*yaml.Node{s.Example}, s.Examples...) {
		if j := exampleJSON(n); j != "" {
			c.Examples = append(c.Examples, j)
		}
	}
	return c
}

// exampleJSON is an example node as JSON text, or "" when it cannot be
// written as JSON or is too large to keep.
func exampleJSON(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil || len(b) > maxExampleBytes {
		return ""
	}
	return string(b)
}
