package parser

import (
	"cmp"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/sdkgen/sdkgen/model"
)

// maxInlineDepth bounds how deep inline schemas may nest before the rest is
// kept as raw JSON; deeper nesting is never written by hand and would only
// grow the generated code without bound.
const maxInlineDepth = 64

// refKey names the target of a $ref stably across machines: the fragment for
// the root file, the path relative to the root's folder otherwise.
func (p *parser) refKey(sp *base.SchemaProxy) string {
	ref, frag := sp.GetReference(), ""
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		frag = ref[i:]
	}
	file := ""
	if low := sp.GoLow(); low != nil && low.GetIndex() != nil {
		file = low.GetIndex().GetSpecAbsolutePath()
	}
	if file == "" || file == p.rootAbs {
		if frag == "" {
			return ref
		}
		return frag
	}
	if rel, err := filepath.Rel(p.rootDir, file); err == nil {
		file = filepath.ToSlash(rel)
	}
	return file + frag
}

// refName is the source name of a referenced schema: the last pointer
// segment, or the file's base name for whole-file references.
func refName(ref string) string {
	frag := ""
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		ref, frag = ref[:i], ref[i+1:]
	}
	if frag != "" && frag != "/" {
		seg := frag[strings.LastIndexByte(frag, '/')+1:]
		return strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
	}
	base := filepath.Base(ref)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// siblings are the keys written next to a $ref that still mean something to
// a generator (OpenAPI 3.1 allows them; 3.0 specs write them anyway).
type siblings struct {
	doc        string
	nullable   bool
	readOnly   bool
	writeOnly  bool
	deprecated bool
}

func refSiblings(sp *base.SchemaProxy) siblings {
	var s siblings
	n := sp.GetReferenceNode()
	if n == nil || n.Kind != yaml.MappingNode {
		return s
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch k {
		case "description":
			s.doc = v.Value
		case "nullable":
			s.nullable = v.Value == "true"
		case "readOnly":
			s.readOnly = v.Value == "true"
		case "writeOnly":
			s.writeOnly = v.Value == "true"
		case "deprecated":
			s.deprecated = v.Value == "true"
		}
	}
	return s
}

// building tracks component types under construction, to find recursion.
type building struct {
	recursive bool
}

// typeOf resolves a schema to a type. name is the words an inline object or
// enum is named by; ptr is the schema's JSON pointer (the stable key of
// inline types).
func (p *parser) typeOf(sp *base.SchemaProxy, name, ptr string, depth int) *model.Type {
	if sp == nil {
		return &model.Type{Kind: model.KindAny}
	}
	if sp.IsReference() {
		return p.refType(sp)
	}
	if depth > maxInlineDepth {
		p.warnf(p.schemaPos(sp, ptr), "too-deep", "inline schemas nest deeper than %d levels; the rest is kept as raw JSON", maxInlineDepth)
		return &model.Type{Kind: model.KindRaw}
	}
	s := p.schema(sp, ptr)
	if s == nil {
		return &model.Type{Kind: model.KindRaw}
	}
	t := &model.Type{Pos: p.schemaPos(sp, ptr)}
	out := p.fill(t, s, name, ptr, depth)
	if out == t && needsName(t) {
		t.Name, t.Key = name, ptr
		// A rename on an inline object (a property's, a body's) names its
		// type, as on a component; on a property it names the field too.
		// A value that is not a string is warned about where the field
		// reads it, and left alone here.
		for _, k := range renameExts {
			if n := ext(s.Extensions, k); n != nil {
				if n.Kind == yaml.ScalarNode && (n.Tag == "" || n.Tag == "!!str") {
					t.Rename = &model.Rename{Name: n.Value, Ext: k, Pos: p.nodePos(n, ptr+"/"+k)}
				}
				break
			}
		}
		p.named = append(p.named, t)
	}
	return out
}

// refType resolves a $ref, sharing one type per target.
func (p *parser) refType(sp *base.SchemaProxy) *model.Type {
	key := p.refKey(sp)
	if t, ok := p.types[key]; ok {
		if b := p.inProgress[t]; b != nil {
			b.recursive = true
		}
		return t
	}
	ptr := key
	if !strings.HasPrefix(ptr, "#") {
		ptr = "#"
	}
	return p.declare(sp, key, refName(sp.GetReference()), ptr)
}

// declare builds the named type for a component (or any $ref target) under
// key. Types that need no declaration of their own (strings, arrays, maps)
// are written inline at each use, unless they refer to themselves.
func (p *parser) declare(sp *base.SchemaProxy, key, name, ptr string) *model.Type {
	if name == "" {
		// components.schemas[""] (or a $ref to it): an empty name would
		// leave the type undeclared and its uses raw JSON.
		name = "Unnamed"
		p.warnf(p.schemaPos(sp, ptr), "empty-schema-name", "a schema has an empty name; it is declared as %s", name)
	}
	t := &model.Type{Key: key, Name: name, Pos: p.schemaPos(sp, ptr)}
	p.types[key] = t
	p.named = append(p.named, t)
	b := &building{}
	p.inProgress[t] = b
	s := p.schema(p.ownProxy(sp, key), ptr)
	out := t
	if s == nil {
		t.Kind = model.KindRaw
	} else {
		out = p.fill(t, s, name, ptr, 0)
	}
	delete(p.inProgress, t)
	switch {
	case out != t && !b.recursive:
		// An alias (allOf: [$ref X], or $ref: X): the target is the type.
		p.types[key] = out
		t.Name = ""
	case out != t:
		// An alias that refers to itself: keep a declared copy.
		*t = *out
		t.Key, t.Name = key, name
	case !needsName(t) && !b.recursive:
		t.Name, t.Key = "", ""
	}
	if s != nil && t.Name != "" && p.types[key] == t {
		t.Rename = p.rename(s.Extensions, ptr)
	}
	return p.types[key]
}

