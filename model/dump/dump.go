// Package dump is the model as data: plain, exported, JSON-tagged structs
// built from a resolved [model.API]. `sdkgen model` prints a [Dump] as
// JSON, and the same value is the root data of text/template templates, so
// its Go field names and JSON names are a public contract: fields may be
// added, never renamed or removed without raising [SchemaVersion].
//
// A Dump has no cycles. Every named type is declared once in [Dump.Types]
// under a stable key (the JSON pointer of its schema); wherever a type is
// used, a named one appears as a [Type] holding only Ref (that key), and an
// anonymous one is written out in place. Everything is in model order
// (services, operations, parameters and types as the naming pass and the
// spec order them), so the same spec always gives the same bytes.
//
// In JSON, fields at their zero value (false, 0, "", an empty list, an
// absent object or an unknown position) are left out, except
// schemaVersion, title and version.
package dump

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"

	"github.com/sdkgen/sdkgen/model"
)

// SchemaVersion is the version of the dump's shape. It rises when a field is
// renamed, removed or changes meaning; new fields do not raise it.
const SchemaVersion = 1

// Dump is the whole API: the root of `sdkgen model` and of templates.
type Dump struct {
	// SchemaVersion is the version of this document's shape (see the package constant).
	SchemaVersion int `json:"schemaVersion"`
	// Title is info.title.
	Title string `json:"title"`
	// Version is info.version, the API's own version.
	Version string `json:"version"`
	// Description is info.description (Markdown, as written).
	Description string `json:"description,omitempty"`
	// Pos is where the document starts.
	Pos Pos `json:"pos,omitzero"`
	// Servers are the document's servers, in order; the first is the SDK's default.
	Servers []*Server `json:"servers,omitempty"`
	// SecuritySchemes are components.securitySchemes, in document order.
	SecuritySchemes []*SecurityScheme `json:"securitySchemes,omitempty"`
	// Security is the document's default security: alternatives, any one of which suffices.
	Security []*Requirement `json:"security,omitempty"`
	// Globals are the parameters set once on the client rather than on each call.
	Globals []*Global `json:"globals,omitempty"`
	// RequestIDHeader is the response header carrying a request id, when the spec names one.
	RequestIDHeader string `json:"requestIdHeader,omitempty"`
	// Retry is the client's default retry policy as the spec gives it (x-speakeasy-retries); absent: the SDK's own.
	Retry *Retry `json:"retry,omitempty"`
	// Services are the operation groups (one per tag), in first-use order.
	Services []*Service `json:"services,omitempty"`
	// Types are the declared (named) types, in model order; uses elsewhere refer to them by Key.
	Types []*Type `json:"types,omitempty"`
}

// Pos is where something is written in the spec.
type Pos struct {
	// File is the file, slash-separated and relative to the root spec's folder.
	File string `json:"file,omitempty"`
	// Line is 1-based; 0 when unknown.
	Line int `json:"line,omitempty"`
	// Col is the 1-based column; 0 when unknown.
	Col int `json:"col,omitempty"`
	// Pointer is the JSON pointer of the node ("#/paths/~1pets/get").
	Pointer string `json:"pointer,omitempty"`
}

// Server is one entry of servers.
type Server struct {
	// URL is the URL template as written, with {variables}.
	URL string `json:"url"`
	// Expanded is URL with every variable at its default.
	Expanded string `json:"expanded,omitempty"`
	// Description is the server's description.
	Description string `json:"description,omitempty"`
	// Variables are the {name} placeholders of URL.
	Variables []*ServerVariable `json:"variables,omitempty"`
}

// ServerVariable is one {name} in a server URL.
type ServerVariable struct {
	// Name is the placeholder's name.
	Name string `json:"name"`
	// Default is the value used unless another is chosen.
	Default string `json:"default,omitempty"`
	// Enum lists the allowed values, when the spec restricts them.
	Enum []string `json:"enum,omitempty"`
	// Description is the variable's description.
	Description string `json:"description,omitempty"`
}

// SecurityScheme is one entry of components.securitySchemes.
type SecurityScheme struct {
	// Name is the scheme's key in components.securitySchemes.
	Name string `json:"name"`
	// GoName is the client option's suffix (With<GoName>).
	GoName string `json:"goName,omitempty"`
	// Kind is basic, bearer (http bearer and openIdConnect), apiKey, oauth2, or other (not sent).
	Kind string `json:"kind"`
	// In is where an apiKey goes: header, query or cookie.
	In string `json:"in,omitempty"`
	// ParamName is the apiKey's header, query or cookie name.
	ParamName string `json:"paramName,omitempty"`
	// Description is the scheme's description.
	Description string `json:"description,omitempty"`
	// TokenURL is the oauth2 client-credentials token URL.
	TokenURL string `json:"tokenUrl,omitempty"`
	// Scopes are the oauth2 scopes the scheme declares.
	Scopes []string `json:"scopes,omitempty"`
	// ClientCredentialsName is the option suffix of the client-credentials flow, when there is one.
	ClientCredentialsName string `json:"clientCredentialsName,omitempty"`
	// Pos is where the scheme is declared.
	Pos Pos `json:"pos,omitzero"`
}

