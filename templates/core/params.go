package core

import (
	"bytes"
	"cmp"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// ParamFlag says how a query, header or cookie parameter is checked and serialised.
type ParamFlag uint

const (
	// Required makes a missing value (nil, an empty slice or map, an empty string) an error.
	Required ParamFlag = 1 << iota
	// NoExplode sends an array or object query parameter as one comma-separated value
	// (form style, explode false) instead of one pair per element.
	NoExplode
	// SpaceDelimited joins an array query parameter with spaces (%20).
	SpaceDelimited
	// PipeDelimited joins an array query parameter with "|" (sent as %7C).
	PipeDelimited
	// DeepObject sends an object query parameter as name[key]=value pairs.
	DeepObject
	// Label and Matrix are the label (.v) and matrix (;name=v) styles of
	// path parameters; without either a path parameter is simple.
	Label
	Matrix
	// Explode explodes a path or header parameter: objects as key=value,
	// and for label and matrix, one prefix per array element.
	Explode
	// TabDelimited joins an array query parameter with tabs (%09): Swagger
	// 2.0's collectionFormat tsv, which OpenAPI 3 has no style for.
	TabDelimited
	// Sensitive marks a value the SDK must never reveal
	// (x-speakeasy-param-sensitive): error messages show Redacted in its
	// place, and errors about it do not quote it.
	Sensitive
)

// Redacted stands in error messages for the value of a sensitive parameter.
const Redacted = "REDACTED"

// paramKind is the shape of a parameter value.
type paramKind uint8

const (
	absentParam paramKind = iota
	scalarParam
	listParam
	objectParam
)

// param is a parameter value reduced to what the serialisation styles need.
type param struct {
	kind   paramKind
	null   bool     // a null Nullable: sent as an empty value
	s      string   // scalarParam
	list   []string // listParam whose elements are all scalars; nil otherwise
	items  []param  // listParam: every element given, in order
	fields []field  // objectParam: map entries by sorted key, struct fields in declaration order
}

// errNested is what the styles that write one flat value report for an
// array of objects or arrays, or an object holding one, which only the
// deepObject style can write. The Request methods then send the whole
// value as its JSON text instead (see nestedAsJSON).
var errNested = errors.New("nested value: only the deepObject style nests values (arrays of objects or arrays)")

// nestedAsJSON is the fallback for a value its style cannot write: OpenAPI
// leaves the form, simple, label and matrix serialisation of nested values
// undefined, and APIs that take them (a filter array of objects, say)
// expect the value's JSON text, as a parameter declared with
// content application/json would send it.
func nestedAsJSON(value any, err error) (string, error) {
	if !errors.Is(err, errNested) {
		return "", err
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if jerr := enc.Encode(value); jerr != nil {
		return "", fmt.Errorf("%w; as JSON: %w", err, jerr)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// scalars returns the elements of a list whose elements are all scalars.
func (p param) scalars() ([]string, error) {
	if p.list == nil && len(p.items) > 0 {
		return nil, errNested
	}
	return p.list, nil
}

type field struct {
	key string
	val param
}

// missing reports whether the value counts as not given. An empty string does, so that a plain
// string field left empty is not sent; a null Nullable does not.
func (p param) missing() bool {
	return p.kind == absentParam || p.kind == scalarParam && p.s == "" && !p.null
}

// nullablePkg and nullablePrefix tell a Nullable of any type argument by
// its reflected name alone: Nullable has no method for this, as each method
// is compiled again for every type it holds.
var nullablePkg = reflect.TypeFor[Nullable[int]]().PkgPath()

const nullablePrefix = "Nullable["

// nullableOf reports, when v is a Nullable, what it holds: its value if
// set, and its state.
func nullableOf(v reflect.Value) (val reflect.Value, state nullState, ok bool) {
	t := v.Type()
	if v.Kind() != reflect.Struct || t.PkgPath() != nullablePkg || !strings.HasPrefix(t.Name(), nullablePrefix) {
		return reflect.Value{}, absentValue, false
	}
	// Its accessors take a pointer: a value that is not addressable is copied.
	if v.CanAddr() {
		v = v.Addr()
	} else {
		p := reflect.New(t)
		p.Elem().Set(v)
		v = p
	}
	if got := v.MethodByName("Get").Call(nil); got[1].Bool() {
		return got[0], setValue, true
	}
	if v.MethodByName("IsNull").Call(nil)[0].Bool() {
		return reflect.Value{}, nullValue, true
	}
	return reflect.Value{}, absentValue, true
}

var (
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	stringerType      = reflect.TypeFor[fmt.Stringer]()
)

// maxParamDepth bounds nesting, in case a value refers to itself.
const maxParamDepth = 16

// toParam reduces a parameter value. Accepted: strings, booleans and numbers (and named types of
// them, such as enums), encoding.TextMarshaler (time.Time as RFC 3339, Date) and fmt.Stringer,
// pointers (nil is absent), Nullable (absent is absent, null is empty), slices and arrays of
// scalars, and maps and structs (field names from json tags) of those.
func toParam(v reflect.Value, depth int) (param, error) {
	if depth > maxParamDepth {
		return param{}, errors.New("value nested too deeply")
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return param{}, nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return param{}, nil
	}
	if val, state, ok := nullableOf(v); ok {
		switch state {
		case nullValue:
			return param{kind: scalarParam, null: true}, nil
		case setValue:
			return toParam(val, depth+1)
		}
		return param{}, nil
	}
	if s, ok, err := scalar(v); ok || err != nil {
		return param{kind: scalarParam, s: s}, err
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return param{kind: scalarParam, s: base64.StdEncoding.EncodeToString(v.Bytes())}, nil // as JSON sends []byte
		}
		items := make([]param, 0, v.Len())
		for i := range v.Len() {
			e, err := toParam(v.Index(i), depth+1)
			if err != nil {
				return param{}, fmt.Errorf("[%d]: %w", i, err)
			}
			if e.kind != absentParam {
				items = append(items, e)
			}
		}
		return newList(items), nil
	case reflect.Map:
		var fields []field
		for it := v.MapRange(); it.Next(); {
			k, ok, err := scalar(it.Key())
			if !ok || err != nil {
				return param{}, fmt.Errorf("unsupported map key type %s", v.Type().Key())
			}
			val, err := toParam(it.Value(), depth+1)
			if err != nil {
				return param{}, err
			}
			if !val.missing() {
				fields = append(fields, field{k, val})
			}
		}
		slices.SortFunc(fields, func(a, b field) int { return cmp.Compare(a.key, b.key) })
		return newObject(fields), nil
	case reflect.Struct:
		if m, ok := as[json.Marshaler](v, jsonMarshalerType); ok {
			// A generated union, or a struct with additional properties:
			// its JSON says which variant and which extra keys to send.
			b, err := m.MarshalJSON()
			if err != nil {
				return param{}, err
			}
			if string(bytes.TrimSpace(b)) == "null" {
				return param{}, nil // a union with no variant set
			}
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.UseNumber()
			return jsonParam(dec, depth)
		}
		fields, err := structFields(v, depth)
		return newObject(fields), err
	}
	return param{}, fmt.Errorf("unsupported type %s", v.Type())
}

// newList makes a list of the given elements; an empty list is absent.
func newList(items []param) param {
	if len(items) == 0 {
		return param{}
	}
	list := make([]string, len(items))
	for i, e := range items {
		if e.kind != scalarParam {
			return param{kind: listParam, items: items}
		}
		list[i] = e.s
	}
	return param{kind: listParam, list: list, items: items}
}

// jsonParam reduces the next JSON value of dec, keeping object keys in the
// order the JSON writes them. A null inside an object or array is a null
// value (sent empty), as a null Nullable is.
func jsonParam(dec *json.Decoder, depth int) (param, error) {
	if depth > maxParamDepth {
		return param{}, errors.New("value nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		return param{}, err
	}
	switch t := tok.(type) {
	case string:
		return param{kind: scalarParam, s: t}, nil
	case json.Number:
		return param{kind: scalarParam, s: t.String()}, nil
	case bool:
		return param{kind: scalarParam, s: strconv.FormatBool(t)}, nil
	case nil:
		return param{kind: scalarParam, null: true}, nil
	case json.Delim:
		if t == '[' {
			var items []param
			for dec.More() {
				e, err := jsonParam(dec, depth+1)
				if err != nil {
					return param{}, err
				}
				if e.kind != absentParam {
					items = append(items, e)
				}
			}
			_, err := dec.Token() // ']'
			return newList(items), err
		}
		var fields []field
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return param{}, err
			}
			key, _ := k.(string)
			val, err := jsonParam(dec, depth+1)
			if err != nil {
				return param{}, err
			}
			if !val.missing() {
				fields = append(fields, field{key, val})
			}
		}
		_, err := dec.Token() // '}'
		return newObject(fields), err
	}
	return param{}, fmt.Errorf("unexpected JSON token %v", tok)
}

func newObject(fields []field) param {
	if len(fields) == 0 {
		return param{}
	}
	return param{kind: objectParam, fields: fields}
}

// structFields lists the exported fields of a struct that have a value, named as encoding/json
// names them (untagged embedded structs are flattened). Fields without a value, or with an empty
// string, are left out.
func structFields(v reflect.Value, depth int) ([]field, error) {
	if depth > maxParamDepth {
		return nil, errors.New("value nested too deeply")
	}
	var fields []field
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		fv := v.Field(i)
		if ft := sf.Type; sf.Anonymous && name == "" && (ft.Kind() == reflect.Struct ||
			ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct) {
			// Flattened as encoding/json does, even when its type is unexported.
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			inner, err := structFields(fv, depth+1)
			if err != nil {
				return nil, err
			}
			fields = append(fields, inner...)
			continue
		}
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		val, err := toParam(fv, depth+1)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", sf.Name, err)
		}
		if !val.missing() {
			fields = append(fields, field{name, val})
		}
	}
	return fields, nil
}

