package gen

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// typ is the Go type of t where a value is needed.
func (g *gen) typ(t *model.Type) *jen.Statement {
	if t == nil {
		return jen.Any()
	}
	if t.GoName != "" {
		return jen.Id(t.GoName)
	}
	switch t.Kind {
	case model.KindString, model.KindBinary:
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
		return jen.Id("Date")
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

// fieldShape applies the rules in DESIGN.md: required values, optional
// pointers with omitzero, plain slices and maps with omitzero, Nullable[T]
// for optional nullable, *T for required nullable, pointers where a type
// would contain itself; readOnly fields are pointers, never sent.
func fieldShape(parent *model.Type, f *model.Field) shape {
	t := f.Type
	switch {
	case isNilable(t):
		if f.Required && !f.Nullable {
			return shapeValue
		}
		return shapeOmitValue
	case f.ReadOnly:
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

// fieldType is the Go type and JSON tag options of a struct field.
func (g *gen) fieldType(parent *model.Type, f *model.Field) (*jen.Statement, string) {
	base := g.typ(f.Type)
	switch fieldShape(parent, f) {
	case shapeOmitValue:
		return base, ",omitzero"
	case shapePointer:
		return jen.Op("*").Add(base), ",omitzero"
	case shapeNullable:
		return jen.Id("Nullable").Types(base), ",omitzero"
	case shapeRequiredPtr:
		return jen.Op("*").Add(base), ""
	}
	return base, ""
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
		if f.Required && !f.Nullable && !f.ReadOnly && f.Type.Kind == model.KindStruct && containsByValue(f.Type, target, seen) {
			return true
		}
	}
	return false
}

// jsonTagOK reports whether a property name can stand in a struct tag:
// encoding/json accepts only these characters in a tag name.
func jsonTagOK(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, r := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case r > 127 && r != '\u2028' && r != '\u2029' && !isBidi(r):
		default:
			return false
		}
	}
	return true
}

// emitModels writes every struct type into models.go.
//
//	// Ticket is …
//	type Ticket struct {
//		TicketID string `json:"ticketID"`
//		ClosedOn *time.Time `json:"closedOn,omitzero"`
//	}
func (g *gen) emitModels() *jen.File {
	f := g.newFile()
	n := 0
	for _, t := range g.api.Types {
		switch t.Kind {
		case model.KindStruct:
			g.emitStruct(f, t)
			n++
		case model.KindUnion:
			// Unions are typed by a later pass; until then the parser
			// degrades them to raw JSON and never declares one.
		}
	}
	if n == 0 {
		return nil
	}
	return f
}

func (g *gen) emitStruct(f *jen.File, t *model.Type) {
	d := &doc{}
	d.add(summary(t.GoName, t.Doc, "is the "+t.Name+" object."))
	if t.Key != "" && strings.HasPrefix(t.Key, "#/components/") {
		d.add("Ref: " + t.Key)
	}
	if t.Deprecated {
		d.add("Deprecated: the API marks this type as deprecated.")
	}
	var fields []jen.Code
	for _, fd := range t.Fields {
		ft, opts := g.fieldType(t, fd)
		fdoc := &doc{}
		fdoc.add(fd.Doc)
		if fd.ReadOnly {
			fdoc.add("Read-only: set by the server; never sent.")
		}
		if fd.Type.Default != "" {
			fdoc.add("Default: " + fd.Type.Default)
		}
		if fd.Deprecated {
			fdoc.add("Deprecated: the API marks this field as deprecated.")
		}
		tag := fd.Name + opts
		if !jsonTagOK(fd.Name) {
			// A name no struct tag can hold is left out of JSON rather
			// than written into a tag it could break.
			tag = "-"
			fdoc.add("Not encoded: the property name " + strconv.Quote(fd.Name) + " cannot be written in a Go struct tag.")
		}
		fields = append(fields, fdoc.render(), jen.Id(fd.GoName).Add(ft).Tag(map[string]string{"json": tag}))
	}
	f.Add(d.render())
	f.Type().Id(t.GoName).Struct(fields...)
	f.Line()
}

// emitEnums writes the open enums into enums.go.
//
//	type TicketStatus string
//	const ( TicketStatusNew TicketStatus = "new" … )
//	func (v TicketStatus) IsKnown() bool
func (g *gen) emitEnums() *jen.File {
	f := g.newFile()
	n := 0
	for _, t := range g.api.Types {
		if t.Kind == model.KindEnum {
			g.emitEnum(f, t)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return f
}

func (g *gen) emitEnum(f *jen.File, t *model.Type) {
	d := &doc{}
	d.add(summary(t.GoName, t.Doc, "is one of the "+t.Name+" values."))
	d.add("The enum is open: a value this SDK does not know decodes without error; IsKnown tells.")
	if t.Deprecated {
		d.add("Deprecated: the API marks this type as deprecated.")
	}
	isInt := t.EnumBase != nil && t.EnumBase.Kind == model.KindInt
	base := jen.String()
	if isInt {
		base = jen.Int64()
	}
	f.Add(d.render())
	f.Type().Id(t.GoName).Add(base)
	f.Line()
	var consts, known []jen.Code
	for _, v := range t.Enum {
		lit := jen.Lit(v.Value)
		if isInt {
			n, err := strconv.ParseInt(v.Value, 0, 64)
			if err != nil {
				continue
			}
			lit = jen.Lit(n)
		}
		consts = append(consts, jen.Id(v.GoName).Id(t.GoName).Op("=").Add(lit))
		known = append(known, jen.Id(v.GoName))
	}
	f.Comment("Values of " + t.GoName + ".")
	f.Const().Defs(consts...)
	f.Line()
	f.Comment("IsKnown reports whether v is one of the values the API documented when this SDK was generated.")
	f.Func().Params(jen.Id("v").Id(t.GoName)).Id("IsKnown").Params().Bool().Block(
		jen.Switch(jen.Id("v")).Block(
			jen.Case(known...).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
	f.Line()
}
