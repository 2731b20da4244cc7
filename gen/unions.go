package gen

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sdkgen/sdkgen/model"
)

// emitUnions writes unions.go, the oneOf/anyOf types, laid out directly
// (see source). It returns nil when the SDK has no union.
func (g *gen) emitUnions() ([]byte, error) {
	s := g.newSource()
	shared := g.sharedShapes()
	n := 0
	for _, t := range g.api.Types {
		if t.Kind == model.KindUnion {
			g.emitUnion(s, t, shared)
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	return s.bytes(), nil
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

// emitUnion writes a oneOf/anyOf as a struct with one field per variant,
// exactly one of which is set, and the JSON methods that pick it.
//
//	type PaymentMethod struct {
//		MoovWalletPaymentMethod *MoovWalletPaymentMethod
//		…
//		unknown json.RawMessage
//	}
func (g *gen) emitUnion(s *source, t *model.Type, shared map[*model.Type]bool) {
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
	if s.declareTwin(d, t, "variants") {
		return
	}
	var fields rows
	for _, v := range t.Variants {
		if len(v.Tags) > 0 {
			qs := make([]string, len(v.Tags))
			for i, tag := range v.Tags {
				qs[i] = strconv.Quote(tag)
			}
			fields.comment(proseLines(v.GoName + " is set when " + t.Discriminator + " is " + strings.Join(qs, " or ") + "."))
		}
		fields.add(v.GoName, g.variantTypeSource(s, v))
	}
	s.use("encoding/json")
	s.decl(d.lines(), "type "+t.GoName+" struct {\n"+fields.String()+"\n\tunknown json.RawMessage\n}")

	// MarshalJSON: the runtime writes the first variant that is set. A
	// variant whose tag was left empty is first given its own tag, on a
	// copy, so it decodes back as the same variant.
	s.use(g.core)
	var targets, setFields []string
	var fill strings.Builder
	for _, v := range t.Variants {
		targets = append(targets, "&u."+v.GoName)
		setFields = append(setFields, "u."+v.GoName)
		if tf := g.tagField(t, v); tf != nil {
			fill.WriteString("\tif v := u." + v.GoName + "; v != nil && v." + tf.GoName + " == \"\" {\n" +
				"\t\tw := *v\n" +
				"\t\tw." + tf.GoName + " = " + strconv.Quote(v.Tags[0]) + "\n" + // untyped: fits a string or an enum
				"\t\tu." + v.GoName + " = &w\n\t}\n")
		}
	}
	// The call's arguments are packed onto full lines; a variant name too
	// long for the first line starts the next.
	const call = "\treturn core.MarshalUnion("
	ret := call[1:] + continued(packText(append([]string{"u.unknown"}, setFields...), lineWidth([]byte(call)), 8), 2) + ")"
	marshalSignature := "func (u " + t.GoName + ") MarshalJSON() ([]byte, error)"
	marshal := marshalSignature + " {\n" + fill.String() + "\t" + ret + "\n}"
	if fill.Len() == 0 && !strings.Contains(ret, "\n") {
		marshal = funcSource(marshalSignature, ret)
	}
	s.decl(proseLines("MarshalJSON writes the variant that is set, or null when none is."), marshal)

	// UnmarshalJSON: the variant's index by discriminator, else by shape;
	// the runtime decodes into that field or keeps the JSON as unknown.
	var pick string
	if t.Discriminator != "" {
		tagsVar := "tags" + t.GoName
		var pairs [][2]string
		seen := map[string]bool{}
		for i, v := range t.Variants {
			for _, tag := range v.Tags {
				if !seen[tag] { // a tag mapped twice selects its first variant
					seen[tag] = true
					pairs = append(pairs, [2]string{strconv.Quote(tag), strconv.Itoa(i)})
				}
			}
		}
		slices.SortFunc(pairs, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
		s.decl(nil, "var "+tagsVar+" = map[string]int"+compositeSource(pairs, 0))
		pick = "core.TagIndex(data, " + strconv.Quote(t.Discriminator) + ", " + tagsVar + ")"
	} else {
		shapesVar := "shapes" + t.GoName
		var shapes []string
		packable := true // every shape is a name or a kind alone
		for _, v := range t.Variants {
			if written, ok := shared[v.Type]; ok {
				name := "shape" + v.Type.GoName
				if !written {
					shared[v.Type] = true
					s.decl(proseLines(name+" is the shape of "+v.Type.GoName+" that unions match JSON against."),
						"var "+name+" = core.Shape"+objectShape(v.Type, 0))
				}
				shapes = append(shapes, name)
			} else {
				text, alone := shapeSource(v.Type)
				shapes = append(shapes, text)
				packable = packable && alone
			}
		}
		decl := "var " + shapesVar + " = []core.Shape{"
		table := decl + strings.Join(shapes, ", ") + "}"
		switch {
		case packable:
			table = decl + continued(packText(shapes, len(decl), 4), 1) + "}"
		case hasLongLine([]byte(table)):
			// One shape a line, and an object's shape that does not fit
			// on its line a key a line, its lists packed.
			var b strings.Builder
			b.WriteString(decl + "\n")
			for i, shape := range shapes {
				if v := t.Variants[i].Type; lineWidth([]byte("\t"+shape+",")) > maxLine && v.Kind == model.KindStruct {
					shape = objectShape(v, 1)
				}
				b.WriteString("\t" + shape + ",\n")
			}
			b.WriteString("}")
			table = b.String()
		}
		s.decl(nil, table)
		pick = "core.MatchShape(data, " + shapesVar + ")"
	}
	const unmarshalCall = "\treturn core.UnmarshalUnion("
	signature := "func (u *" + t.GoName + ") UnmarshalJSON(data []byte) error {"
	if lineWidth([]byte(signature)) > maxLine {
		signature = "func (u *" + t.GoName + ") UnmarshalJSON(\n\tdata []byte,\n) error {" // as wrapLong breaks it
	}
	s.decl(proseLines("UnmarshalJSON decodes the variant that fits data, else keeps it for Unknown."),
		signature+"\n"+
			"\t*u = "+t.GoName+"{}\n"+
			"\ti := "+pick+"\n"+
			unmarshalCall+continued(packText(append([]string{"data", "i", "&u.unknown"}, targets...), lineWidth([]byte(unmarshalCall)), 8), 2)+")\n}")
	s.decl(proseLines("Unknown returns the JSON of a variant this SDK does not know, or nil."),
		funcSource("func (u "+t.GoName+") Unknown() json.RawMessage", "return u.unknown"))
}

// continued indents the lines after the first of text by tabs, as gofmt
// indents the continuation lines of a list broken after a comma.
func continued(text string, tabs int) string {
	return strings.ReplaceAll(text, "\n", "\n"+strings.Repeat("\t", tabs))
}

// compositeSource is the body of a composite literal of key: value pairs
// as gofmt lays it out when each pair is written on a line of its own
// (one pair stays on the opening line), the literal at depth tabs of
// indentation, their values aligned as pairPads says.
func compositeSource(pairs [][2]string, depth int) string {
	if len(pairs) == 1 {
		return "{" + pairs[0][0] + ": " + pairs[0][1] + "}"
	}
	keys := make([]string, len(pairs))
	multi := make([]bool, len(pairs))
	for i, p := range pairs {
		keys[i], multi[i] = p[0], strings.Contains(p[1], "\n")
	}
	pads := pairPads(keys, multi)
	indent := strings.Repeat("\t", depth+1)
	var b strings.Builder
	b.WriteString("{\n")
	for i, p := range pairs {
		b.WriteString(indent + p[0] + ":" + strings.Repeat(" ", pads[i]) + p[1] + ",\n")
	}
	b.WriteString(indent[1:] + "}")
	return b.String()
}

// objectShape is the Go text of an object variant's shape written a key a
// line, at depth tabs of indentation, its property lists packed onto full
// lines:
//
//	{
//		Kind: core.KindObject,
//		Required: []string{"id", "object",
//			"created"},
//	}
func objectShape(t *model.Type, depth int) string {
	var req, props []string
	for _, f := range t.Fields {
		props = append(props, strconv.Quote(f.Name))
		if f.Required {
			req = append(req, strconv.Quote(f.Name))
		}
	}
	indent := strings.Repeat("\t", depth+1)
	pairs := [][2]string{{"Kind", "core.KindObject"}}
	list := func(name string, items []string) {
		if len(items) > 0 {
			head := indent + name + ": []string{"
			pairs = append(pairs, [2]string{name, "[]string{" + continued(packText(items, lineWidth([]byte(head)), 4*(depth+2)), depth+2) + "}"})
		}
	}
	list("Required", req)
	list("Properties", props)
	return compositeSource(pairs, depth)
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

// variantTypeSource is a union field's type: nil-able types as they are,
// others behind a pointer so "not set" is nil.
func (g *gen) variantTypeSource(s *source, v *model.Variant) string {
	if isNilable(v.Type) {
		return g.typeSource(s, v.Type)
	}
	return "*" + g.typeSource(s, v.Type)
}

// shapeSource is the runtime's description of a variant for decoding by
// shape, as a composite literal of core.Shape, and whether it is a kind
// alone ("{Kind: core.KindString}"), which a table packs several a line.
func shapeSource(t *model.Type) (string, bool) {
	kind := "KindAnyJSON"
	var req, props []string
	switch t.Kind {
	case model.KindStruct:
		kind = "KindObject"
		for _, f := range t.Fields {
			props = append(props, strconv.Quote(f.Name))
			if f.Required {
				req = append(req, strconv.Quote(f.Name))
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
	text := "{Kind: core." + kind
	if len(req) > 0 {
		text += ", Required: []string{" + strings.Join(req, ", ") + "}"
	}
	if len(props) > 0 {
		text += ", Properties: []string{" + strings.Join(props, ", ") + "}"
	}
	return text + "}", len(req) == 0 && len(props) == 0
}

// packText writes names as a comma-separated list filling lines up to
// maxLine columns (tabs four wide): the first line starting at column
// first ("\tcase " is 9), the others at column rest (their indentation is
// the caller's). gofmt keeps the breaks, so a long list takes a few lines
// instead of one per name.
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