// ownProxy is the component's own proxy when sp is a plain $ref (no
// keywords beside it) to a schema of the root document's components, and
// sp otherwise. A component first met through a reference is then built
// from the same proxy as when its own turn comes, once, whichever of the
// parser and the schema-building helper gets to it first.
func (p *parser) ownProxy(sp *base.SchemaProxy, key string) *base.SchemaProxy {
	own := p.components[key]
	if own == nil || own == sp || !sp.IsReference() {
		return sp
	}
	if n := sp.GetReferenceNode(); n == nil || len(n.Content) != 2 {
		return sp
	}
	return own
}

// renameExts are the extensions that ask for a Go name, the first found
// winning.
var renameExts = []string{"x-speakeasy-name-override", "x-go-name"}

// rename reads the Go name a vendor extension asks for on a component
// schema, a property or a parameter; nil when there is none. A value that
// is not a string is a warning.
func (p *parser) rename(exts *orderedmap.Map[string, *yaml.Node], ptr string) *model.Rename {
	for _, k := range renameExts {
		if n := ext(exts, k); n != nil {
			return p.renameNode(k, n, ptr)
		}
	}
	return nil
}

func (p *parser) renameNode(k string, n *yaml.Node, ptr string) *model.Rename {
	pos := p.nodePos(n, ptr+"/"+k)
	if n.Kind != yaml.ScalarNode || n.Tag != "" && n.Tag != "!!str" {
		p.warnf(pos, "bad-extension", "%s is not a string; it is ignored", k)
		return nil
	}
	return &model.Rename{Name: n.Value, Ext: k, Pos: pos}
}

// refRename reads a rename written next to a property's $ref: it names
// the field, while one inside the target names the target's type.
func (p *parser) refRename(sp *base.SchemaProxy, ptr string) *model.Rename {
	n := sp.GetReferenceNode()
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for _, k := range renameExts {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				return p.renameNode(k, n.Content[i+1], ptr)
			}
		}
	}
	return nil
}

// needsName reports whether a type must be declared under a name.
func needsName(t *model.Type) bool {
	switch t.Kind {
	case model.KindStruct, model.KindEnum, model.KindUnion:
		return true
	}
	return false
}

func (p *parser) schemaPos(sp *base.SchemaProxy, ptr string) model.Pos {
	if low := sp.GoLow(); low != nil {
		return p.posAt(low.GetIndex(), low.GetValueNode(), ptr)
	}
	return model.Pos{File: p.rootPath, Pointer: ptr}
}

// schema builds the proxy's schema, reporting a broken one.
func (p *parser) schema(sp *base.SchemaProxy, ptr string) *base.Schema {
	s, err := sp.BuildSchema()
	if err != nil {
		p.errorf(p.schemaPos(sp, ptr), "invalid-schema", "%s", cleanLibError(err))
		return nil
	}
	return s
}

// fill turns schema s into t. It returns t, or another type when s is only
// a wrapper around one (allOf or oneOf with a single member).
func (p *parser) fill(t *model.Type, s *base.Schema, name, ptr string, depth int) *model.Type {
	t.Doc = strings.TrimSpace(cmp.Or(s.Description, s.Title))
	t.Deprecated = isTrue(s.Deprecated)
	t.ReadOnly = isTrue(s.ReadOnly)
	t.WriteOnly = isTrue(s.WriteOnly)
	t.Format = s.Format
	t.Default = scalar(s.Default)
	t.Const = scalar(s.Const)
	t.Constraints = constraintsOf(s)
	t.Examples = schemaExamples(s)
	kinds := slices.DeleteFunc(slices.Clone(s.Type), func(k string) bool { return k == "null" })
	t.Nullable = isTrue(s.Nullable) || len(kinds) < len(s.Type)
	if s.BooleanSchema != nil {
		t.Kind = model.KindAny
		return t
	}
	if ext(s.Extensions, unresolvedExt) != nil {
		t.Kind = model.KindRaw // a dangling $ref, read leniently
		return t
	}
	if p.typeOverride(t, s, kinds, ptr) {
		return t
	}
	switch {
	case len(s.AllOf) > 0:
		return p.allOf(t, s, name, ptr, depth)
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		return p.union(t, s, name, ptr, depth)
	case len(s.Enum) > 0:
		p.enum(t, s, kinds)
		return t
	}
	kind := ""
	switch {
	case len(kinds) == 1:
		kind = kinds[0]
	case s.Const != nil && s.Const.Kind == yaml.ScalarNode:
		kind = map[string]string{"!!int": "integer", "!!float": "number", "!!bool": "boolean", "!!str": "string"}[s.Const.Tag]
	case len(kinds) > 1:
		// type: [string, integer] is a union of one variant per type.
		t.Kind = model.KindUnion
		for _, k := range kinds {
			one := *s
			one.Type = []string{k}
			one.Nullable = nil
			vt := &model.Type{Pos: t.Pos}
			vt = p.fill(vt, &one, name+" "+k, ptr, depth+1)
			if needsName(vt) && vt.Name == "" {
				vt.Name, vt.Key = name+" "+k, ptr+"/type/"+k
				p.named = append(p.named, vt)
			}
			vt.Doc = ""
			t.Variants = append(t.Variants, &model.Variant{Type: vt})
		}
		return t
	case s.Properties != nil || s.AdditionalProperties != nil:
		kind = "object"
	case s.Items != nil:
		kind = "array"
	}
	switch kind {
	case "object":
		p.object(t, s, name, ptr, depth)
	case "array":
		t.Kind = model.KindArray
		var items *base.SchemaProxy
		if s.Items != nil && s.Items.IsA() {
			items = s.Items.A
		}
		t.Elem = p.typeOf(items, name+" Item", ptr+"/items", depth+1)
		if items == nil && len(s.PrefixItems) > 0 {
			t.Elem = p.tupleElem(s.PrefixItems, name, ptr, depth)
		}
	case "string":
		switch s.Format {
		case "date-time":
			t.Kind = model.KindDateTime
		case "date":
			t.Kind = model.KindDate
		case "byte":
			t.Kind = model.KindBytes
		case "binary":
			t.Kind = model.KindBinary
		default:
			t.Kind = model.KindString
		}
	case "integer":
		t.Kind, t.Bits = model.KindInt, 64
		if s.Format == "int32" {
			t.Bits = 32
		}
	case "number":
		t.Kind, t.Bits = model.KindFloat, 64
		if s.Format == "float" {
			t.Bits = 32
		}
	case "boolean":
		t.Kind = model.KindBool
	default:
		t.Kind = model.KindAny
	}
	return t
}

