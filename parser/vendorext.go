package parser

import (
	"slices"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/model"
)

// goType is a Go type x-go-type may name: how sdkgen holds it, and which
// JSON types its values take.
type goType struct {
	kind   model.Kind
	bits   int
	spell  string // the Go spelling when the kind's own is another ("uint16"); "" otherwise
	pkg    string // the import path spell needs ("time"), or ""
	accept []string
}

// goTypes are the types x-go-type may ask for: the predeclared ones and a
// few of the standard library's that decode from JSON as the schema's
// values are written. Anything else needs a package the SDK cannot
// import, or would not decode: it is warned about and ignored.
var goTypes = map[string]goType{
	"string":          {kind: model.KindString, accept: []string{"string"}},
	"bool":            {kind: model.KindBool, accept: []string{"boolean"}},
	"int64":           {kind: model.KindInt, bits: 64, accept: []string{"integer"}},
	"int32":           {kind: model.KindInt, bits: 32, accept: []string{"integer"}},
	"int":             {kind: model.KindInt, bits: 64, spell: "int", accept: []string{"integer"}},
	"int8":            {kind: model.KindInt, bits: 64, spell: "int8", accept: []string{"integer"}},
	"int16":           {kind: model.KindInt, bits: 64, spell: "int16", accept: []string{"integer"}},
	"uint":            {kind: model.KindInt, bits: 64, spell: "uint", accept: []string{"integer"}},
	"uint8":           {kind: model.KindInt, bits: 64, spell: "uint8", accept: []string{"integer"}},
	"uint16":          {kind: model.KindInt, bits: 64, spell: "uint16", accept: []string{"integer"}},
	"uint32":          {kind: model.KindInt, bits: 64, spell: "uint32", accept: []string{"integer"}},
	"uint64":          {kind: model.KindInt, bits: 64, spell: "uint64", accept: []string{"integer"}},
	"float64":         {kind: model.KindFloat, bits: 64, accept: []string{"number", "integer"}},
	"float32":         {kind: model.KindFloat, bits: 32, accept: []string{"number", "integer"}},
	"[]byte":          {kind: model.KindBytes, accept: []string{"string"}},
	"any":             {kind: model.KindAny},
	"interface{}":     {kind: model.KindAny},
	"time.Time":       {kind: model.KindDateTime, accept: []string{"string"}},
	"time.Duration":   {kind: model.KindInt, bits: 64, spell: "Duration", pkg: "time", accept: []string{"integer"}},
	"json.RawMessage": {kind: model.KindRaw},
}

// typeOverride applies x-speakeasy-type-override (whose one documented
// value, any, makes the schema any JSON value, decoded as it comes) or
// x-go-type (oapi-codegen's Go type for the schema) to t, and reports
// whether one did; the schema's own shape is then not read at all.
func (p *parser) typeOverride(t *model.Type, s *base.Schema, kinds []string, ptr string) bool {
	if n := ext(s.Extensions, "x-speakeasy-type-override"); n != nil {
		pos := p.nodePos(n, ptr+"/x-speakeasy-type-override")
		if n.Kind == yaml.ScalarNode && n.Value == "any" {
			t.Kind, t.Format = model.KindAny, ""
			return true
		}
		p.warnf(pos, "bad-extension", "x-speakeasy-type-override %s is not any, the only value it takes; it is ignored", nodeText(n))
	}
	n := ext(s.Extensions, "x-go-type")
	if n == nil {
		return false
	}
	pos := p.nodePos(n, ptr+"/x-go-type")
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		p.warnf(pos, "bad-extension", "x-go-type is not a Go type name; it is ignored")
		return false
	}
	name := strings.TrimSpace(n.Value)
	imp := p.goTypeImport(s, ptr)
	if imp != "" && !isStdImport(imp) {
		p.warnf(pos, "go-type-import", "x-go-type %s needs the package %s, which the SDK cannot import (it depends on the standard library only); the schema's own type stays", name, imp)
		return false
	}
	gt, ok := goTypes[name]
	if !ok {
		pkg, _, qualified := strings.Cut(name, ".")
		switch {
		case qualified && imp == "" && !stdPackageName(pkg):
			p.warnf(pos, "go-type-import", "x-go-type %s needs a package the SDK cannot import (it depends on the standard library only); the schema's own type stays", name)
		default:
			p.warnf(pos, "bad-extension", "x-go-type %s is not a type sdkgen can hold (predeclared types, time.Time, time.Duration, json.RawMessage); the schema's own type stays", name)
		}
		return false
	}
	if pkg, _, qualified := strings.Cut(name, "."); qualified && imp != "" && imp != map[string]string{"time": "time", "json": "encoding/json"}[pkg] {
		p.warnf(pos, "bad-extension", "x-go-type %s with x-go-type-import %s names another package than sdkgen knows; the schema's own type stays", name, imp)
		return false
	}
	if len(kinds) > 0 && len(gt.accept) > 0 && !slices.ContainsFunc(kinds, func(k string) bool { return slices.Contains(gt.accept, k) }) {
		p.warnf(pos, "bad-extension", "x-go-type %s cannot hold a value of type %s; the schema's own type stays", name, strings.Join(kinds, ", "))
		return false
	}
	t.Kind, t.Bits, t.GoType, t.GoImport, t.Format = gt.kind, gt.bits, gt.spell, gt.pkg, ""
	return true
}