// Requirement is one security alternative: every listed scheme is sent
// together. An empty one means anonymous access is allowed.
type Requirement struct {
	// Schemes are the schemes sent together, with the scopes asked of each.
	Schemes []*SchemeUse `json:"schemes,omitempty"`
}

// SchemeUse names a security scheme and the scopes a requirement asks of it.
type SchemeUse struct {
	// Scheme is the SecurityScheme's Name.
	Scheme string `json:"scheme"`
	// Scopes are the scopes asked.
	Scopes []string `json:"scopes,omitempty"`
}

// Global is a header or query parameter set once on the client.
type Global struct {
	// Name is the wire name.
	Name string `json:"name"`
	// In is header or query.
	In string `json:"in"`
	// GoName is the client option's suffix (With<GoName>).
	GoName string `json:"goName,omitempty"`
	// Default is the schema default, sent unless the user sets another.
	Default string `json:"default,omitempty"`
	// Doc is the parameter's description.
	Doc string `json:"doc,omitempty"`
	// Type is the parameter's type.
	Type *Type `json:"type,omitempty"`
}

// Service is one group of operations: one tag.
type Service struct {
	// Name is the tag.
	Name string `json:"name"`
	// GoName is the service's field on the Client (Support).
	GoName string `json:"goName"`
	// TypeName is the service's Go type (SupportService).
	TypeName string `json:"typeName,omitempty"`
	// Doc is the tag's description.
	Doc string `json:"doc,omitempty"`
	// Pos is where the tag is declared, when it is.
	Pos Pos `json:"pos,omitzero"`
	// Operations are the service's operations, in spec order.
	Operations []*Operation `json:"operations,omitempty"`

	api *Dump
}

// Method is one Go method an operation becomes: one per request media
// type (or one without a body), then one per download.
type Method struct {
	// Name is the method's name on its service.
	Name string `json:"name"`
	// Request is the Go type of its request argument, when it has one.
	Request string `json:"request,omitempty"`
	// BodyMediaType is the request media type it sends, when it sends a body.
	BodyMediaType string `json:"bodyMediaType,omitempty"`
	// DownloadMediaType is the response media type it asks for and streams, for a download method.
	DownloadMediaType string `json:"downloadMediaType,omitempty"`
}

// QueryPair is one fixed query parameter of an operation.
type QueryPair struct {
	// Name is the parameter's name, decoded.
	Name string `json:"name"`
	// Value is its value, decoded.
	Value string `json:"value,omitempty"`
	// Bare is true when the name is written without "=" (?beta).
	Bare bool `json:"bare,omitempty"`
}

// Constraints are a schema's validation keywords; absent ones are left out.
type Constraints struct {
	// Pattern is the regular expression a string must match, as written.
	Pattern string `json:"pattern,omitempty"`
	// MinLength is the least length of a string.
	MinLength *int64 `json:"minLength,omitempty"`
	// MaxLength is the greatest length of a string.
	MaxLength *int64 `json:"maxLength,omitempty"`
	// Minimum is the least number allowed.
	Minimum *float64 `json:"minimum,omitempty"`
	// Maximum is the greatest number allowed.
	Maximum *float64 `json:"maximum,omitempty"`
	// ExclusiveMinimum makes Minimum a strict bound.
	ExclusiveMinimum bool `json:"exclusiveMinimum,omitempty"`
	// ExclusiveMaximum makes Maximum a strict bound.
	ExclusiveMaximum bool `json:"exclusiveMaximum,omitempty"`
	// MultipleOf is the number every value is a multiple of.
	MultipleOf *float64 `json:"multipleOf,omitempty"`
	// MinItems is the least length of an array.
	MinItems *int64 `json:"minItems,omitempty"`
	// MaxItems is the greatest length of an array.
	MaxItems *int64 `json:"maxItems,omitempty"`
}

