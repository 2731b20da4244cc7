package gen

import (
	"path"
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/model"
)

// emitModels writes models.go, laid out directly (see source): the
// structs, and the few arrays, maps and scalars that need a name because
// they refer to themselves (type Tree []Tree). It returns nil when the
// SDK has none.
//
//	// Ticket is …
//	type Ticket struct {
//		TicketID string `json:"ticketID"`
//		ClosedOn *time.Time `json:"closedOn,omitzero"`
//	}
func (g *gen) emitModels() ([]byte, error) {
	s := g.newSource()
	n := 0
	for _, t := range g.api.Types {
		switch t.Kind {
		case model.KindEnum, model.KindUnion:
			continue // enums.go, unions.go
		case model.KindStruct:
			g.emitStruct(s, t)
		default:
			d := &doc{}
			d.summary(t.GoName, t.Doc, "is the "+t.Name+" value.")
			s.decl(d.lines(), "type "+t.GoName+" "+g.typeExprSource(s, t))
		}
		n++
	}
	if n == 0 {
		return nil, nil
	}
	return s.bytes(), nil
}

func (g *gen) emitStruct(s *source, t *model.Type) {
	d := &doc{}
	d.summary(t.GoName, t.Doc, "is the "+t.Name+" object.")
	if t.Key != "" && strings.HasPrefix(t.Key, "#/components/") {
		d.text("Ref: " + t.Key)
	}
	if t.Deprecated {
		d.text("Deprecated: the API marks this type as deprecated.")
	}
	if s.declareTwin(d, t, "fields") {
		return
	}
	if len(t.Fields) == 0 && t.Additional == nil {
		s.decl(d.lines(), "type "+t.GoName+" struct{}")
		return
	}
	var fields rows
	for _, fd := range t.Fields {
		ft, opts := g.fieldTypeSource(s, t, fd)
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
		fields.comment(fdoc.lines())
		fields.add(fd.GoName, ft, structTag(tag))
	}
	if t.Additional != nil {
		fields.comment(proseLines("AdditionalProperties holds the properties the schema does not name."))
		fields.add(t.AdditionalName, "map[string]"+g.typeSource(s, t.Additional), structTag("-"))
	}
	s.decl(d.lines(), "type "+t.GoName+" struct {\n"+fields.String()+"}")
	g.emitStructJSON(s, t)
}

// structTag is the json struct tag holding value, as jennifer writes tags:
// raw when it can be.
func structTag(value string) string {
	tag := "json:" + strconv.Quote(value)
	if strconv.CanBackquote(tag) {
		return "`" + tag + "`"
	}
	return strconv.Quote(tag)
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
func (g *gen) emitStructJSON(s *source, t *model.Type) {
	var times []string
	for _, fd := range t.Fields {
		if model.TagSafe(fd.Name) && lenientTime(fd) {
			times = append(times, strconv.Quote(fd.Name))
		}
	}
	if len(times) == 0 && t.Additional == nil {
		return
	}
	// plain has t's fields and none of its methods, so decoding into it
	// does not call this method again.
	decode := "json.Unmarshal(data, (*plain)(t))"
	if len(times) > 0 {
		decode = "core.UnmarshalLenient(data, (*plain)(t), " + strings.Join(times, ", ") + ")"
		s.use(g.core)
	} else {
		s.use("encoding/json")
	}
	body := "\ttype plain " + t.GoName + "\n"
	var does []string
	if len(times) > 0 {
		does = append(does, "reading date-times leniently")
	}
	if t.Additional != nil {
		known := make([]string, len(t.Fields))
		for i, fd := range t.Fields {
			known[i] = strconv.Quote(fd.Name)
		}
		s.use(g.core)
		body += "\tif err := " + decode + "; err != nil {\n\t\treturn err\n\t}\n" +
			"\tvar err error\n" +
			"\tt." + t.AdditionalName + ", err = core.Extra[" + g.typeSource(s, t.Additional) + "](" +
			strings.Join(append([]string{"data"}, known...), ", ") + ")\n" +
			"\treturn err\n"
		does = append(does, "keeping undeclared properties in "+t.AdditionalName)
	} else {
		body += "\treturn " + decode + "\n"
	}
	s.decl(proseLines("UnmarshalJSON decodes "+t.GoName+", "+strings.Join(does, " and ")+"."),
		"func (t *"+t.GoName+") UnmarshalJSON(data []byte) error {\n"+body+"}")
	if t.Additional != nil {
		s.decl(proseLines("MarshalJSON encodes "+t.GoName+" with its additional properties beside the declared ones."),
			"func (t "+t.GoName+") MarshalJSON() ([]byte, error) {\n"+
				"\ttype plain "+t.GoName+"\n"+
				"\treturn core.MarshalExtra(plain(t), t."+t.AdditionalName+")\n}")
	}
}

// fieldTypeSource is the Go type and JSON tag options of a struct field.
func (g *gen) fieldTypeSource(s *source, parent *model.Type, f *model.Field) (string, string) {
	base := g.typeSource(s, f.Type)
	switch g.shapeOf(parent, f) {
	case shapeOmitValue:
		return base, ",omitzero"
	case shapePointer:
		return "*" + base, ",omitzero"
	case shapeNullable:
		return "Nullable[" + base + "]", ",omitzero"
	case shapeRequiredPtr:
		return "*" + base, ""
	}
	return base, ""
}

// typeSource is typ as source, for a file of the SDK package laid out
// directly; it records the packages it names.
func (g *gen) typeSource(s *source, t *model.Type) string {
	switch {
	case t == nil:
		return "any"
	case t.GoName != "":
		return t.GoName
	}
	return g.typeExprSource(s, t)
}

// typeExprSource is typeExpr as source (see typeSource).
func (g *gen) typeExprSource(s *source, t *model.Type) string {
	qual := func(pkg, name string) string {
		s.use(pkg)
		return path.Base(pkg) + "." + name
	}
	if t.GoType != "" {
		if t.GoImport != "" {
			return qual(t.GoImport, t.GoType)
		}
		return t.GoType
	}
	switch t.Kind {
	case model.KindBinary:
		return "UploadFile"
	case model.KindString:
		return "string"
	case model.KindInt:
		if t.Bits == 32 {
			return "int32"
		}
		return "int64"
	case model.KindFloat:
		if t.Bits == 32 {
			return "float32"
		}
		return "float64"
	case model.KindBool:
		return "bool"
	case model.KindDateTime:
		return qual("time", "Time")
	case model.KindDate:
		return "Date"
	case model.KindBytes:
		return "[]byte"
	case model.KindArray:
		return "[]" + g.typeSource(s, t.Elem)
	case model.KindMap:
		return "map[string]" + g.typeSource(s, t.Elem)
	case model.KindRaw, model.KindEnum, model.KindStruct, model.KindUnion:
		// An unnamed enum, struct or union would be a bug in the parser.
		return qual("encoding/json", "RawMessage")
	}
	return "any"
}
