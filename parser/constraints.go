package parser

import (
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/model"
)

// constraintsOf reads the validation keywords of s. The bounds are
// copied: libopenapi's pointers point into its low-level schema, and
// keeping one would keep the whole parsed document, index and nodes,
// alive as long as the model.
func constraintsOf(s *base.Schema) model.Constraints {
	c := model.Constraints{
		Pattern:    s.Pattern,
		MinLength:  own(s.MinLength),
		MaxLength:  own(s.MaxLength),
		Minimum:    own(s.Minimum),
		Maximum:    own(s.Maximum),
		MultipleOf: own(s.MultipleOf),
		MinItems:   own(s.MinItems),
		MaxItems:   own(s.MaxItems),
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

// own is a pointer to a copy of *p, or nil.
func own[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
