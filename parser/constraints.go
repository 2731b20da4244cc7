package parser

import (
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/model"
)

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
	return c
}