// object fills a struct, or a map when there are no declared properties.
func (p *parser) object(t *model.Type, s *base.Schema, name, ptr string, depth int) {
	var addl *model.Type
	if ap := s.AdditionalProperties; ap != nil {
		if ap.IsA() {
			addl = p.typeOf(ap.A, name+" Value", ptr+"/additionalProperties", depth+1)
		} else if ap.B {
			addl = &model.Type{Kind: model.KindAny}
		}
	}
	if orderedmap.Len(s.Properties) == 0 {
		if addl == nil && s.AdditionalProperties != nil {
			// additionalProperties: false and nothing declared: an empty object.
			t.Kind = model.KindStruct
			p.requiredUndeclared(t, s.Required, ptr)
			return
		}
		t.Kind = model.KindMap
		t.Elem = addl
		if t.Elem == nil {
			t.Elem = &model.Type{Kind: model.KindAny}
		}
		t.Keys = p.keys(s.PropertyNames, name, ptr, depth)
		return
	}
	t.Kind = model.KindStruct
	t.Additional = addl
	for prop, sp := range s.Properties.FromOldest() {
		if !sp.IsReference() && !slices.Contains(s.Required, prop) {
			// An optional property marked x-speakeasy-ignore is left out of
			// the type; a required one cannot be, or requests would break.
			if ps := sp.Schema(); ps != nil && extBool(ps.Extensions, "x-speakeasy-ignore") {
				continue
			}
		}
		fptr := ptr + "/properties/" + ptrEscaper.Replace(prop)
		ft := p.typeOf(sp, name+" "+prop, fptr, depth+1)
		f := &model.Field{Name: prop, Type: ft, Required: slices.Contains(s.Required, prop), Pos: p.schemaPos(sp, fptr)}
		if !model.TagSafe(prop) {
			// Degraded, not refused (only a dangling $ref is an error), but
			// never silent; a required one is said to be so.
			what := "the field is left out of JSON"
			if f.Required {
				what = "this required property can never be sent"
			}
			p.warnf(f.Pos, "untaggable-property", "property name %q cannot be written in a Go struct tag; %s", prop, what)
		}
		if sp.IsReference() {
			f.Rename = p.refRename(sp, fptr)
			sib := refSiblings(sp)
			f.Doc, f.Nullable, f.ReadOnly, f.WriteOnly, f.Deprecated = sib.doc, sib.nullable, sib.readOnly, sib.writeOnly, sib.deprecated
			if f.Doc == "" {
				f.Doc = ft.Doc
			}
			f.Nullable = f.Nullable || ft.Nullable
		} else if ps := sp.Schema(); ps != nil {
			f.Rename = p.rename(ps.Extensions, fptr)
			// The property's own schema speaks for the field, also when it
			// only wraps a shared type (allOf: [$ref X] with nullable and a
			// description), which typeOf returned in its place.
			f.Doc = strings.TrimSpace(cmp.Or(ps.Description, ps.Title))
			f.Nullable = schemaNullable(ps) || ft.Nullable
			f.ReadOnly, f.WriteOnly, f.Deprecated = isTrue(ps.ReadOnly), isTrue(ps.WriteOnly), isTrue(ps.Deprecated)
			if f.Doc == "" && !ft.IsNamed() {
				f.Doc = ft.Doc
			}
			if ft.IsNamed() && f.Doc == ft.Doc {
				f.Doc = ""
			}
		}
		t.Fields = append(t.Fields, f)
	}
	p.requiredUndeclared(t, s.Required, ptr)
}