// goTypeImport reads x-go-type-import beside x-go-type: oapi-codegen
// writes {path: …, name: …}; a plain string is taken as the path.
func (p *parser) goTypeImport(s *base.Schema, ptr string) string {
	n := ext(s.Extensions, "x-go-type-import")
	switch {
	case n == nil:
		return ""
	case n.Kind == yaml.ScalarNode:
		return n.Value
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "path" {
				return n.Content[i+1].Value
			}
		}
	}
	p.warnf(p.nodePos(n, ptr+"/x-go-type-import"), "bad-extension", "x-go-type-import has no path; it is ignored")
	return ""
}

// isStdImport reports whether an import path is the standard library's:
// its first element has no dot (github.com/…, golang.org/x/… have one).
func isStdImport(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return path != "" && !strings.Contains(first, ".")
}

// stdPackageName reports whether pkg is the name of a standard-library
// package a Go type is commonly taken from.
func stdPackageName(pkg string) bool {
	switch pkg {
	case "time", "json", "big", "netip", "net", "url", "http", "fs", "io", "os", "sql", "strings", "bytes", "rand", "regexp":
		return true
	}
	return false
}

// nodeText is a node's value for a message: a scalar as written, else its kind.
func nodeText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return "\"" + n.Value + "\""
	}
	return "(not a string)"
}

// errorsExt is one x-speakeasy-errors, read.
type errorsExt struct {
	override bool
	statuses []string
}

// speakeasyErrors reads the x-speakeasy-errors at ptr: the statuses
// ("404", or a class such as "4XX") that are errors, and whether they
// replace those of the levels above instead of adding to them. nil when
// there is none or it is not an object.
func (p *parser) speakeasyErrors(n *yaml.Node, ptr string) *errorsExt {
	if n == nil {
		return nil
	}
	ptr += "/x-speakeasy-errors"
	if n.Kind != yaml.MappingNode {
		p.warnf(p.nodePos(n, ptr), "bad-extension", "x-speakeasy-errors is not an object; it is ignored")
		return nil
	}
	e := &errorsExt{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		vptr := ptr + "/" + k
		switch k {
		case "override":
			if v.Kind != yaml.ScalarNode || v.Value != "true" && v.Value != "false" {
				p.warnf(p.nodePos(v, vptr), "bad-extension", "x-speakeasy-errors override is not true or false; the statuses add to those above")
				continue
			}
			e.override = v.Value == "true"
		case "statusCodes":
			if v.Kind != yaml.SequenceNode {
				p.warnf(p.nodePos(v, vptr), "bad-extension", "x-speakeasy-errors statusCodes is not a list; it is ignored")
				continue
			}
			e.statuses = []string{}
			for j, c := range v.Content {
				s := strings.ToUpper(c.Value)
				if c.Kind != yaml.ScalarNode || !statusOrClass(s) {
					p.warnf(p.nodePos(c, vptr+"/"+itoa(j)), "bad-extension", "x-speakeasy-errors status %q is not a status code (404) or class (4XX); it is left out", c.Value)
					continue
				}
				if !slices.Contains(e.statuses, s) {
					e.statuses = append(e.statuses, s)
				}
			}
		}
	}
	return e
}

// statusOrClass reports whether s is a status code (100 to 599) or a
// class of them (1XX to 5XX).
func statusOrClass(s string) bool {
	if len(s) != 3 || s[0] < '1' || s[0] > '5' {
		return false
	}
	if s[1:] == "XX" {
		return true
	}
	return s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

// mergeErrors applies a deeper level's x-speakeasy-errors to the statuses
// above it: it adds to them, or replaces them with override: true.
func mergeErrors(above []string, e *errorsExt) []string {
	switch {
	case e == nil, e.statuses == nil && !e.override:
		return above // nothing listed: nothing changes
	case e.override || above == nil:
		return append([]string{}, e.statuses...)
	}
	out := slices.Clone(above)
	for _, s := range e.statuses {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