// Operation is one method and path.
type Operation struct {
	// ID is the operationId (synthesised from method and path when the spec has none).
	ID string `json:"id"`
	// GoName is the method's name on its service.
	GoName string `json:"goName"`
	// Service is the Name of the service the operation belongs to.
	Service string `json:"service"`
	// Method is the HTTP method, upper case.
	Method string `json:"method"`
	// Path is the path template, without a query written into the path key.
	Path string `json:"path"`
	// FixedQuery are query pairs written into the path key (/things?beta=true), sent by every call, in order.
	FixedQuery []*QueryPair `json:"fixedQuery,omitempty"`
	// AcceptHeader is the Accept value an Accept header parameter fixes (its default or only enum value), sent instead of one derived from the responses.
	AcceptHeader string `json:"acceptHeader,omitempty"`
	// ContentTypeHeader is the Content-Type a Content-Type header parameter fixes, sent on a request without a body.
	ContentTypeHeader string `json:"contentTypeHeader,omitempty"`
	// Summary is the operation's summary.
	Summary string `json:"summary,omitempty"`
	// Description is the operation's description (Markdown, as written).
	Description string `json:"description,omitempty"`
	// Deprecated marks a deprecated operation.
	Deprecated bool `json:"deprecated,omitempty"`
	// Tags are the operation's tags; the first picks its service.
	Tags []string `json:"tags,omitempty"`
	// Params are the parameters: path ones in path order first, then the rest in spec order.
	Params []*Param `json:"params,omitempty"`
	// Body is the request body, when the operation takes one.
	Body *RequestBody `json:"body,omitempty"`
	// Responses are the responses, one per status, in spec order.
	Responses []*Response `json:"responses,omitempty"`
	// Security is the security that applies: the operation's own or else the document's.
	Security []*Requirement `json:"security,omitempty"`
	// OwnSecurity is true when the operation declares its own security instead of inheriting the document's.
	OwnSecurity bool `json:"ownSecurity,omitempty"`
	// Scopes are alternative sets of scopes the operation needs.
	Scopes [][]string `json:"scopes,omitempty"`
	// ScopesInferred is true when Scopes were read from the description's prose rather than from security requirements.
	ScopesInferred bool `json:"scopesInferred,omitempty"`
	// IdempotencyHeader is the header parameter carrying an idempotency key.
	IdempotencyHeader string `json:"idempotencyHeader,omitempty"`
	// ServerURL is the operation's own server (variables at their defaults), when it does not use the API's.
	ServerURL string `json:"serverUrl,omitempty"`
	// RequestName is the Go type of the method's request argument, when it has one.
	RequestName string `json:"requestName,omitempty"`
	// ResultName is the Go type of the method's result struct, when it has one.
	ResultName string `json:"resultName,omitempty"`
	// Methods are the Go methods the operation becomes, as the SDK declares them.
	Methods []*Method `json:"methods"`
	// Pagination says how the operation pages, when sdkgen drives it page by page with an iterating method.
	Pagination *Pagination `json:"pagination,omitempty"`
	// Retry is the operation's own retry policy (x-speakeasy-retries); absent: the client's.
	Retry *Retry `json:"retry,omitempty"`
	// ErrorStatuses are the statuses and classes x-speakeasy-errors makes errors ("404", "5XX"); absent: every non-2xx status is (or none, with override and an empty list, which returned then shows).
	ErrorStatuses []string `json:"errorStatuses,omitempty"`
	// Returned are the documented non-2xx statuses the method returns in its result rather than as an error, by x-speakeasy-errors.
	Returned []string `json:"returned,omitempty"`
	// Pos is where the operation is declared.
	Pos Pos `json:"pos,omitzero"`

	api *Dump
	svc *Service
}

// Param is one operation parameter.
type Param struct {
	// Name is the wire name.
	Name string `json:"name"`
	// GoName is the field's name in the request struct.
	GoName string `json:"goName,omitempty"`
	// ArgName is the method argument's name, for path parameters.
	ArgName string `json:"argName,omitempty"`
	// In is path, query, header or cookie.
	In string `json:"in"`
	// Required marks a required parameter.
	Required bool `json:"required,omitempty"`
	// Deprecated marks a deprecated parameter.
	Deprecated bool `json:"deprecated,omitempty"`
	// Doc is the parameter's description.
	Doc string `json:"doc,omitempty"`
	// Style is the serialisation style: form, simple, label, matrix, spaceDelimited, pipeDelimited, deepObject, tabDelimited.
	Style string `json:"style,omitempty"`
	// Explode is the explode flag, as resolved with its default.
	Explode bool `json:"explode,omitempty"`
	// ContentType is the media type of a parameter described by content rather than schema.
	ContentType string `json:"contentType,omitempty"`
	// Type is the parameter's type.
	Type *Type `json:"type,omitempty"`
	// Global is true when the parameter is a client global (see Dump.Globals) and not an argument.
	Global bool `json:"global,omitempty"`
	// Ignored is true when the spec asks to leave the parameter out of the method (x-speakeasy-ignore).
	Ignored bool `json:"ignored,omitempty"`
	// Sensitive is true when the SDK must never show the parameter's value (x-speakeasy-param-sensitive).
	Sensitive bool `json:"sensitive,omitempty"`
	// Examples are the parameter's example and examples, in document order.
	Examples []*Example `json:"examples,omitempty"`
	// Pos is where the parameter is declared.
	Pos Pos `json:"pos,omitzero"`
}

// RequestBody is the body an operation takes.
type RequestBody struct {
	// Required marks a required body.
	Required bool `json:"required,omitempty"`
	// Doc is the body's description.
	Doc string `json:"doc,omitempty"`
	// Contents are the media types the body may be sent as, JSON first.
	Contents []*Content `json:"contents,omitempty"`
	// Pos is where the body is declared.
	Pos Pos `json:"pos,omitzero"`
}

// Content is one media type of a body or a response.
type Content struct {
	// MediaType is the media type as written (application/json).
	MediaType string `json:"mediaType"`
	// Kind is how it is encoded: json, form, multipart, text or binary.
	Kind string `json:"kind"`
	// Type is the schema's type; absent when the media type has no schema.
	Type *Type `json:"type,omitempty"`
	// Parts are what the encoding object says of each property (multipart and form bodies).
	Parts []*Part `json:"parts,omitempty"`
	// Examples are the media type's example and examples, in document order.
	Examples []*Example `json:"examples,omitempty"`
	// Stream is sse, jsonl or json-seq when a response of this media type is read as a stream of events.
	Stream string `json:"stream,omitempty"`
	// Sentinel is the event data that ends the stream (x-speakeasy-sse-sentinel).
	Sentinel string `json:"sentinel,omitempty"`
	// Events is the typed events of a server-sent event stream whose schema is a union of events each naming its event; absent otherwise (the events are then the schema's data, or raw JSON).
	Events *Events `json:"events,omitempty"`
	// MethodName is the method that sends this media type (request bodies).
	MethodName string `json:"methodName,omitempty"`
	// RequestName is the request struct of MethodName (request bodies).
	RequestName string `json:"requestName,omitempty"`
}

