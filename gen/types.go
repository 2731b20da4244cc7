package gen

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// fieldType is the Go type and JSON tag options of a struct field.
func (g *gen) fieldType(parent *model.Type, f *model.Field) (*jen.Statement, string) {
	base := g.typ(f.Type)
	switch g.shapeOf(parent, f) {
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
		// Values are held in required fields and in Nullable[T] fields.
		byValue := !f.ReadOnly && (f.Required && !f.Nullable || !f.Required && f.Nullable)
		if byValue && f.Type.Kind == model.KindStruct && containsByValue(f.Type, target, seen) {
			return true
		}
	}
	return false
}

// typesFile renders the types emit accepts into one file, or nil when it
// accepts none: models.go, enums.go and unions.go are each one of these.
func (g *gen) typesFile(emit func(f *jen.File, t *model.Type) bool) *jen.File {
	f := g.newFile()
	n := 0
	for _, t := range g.api.Types {
		if emit(f, t) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return f
}

// emitModels writes the structs, and the few arrays, maps and scalars that
// need a name because they refer to themselves (type Tree []Tree).
//
//	// Ticket is …
//	type Ticket struct {
//		TicketID string `json:"ticketID"`
//		ClosedOn *time.Time `json:"closedOn,omitzero"`
//	}
func (g *gen) emitModels() *jen.File {
	return g.typesFile(func(f *jen.File, t *model.Type) bool {
		switch t.Kind {
		case model.KindStruct:
			g.emitStruct(f, t)
		case model.KindEnum, model.KindUnion:
			return false // enums.go, unions.go
		default:
			d := &doc{}
			d.summary(t.GoName, t.Doc, "is the "+t.Name+" value.")
			f.Add(d.render())
			f.Type().Id(t.GoName).Add(g.typeExpr(t))
			f.Line()
		}
		return true
	})
}

func (g *gen) emitStruct(f *jen.File, t *model.Type) {
	d := &doc{}
	d.summary(t.GoName, t.Doc, "is the "+t.Name+" object.")
	if t.Key != "" && strings.HasPrefix(t.Key, "#/components/") {
		d.text("Ref: " + t.Key)
	}
	if t.Deprecated {
		d.text("Deprecated: the API marks this type as deprecated.")
	}
	if g.declareAlias(f, d, t, "fields") {
		return
	}
	var fields []jen.Code
	for _, fd := range t.Fields {
		ft, opts := g.fieldType(t, fd)
		fdoc := &doc{}
		fdoc.add(fd.Doc)
		if fd.ReadOnly {
			fdoc.text("Read-only: set by the server; leave it nil in requests.")
		}
		if fd.Type.Default != "" {
			fdoc.text("Default: " + fd.Type.Default)
		}
		if fd.Type.Const != "" {
			fdoc.text("Always " + strconv.Quote(fd.Type.Const) + ".")
		}
		if fd.Deprecated {
			fdoc.text("Deprecated: the API marks this field as deprecated.")
		}
		tag := fd.Name + opts
		if !model.TagSafe(fd.Name) {
			// A name no struct tag can hold is left out of JSON rather
			// than written into a tag it could break.
			tag = "-"
			fdoc.text("Not encoded: the property name " + strconv.Quote(fd.Name) + " cannot be written in a Go struct tag.")
		}
		fields = append(fields, fdoc.render(), jen.Id(fd.GoName).Add(ft).Tag(map[string]string{"json": tag}))
	}
	if t.Additional != nil {
		fields = append(fields, prose("AdditionalProperties holds the properties the schema does not name."),
			jen.Id(t.AdditionalName).Map(jen.String()).Add(g.typ(t.Additional)).Tag(map[string]string{"json": "-"}))
	}
	f.Add(d.render())
	f.Type().Id(t.GoName).Struct(fields...)
	f.Line()
	g.emitStructJSON(f, t)
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

// emitStructJSON writes UnmarshalJSON (and MarshalJSON) for structs that
// need them: date-times decoded leniently (RFC 3339, no zone, a space for
// T, any fraction) by core.UnmarshalLenient, which is given the names of
// the properties holding them, and additional properties kept beside
// declared ones.
//
//	func (t *Ticket) UnmarshalJSON(data []byte) error {
//		type plain Ticket
//		return core.UnmarshalLenient(data, (*plain)(t), "createdOn", "updatedOn")
//	}
func (g *gen) emitStructJSON(f *jen.File, t *model.Type) {
	var times []jen.Code
	for _, fd := range t.Fields {
		if model.TagSafe(fd.Name) && lenientTime(fd) {
			times = append(times, jen.Lit(fd.Name))
		}
	}
	if len(times) == 0 && t.Additional == nil {
		return
	}
	// plain has t's fields and none of its methods, so decoding into it
	// does not call this method again.
	asPlain := jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("t"))
	decode := jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), asPlain)
	if len(times) > 0 {
		decode = jen.Qual(g.core, "UnmarshalLenient").Call(append([]jen.Code{jen.Id("data"), asPlain}, times...)...)
	}
	body := []jen.Code{jen.Type().Id("plain").Id(t.GoName)}
	if t.Additional != nil {
		var known []jen.Code
		for _, fd := range t.Fields {
			known = append(known, jen.Lit(fd.Name))
		}
		body = append(body,
			jen.If(jen.Err().Op(":=").Add(decode), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Var().Err().Error(),
			jen.List(jen.Id("t").Dot(t.AdditionalName), jen.Err()).Op("=").Qual(g.core, "Extra").Types(g.typ(t.Additional)).Call(append([]jen.Code{jen.Id("data")}, known...)...),
			jen.Return(jen.Err()),
		)
	} else {
		body = append(body, jen.Return(decode))
	}
	var does []string
	if len(times) > 0 {
		does = append(does, "reading date-times leniently")
	}
	if t.Additional != nil {
		does = append(does, "keeping undeclared properties in "+t.AdditionalName)
	}
	f.Add(prose("UnmarshalJSON decodes " + t.GoName + ", " + strings.Join(does, " and ") + "."))
	f.Func().Params(jen.Id("t").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
	f.Line()
	if t.Additional != nil {
		f.Add(prose("MarshalJSON encodes " + t.GoName + " with its additional properties beside the declared ones."))
		f.Func().Params(jen.Id("t").Id(t.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Type().Id("plain").Id(t.GoName),
			jen.Return(jen.Qual(g.core, "MarshalExtra").Call(jen.Id("plain").Call(jen.Id("t")), jen.Id("t").Dot(t.AdditionalName))),
		)
		f.Line()
	}
}

// emitUnions writes the oneOf/anyOf types into unions.go.
func (g *gen) emitUnions() *jen.File {
	shared := g.sharedShapes()
	return g.typesFile(func(f *jen.File, t *model.Type) bool {
		if t.Kind == model.KindUnion {
			g.emitUnion(f, t, shared)
		}
		return t.Kind == model.KindUnion
	})
}

// sharedShapes finds the object types that are variants of more than one
// union decoded by shape (Stripe's expandable fields: a string id or the
// object, for the same object in dozens of places). Their shape is declared
// once, as var shape<Type>, and the unions' tables refer to it; the map
// records whether that declaration has been written yet.
func (g *gen) sharedShapes() map[*model.Type]bool {
	uses := map[*model.Type]int{}
	for _, t := range g.api.Types {
		if t.Kind != model.KindUnion || t.Discriminator != "" || g.plan.twins[t] != nil {
			continue
		}
		for _, v := range t.Variants {
			if v.Type.Kind == model.KindStruct && v.Type.GoName != "" && len(v.Type.Fields) > 0 {
				uses[v.Type]++
			}
		}
	}
	shared := map[*model.Type]bool{}
	for t, n := range uses {
		if n > 1 {
			shared[t] = false
		}
	}
	return shared
}

// emitEnums writes the open enums into enums.go.
//
//	type TicketStatus string
//	const ( TicketStatusNew TicketStatus = "new" … )
//	func (v TicketStatus) IsKnown() bool
//
// An inline enum with the same values as another is an alias of it that
// keeps its own constants (see twins).
func (g *gen) emitEnums() *jen.File {
	return g.typesFile(func(f *jen.File, t *model.Type) bool {
		if t.Kind == model.KindEnum {
			g.emitEnum(f, t)
		}
		return t.Kind == model.KindEnum
	})
}

// emitEnum declares t, or t as an alias of its twin with its own
// constants and no IsKnown of its own (the twin's serves both).
func (g *gen) emitEnum(f *jen.File, t *model.Type) {
	d := &doc{}
	d.summary(t.GoName, t.Doc, "is one of the "+t.Name+" values.")
	if t.Deprecated {
		d.text("Deprecated: the API marks this type as deprecated.")
	}
	isInt := t.EnumBase != nil && t.EnumBase.Kind == model.KindInt
	aliased := g.declareAlias(f, d, t, "values")
	if !aliased {
		base := jen.String()
		if isInt {
			base = jen.Int64()
		}
		f.Add(d.render())
		f.Type().Id(t.GoName).Add(base)
		f.Line()
	}
	var consts []jen.Code
	var names, values []string // the constants, and their values as Go literals
	for _, v := range t.Enum {
		value := strconv.Quote(v.Value)
		if isInt {
			n, err := strconv.ParseInt(v.Value, 0, 64)
			if err != nil {
				continue
			}
			value = strconv.FormatInt(n, 10) // untyped, to convert to the enum type
		}
		consts = append(consts, (&doc{}).add(v.Doc).render(), jen.Id(v.GoName).Id(t.GoName).Op("=").Op(value))
		names = append(names, v.GoName)
		values = append(values, value)
	}
	f.Add(prose("Values of " + t.GoName + "."))
	f.Const().Defs(consts...)
	f.Line()
	if aliased {
		return
	}
	if t.EnumMixed {
		g.emitMixedEnumJSON(f, t)
	}
	// Two values or more are looked up in a table of the base type: a
	// switch over them costs the compiler a search tree per enum, and a
	// table of the enum's own type a generic instantiation per enum, which
	// for an API with hundreds of enums is felt in the SDK's compile time.
	var known jen.Code
	switch len(names) {
	case 0:
		known = jen.False()
	case 1:
		known = jen.Id("v").Op("==").Id(names[0])
	default:
		table, base := "known"+t.GoName, "string"
		if isInt {
			base = "int64"
		}
		head := len("var ") + len(table) + len(" = []") + len(base) + 1
		f.Var().Id(table).Op("=").Index().Id(base).Values(packed(values, head, 4))
		f.Line()
		known = jen.Qual("slices", "Contains").Call(jen.Id(table), jen.Id(base).Call(jen.Id("v")))
	}
	f.Add(prose("IsKnown reports whether v is one of the values the API documented."))
	f.Func().Params(jen.Id("v").Id(t.GoName)).Id("IsKnown").Params().Bool().Add(oneLine(jen.Return(known)))
	f.Line()
}

// declareAlias declares t, when the plan made it a twin of another type,
// as an alias of that type (type B = A) under t's doc d with a line naming
// the other type, "Same <what>, same type: A.", and reports whether it did.
func (g *gen) declareAlias(f *jen.File, d *doc, t *model.Type, what string) bool {
	twin := g.plan.twins[t]
	if twin == nil {
		return false
	}
	d.text("Same " + what + ", same type: " + twin.GoName + ".")
	f.Add(d.render())
	f.Type().Id(t.GoName).Op("=").Id(twin.GoName)
	f.Line()
	return true
}

// packed writes names as a comma-separated list filling lines up to
// maxLine columns (tabs four wide): the first line starting at column
// first ("\tcase " is 9), the others at column rest. gofmt keeps the breaks, so
// a long enum's case list takes a few lines instead of one per value.
func packed(names []string, first, rest int) jen.Code {
	return jen.Id(packText(names, first, rest))
}

// packText is packed's text.
func packText(names []string, first, rest int) string {
	var b strings.Builder
	col := first
	for i, n := range names {
		w := 2 + utf8.RuneCountInString(n) + 1 // ", ", the name and its comma or colon
		if i > 0 {
			if col+w > maxLine-1 { // one column spare for "},"
				b.WriteString(",\n")
				col = rest
			} else {
				b.WriteString(", ")
				col += 2
			}
		}
		b.WriteString(n)
		col += utf8.RuneCountInString(n)
	}
	return b.String()
}

// emitUnion writes a oneOf/anyOf as a struct with one field per variant,
// exactly one of which is set, and the JSON methods that pick it.
//
//	type PaymentMethod struct {
//		MoovWalletPaymentMethod *MoovWalletPaymentMethod
//		…
//		unknown json.RawMessage
//	}
func (g *gen) emitUnion(f *jen.File, t *model.Type, shared map[*model.Type]bool) {
	d := &doc{}
	d.summary(t.GoName, t.Doc, "is one of several shapes.")
	if t.Discriminator != "" {
		d.text("Exactly one field is set, told apart by the " + strconv.Quote(t.Discriminator) + " property.")
	} else {
		d.text("Exactly one field is set.")
	}
	if t.Key != "" && strings.HasPrefix(t.Key, "#/components/") {
		d.text("Ref: " + t.Key)
	}
	if g.declareAlias(f, d, t, "variants") {
		return
	}
	var fields []jen.Code
	for _, v := range t.Variants {
		vd := &doc{}
		if len(v.Tags) > 0 {
			var qs []string
			for _, tag := range v.Tags {
				qs = append(qs, strconv.Quote(tag))
			}
			vd.text(v.GoName + " is set when " + t.Discriminator + " is " + strings.Join(qs, " or ") + ".")
		}
		fields = append(fields, vd.render(), jen.Id(v.GoName).Add(g.variantType(v)))
	}
	fields = append(fields, jen.Line(), jen.Id("unknown").Qual("encoding/json", "RawMessage"))
	f.Add(d.render())
	f.Type().Id(t.GoName).Struct(fields...)
	f.Line()

	// MarshalJSON: the runtime writes the first variant that is set. A
	// variant whose tag was left empty is first given its own tag, on a
	// copy, so it decodes back as the same variant.
	var targets, setFields []string
	var fill []jen.Code
	for _, v := range t.Variants {
		targets = append(targets, "&u."+v.GoName)
		setFields = append(setFields, "u."+v.GoName)
		if tf := g.tagField(t, v); tf != nil {
			fill = append(fill, jen.If(jen.Id("v").Op(":=").Id("u").Dot(v.GoName), jen.Id("v").Op("!=").Nil().Op("&&").Id("v").Dot(tf.GoName).Op("==").Lit("")).Block(
				jen.Id("w").Op(":=").Op("*").Id("v"),
				jen.Id("w").Dot(tf.GoName).Op("=").Lit(v.Tags[0]), // untyped: fits a string or an enum
				jen.Id("u").Dot(v.GoName).Op("=").Op("&").Id("w"),
			))
		}
	}
	call := "\treturn core.MarshalUnion(u.unknown, "
	ret := jen.Return(jen.Qual(g.core, "MarshalUnion").Call(jen.Id("u").Dot("unknown"), packed(setFields, lineWidth([]byte(call)), 8)))
	f.Add(prose("MarshalJSON writes the variant that is set, or null when none is."))
	marshal := f.Func().Params(jen.Id("u").Id(t.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error())
	if len(fill) > 0 {
		marshal.Block(append(fill, ret)...)
	} else {
		marshal.Add(oneLine(ret))
	}
	f.Line()

	// UnmarshalJSON: the variant's index by discriminator, else by shape;
	// the runtime decodes into that field or keeps the JSON as unknown.
	var pick jen.Code
	if t.Discriminator != "" {
		tagsVar := "tags" + t.GoName
		tags := jen.Dict{}
		seen := map[string]bool{}
		for i, v := range t.Variants {
			for _, tag := range v.Tags {
				if !seen[tag] { // a tag mapped twice selects its first variant
					seen[tag] = true
					tags[jen.Lit(tag)] = jen.Lit(i)
				}
			}
		}
		f.Var().Id(tagsVar).Op("=").Map(jen.String()).Int().Values(tags)
		f.Line()
		pick = jen.Qual(g.core, "TagIndex").Call(jen.Id("data"), jen.Lit(t.Discriminator), jen.Id(tagsVar))
	} else {
		shapesVar := "shapes" + t.GoName
		var shapes []jen.Code
		var texts []string // the shapes as Go text while each is a name or a kind alone
		for _, v := range t.Variants {
			if written, ok := shared[v.Type]; ok {
				name := "shape" + v.Type.GoName
				if !written {
					shared[v.Type] = true
					f.Add(prose(name + " is the shape of " + v.Type.GoName + " that unions match JSON against."))
					f.Var().Id(name).Op("=").Qual(g.core, "Shape").Add(jen.Id(sharedShape(v.Type)))
					f.Line()
				}
				shapes = append(shapes, jen.Id(name))
				texts = append(texts, name)
			} else {
				c, text := g.shapeText(v.Type)
				shapes = append(shapes, c)
				texts = append(texts, text)
			}
		}
		if !slices.Contains(texts, "") {
			decl := "var " + shapesVar + " = []core.Shape{"
			shapes = []jen.Code{packed(texts, len(decl), 4)}
		}
		f.Var().Id(shapesVar).Op("=").Index().Qual(g.core, "Shape").Values(shapes...)
		f.Line()
		pick = jen.Qual(g.core, "MatchShape").Call(jen.Id("data"), jen.Id(shapesVar))
	}
	f.Add(prose("UnmarshalJSON decodes the variant that fits data, else keeps it for Unknown."))
	f.Func().Params(jen.Id("u").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Op("*").Id("u").Op("=").Id(t.GoName).Values(),
		jen.Id("i").Op(":=").Add(pick),
		jen.Return(jen.Qual(g.core, "UnmarshalUnion").Call(jen.Id("data"), jen.Id("i"), jen.Op("&").Id("u").Dot("unknown"),
			packed(targets, lineWidth([]byte("\treturn core.UnmarshalUnion(data, i, &u.unknown, ")), 8))),
	)
	f.Line()
	f.Add(prose("Unknown returns the JSON of a variant this SDK does not know, or nil."))
	f.Func().Params(jen.Id("u").Id(t.GoName)).Id("Unknown").Params().Qual("encoding/json", "RawMessage").Add(oneLine(jen.Return(jen.Id("u").Dot("unknown"))))
	f.Line()
}

// sharedShape is the Go text of an object variant's shape declared on its
// own, its property lists packed onto full lines:
//
//	{
//		Kind:     core.KindObject,
//		Required: []string{"id", "object",
//			"created"},
//	}
func sharedShape(t *model.Type) string {
	var req, props []string
	for _, f := range t.Fields {
		props = append(props, strconv.Quote(f.Name))
		if f.Required {
			req = append(req, strconv.Quote(f.Name))
		}
	}
	var b strings.Builder
	b.WriteString("{\nKind: core.KindObject,\n")
	list := func(name string, items []string) {
		if len(items) > 0 {
			head := "\t" + name + ": []string{"
			b.WriteString(head[1:])
			b.WriteString(packText(items, lineWidth([]byte(head)), 8))
			b.WriteString("},\n")
		}
	}
	list("Required", req)
	list("Properties", props)
	b.WriteString("}")
	return b.String()
}

// tagField is the variant's discriminator field when the union can fill it
// in: a required string (or string enum) field of a struct variant.
func (g *gen) tagField(t *model.Type, v *model.Variant) *model.Field {
	if t.Discriminator == "" || len(v.Tags) == 0 || v.Type.Kind != model.KindStruct {
		return nil
	}
	for _, f := range v.Type.Fields {
		if f.Name != t.Discriminator || g.shapeOf(v.Type, f) != shapeValue {
			continue
		}
		switch {
		case f.Type.Kind == model.KindString:
			return f
		case f.Type.Kind == model.KindEnum && !f.Type.EnumMixed && (f.Type.EnumBase == nil || f.Type.EnumBase.Kind == model.KindString):
			return f
		}
	}
	return nil
}

// variantType is a union field's type: nil-able types as they are, others
// behind a pointer so "not set" is nil.
func (g *gen) variantType(v *model.Variant) *jen.Statement {
	if isNilable(v.Type) {
		return g.typ(v.Type)
	}
	return jen.Op("*").Add(g.typ(v.Type))
}

// shapeText is the runtime's description of a variant for decoding by
// shape, and when the shape is a kind alone also its Go text
// ("{Kind: core.KindString}"), so a table of such shapes can be packed.
func (g *gen) shapeText(t *model.Type) (jen.Code, string) {
	kind := "KindAnyJSON"
	var req, props []jen.Code
	switch t.Kind {
	case model.KindStruct:
		kind = "KindObject"
		for _, f := range t.Fields {
			props = append(props, jen.Lit(f.Name))
			if f.Required {
				req = append(req, jen.Lit(f.Name))
			}
		}
	case model.KindMap:
		kind = "KindObject"
	case model.KindArray:
		kind = "KindArray"
	case model.KindString, model.KindDateTime, model.KindDate, model.KindBytes, model.KindBinary:
		kind = "KindString"
	case model.KindEnum:
		kind = "KindString"
		if t.EnumBase != nil && t.EnumBase.Kind == model.KindInt {
			kind = "KindInteger"
		}
	case model.KindInt:
		kind = "KindInteger"
	case model.KindFloat:
		kind = "KindNumber"
	case model.KindBool:
		kind = "KindBool"
	}
	d := []jen.Code{jen.Id("Kind").Op(":").Qual(g.core, kind)}
	if len(req) == 0 && len(props) == 0 {
		return jen.Values(d...), "{Kind: core." + kind + "}"
	}
	if len(req) > 0 {
		d = append(d, jen.Id("Required").Op(":").Index().String().Values(req...))
	}
	if len(props) > 0 {
		d = append(d, jen.Id("Properties").Op(":").Index().String().Values(props...))
	}
	return jen.Values(d...), ""
}

// emitMixedEnumJSON writes the JSON methods of an enum whose values are of
// several kinds: numbers and booleans go back on the wire as they came.
func (g *gen) emitMixedEnumJSON(f *jen.File, t *model.Type) {
	var lits []jen.Code
	for _, v := range t.Enum {
		lits = append(lits, jen.Lit(v.Value).Op(":").Lit(v.Literal))
	}
	litVar := "literals" + t.GoName
	f.Var().Id(litVar).Op("=").Map(jen.String()).String().Values(lits...)
	f.Line()
	f.Add(prose("MarshalJSON writes the value in its JSON kind: numbers and booleans unquoted."))
	f.Func().Params(jen.Id("v").Id(t.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Qual(g.core, "MixedLiteral").Call(jen.String().Call(jen.Id("v")), jen.Id(litVar))),
	)
	f.Line()
	f.Add(prose("UnmarshalJSON reads a string, number or boolean value."))
	f.Func().Params(jen.Id("v").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.List(jen.Id("s"), jen.Err()).Op(":=").Qual(g.core, "MixedValue").Call(jen.Id("data")),
		jen.Op("*").Id("v").Op("=").Id(t.GoName).Call(jen.Id("s")),
		jen.Return(jen.Err()),
	)
	f.Line()
}

// hasKind reports whether the SDK declares a type of kind k.
func (g *gen) hasKind(k model.Kind) bool {
	return slices.ContainsFunc(g.api.Types, func(t *model.Type) bool { return t.Kind == k })
}