// scalar formats a value that is a single string on the wire; ok is false for other values.
func scalar(v reflect.Value) (s string, ok bool, err error) {
	if m, ok := as[encoding.TextMarshaler](v, textMarshalerType); ok {
		b, err := m.MarshalText()
		return string(b), true, err
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), true, nil
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), true, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10), true, nil
	case reflect.Float32, reflect.Float64:
		return formatFloat(v.Float(), v.Type().Bits()), true, nil
	}
	if v.Kind() == reflect.Struct {
		// A generated union of scalars (oneOf: [integer, string]) writes
		// its set variant: strings unquoted, numbers and booleans as is.
		if m, ok := as[json.Marshaler](v, jsonMarshalerType); ok {
			if b, err := m.MarshalJSON(); err == nil {
				switch kindOf(b) {
				case KindString:
					var s string
					err := json.Unmarshal(b, &s)
					return s, true, err
				case KindNumber, KindInteger, KindBool:
					return string(b), true, nil
				}
			}
		}
	}
	if m, ok := as[fmt.Stringer](v, stringerType); ok {
		return m.String(), true, nil
	}
	return "", false, nil
}

var jsonMarshalerType = reflect.TypeFor[json.Marshaler]()

// as returns v as the interface type I if v or a pointer to it implements it.
func as[I any](v reflect.Value, it reflect.Type) (I, bool) {
	var zero I
	switch {
	case v.Type().Implements(it):
		return v.Interface().(I), true
	case reflect.PointerTo(v.Type()).Implements(it):
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		return p.Interface().(I), true
	}
	return zero, false
}