// Events is the event type of a stream of server-sent events told apart by their names.
type Events struct {
	// GoName is the event type, named after the operation (StreamRunEvent for streamRun).
	GoName string `json:"goName"`
	// Variants are its kinds of event, one field of the event type each.
	Variants []*EventVariant `json:"variants"`
}

// EventVariant is one kind of event of a stream's event type.
type EventVariant struct {
	// Names are the SSE event names that select it.
	Names []string `json:"names"`
	// GoName is its field in the event type.
	GoName string `json:"goName"`
	// Data is the type of the event's data.
	Data *Type `json:"data"`
}

// Part is what a body's encoding object says of one property.
type Part struct {
	// Name is the property's name.
	Name string `json:"name"`
	// ContentType is the media type of a multipart part.
	ContentType string `json:"contentType,omitempty"`
	// Style is a form field's style, when given.
	Style string `json:"style,omitempty"`
	// Explode is a form field's explode flag, when given.
	Explode *bool `json:"explode,omitempty"`
}

// Response is one status of an operation.
type Response struct {
	// Status is the status code, a range such as 2XX, or default.
	Status string `json:"status"`
	// GoName is the response's field in the result struct.
	GoName string `json:"goName,omitempty"`
	// Doc is the response's description.
	Doc string `json:"doc,omitempty"`
	// Contents are the media types the response may carry.
	Contents []*Content `json:"contents,omitempty"`
	// Headers are the headers the response declares.
	Headers []*Header `json:"headers,omitempty"`
	// Pos is where the response is declared.
	Pos Pos `json:"pos,omitzero"`
}

// Header is a response header.
type Header struct {
	// Name is the header's name.
	Name string `json:"name"`
	// GoName is the header's field in the result struct.
	GoName string `json:"goName,omitempty"`
	// Required marks a header the server always sends.
	Required bool `json:"required,omitempty"`
	// Doc is the header's description.
	Doc string `json:"doc,omitempty"`
	// Type is the header's type.
	Type *Type `json:"type,omitempty"`
	// Examples are the header's example and examples, in document order.
	Examples []*Example `json:"examples,omitempty"`
}

// Example is one example the spec gives: a lone example, or one entry of an
// examples map.
type Example struct {
	// Name is the entry's key in the examples map; empty for a lone example.
	Name string `json:"name,omitempty"`
	// Summary is the example's summary.
	Summary string `json:"summary,omitempty"`
	// Value is the example's value: JSON in the dump, its JSON text in templates.
	Value JSONValue `json:"value,omitempty"`
	// ExternalValue is the URL of an example kept outside the spec.
	ExternalValue string `json:"externalValue,omitempty"`
}

// JSONValue is a JSON value kept as its compact text. Templates see the
// text; in the dump's JSON it is the value itself, not a string.
type JSONValue string

// MarshalJSON writes the value itself (null when empty).
func (v JSONValue) MarshalJSON() ([]byte, error) {
	if v == "" {
		return []byte("null"), nil
	}
	if !json.Valid([]byte(v)) {
		return json.Marshal(string(v))
	}
	return []byte(v), nil
}

// UnmarshalJSON keeps the value's compact text.
func (v *JSONValue) UnmarshalJSON(b []byte) error {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return err
	}
	*v = JSONValue(buf.String())
	return nil
}

