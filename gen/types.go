package gen

import (
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// typ is the Go type of t where a value is needed: its name when it is
// declared, its structure otherwise.
func (g *gen) typ(t *model.Type) *jen.Statement {
	if t == nil {
		return jen.Any()
	}
	if t.GoName != "" {
		return g.id(t.GoName)
	}
	return g.typeExpr(t)
}

// typeExpr is the structure of t, ignoring its name.
func (g *gen) typeExpr(t *model.Type) *jen.Statement {
	if t.GoType != "" { // x-go-type: a Go type of the kind's values, such as uint16 or time.Duration
		if t.GoImport != "" {
			return jen.Qual(t.GoImport, t.GoType)
		}
		return jen.Id(t.GoType)
	}
	switch t.Kind {
	case model.KindBinary:
		return g.id("UploadFile")
	case model.KindString:
		return jen.String()
	case model.KindInt:
		if t.Bits == 32 {
			return jen.Int32()
		}
		return jen.Int64()
	case model.KindFloat:
		if t.Bits == 32 {
			return jen.Float32()
		}
		return jen.Float64()
	case model.KindBool:
		return jen.Bool()
	case model.KindDateTime:
		return jen.Qual("time", "Time")
	case model.KindDate:
		return g.id("Date")
	case model.KindBytes:
		return jen.Index().Byte()
	case model.KindArray:
		return jen.Index().Add(g.typ(t.Elem))
	case model.KindMap:
		return jen.Map(jen.String()).Add(g.typ(t.Elem))
	case model.KindRaw:
		return jen.Qual("encoding/json", "RawMessage")
	case model.KindEnum, model.KindStruct, model.KindUnion:
		// Always named by the parser; an unnamed one would be a bug there.
		return jen.Qual("encoding/json", "RawMessage")
	}
	return jen.Any()
}

// isNilable reports whether the Go type already has a nil "absent" state.
func isNilable(t *model.Type) bool {
	switch t.Kind {
	case model.KindArray, model.KindMap, model.KindAny, model.KindRaw, model.KindBytes:
		return t.GoName == ""
	}
	return false
}

// shape is how a field holds its type.
type shape int

const (
	shapeValue       shape = iota // T
	shapeOmitValue                // T with omitzero (slices, maps, any: nil is absent)
	shapePointer                  // *T with omitzero
	shapeNullable                 // Nullable[T] with omitzero
	shapeRequiredPtr              // *T without omit: required but nullable, or recursive
)

// fieldShape applies the SDK's field rules: required values, optional
// pointers with omitzero, plain slices and maps with omitzero, Nullable[T]
// for optional nullable, *T for required nullable, pointers where a type
// would contain itself; readOnly fields are pointers, never sent. The plan
// applies them once per field; emitters read the outcome (g.shapeOf).
func fieldShape(parent *model.Type, f *model.Field) shape {
	t := f.Type
	switch {
	case isNilable(t) && f.Nullable && !f.Required:
		// Absent, null and a list are three states a PATCH must tell apart.
		return shapeNullable
	case isNilable(t):
		if f.Required {
			return shapeValue // nil is written as null: the key is never dropped
		}
		return shapeOmitValue
	case f.ReadOnly:
		return shapePointer
	case f.Nullable && !f.Required && t.Kind == model.KindStruct && containsByValue(t, parent, map[*model.Type]bool{}):
		// Nullable[T] holds T by value, which a recursive T cannot be:
		// a pointer tells absent from a value, though not from null.
		return shapePointer
	case f.Nullable && !f.Required:
		return shapeNullable
	case f.Nullable:
		return shapeRequiredPtr
	case !f.Required:
		return shapePointer
	case t.Kind == model.KindStruct && containsByValue(t, parent, map[*model.Type]bool{}):
		return shapeRequiredPtr
	}
	return shapeValue
}

// containsByValue reports whether a value of type from holds a value of
// type target through required, non-nullable struct fields (which are Go
// values, not pointers): such a field must be a pointer or the type would
// have infinite size.
func containsByValue(from, target *model.Type, seen map[*model.Type]bool) bool {
	if from == target {
		return true
	}
	if seen[from] || from.Kind != model.KindStruct {
		return false
	}
	seen[from] = true
	for _, f := range from.Fields {
		// Values are held in required fields and in Nullable[T] fields.
		byValue := !f.ReadOnly && (f.Required && !f.Nullable || !f.Required && f.Nullable)
		if byValue && f.Type.Kind == model.KindStruct && containsByValue(f.Type, target, seen) {
			return true
		}
	}
	return false
}

// lenientTime reports whether a field holds date-times that are decoded
// leniently: one alone (a value, a pointer or a Nullable), or an unnamed
// array or map of them.
func lenientTime(fd *model.Field) bool {
	t := fd.Type
	if t.Kind == model.KindDateTime {
		return true
	}
	return t.GoName == "" && (t.Kind == model.KindArray || t.Kind == model.KindMap) && t.Elem.Kind == model.KindDateTime
}

// hasKind reports whether the SDK declares a type of kind k.
func (g *gen) hasKind(k model.Kind) bool {
	return slices.ContainsFunc(g.api.Types, func(t *model.Type) bool { return t.Kind == k })
}