// formatFloat formats as encoding/json does: no exponent except for very large or small values.
func formatFloat(f float64, bits int) string {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	return strconv.FormatFloat(f, format, -1, bits)
}

// encodeQuery returns the encoded "key=value" pairs of a query parameter.
func encodeQuery(name string, p param, flags ParamFlag) ([]string, error) {
	key := url.QueryEscape(name)
	sep := ""
	switch {
	case flags&SpaceDelimited != 0:
		sep = "%20"
	case flags&PipeDelimited != 0:
		sep = "%7C" // the OpenAPI style table writes the pipe percent-encoded
	case flags&TabDelimited != 0:
		sep = "%09"
	case flags&NoExplode != 0:
		sep = ","
	}
	if flags&DeepObject != 0 {
		return deepPairs(key, p), nil
	}
	switch p.kind {
	case scalarParam:
		return []string{key + "=" + url.QueryEscape(p.s)}, nil
	case listParam:
		list, err := p.scalars()
		if err != nil {
			return nil, err
		}
		if sep == "" {
			pairs := make([]string, len(list))
			for i, s := range list {
				pairs[i] = key + "=" + url.QueryEscape(s)
			}
			return pairs, nil
		}
		return []string{key + "=" + joinEscaped(list, url.QueryEscape, sep)}, nil
	case objectParam:
		if sep == "" { // form, explode: one pair per field
			var pairs []string
			for _, f := range p.fields {
				s, err := simpleValue(f.val)
				if err != nil {
					return nil, err
				}
				pairs = append(pairs, url.QueryEscape(f.key)+"="+url.QueryEscape(s))
			}
			return pairs, nil
		}
		flat, err := flatten(p.fields)
		if err != nil {
			return nil, err
		}
		return []string{key + "=" + joinEscaped(flat, url.QueryEscape, sep)}, nil
	}
	return nil, nil
}