// Type is one schema. In Dump.Types it is a declaration, with Key set. Where
// a type is used, a named type is a Type holding only Ref, and an anonymous
// type is written out in full, without Key.
type Type struct {
	// Ref is, in a use of a named type, the Key of its declaration in Dump.Types; every other field is then empty.
	Ref string `json:"ref,omitempty"`
	// Key is the declaration's stable key: the JSON pointer of its schema.
	Key string `json:"key,omitempty"`
	// Name is the source name: the component's key, or a name built from the path to an inline schema.
	Name string `json:"name,omitempty"`
	// GoName is the declared Go type's name from the naming pass.
	GoName string `json:"goName,omitempty"`
	// Kind is string, int, float, bool, datetime, date, bytes, binary, struct, enum, array, map, union, any or raw.
	Kind string `json:"kind,omitempty"`
	// Bits is 32 or 64 for int and float.
	Bits int `json:"bits,omitempty"`
	// GoType is the Go type x-go-type asks for when it is not the kind's own spelling ("uint16", "time.Duration").
	GoType string `json:"goType,omitempty"`
	// Format is the schema's format, as written.
	Format string `json:"format,omitempty"`
	// Doc is the schema's description.
	Doc string `json:"doc,omitempty"`
	// Deprecated marks a deprecated schema.
	Deprecated bool `json:"deprecated,omitempty"`
	// Nullable is true when null is an allowed value.
	Nullable bool `json:"nullable,omitempty"`
	// ReadOnly marks a schema only servers send.
	ReadOnly bool `json:"readOnly,omitempty"`
	// WriteOnly marks a schema only clients send.
	WriteOnly bool `json:"writeOnly,omitempty"`
	// Default is the default value as written.
	Default string `json:"default,omitempty"`
	// Const is the only value allowed, as written.
	Const string `json:"const,omitempty"`
	// Examples are the schema's example and examples values.
	Examples []JSONValue `json:"examples,omitempty"`
	// Constraints are the schema's validation keywords, when it has any.
	Constraints *Constraints `json:"constraints,omitempty"`
	// Fields are a struct's properties, in spec order.
	Fields []*Field `json:"fields,omitempty"`
	// Additional is the type of a struct's additionalProperties, when it has properties too.
	Additional *Type `json:"additional,omitempty"`
	// AdditionalName is the Go field holding the additional properties.
	AdditionalName string `json:"additionalName,omitempty"`
	// Elem is an array's item type or a map's value type.
	Elem *Type `json:"elem,omitempty"`
	// Keys is what a map's keys must match (propertyNames), when the
	// schema says; the keys are strings in Go either way.
	Keys *Type `json:"keys,omitempty"`
	// Enum are an enum's values, in spec order.
	Enum []*EnumValue `json:"enum,omitempty"`
	// EnumBase is the type of an enum's values (string or int).
	EnumBase *Type `json:"enumBase,omitempty"`
	// EnumMixed is true when an enum's values are of several JSON kinds; each value's Literal says how it is written.
	EnumMixed bool `json:"enumMixed,omitempty"`
	// Variants are a union's members, in spec order.
	Variants []*Variant `json:"variants,omitempty"`
	// Discriminator is the property that picks a union's variant.
	Discriminator string `json:"discriminator,omitempty"`
	// RequiredOneOf are the properties an object sets to satisfy the
	// first of its oneOf/anyOf members that only list required properties.
	RequiredOneOf []string `json:"requiredOneOf,omitempty"`
	// RequiredExtra are the required properties an object with additional
	// properties never declares: they go in its additional-properties map.
	RequiredExtra []string `json:"requiredExtra,omitempty"`
	// Pos is where the schema is written.
	Pos Pos `json:"pos,omitzero"`

	src *model.Type
}

// Field is one property of a struct.
type Field struct {
	// Name is the JSON property name.
	Name string `json:"name"`
	// GoName is the Go field's name.
	GoName string `json:"goName"`
	// Doc is the property's description.
	Doc string `json:"doc,omitempty"`
	// Required marks a required property.
	Required bool `json:"required,omitempty"`
	// Nullable is true when the property may be null.
	Nullable bool `json:"nullable,omitempty"`
	// ReadOnly marks a property only servers send.
	ReadOnly bool `json:"readOnly,omitempty"`
	// WriteOnly marks a property only clients send.
	WriteOnly bool `json:"writeOnly,omitempty"`
	// Deprecated marks a deprecated property.
	Deprecated bool `json:"deprecated,omitempty"`
	// Type is the property's type.
	Type *Type `json:"type,omitempty"`
	// Pos is where the property is written.
	Pos Pos `json:"pos,omitzero"`
}

// EnumValue is one value of an enum.
type EnumValue struct {
	// Value is the value as written (strings unquoted).
	Value string `json:"value"`
	// Literal is, for a mixed enum, the value as a JSON literal ("1", "true", "\"a\"").
	Literal string `json:"literal,omitempty"`
	// GoName is the value's Go constant.
	GoName string `json:"goName,omitempty"`
	// Doc is the value's description.
	Doc string `json:"doc,omitempty"`
}

// Variant is one member of a union.
type Variant struct {
	// GoName is the variant's Go name.
	GoName string `json:"goName,omitempty"`
	// Tags are the discriminator values that select this variant.
	Tags []string `json:"tags,omitempty"`
	// Type is the variant's type.
	Type *Type `json:"type,omitempty"`
}

// Options say how to build a Dump.
type Options struct {
	// Dir is the root spec's folder: positions name files relative to it.
	// A relative file name in the model is taken as relative to the
	// process's working directory, as the parser reports them. When Dir is
	// empty, file names are kept as the model has them (slash-separated).
	Dir string
}