// tupleElem is the item type of a tuple (prefixItems without a schema
// for the rest): the positions' type when they all resolve to the same
// scalar kind ([string, string] is a []string), else any JSON value.
func (p *parser) tupleElem(prefix []*base.SchemaProxy, name, ptr string, depth int) *model.Type {
	var elem *model.Type
	for i, sp := range prefix {
		it := p.typeOf(sp, name+" Item", ptr+"/prefixItems/"+itoa(i), depth+1)
		switch {
		case it.Kind != model.KindString && it.Kind != model.KindInt && it.Kind != model.KindFloat && it.Kind != model.KindBool:
			return &model.Type{Kind: model.KindAny}
		case elem == nil:
			elem = it
		case it.Kind != elem.Kind:
			return &model.Type{Kind: model.KindAny}
		}
	}
	return elem
}

// keys reads the schema a map's keys must match (propertyNames). It is
// not declared as a type of its own: the map keeps string keys.
func (p *parser) keys(sp *base.SchemaProxy, name, ptr string, depth int) *model.Type {
	if sp == nil {
		return nil
	}
	if sp.IsReference() {
		return p.refType(sp)
	}
	kptr := ptr + "/propertyNames"
	s := p.schema(sp, kptr)
	if s == nil {
		return nil
	}
	return p.fill(&model.Type{Pos: p.schemaPos(sp, kptr)}, s, name+" key", kptr, depth+1)
}

// requiredUndeclared gives struct t a field for each name in required that
// it does not declare, so a request can carry it: its type is unknown, so
// it takes any JSON value, and it is always sent. A struct that keeps
// additional properties needs none: they hold it. The spec is warned
// about, except for a part of an allOf, whose merge decides.
func (p *parser) requiredUndeclared(t *model.Type, required []string, ptr string) {
	for _, name := range required {
		if t.Additional != nil {
			if !slices.ContainsFunc(t.Fields, func(f *model.Field) bool { return f.Name == name }) && !slices.Contains(t.RequiredExtra, name) {
				t.RequiredExtra = append(t.RequiredExtra, name)
			}
			continue
		}
		if slices.ContainsFunc(t.Fields, func(f *model.Field) bool { return f.Name == name }) {
			continue
		}
		f := &model.Field{Name: name, Required: true, Undeclared: true, Type: &model.Type{Kind: model.KindAny}, Pos: t.Pos,
			Doc: "Required by the API, which does not say what it holds: any JSON value."}
		t.Fields = append(t.Fields, f)
		if p.allOfParts[ptr] == 0 {
			p.warnUndeclared(f)
		}
	}
}

// warnUndeclaredIn reports the undeclared fields an allOf at ptr is left
// with, unless it is itself a part of another allOf.
func (p *parser) warnUndeclaredIn(t *model.Type, ptr string) {
	if p.allOfParts[ptr] > 0 {
		return
	}
	for _, f := range t.Fields {
		if f.Undeclared {
			p.warnUndeclared(f)
		}
	}
}

// warnUndeclared reports a required property no schema declares. The
// message depends only on the field, so the same finding reached through
// several allOf merges is one diagnostic.
func (p *parser) warnUndeclared(f *model.Field) {
	what := "the type has a field of any JSON value for it"
	if !model.TagSafe(f.Name) {
		what = "its name cannot be written in a Go struct tag, so it can never be sent"
	}
	p.warnf(f.Pos, "required-undeclared", "property %q is required but not declared in properties; %s", f.Name, what)
}

