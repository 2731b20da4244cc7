package model

// Kind says what a Type is.
type Kind string

// The type kinds.
const (
	KindString   Kind = "string"
	KindInt      Kind = "int"   // Bits: 32 or 64
	KindFloat    Kind = "float" // Bits: 32 or 64
	KindBool     Kind = "bool"
	KindDateTime Kind = "datetime"
	KindDate     Kind = "date"
	KindBytes    Kind = "bytes"  // format: byte, base64 in JSON
	KindBinary   Kind = "binary" // streamed bodies
	KindStruct   Kind = "struct"
	KindEnum     Kind = "enum"
	KindArray    Kind = "array"
	KindMap      Kind = "map"
	KindUnion    Kind = "union"
	KindAny      Kind = "any" // free-form: any JSON value
	KindRaw      Kind = "raw" // kept as raw JSON (degraded or deliberately opaque)
)

// Type is one schema, resolved. Named types (Name != "") are declared once
// and shared by pointer; anonymous ones are written inline. Pointers may
// form cycles (recursive schemas).
type Type struct {
	Kind Kind
	Bits int // KindInt, KindFloat
	// GoType is the Go type the spec asks for (x-go-type) when it is not
	// the kind's own spelling: "uint16", or "Duration" from GoImport
	// "time". Values are still those of Kind (integers for both).
	GoType   string
	GoImport string

	// Name is the source name (component key or a name built from the
	// path to an inline schema); empty for types written inline.
	Name string
	// Key identifies the type across runs: the component pointer or the
	// inline path. Used as the naming pass's stable key.
	Key    string
	GoName string // set by AssignNames for named types
	// Rename is the Go name the spec asks for on a component schema
	// (x-speakeasy-name-override, x-go-name), or nil.
	Rename *Rename

	Doc        string
	Deprecated bool
	Nullable   bool
	ReadOnly   bool
	WriteOnly  bool
	Default    string // the default as written, for docs
	Const      string // const: the only value allowed, as written
	Format     string
	// Examples are the schema's example values as compact JSON: its
	// `example`, then the entries of its `examples` list.
	Examples []string

	Fields     []*Field // KindStruct
	Additional *Type    // KindStruct with additionalProperties beside properties
	// AdditionalName is the Go field holding Additional (set by AssignNames).
	AdditionalName string
	Elem           *Type // KindArray, KindMap
	// Keys is what a map's keys must be (propertyNames), when the schema
	// says; the keys stay strings in Go.
	Keys     *Type
	Enum     []*EnumValue // KindEnum
	EnumBase *Type        // KindEnum: the type of the values (string or int)
	// EnumMixed marks an enum whose values are of several JSON kinds
	// (strings, numbers, booleans): Go holds them as strings, and each
	// value's Literal says how it is written in JSON.
	EnumMixed     bool
	Variants      []*Variant // KindUnion
	Discriminator string     // KindUnion: the property that picks the variant
	// RequiredOneOf, on a struct whose oneOf/anyOf members only list
	// required properties, is the first such list: properties a valid
	// instance sets although none is required on its own.
	RequiredOneOf []string
	// RequiredExtra, on a struct with additional properties, are the
	// required properties it never declares: a valid instance holds them
	// in the additional-properties map.
	RequiredExtra []string

	// Constraints are the schema's validation keywords, kept so that
	// generated tests can synthesise values a server would accept.
	Constraints

	Pos Pos
}

// Constraints are the validation keywords of a schema. Nil pointers are
// absent keywords.
type Constraints struct {
	Pattern              string // ECMA-262 regular expression, as written
	MinLength, MaxLength *int64
	Minimum, Maximum     *float64
	// ExclusiveMinimum and ExclusiveMaximum make Minimum and Maximum
	// strict bounds (OpenAPI 3.1 numbers are stored here as such).
	ExclusiveMinimum, ExclusiveMaximum bool
	MultipleOf                         *float64
	MinItems, MaxItems                 *int64
}

// IsNamed reports whether the type is declared under its own name.
func (t *Type) IsNamed() bool { return t != nil && t.Name != "" }

// IsObjectUnion reports whether t is a union (oneOf, anyOf) whose variants
// are all objects, so a form or multipart body of it can be encoded from the
// variant the caller sets.
func (t *Type) IsObjectUnion() bool {
	if t == nil || t.Kind != KindUnion || len(t.Variants) == 0 {
		return false
	}
	for _, v := range t.Variants {
		if v.Type == nil || v.Type.Kind != KindStruct {
			return false
		}
	}
	return true
}

// Field is one property of a struct.
type Field struct {
	Name       string // JSON name
	Doc        string
	Required   bool
	Nullable   bool
	ReadOnly   bool
	WriteOnly  bool
	Deprecated bool
	// Undeclared marks a property the schema lists in required but never
	// declares in properties: its type is unknown (KindAny), and its Pos
	// is the schema that requires it.
	Undeclared bool
	Type       *Type
	Pos        Pos
	// Rename is the Go field name the spec asks for on the property, or nil.
	Rename *Rename

	GoName string
}

// Rename is a Go name a vendor extension asks for. The naming pass honours
// it below sdkgen.lock and the config's names, and above the name derived
// from the spec; one that is not an identifier, or that another name has
// already, is a warning and the derived name stays.
type Rename struct {
	Name string // as written
	Ext  string // the extension that asks: x-speakeasy-name-override or x-go-name
	Pos  Pos    // where the extension is written
}

// EnumValue is one value of an enum.
type EnumValue struct {
	Value   string // the value as written (strings unquoted)
	Literal string // EnumMixed: the value as a JSON literal ("1", "true", "\"a\"")
	Doc     string
	// Word names the constant instead of the value, when the value says
	// little on its own: an integer const's title ("Urgent" for 10).
	Word   string
	GoName string // TypeName + words of the value (or of Word)
}

// Variant is one member of a union.
type Variant struct {
	Type *Type
	// Tags are the discriminator values that select this variant.
	Tags []string
	// Word, when set, is what the variant's field is named after instead
	// of its type: a member merged with the properties beside its union
	// gets a type of its own but keeps the member's name for its field.
	Word   string
	GoName string
}