// Build turns a resolved API into its Dump.
func Build(api *model.API, opts Options) *Dump {
	b := &builder{
		opts: opts, declared: map[string]bool{}, queued: map[*model.Type]bool{},
		visiting: map[*model.Type]bool{}, anonKeys: map[*model.Type]string{},
	}
	d := &Dump{
		SchemaVersion:   SchemaVersion,
		Title:           api.Title,
		Version:         api.Version,
		Description:     api.Description,
		Pos:             b.pos(api.Pos),
		Security:        requirements(api.Security),
		RequestIDHeader: api.RequestIDHeader,
		Retry:           retry(api.Retry),
	}
	for _, s := range api.Servers {
		ds := &Server{URL: s.URL, Expanded: s.Expand(), Description: s.Description}
		for _, v := range s.Variables {
			ds.Variables = append(ds.Variables, &ServerVariable{Name: v.Name, Default: v.Default, Enum: v.Enum, Description: v.Description})
		}
		d.Servers = append(d.Servers, ds)
	}
	for _, s := range api.Schemes {
		d.SecuritySchemes = append(d.SecuritySchemes, &SecurityScheme{
			Name: s.Name, GoName: s.GoName, Kind: string(s.Kind), In: s.In, ParamName: s.ParamName,
			Description: s.Description, TokenURL: s.TokenURL, Scopes: s.Scopes,
			ClientCredentialsName: s.ClientCredentialsName, Pos: b.pos(s.Pos),
		})
	}
	for _, g := range api.Globals {
		d.Globals = append(d.Globals, &Global{Name: g.Name, In: g.In, GoName: g.GoName, Default: g.Default, Doc: g.Doc, Type: b.use(g.Type)})
	}
	for _, s := range api.Services {
		ds := &Service{Name: s.Tag, GoName: s.GoName, TypeName: s.TypeName, Doc: s.Doc, Pos: b.pos(s.Pos)}
		for _, o := range s.Operations {
			ds.Operations = append(ds.Operations, b.operation(api, s, o))
		}
		d.Services = append(d.Services, ds)
	}
	// Declarations come last so that a named type only reachable from an
	// operation, or through an anonymous cycle, is still declared.
	for _, t := range api.Types {
		b.declare(t)
	}
	for i := 0; i < len(b.pending); i++ {
		b.declare(b.pending[i])
	}
	d.Types = b.types
	d.Link()
	return d
}

// Link connects every service and operation to d and every operation to
// its service, which API and ServiceOf return. Build links what it builds;
// a Dump decoded from JSON or built by hand needs Link once.
func (d *Dump) Link() {
	for _, s := range d.Services {
		s.api = d
		for _, o := range s.Operations {
			o.api, o.svc = d, s
		}
	}
}

