package gen

import (
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/model"
)

// emitEnums writes enums.go, the open enums, laid out directly (see
// source): every declaration in it has a fixed shape.
//
//	type TicketStatus string
//	const ( TicketStatusNew TicketStatus = "new" … )
//	func (v TicketStatus) IsKnown() bool
//
// An inline enum with the same values as another is an alias of it that
// keeps its own constants (see twins). It returns nil when the SDK has no
// enum.
func (g *gen) emitEnums() ([]byte, error) {
	s := g.newSource()
	n := 0
	for _, t := range g.api.Types {
		if t.Kind == model.KindEnum {
			g.emitEnum(s, t)
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	return s.bytes(), nil
}

// emitEnum declares t, or t as an alias of its twin with its own
// constants and no IsKnown of its own (the twin's serves both).
func (g *gen) emitEnum(s *source, t *model.Type) {
	d := &doc{}
	d.summary(t.GoName, t.Doc, "is one of the "+t.Name+" values.")
	if t.Deprecated {
		d.text("Deprecated: the API marks this type as deprecated.")
	}
	isInt := t.EnumBase != nil && t.EnumBase.Kind == model.KindInt
	base := "string"
	if isInt {
		base = "int64"
	}
	aliased := s.declareTwin(d, t, "values")
	if !aliased {
		s.decl(d.lines(), "type "+t.GoName+" "+base)
	}

	var consts rows
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
		consts.comment((&doc{}).add(v.Doc).lines())
		consts.add(v.GoName, t.GoName, "= "+value)
		names = append(names, v.GoName)
		values = append(values, value)
	}
	block := "const ()"
	if len(names) > 0 {
		block = "const (\n" + consts.String() + ")"
	}
	s.decl(proseLines("Values of "+t.GoName+"."), block)
	if aliased {
		return
	}
	if t.EnumMixed {
		g.emitMixedEnumJSON(s, t)
	}
	// Two values or more are looked up in a table of the base type: a
	// switch over them costs the compiler a search tree per enum, and a
	// table of the enum's own type a generic instantiation per enum, which
	// for an API with hundreds of enums is felt in the SDK's compile time.
	var known string
	switch len(names) {
	case 0:
		known = "false"
	case 1:
		known = "v == " + names[0]
	default:
		table := "known" + t.GoName
		head := len("var ") + len(table) + len(" = []") + len(base) + 1
		packed := continued(packText(values, head, 4), 1)
		s.decl(nil, "var "+table+" = []"+base+"{"+packed+"}")
		s.use("slices")
		known = "slices.Contains(" + table + ", " + base + "(v))"
	}
	s.decl(proseLines("IsKnown reports whether v is one of the values the API documented."),
		funcSource("func (v "+t.GoName+") IsKnown() bool", "return "+known))
}

// emitMixedEnumJSON writes the JSON methods of an enum whose values are of
// several JSON kinds (strings, numbers, booleans), so each goes back out
// in its own kind.
func (g *gen) emitMixedEnumJSON(s *source, t *model.Type) {
	pairs := make([]string, len(t.Enum))
	for i, v := range t.Enum {
		pairs[i] = strconv.Quote(v.Value) + ": " + strconv.Quote(v.Literal)
	}
	litVar := "literals" + t.GoName
	s.decl(nil, "var "+litVar+" = map[string]string{"+strings.Join(pairs, ", ")+"}")
	s.use(g.core)
	s.decl(proseLines("MarshalJSON writes the value in its JSON kind: numbers and booleans unquoted."),
		"func (v "+t.GoName+") MarshalJSON() ([]byte, error) {\n"+
			"\treturn core.MixedLiteral(string(v), "+litVar+")\n}")
	s.decl(proseLines("UnmarshalJSON reads a string, number or boolean value."),
		"func (v *"+t.GoName+") UnmarshalJSON(data []byte) error {\n"+
			"\ts, err := core.MixedValue(data)\n"+
			"\t*v = "+t.GoName+"(s)\n"+
			"\treturn err\n}")
}

// funcSource is a function of one statement as gofmt lays it out: on the
// signature's line when the signature, a space and the statement are at
// most 100 bytes long (go/printer's limit for a one-line body), else on a
// line of its own.
func funcSource(signature, stmt string) string {
	if len(signature)+1+len(stmt) <= 100 {
		return signature + " { " + stmt + " }"
	}
	return signature + " {\n\t" + stmt + "\n}"
}

// proseLines is the layout of a doc comment of sdkgen's own prose.
func proseLines(text string) []string {
	return (&doc{}).text(text).lines()
}