// allOf merges the members into one struct; a single member that only adds
// a description or nullable is that member's type.
func (p *parser) allOf(t *model.Type, s *base.Schema, name, ptr string, depth int) *model.Type {
	var parts []*model.Type
	var members []*base.SchemaProxy
	var ptrs []string // each member's pointer
	for i, sp := range s.AllOf {
		// A member that only annotates ({description: …}, {nullable: true})
		// adds no shape; it must not turn allOf: [$ref X, {description}]
		// into an empty object.
		if annotationOnly(sp) {
			if ms := sp.Schema(); ms != nil && isTrue(ms.Nullable) {
				t.Nullable = true
			}
			continue
		}
		mptr := ptr + "/allOf/" + itoa(i)
		p.allOfParts[mptr]++
		parts = append(parts, p.typeOf(sp, name, mptr, depth+1))
		p.allOfParts[mptr]--
		members = append(members, sp)
		ptrs = append(ptrs, mptr)
	}
	hasOwn := orderedmap.Len(s.Properties) > 0
	if len(parts) == 1 && !hasOwn {
		p.warnUndeclaredIn(parts[0], ptr)
		if t.Nullable && !parts[0].IsNamed() {
			c := *parts[0]
			c.Nullable = true
			return &c
		}
		return parts[0]
	}
	if len(parts) == 0 && !hasOwn {
		t.Kind = model.KindAny
		return t
	}
	t.Kind = model.KindStruct
	var union *model.Type // a oneOf/anyOf part, distributed over the rest
	var unionPtr string
	seen := map[string]int{}
	// Fields are copied: each struct names its own fields. A part that
	// only requires a property another part declares does not replace the
	// declared field.
	add := func(f *model.Field) {
		f2 := *f
		if i, ok := seen[f.Name]; ok {
			prev := t.Fields[i]
			if f.Undeclared && !prev.Undeclared {
				f2 = *prev
			}
			if narrower(prev.Type, f.Type) {
				// Both parts apply: {enum: [a, b]} and {type: string}
				// together are the enum.
				f2.Type = prev.Type
			}
			f2.Required = f.Required || prev.Required
			t.Fields[i] = &f2
			return
		}
		seen[f.Name] = len(t.Fields)
		t.Fields = append(t.Fields, &f2)
	}
	for i, part := range parts {
		switch part.Kind {
		case model.KindStruct:
			for _, f := range part.Fields {
				add(f)
			}
			if part.Key == ptrs[i] {
				// A type built for this inline member lives on only inside
				// the merged type (a shared type it resolved to does not).
				part.Name = ""
			}
			if part.Additional != nil && t.Additional == nil {
				t.Additional = part.Additional
			}
		case model.KindAny, model.KindMap:
			// A free-form member adds nothing to type.
		case "":
			// A member still being built refers back to this type: a cycle.
			p.warnf(p.schemaPos(members[i], ptrs[i]), "circular-allof", "allOf member refers back to the type being merged; its fields are left out")
		default:
			if len(parts) == 1 || !hasOwn && len(parts) == 1 {
				return part
			}
			if part.Kind == model.KindUnion && union == nil && slices.ContainsFunc(part.Variants, isStructVariant) {
				// allOf: [oneOf: [A, B], C] is oneOf: [A+C, B+C]; the
				// union is distributed once the other parts are merged.
				union, unionPtr = part, ptrs[i]
				continue
			}
			p.warnf(p.schemaPos(members[i], ptrs[i]), "allof-non-object", "allOf member of kind %s cannot merge into an object; it is left out", part.Kind)
		}
	}
	if hasOwn {
		own := &model.Type{Pos: t.Pos}
		p.allOfParts[ptr]++
		p.object(own, s, name, ptr, depth)
		p.allOfParts[ptr]--
		for _, f := range own.Fields {
			add(f)
		}
		if own.Additional != nil {
			t.Additional = own.Additional
		}
	}
	// What the allOf and its parts require applies to the merge, also when
	// a part only lists names ({required: [id]}) or declares no properties.
	required := slices.Clone(s.Required)
	for _, sp := range s.AllOf {
		if sp != nil {
			if ms := sp.Schema(); ms != nil {
				required = append(required, ms.Required...)
			}
		}
	}
	for i, f := range t.Fields {
		if !f.Required && slices.Contains(required, f.Name) {
			f2 := *f
			f2.Required = true
			t.Fields[i] = &f2
		}
	}
	if union != nil {
		base := &model.Type{Kind: model.KindStruct, Fields: t.Fields, Additional: t.Additional}
		t.Kind, t.Fields, t.Additional = model.KindUnion, nil, nil
		t.Nullable = t.Nullable || union.Nullable
		t.Discriminator = union.Discriminator
		for j, v := range union.Variants {
			if !isStructVariant(v) {
				continue // a scalar cannot also be the object the other parts describe
			}
			word := cmp.Or(v.Word, v.Type.Name, "Variant"+itoa(j+1))
			if v.Type.Name != "" && strings.HasPrefix(v.Type.Name, union.Name+" ") {
				word = strings.TrimPrefix(v.Type.Name, union.Name+" ") // an inline member: its own word
			}
			key := unionPtr + "/oneOf/" + itoa(j)
			if rest, ok := strings.CutPrefix(v.Type.Key, union.Key+"/"); ok && union.Key != "" {
				key = unionPtr + "/" + rest // the member's own place: …/anyOf/1
			}
			m := p.mergedVariant(v.Type, base, required, key, name+" "+word, ptr)
			t.Variants = append(t.Variants, &model.Variant{Type: m, Tags: slices.Clone(v.Tags), Word: word})
		}
		return t
	}
	p.allOfParts[ptr]++
	p.requiredUndeclared(t, required, ptr)
	p.allOfParts[ptr]--
	p.warnUndeclaredIn(t, ptr)
	return t
}

// narrower reports whether a, an enum or a constant, restricts the values
// of b, a plain scalar, so that a value valid for both is one of a's.
func narrower(a, b *model.Type) bool {
	if a == nil || b == nil || a.Kind != model.KindEnum && a.Const == "" || b.Kind == model.KindEnum || b.Const != "" {
		return false
	}
	switch b.Kind {
	case model.KindString, model.KindInt, model.KindFloat, model.KindBool:
		return true
	}
	return false
}

func isStructVariant(v *model.Variant) bool { return v.Type != nil && v.Type.Kind == model.KindStruct }

// mergedVariant is a new object type named name under key: the fields of
// base, then those of variant vt (a field both declare is vt's, the
// narrower), each required when required names it.
func (p *parser) mergedVariant(vt, base *model.Type, required []string, key, name, ptr string) *model.Type {
	m := &model.Type{Kind: model.KindStruct, Key: key, Name: name, Pos: vt.Pos, Doc: vt.Doc, Deprecated: vt.Deprecated}
	p.named = append(p.named, m)
	p.mergeInto(m, vt, base, required, ptr)
	return m
}

// mergeInto gives m the fields of base and vt merged (mergeFields), vt's
// additional properties or else base's, and a field for each required
// name neither declares.
func (p *parser) mergeInto(m, vt, base *model.Type, required []string, ptr string) {
	m.Fields, m.Additional = mergeFields(base.Fields, vt.Fields, required), cmp.Or(vt.Additional, base.Additional)
	p.requiredUndeclared(m, required, ptr)
}