// deepObject encodes fields as prefix[key]=value, nesting for inner objects and repeating the key
// for arrays.
func deepObject(prefix string, fields []field) []string {
	var pairs []string
	for _, f := range fields {
		key := prefix + "%5B" + url.QueryEscape(f.key) + "%5D" // [key], encoded as the style table shows
		pairs = append(pairs, deepPairs(key, f.val)...)
	}
	return pairs
}

// simpleValue formats a value as one unescaped string, as the simple style does for headers:
// arrays are comma-joined and objects are key,value,key,value.
func simpleValue(p param) (string, error) {
	switch p.kind {
	case listParam:
		list, err := p.scalars()
		return strings.Join(list, ","), err
	case objectParam:
		flat, err := flatten(p.fields)
		return strings.Join(flat, ","), err
	}
	return p.s, nil
}

// flatten lists an object as key, value, key, value… for the non-exploded styles.
func flatten(fields []field) ([]string, error) {
	flat := make([]string, 0, 2*len(fields))
	for _, f := range fields {
		if f.val.kind != scalarParam {
			return nil, fmt.Errorf("field %s: %w", f.key, errNested)
		}
		flat = append(flat, f.key, f.val.s)
	}
	return flat, nil
}

// encodePath writes a path parameter in its style, as the OpenAPI style
// table shows for name "color": simple "blue,black", label ".blue.black"
// (exploded), matrix ";color=blue;color=black" (exploded); objects as
// "R,100,G,200", or "R=100,G=200" exploded. Each element is escaped as one
// segment, so "a/b" stays one segment, and "." and ".." are escaped too, so
// they cannot move up the path.
func encodePath(name string, p param, flags ParamFlag) (string, error) {
	explode := flags&Explode != 0
	var parts []string
	switch p.kind {
	case scalarParam:
		parts = []string{pathSegment(p.s)}
	case listParam:
		list, err := p.scalars()
		if err != nil {
			return "", err
		}
		for _, s := range list {
			parts = append(parts, pathSegment(s))
		}
	case objectParam:
		for _, f := range p.fields {
			if f.val.kind != scalarParam {
				return "", fmt.Errorf("field %s: %w", f.key, errNested)
			}
			if explode {
				parts = append(parts, pathSegment(f.key)+"="+pathSegment(f.val.s))
			} else {
				parts = append(parts, pathSegment(f.key), pathSegment(f.val.s))
			}
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	key := pathSegment(name)
	switch {
	case flags&Label != 0 && explode:
		return "." + strings.Join(parts, "."), nil
	case flags&Label != 0:
		return "." + strings.Join(parts, ","), nil
	case flags&Matrix != 0 && explode && p.kind == objectParam:
		return ";" + strings.Join(parts, ";"), nil
	case flags&Matrix != 0 && explode:
		return ";" + key + "=" + strings.Join(parts, ";"+key+"="), nil
	case flags&Matrix != 0:
		return ";" + key + "=" + strings.Join(parts, ","), nil
	}
	return strings.Join(parts, ","), nil
}

func pathSegment(s string) string {
	if s == "." || s == ".." {
		return strings.Repeat("%2E", len(s))
	}
	return url.PathEscape(s)
}

func joinEscaped(parts []string, escape func(string) string, sep string) string {
	escaped := make([]string, len(parts))
	for i, s := range parts {
		escaped[i] = escape(s)
	}
	return strings.Join(escaped, sep)
}

// checkHeader reports a header name that is not a token or a value with control characters
// (CR and LF above all, which would let a value inject headers).
func checkHeader(name, value string) error {
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return !isTokenChar(r) }) >= 0 {
		return fmt.Errorf("invalid header name %q", name)
	}
	if strings.ContainsAny(value, "\r\n") {
		return fmt.Errorf("header %s: value contains CR or LF", name)
	}
	if strings.IndexFunc(value, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }) >= 0 {
		return fmt.Errorf("header %s: value contains a control character", name)
	}
	return nil
}

