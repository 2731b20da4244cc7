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

// hasKind reports whether the SDK declares a type of kind k.
func (g *gen) hasKind(k model.Kind) bool {
	return slices.ContainsFunc(g.api.Types, func(t *model.Type) bool { return t.Kind == k })
}