// mergeFields is base's fields then own's, a name both declare taking
// own's declaration (with base's type when that is the narrower), each
// field required when required names it.
func mergeFields(base, own []*model.Field, required []string) []*model.Field {
	fields := make([]*model.Field, 0, len(base)+len(own))
	for _, f := range base {
		if !slices.ContainsFunc(own, func(g *model.Field) bool { return g.Name == f.Name }) {
			fields = append(fields, f)
		}
	}
	for _, f := range own {
		if i := slices.IndexFunc(base, func(g *model.Field) bool { return g.Name == f.Name }); i >= 0 && narrower(base[i].Type, f.Type) {
			f2 := *f
			f2.Type = base[i].Type
			f = &f2
		}
		fields = append(fields, f)
	}
	for j, f := range fields {
		if !f.Required && slices.Contains(required, f.Name) {
			f2 := *f
			f2.Required = true
			fields[j] = &f2
		}
	}
	return fields
}

// union handles oneOf and anyOf. Null members make the type nullable; a
// single remaining member is that member; members that only restate
// `required` are validation, not shapes, and leave the schema an object.
func (p *parser) union(t *model.Type, s *base.Schema, name, ptr string, depth int) *model.Type {
	members, kw := s.OneOf, "oneOf"
	if len(members) == 0 {
		members, kw = s.AnyOf, "anyOf"
	}
	if onlyConstraints(members) || refinesProperties(s, members) {
		s2 := *s
		s2.OneOf, s2.AnyOf = nil, nil
		t = p.fill(t, &s2, name, ptr, depth)
		t.RequiredOneOf = requiredAlternative(members, t)
		return t
	}
	if constEnum(t, s, members) {
		return t
	}
	var variants []*model.Variant
	var memberOf []int // the member index of each variant
	for i, sp := range members {
		if isNullType(sp) {
			t.Nullable = true
			continue
		}
		vname := name + " " + variantWord(sp, i)
		vt := p.typeOf(sp, vname, ptr+"/"+kw+"/"+itoa(i), depth+1)
		if slices.ContainsFunc(variants, func(v *model.Variant) bool { return v.Type == vt }) {
			continue // the same schema listed twice is one variant
		}
		variants = append(variants, &model.Variant{Type: vt})
		memberOf = append(memberOf, i)
	}
	switch {
	case len(variants) == 0:
		t.Kind = model.KindAny
		return t
	case len(variants) == 1 && orderedmap.Len(s.Properties) == 0:
		v := variants[0].Type
		if t.Nullable && !v.IsNamed() {
			c := *v
			c.Nullable = true
			return &c
		}
		return v
	}
	t.Kind, t.Variants = model.KindUnion, variants
	if d := s.Discriminator; d != nil && d.PropertyName != "" {
		t.Discriminator = d.PropertyName
		p.discriminate(t, d.Mapping)
	}
	if orderedmap.Len(s.Properties) > 0 {
		p.mergeBase(t, s, members, memberOf, kw, name, ptr, depth)
	}
	return t
}

// mergeBase applies the properties declared beside a oneOf or anyOf to
// each object variant, as JSON Schema does (a value must match both the
// schema's own properties and one member): each such variant becomes an
// object holding the base's fields and its own, so a caller can send the
// base's required properties with whichever variant they pick. A variant
// listed by $ref is merged into a new type, leaving the shared one as it
// is; an inline one owned by this union takes the fields itself.
// Properties do not constrain scalars or arrays, so those variants stay.
func (p *parser) mergeBase(t *model.Type, s *base.Schema, members []*base.SchemaProxy, memberOf []int, kw, name, ptr string, depth int) {
	// The base's own object, required narrowed to what it declares: a
	// name it requires but only a variant declares is marked in the merge.
	s2 := *s
	s2.OneOf, s2.AnyOf, s2.Discriminator = nil, nil, nil
	s2.Required = slices.DeleteFunc(slices.Clone(s.Required), func(r string) bool {
		_, ok := s.Properties.Get(r)
		return !ok
	})
	own := &model.Type{Pos: t.Pos}
	p.object(own, &s2, name, ptr, depth)
	if own.Kind != model.KindStruct {
		return
	}
	merged := 0
	for k, v := range t.Variants {
		vt := v.Type
		if !isStructVariant(v) {
			continue // a scalar, an array, or a member still being built
		}
		i := memberOf[k]
		key := ptr + "/" + kw + "/" + itoa(i)
		switch {
		case len(t.Variants) == 1:
			// One object member and the base's properties are one object.
			t.Kind, t.Variants, t.Discriminator = model.KindStruct, nil, ""
			p.mergeInto(t, vt, own, s.Required, ptr)
			if vt.Key == key {
				vt.Name = "" // an inline member lives on only inside t
			}
		case vt.Key == key:
			// An inline member owned by this union takes the fields itself.
			p.mergeInto(vt, vt, own, s.Required, ptr)
		default:
			// A shared type: merge into a new one named after the union and it.
			v.Word = cmp.Or(vt.Name, variantWord(members[i], i))
			v.Type = p.mergedVariant(vt, own, s.Required, key, name+" "+v.Word, ptr)
		}
		merged++
	}
	if merged == 0 {
		p.warnf(t.Pos, "union-with-properties", "%s beside properties, with no object member to carry them: the properties are left out of the union type", kw)
	}
}