func isTokenChar(r rune) bool {
	return r < 0x7f && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		strings.ContainsRune("!#$%&'*+-.^_`|~", r))
}

// checkCookie reports a cookie name that is not a token, or bytes in the value that net/http would
// otherwise silently drop.
func checkCookie(name, value string) error {
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return !isTokenChar(r) }) >= 0 {
		return fmt.Errorf("invalid cookie name %q", name)
	}
	for i := 0; i < len(value); i++ {
		if b := value[i]; b < 0x20 || b >= 0x7f || b == '"' || b == ';' || b == '\\' {
			return fmt.Errorf("cookie %s: invalid character %q in value", name, b)
		}
	}
	return nil
}

// EscapeStaticPath percent-encodes the fixed parts of a path template as
// they must go on the wire: unreserved characters, sub-delimiters, ':',
// '@', '/' and existing %XX escapes stay as written; anything else (non-ASCII
// letters, spaces) is encoded. Left raw, such a character would make Go
// re-encode the whole path and lose the %2F inside a parameter value.
func EscapeStaticPath(s string) string {
	i := 0
	for i < len(s) && staticPathByte(s, i) {
		i++
	}
	if i == len(s) {
		return s // the usual case: nothing to encode and nothing allocated
	}
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		if c := s[i]; staticPathByte(s, i) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// staticPathByte reports whether s[i] goes on the wire as written in a static path.
func staticPathByte(s string, i int) bool {
	switch c := s[i]; {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0:
		return true
	case c == '%':
		return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// deepPairs writes one value under an already escaped key, in the
// bracket notation of the deepObject style, to any depth: a scalar as
// key=value, an object as key[inner]=value, and an array as
// key[0]=value, key[1]=value, with the index in brackets whatever the
// elements are (key[0][inner]=value for objects). Indexing every array
// keeps the elements of an array of objects together, and is what servers
// reading nested brackets (Rails, PHP, qs, Stripe) expect; a repeated
// bare key would keep only its last value there.
func deepPairs(key string, val param) []string {
	switch val.kind {
	case scalarParam:
		return []string{key + "=" + url.QueryEscape(val.s)}
	case listParam:
		var pairs []string
		for i, e := range val.items {
			pairs = append(pairs, deepPairs(key+"%5B"+strconv.Itoa(i)+"%5D", e)...)
		}
		return pairs
	case objectParam:
		return deepObject(key, val.fields)
	}
	return nil
}