// Marshal writes d as indented JSON, ending in a newline. HTML characters
// are written as they are, so Markdown in descriptions stays readable.
func (d *Dump) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Type returns the declaration with the given key, or nil. Templates use it
// to follow a Ref.
func (d *Dump) Type(key string) *Type {
	for _, t := range d.Types {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// API is the whole API the service belongs to (templates rendered once
// per service reach it as .API).
func (s *Service) API() *Dump { return s.api }

// API is the whole API the operation belongs to (templates rendered once
// per operation reach it as .API).
func (o *Operation) API() *Dump { return o.api }

// ServiceOf is the service the operation belongs to.
func (o *Operation) ServiceOf() *Service { return o.svc }

// Deref is the declaration a reference (a Type holding only Ref) points
// to, or t itself when it is no reference.
func (d *Dump) Deref(t *Type) *Type {
	if t != nil && t.Ref != "" {
		if decl := d.Type(t.Ref); decl != nil {
			return decl
		}
	}
	return t
}

// Source is the model type a declared or anonymous Type was built from,
// or nil (for a reference, or a Type not made by Build).
func Source(t *Type) *model.Type {
	if t == nil {
		return nil
	}
	return t.src
}

// builder carries the state of one Build.
type builder struct {
	opts Options
	// types are the declarations so far; declared marks their keys.
	types    []*Type
	declared map[string]bool
	// pending are named types met in uses, to declare after api.Types
	// (normally all of them are there already).
	pending []*model.Type
	queued  map[*model.Type]bool
	// visiting guards against an anonymous type that contains itself.
	visiting map[*model.Type]bool
	anonKeys map[*model.Type]string
}

// pos converts a position, naming its file relative to opts.Dir.
func (b *builder) pos(p model.Pos) Pos {
	return Pos{File: b.file(p.File), Line: p.Line, Col: p.Col, Pointer: p.Pointer}
}

// file names f relative to the spec's folder, slash-separated.
func (b *builder) file(f string) string {
	if f == "" || b.opts.Dir == "" {
		return filepath.ToSlash(f)
	}
	abs := f
	if !filepath.IsAbs(abs) {
		var err error
		if abs, err = filepath.Abs(f); err != nil {
			return filepath.ToSlash(f)
		}
	}
	dir, err := filepath.Abs(b.opts.Dir)
	if err != nil {
		return filepath.ToSlash(f)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(f)
	}
	return filepath.ToSlash(rel)
}

// requirements converts security alternatives.
func requirements(rs []model.SecurityRequirement) []*Requirement {
	var out []*Requirement
	for _, r := range rs {
		dr := &Requirement{}
		for _, u := range r.Schemes {
			dr.Schemes = append(dr.Schemes, &SchemeUse{Scheme: u.Scheme, Scopes: u.Scopes})
		}
		out = append(out, dr)
	}
	return out
}

// Retry is a retry policy the spec gives. Zero durations and exponent mean the SDK's defaults.
type Retry struct {
	// MaxRetries is how many times a failed attempt is retried; 0: never.
	MaxRetries int `json:"maxRetries"`
	// InitialBackoffMs is the bound of the first wait, in milliseconds.
	InitialBackoffMs int64 `json:"initialBackoffMs,omitempty"`
	// MaxBackoffMs is the bound of any wait, in milliseconds.
	MaxBackoffMs int64 `json:"maxBackoffMs,omitempty"`
	// Exponent is the factor each wait's bound grows by.
	Exponent float64 `json:"exponent,omitempty"`
	// MaxElapsedMs is the time limit of the retries since the call began, in milliseconds.
	MaxElapsedMs int64 `json:"maxElapsedMs,omitempty"`
	// Statuses are the statuses retried, codes (503) and classes (5XX); null: the SDK's default set, empty: none.
	Statuses []string `json:"statuses"`
	// NoConnectionRetries is true when failures without a response are not retried.
	NoConnectionRetries bool `json:"noConnectionRetries,omitempty"`
}

func retry(r *model.Retry) *Retry {
	if r == nil {
		return nil
	}
	return &Retry{
		MaxRetries: r.MaxRetries, InitialBackoffMs: r.InitialBackoff.Milliseconds(), MaxBackoffMs: r.MaxBackoff.Milliseconds(),
		Exponent: r.Exponent, MaxElapsedMs: r.MaxElapsed.Milliseconds(), Statuses: r.Statuses, NoConnectionRetries: r.NoConnectionRetries,
	}
}

// Pagination is how a list operation pages.
type Pagination struct {
	// Style is cursor, hasMore, offset, page, linkHeader or nextURL.
	Style string `json:"style"`
	// Source is x-speakeasy-pagination, config, or inferred (from the shapes of parameters and response).
	Source string `json:"source"`
	// MethodName is the iterating method (ListTicketsAll).
	MethodName string `json:"methodName"`
	// Status is the success response whose body is a page.
	Status string `json:"status"`
	// Items is the path of JSON property names to the array of items; empty when the body is the array.
	Items []string `json:"items,omitempty"`
	// Item is the type of one item.
	Item *Type `json:"item,omitempty"`
	// Next is the path to the next cursor, the has-more flag or the next page's URL.
	Next []string `json:"next,omitempty"`
	// Param is the query parameter the next page's request sets.
	Param string `json:"param,omitempty"`
	// Limit is the page-size query parameter.
	Limit string `json:"limit,omitempty"`
	// ItemID is the property of an item holding its id (hasMore).
	ItemID string `json:"itemID,omitempty"`
}

func (b *builder) operation(api *model.API, s *model.Service, o *model.Operation) *Operation {
	do := &Operation{
		ID: o.ID, GoName: o.GoName, Service: s.Tag, Method: o.Method, Path: o.Path,
		Summary: o.Summary, Description: o.Description, Deprecated: o.Deprecated, Tags: o.Tags,
		OwnSecurity: o.HasOwnSecurity, Scopes: o.Scopes, ScopesInferred: o.ScopesInferred,
		IdempotencyHeader: o.IdempotencyHeader, ServerURL: o.ServerURL,
		RequestName: o.RequestName, ResultName: o.ResultName, Retry: retry(o.Retry), Pos: b.pos(o.Pos),
	}
	do.ErrorStatuses = o.ErrorStatuses
	for _, m := range o.Methods() {
		dm := &Method{Name: m.Name, Request: m.Request}
		if m.Body != nil {
			dm.BodyMediaType = m.Body.MediaType
		}
		if m.Download != nil {
			dm.DownloadMediaType = m.Download.MediaType
		}
		do.Methods = append(do.Methods, dm)
	}
	if o.ResultName != "" {
		for _, r := range o.ReturnedResponses() {
			do.Returned = append(do.Returned, r.Status)
		}
	}
	do.AcceptHeader, do.ContentTypeHeader = o.AcceptHeader, o.ContentTypeHeader
	if pg := o.Pagination; pg != nil {
		do.Pagination = &Pagination{
			Style: string(pg.Style), Source: pg.Source, MethodName: pg.MethodName, Status: pg.Status,
			Items: pg.Items, Item: b.use(pg.Item), Next: pg.Next, Param: pg.Param, Limit: pg.Limit, ItemID: pg.ItemID,
		}
	}
	for _, q := range o.FixedQuery {
		do.FixedQuery = append(do.FixedQuery, &QueryPair{Name: q.Name, Value: q.Value, Bare: q.Bare})
	}
	if o.HasOwnSecurity {
		do.Security = requirements(o.Security)
	} else {
		do.Security = requirements(api.Security)
	}
	for _, p := range o.Params {
		do.Params = append(do.Params, &Param{
			Name: p.Name, GoName: p.GoName, ArgName: p.ArgName, In: p.In, Required: p.Required,
			Deprecated: p.Deprecated, Doc: p.Doc, Style: p.Style, Explode: p.Explode,
			ContentType: p.ContentType, Type: b.use(p.Type), Global: p.Global != nil,
			Ignored: p.Ignored, Sensitive: p.Sensitive, Examples: examples(p.Examples), Pos: b.pos(p.Pos),
		})
	}
	if o.Body != nil {
		do.Body = &RequestBody{Required: o.Body.Required, Doc: o.Body.Doc, Contents: b.contents(o.Body.Contents, true), Pos: b.pos(o.Body.Pos)}
	}
	for _, r := range o.Responses {
		dr := &Response{Status: r.Status, GoName: r.GoName, Doc: r.Doc, Contents: b.contents(r.Contents, false), Pos: b.pos(r.Pos)}
		for _, h := range r.Headers {
			dr.Headers = append(dr.Headers, &Header{
				Name: h.Name, GoName: h.GoName, Required: h.Required, Doc: h.Doc,
				Type: b.use(h.Type), Examples: examples(h.Examples),
			})
		}
		do.Responses = append(do.Responses, dr)
	}
	return do
}

func (b *builder) contents(cs []*model.Content, request bool) []*Content {
	var out []*Content
	for _, c := range cs {
		dc := &Content{
			MediaType: c.MediaType, Kind: string(c.Kind), Type: b.use(c.Type), Examples: examples(c.Examples),
			MethodName: c.MethodName, RequestName: c.RequestName, Sentinel: c.Sentinel,
		}
		if !request {
			dc.Stream = model.StreamFormat(c.MediaType)
		}
		if e := c.Events; e != nil && !request {
			dc.Events = &Events{GoName: e.GoName}
			for _, v := range e.Variants {
				dc.Events.Variants = append(dc.Events.Variants, &EventVariant{Names: v.Names, GoName: v.GoName, Data: b.use(v.Data)})
			}
		}
		for _, p := range c.PartTypes {
			dc.Parts = append(dc.Parts, &Part{Name: p.Name, ContentType: p.ContentType, Style: p.Style, Explode: p.Explode})
		}
		out = append(out, dc)
	}
	return out
}

// examples converts a list of examples.
func examples(es []model.Example) []*Example {
	var out []*Example
	for _, e := range es {
		out = append(out, &Example{Name: e.Name, Summary: e.Summary, Value: JSONValue(e.Value), ExternalValue: e.ExternalValue})
	}
	return out
}

// use converts a use of t: a Ref for a named type (queued for declaration),
// the type in full for an anonymous one.
func (b *builder) use(t *model.Type) *Type {
	if t == nil {
		return nil
	}
	if t.IsNamed() || b.visiting[t] {
		return &Type{Ref: b.queue(t)}
	}
	b.visiting[t] = true
	defer delete(b.visiting, t)
	return b.body(t)
}

// queue records t for declaration and returns its key. An anonymous type
// found inside itself has no key of its own; it gets a synthetic one.
func (b *builder) queue(t *model.Type) string {
	key := b.key(t)
	if !b.queued[t] {
		b.queued[t] = true
		b.pending = append(b.pending, t)
	}
	return key
}

// key is t's stable key, or for an anonymous type (which has none) a
// synthetic one, the same for every use of that type in this Build.
func (b *builder) key(t *model.Type) string {
	if t.Key != "" {
		return t.Key
	}
	if k, ok := b.anonKeys[t]; ok {
		return k
	}
	k := "anonymous/" + strconv.Itoa(len(b.anonKeys)+1)
	b.anonKeys[t] = k
	return k
}

// declare adds t to the declarations once.
func (b *builder) declare(t *model.Type) {
	key := b.key(t)
	if b.declared[key] {
		return
	}
	b.declared[key] = true
	b.queued[t] = true
	b.visiting[t] = true
	dt := b.body(t)
	delete(b.visiting, t)
	dt.Key = key
	b.types = append(b.types, dt)
}

// body converts everything but the key.
func (b *builder) body(t *model.Type) *Type {
	dt := &Type{
		Name: t.Name, GoName: t.GoName, Kind: string(t.Kind), Bits: t.Bits, GoType: t.GoType, Format: t.Format,
		Doc: t.Doc, Deprecated: t.Deprecated, Nullable: t.Nullable, ReadOnly: t.ReadOnly,
		WriteOnly: t.WriteOnly, Default: t.Default, Const: t.Const,
		AdditionalName: t.AdditionalName, EnumMixed: t.EnumMixed, Discriminator: t.Discriminator, RequiredOneOf: t.RequiredOneOf,
		RequiredExtra: t.RequiredExtra,
		src:           t,
	}
	if t.GoImport != "" {
		dt.GoType = t.GoImport + "." + t.GoType
	}
	for _, e := range t.Examples {
		dt.Examples = append(dt.Examples, JSONValue(e))
	}
	if c := Constraints(t.Constraints); c != (Constraints{}) {
		dt.Constraints = &c
	}
	dt.Pos = b.pos(t.Pos)
	for _, f := range t.Fields {
		dt.Fields = append(dt.Fields, &Field{
			Name: f.Name, GoName: f.GoName, Doc: f.Doc, Required: f.Required, Nullable: f.Nullable,
			ReadOnly: f.ReadOnly, WriteOnly: f.WriteOnly, Deprecated: f.Deprecated,
			Type: b.use(f.Type), Pos: b.pos(f.Pos),
		})
	}
	dt.Additional = b.use(t.Additional)
	dt.Elem = b.use(t.Elem)
	dt.Keys = b.use(t.Keys)
	for _, v := range t.Enum {
		dt.Enum = append(dt.Enum, &EnumValue{Value: v.Value, Literal: v.Literal, GoName: v.GoName, Doc: v.Doc})
	}
	dt.EnumBase = b.use(t.EnumBase)
	for _, v := range t.Variants {
		dt.Variants = append(dt.Variants, &Variant{GoName: v.GoName, Tags: v.Tags, Type: b.use(v.Type)})
	}
	return dt
}