// constEnum makes an open enum of a oneOf/anyOf that lists the values of
// one scalar kind one by one, each a member with a const (or an enum of
// one value) and its own title or description:
//
//	oneOf: [{const: a, title: …}, {const: b, description: …}, {type: string}]
//
// At most one plain member of the same kind ({type: string}) may stand
// beside them for "any other value", which an open enum accepts anyway;
// null members make the enum nullable. Strings and integers qualify. It
// reports whether t was filled.
func constEnum(t *model.Type, s *base.Schema, members []*base.SchemaProxy) bool {
	if orderedmap.Len(s.Properties) > 0 || s.Items != nil || len(s.AllOf) > 0 {
		return false
	}
	kind := ""
	switch own := nonNull(s.Type); len(own) {
	case 0:
	case 1:
		kind = own[0]
	default:
		return false
	}
	agree := func(k string) bool {
		if k != "string" && k != "integer" || kind != "" && kind != k {
			return false
		}
		kind = k
		return true
	}
	var values []*model.EnumValue
	plain, nullable := 0, false
	for _, sp := range members {
		if sp == nil {
			return false
		}
		if isNullType(sp) {
			nullable = true
			continue
		}
		ms := sp.Schema()
		if ms == nil || orderedmap.Len(ms.Properties) > 0 || ms.Items != nil || ms.AdditionalProperties != nil ||
			len(ms.AllOf)+len(ms.OneOf)+len(ms.AnyOf) > 0 || ms.BooleanSchema != nil {
			return false
		}
		switch ms.Format {
		case "date-time", "date", "byte", "binary":
			return false // another Go type than the enum's base
		}
		mk := nonNull(ms.Type)
		nullable = nullable || len(mk) < len(ms.Type) || isTrue(ms.Nullable)
		if len(mk) > 1 {
			return false
		}
		var n *yaml.Node
		switch {
		case ms.Const != nil:
			n = ms.Const
		case len(ms.Enum) == 1:
			n = ms.Enum[0]
		case len(ms.Enum) == 0 && len(mk) == 1:
			// The plain member: any other value of the kind.
			if plain++; plain > 1 || !agree(mk[0]) {
				return false
			}
			continue
		default:
			return false
		}
		if n == nil || n.Kind != yaml.ScalarNode {
			return false
		}
		if n.Tag == "!!null" {
			nullable = true
			continue
		}
		vk := ""
		switch {
		case len(mk) == 1:
			vk = mk[0]
		case n.Tag == "!!str":
			vk = "string"
		case n.Tag == "!!int":
			vk = "integer"
		}
		if !agree(vk) {
			return false
		}
		if kind == "integer" {
			if _, err := strconv.ParseInt(n.Value, 10, 64); err != nil {
				return false
			}
		}
		v := &model.EnumValue{Value: n.Value, Doc: strings.TrimSpace(cmp.Or(ms.Description, ms.Title))}
		if kind == "integer" {
			v.Word = ms.Title // Priority10 says less than PriorityUrgent
		}
		values = append(values, v)
	}
	// One value alone is a const (or a union with the plain member's kind
	// when there is one); an enum needs two, or one and the open rest.
	if len(values) < 2 && (len(values) == 0 || plain == 0) {
		return false
	}
	t.Kind, t.EnumBase = model.KindEnum, &model.Type{Kind: model.KindString}
	if kind == "integer" {
		t.EnumBase = &model.Type{Kind: model.KindInt, Bits: 64}
	}
	t.Nullable = t.Nullable || nullable
	seen := map[string]bool{}
	for _, v := range values {
		if !seen[v.Value] {
			seen[v.Value] = true
			t.Enum = append(t.Enum, v)
		}
	}
	return true
}

// nonNull is a type list without "null".
func nonNull(kinds []string) []string {
	return slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return k == "null" })
}

// annotationOnly reports whether an inline schema carries no shape: no
// type, properties, items, composition, enum or const.
func annotationOnly(sp *base.SchemaProxy) bool {
	if sp == nil || sp.IsReference() {
		return false
	}
	s := sp.Schema()
	return s != nil && len(s.Type) == 0 && orderedmap.Len(s.Properties) == 0 && s.Items == nil &&
		len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0 && len(s.Enum) == 0 && s.Const == nil &&
		s.AdditionalProperties == nil && s.Format == ""
}

// onlyConstraints reports whether every member is an inline schema that
// declares no type or shape of its own (oneOf: [{required: [a]}, …]).
func onlyConstraints(members []*base.SchemaProxy) bool {
	for _, sp := range members {
		if sp == nil || sp.IsReference() {
			return false
		}
		s := sp.Schema()
		if s == nil || len(s.Type) > 0 || orderedmap.Len(s.Properties) > 0 || s.Items != nil ||
			len(s.Enum) > 0 || len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 || s.AdditionalProperties != nil || s.Const != nil {
			return false
		}
	}
	return len(members) > 0
}

// refinesProperties reports whether every member only narrows properties
// the schema itself declares: an object with properties beside
//
//	oneOf: [{properties: {status: {enum: [completed]}}, required: [conclusion]},
//	        {properties: {status: {enum: [queued]}}}]
//
// (GitHub's check runs) is that object, each member a rule over its
// fields, not a shape of its own.
func refinesProperties(s *base.Schema, members []*base.SchemaProxy) bool {
	if orderedmap.Len(s.Properties) == 0 || len(members) == 0 {
		return false
	}
	for _, sp := range members {
		if sp == nil || sp.IsReference() {
			return false
		}
		ms := sp.Schema()
		if ms == nil || len(nonNull(ms.Type)) > 1 || len(ms.Type) == 1 && ms.Type[0] != "object" || ms.Items != nil ||
			len(ms.Enum) > 0 || len(ms.AllOf)+len(ms.OneOf)+len(ms.AnyOf) > 0 || ms.Const != nil ||
			ms.AdditionalProperties != nil && ms.AdditionalProperties.IsA() {
			return false
		}
		if orderedmap.Len(ms.Properties) == 0 {
			continue
		}
		for name := range ms.Properties.KeysFromOldest() {
			if _, ok := s.Properties.Get(name); !ok {
				return false
			}
		}
	}
	return true
}

// requiredAlternative is the first member's required list whose names are
// all declared fields of t (oneOf: [{required: [a]}, {required: [b]}] gives
// [a]), or nil.
func requiredAlternative(members []*base.SchemaProxy, t *model.Type) []string {
	if t.Kind != model.KindStruct {
		return nil
	}
	for _, sp := range members {
		s := sp.Schema()
		if s == nil || len(s.Required) == 0 {
			continue
		}
		declared := true
		for _, r := range s.Required {
			declared = declared && slices.ContainsFunc(t.Fields, func(f *model.Field) bool { return f.Name == r })
		}
		if declared {
			return slices.Clone(s.Required)
		}
	}
	return nil
}

// variantWord names an inline variant: its title, else its position.
func variantWord(sp *base.SchemaProxy, i int) string {
	if sp != nil && !sp.IsReference() {
		if s := sp.Schema(); s != nil && s.Title != "" {
			return s.Title
		}
	}
	return "Variant" + itoa(i+1)
}

// discriminate assigns each variant the discriminator values that select
// it: the explicit mapping first, then the variant's component name, then
// a single enum or const value of its discriminator property.
func (p *parser) discriminate(t *model.Type, mapping *orderedmap.Map[string, string]) {
	for tag, ref := range mapping.FromOldest() {
		for _, v := range t.Variants {
			if v.Type.Key == ref || v.Type.Key != "" && refName(v.Type.Key) == refName(ref) {
				v.Tags = append(v.Tags, tag)
				break
			}
		}
	}
	for _, v := range t.Variants {
		if len(v.Tags) > 0 {
			continue
		}
		for _, f := range v.Type.Fields {
			switch {
			case f.Name != t.Discriminator:
			case f.Type.Kind == model.KindEnum && len(f.Type.Enum) == 1:
				v.Tags = append(v.Tags, f.Type.Enum[0].Value)
			case f.Type.Const != "":
				v.Tags = append(v.Tags, f.Type.Const)
			}
		}
		if len(v.Tags) == 0 && v.Type.Name != "" && refName(v.Type.Key) == v.Type.Name {
			v.Tags = append(v.Tags, v.Type.Name)
		}
	}
}

// schemaNullable reports whether a schema admits null: nullable: true, a
// "null" in its type list, a null member of its oneOf/anyOf, or a null in
// its enum.
func schemaNullable(s *base.Schema) bool {
	if isTrue(s.Nullable) || slices.Contains(s.Type, "null") {
		return true
	}
	for _, m := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if isNullType(m) {
			return true
		}
	}
	return slices.ContainsFunc(s.Enum, func(n *yaml.Node) bool { return n != nil && n.Tag == "!!null" })
}

func isNullType(sp *base.SchemaProxy) bool {
	if sp == nil || sp.IsReference() {
		return false
	}
	s := sp.Schema()
	return s != nil && len(s.Type) == 1 && s.Type[0] == "null"
}

// enum fills a string or integer enum. Values of several JSON kinds make a
// mixed enum, held as strings in Go and written back in their own kinds.
func (p *parser) enum(t *model.Type, s *base.Schema, kinds []string) {
	type value struct{ text, lit string }
	var vals []value
	allInt, allStr := true, true
	for _, n := range s.Enum {
		if n == nil || n.Tag == "!!null" {
			t.Nullable = true
			continue
		}
		if n.Kind != yaml.ScalarNode {
			p.warnf(t.Pos, "enum-value", "an enum value that is not a scalar is left out")
			continue
		}
		isStr := n.Tag == "!!str" || n.Tag == "" || slices.Contains(kinds, "string")
		lit := n.Value
		if isStr {
			b, _ := json.Marshal(n.Value)
			lit = string(b)
		}
		vals = append(vals, value{n.Value, lit})
		allInt = allInt && n.Tag == "!!int"
		allStr = allStr && isStr
	}
	base := &model.Type{Kind: model.KindString}
	mixed := false
	switch {
	case len(vals) == 0:
		t.Kind = model.KindAny
		return
	case slices.Contains(kinds, "string") || allStr && !slices.Contains(kinds, "integer"):
	case allInt:
		base = &model.Type{Kind: model.KindInt, Bits: 64}
	default:
		mixed = true
	}
	t.Kind, t.EnumBase, t.EnumMixed = model.KindEnum, base, mixed
	seen := map[string]bool{}
	for _, v := range vals {
		if seen[v.text] {
			continue
		}
		seen[v.text] = true
		ev := &model.EnumValue{Value: v.text}
		if mixed {
			ev.Literal = v.lit
		}
		t.Enum = append(t.Enum, ev)
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}
