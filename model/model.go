// Package model is sdkgen's intermediate representation of an API: plain,
// fully resolved, ordered data that the parser builds from an OpenAPI
// document and the generator turns into Go code.
//
// Everything here is ordered (slices, never map iteration), carries the
// position it came from, and after [AssignNames] every declared thing
// carries its final Go identifier. The model imports only the standard
// library.
package model

import (
	"net/url"
	"strings"
	"time"
)

// API is one OpenAPI document, resolved.
type API struct {
	Title       string
	Version     string // info.version
	Description string
	Pos         Pos

	Servers  []*Server
	Schemes  []*SecurityScheme
	Security []SecurityRequirement // the document's default requirement alternatives
	Globals  []*Global
	Services []*Service // one per tag, in first-use order; untagged operations in the default service
	Types    []*Type    // every named type to declare, in a stable order
	Webhooks []*Webhook // webhooks and callbacks with a payload, in document order

	// Retry is the client's default retry policy as the spec gives it
	// (x-speakeasy-retries on the document), or nil for the SDK's own.
	Retry *Retry

	// RequestIDHeader is the response header that carries a request id, as
	// the spec declares it (for example "x-request-id"), or "".
	RequestIDHeader string

	// Names is the result of the naming pass: stable key → Go identifier.
	// Writing it into sdkgen.lock and passing it back on the next run keeps
	// names stable across spec versions.
	Names map[string]string

	Diagnostics Diagnostics
}

// Operations returns every operation of every service, in service order.
func (a *API) Operations() []*Operation {
	var ops []*Operation
	for _, s := range a.Services {
		ops = append(ops, s.Operations...)
	}
	return ops
}

// Server is one entry of servers.
type Server struct {
	URL         string
	Description string
	Variables   []*ServerVariable
}

// Expand returns the server URL with every variable at its default.
func (s *Server) Expand() string {
	u := s.URL
	for _, v := range s.Variables {
		u = strings.ReplaceAll(u, "{"+v.Name+"}", v.Default)
	}
	return u
}

// ServerVariable is a {name} in a server URL.
type ServerVariable struct {
	Name        string
	Default     string
	Enum        []string
	Description string
}

// SchemeKind is what a security scheme asks a client to send.
type SchemeKind string

// The security scheme kinds sdkgen knows.
const (
	SchemeBasic  SchemeKind = "basic"
	SchemeBearer SchemeKind = "bearer" // http bearer and openIdConnect
	SchemeAPIKey SchemeKind = "apiKey"
	SchemeOAuth2 SchemeKind = "oauth2"
	SchemeOther  SchemeKind = "other" // unsupported (for example http digest): documented, never sent
)

// SecurityScheme is one entry of components.securitySchemes.
type SecurityScheme struct {
	Name        string // key in components.securitySchemes
	GoName      string // option suffix: With<GoName>
	Kind        SchemeKind
	In          string // apiKey: header, query or cookie
	ParamName   string // apiKey: the header, query or cookie name
	Description string
	TokenURL    string // oauth2 client credentials
	Scopes      []string
	// ClientCredentialsName is the option suffix for the client-credentials
	// flow (With<Name>), set by AssignNames when TokenURL is known.
	ClientCredentialsName string
	Pos                   Pos
}

// SecurityRequirement is one alternative: every listed scheme must be sent
// together. An empty requirement means anonymous access is allowed.
type SecurityRequirement struct {
	Schemes []SchemeUse
}

// SchemeUse names a scheme and the scopes a requirement asks of it.
type SchemeUse struct {
	Scheme string
	Scopes []string
}

// Global is a header or query parameter set once on the client rather than
// on each call.
type Global struct {
	Name    string // wire name
	In      string // header or query
	GoName  string // option suffix: With<GoName>
	Default string // the schema default, sent unless the user sets another
	Doc     string
	Type    *Type
}

// Service groups the operations of one tag.
type Service struct {
	Tag        string
	Doc        string
	GoName     string // field on Client (Support)
	TypeName   string // SupportService
	Operations []*Operation
	Pos        Pos
}

// Operation is one method+path.
type Operation struct {
	ID          string // operationId (synthesised when the spec has none)
	Method      string // upper case: GET, POST…
	Path        string // template from the path key, without its query or fragment
	Summary     string
	Description string
	Deprecated  bool
	Tags        []string
	// NameOverride is x-speakeasy-name-override or x-go-name, or "".
	NameOverride string
	// FixedQuery are the query pairs written into the path key
	// (/things/compact?beta=true), in order: every call sends them.
	FixedQuery []QueryPair
	// AcceptHeader and ContentTypeHeader are the values of Accept and
	// Content-Type header parameters, which OpenAPI says to ignore as
	// parameters: a declared default or the only enum value, or "". The
	// SDK sends them as fixed headers (Content-Type on a request without
	// a body), since APIs that declare them expect them.
	AcceptHeader      string
	ContentTypeHeader string

	Params    []*Param // path params in path order first, then the rest in spec order
	Body      *RequestBody
	Responses []*Response

	// Security is nil when the operation inherits the document's default;
	// otherwise its own alternatives (an empty slice: no auth at all).
	Security       []SecurityRequirement
	HasOwnSecurity bool

	Scopes         [][]string // alternative sets of scopes
	ScopesInferred bool       // scopes read from prose, not from security requirements

	// IdempotencyHeader is the header parameter that carries an idempotency key.
	IdempotencyHeader string

	// Pagination is how the operation pages, when it is a list sdkgen can
	// drive page by page; nil otherwise.
	Pagination *Pagination

	// Retry is the operation's own retry policy (x-speakeasy-retries on
	// the operation), or nil for the client's.
	Retry *Retry

	// ErrorStatuses are the statuses ("404", classes such as "4XX") that
	// x-speakeasy-errors makes errors, merged down from the document to
	// the operation; nil when no level has the extension, and every
	// non-2xx status is an error.
	ErrorStatuses []string

	// ServerURL is the operation's (or its path's) own first server, with
	// variables at their defaults; "" when it uses the API's servers.
	ServerURL string

	Pos Pos

	// Names, set by AssignNames.
	GoName      string // method name on its service
	VarName     string // the unexported operation table entry (opGetTicket)
	RequestName string // OpRequest type, when the operation has one
	ResultName  string // OpResult type, when the method returns one

	// What AssignNames decided the SDK declares for the operation beside
	// its names: the response media types that get a method of their own
	// (each its Content.MethodName), and the typed response headers that
	// are fields of ResultName (nil without a result).
	Downloads     []*Content
	ResultHeaders []*Header
}

// Retry is a retry policy a spec asks for. Zero durations and a zero
// Exponent leave the SDK's defaults; a Retry with MaxRetries 0 retries
// nothing.
type Retry struct {
	MaxRetries     int
	InitialBackoff time.Duration
	MaxBackoff     time.Duration
	Exponent       float64
	MaxElapsed     time.Duration // 0: no time limit
	// Statuses are codes ("503") and classes ("5XX") to retry; nil leaves
	// the SDK's default set, an empty list retries no status.
	Statuses            []string
	NoConnectionRetries bool
	Pos                 Pos
}

// QueryPair is one name=value pair of a fixed query.
type QueryPair struct {
	Name  string // decoded
	Value string // decoded
	// Bare marks a name written without "=" (?beta): it is sent the same way.
	Bare bool
}

// QueryString is the fixed query, encoded: "beta=true&x=a+b", or "".
func (o *Operation) QueryString() string {
	var b strings.Builder
	for i, q := range o.FixedQuery {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(q.Name))
		if !q.Bare {
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(q.Value))
		}
	}
	return b.String()
}

// ReturnedResponses lists the documented non-2xx responses that are not
// errors: with x-speakeasy-errors, a status it does not list (by code or
// class) is a response like a success, returned in the OpResult. A
// "default" response, and any status the spec does not document, stay
// errors. Exact statuses come before classes, so the runtime's first
// match is the most specific.
func (o *Operation) ReturnedResponses() []*Response {
	if o.ErrorStatuses == nil {
		return nil
	}
	var exact, classes []*Response
	for _, r := range o.Responses {
		if r.IsSuccess() || r.Status == "2XX" || r.Status == "default" || StatusListed(o.ErrorStatuses, r.Status) {
			continue
		}
		if strings.HasSuffix(r.Status, "XX") {
			classes = append(classes, r)
		} else {
			exact = append(exact, r)
		}
	}
	return append(exact, classes...)
}

// StatusListed reports whether a status ("404" or a class "4XX") is in a
// list of statuses and classes: by code, or by a class that covers it.
func StatusListed(list []string, status string) bool {
	for _, s := range list {
		if s == status || len(s) == 3 && len(status) == 3 && s[1:] == "XX" && s[0] == status[0] {
			return true
		}
	}
	return false
}

// SuccessBodies lists the 2xx responses that carry a body.
func (o *Operation) SuccessBodies() []*Response {
	var out []*Response
	for _, r := range o.Responses {
		if (r.IsSuccess() || r.Status == "2XX") && len(r.Contents) > 0 && r.Status != "204" && r.Status != "205" {
			out = append(out, r)
		}
	}
	return out
}

// MediaWord is the word that tells apart the methods of an operation taking
// several request media types: Multipart, Form, Text, Binary, or the
// subtype's words.
func MediaWord(c *Content) string {
	switch c.Kind {
	case ContentMultipart:
		return "Multipart"
	case ContentForm:
		return "Form"
	case ContentText:
		return "Text"
	case ContentJSON:
		return "JSON"
	}
	return "Binary"
}

// InRequest reports whether the parameter is a field of its operation's
// request struct: a query, header or cookie parameter that is neither a
// client global nor ignored.
func (p *Param) InRequest() bool {
	return p.In != InPath && p.Global == nil && !p.Ignored
}

// Method is one Go method an operation becomes.
type Method struct {
	Name     string
	Request  string   // the request struct, "" when there is none
	Body     *Content // the request media type it sends; nil: no body
	Download *Content // non-nil: the method asks for this media type and streams it
}

// Methods lists the Go methods of o, once names are assigned: one per
// request media type (or one, without a body), then one per download,
// which shares the first method's request.
func (o *Operation) Methods() []Method {
	var out []Method
	if o.Body == nil || len(o.Body.Contents) == 0 {
		out = []Method{{Name: o.GoName, Request: o.RequestName}}
	} else {
		for _, c := range o.Body.Contents {
			out = append(out, Method{Name: c.MethodName, Request: c.RequestName, Body: c})
		}
	}
	for _, c := range o.Downloads {
		m := out[0]
		m.Name, m.Download = c.MethodName, c
		out = append(out, m)
	}
	return out
}

// PathParams returns the path parameters in the order the path names them.
func (o *Operation) PathParams() []*Param {
	var out []*Param
	for _, p := range o.Params {
		if p.In == InPath {
			out = append(out, p)
		}
	}
	return out
}

// Parameter locations.
const (
	InPath   = "path"
	InQuery  = "query"
	InHeader = "header"
	InCookie = "cookie"
)

// Param is one operation parameter.
type Param struct {
	Name       string // wire name
	In         string
	Required   bool
	Deprecated bool
	Doc        string
	Style      string // form, simple, label, matrix, spaceDelimited, pipeDelimited, deepObject; tabDelimited (Swagger 2.0's tsv)
	Explode    bool
	// ContentType is set for parameters described by `content` (JSON encoded).
	ContentType string
	Type        *Type
	Global      *Global // non-nil when the parameter is a client global
	Ignored     bool    // x-speakeasy-ignore: not in the method signature
	// Sensitive marks a value the SDK must never reveal
	// (x-speakeasy-param-sensitive): its errors show it redacted.
	Sensitive bool
	Examples  []Example
	Pos       Pos
	// Rename is the Go name the spec asks for on the parameter (the field
	// in OpRequest, or the argument of a path parameter), or nil.
	Rename *Rename

	GoName  string // field name in OpRequest
	ArgName string // argument name for path parameters
}

// RequestBody is the body an operation takes.
type RequestBody struct {
	Required bool
	Doc      string
	Contents []*Content // one per media type, JSON first
	Pos      Pos
}

// Content is one media type of a body or response.
type Content struct {
	MediaType string
	Kind      ContentKind
	Type      *Type // nil when there is no schema
	// PartTypes are the encoding object's contentType per property
	// (multipart and form bodies), in document order.
	PartTypes []PartType
	Examples  []Example
	// Sentinel is the event data that ends a stream of events
	// (x-speakeasy-sse-sentinel, such as "[DONE]"), or "".
	Sentinel string
	// Events, on a streamed response a method returns, is its typed
	// events when its schema is a union of events named by their event
	// field; set by AssignNames.
	Events *EventUnion

	// For request bodies, set by AssignNames: the method and request
	// struct that send this media type. The first (JSON, when there is
	// one) uses the operation's own names. For a response media type in
	// Operation.Downloads, MethodName is the method that asks for it.
	MethodName  string
	RequestName string
}

// PartType is what a body's encoding object says of one property: the
// media type of a multipart part, and for forms its style and explode.
type PartType struct {
	Name        string
	ContentType string
	Style       string // "" when not given
	Explode     *bool
}

// ContentKind is how a body is encoded on the wire.
type ContentKind string

// The body encodings.
const (
	ContentJSON      ContentKind = "json"
	ContentForm      ContentKind = "form"      // application/x-www-form-urlencoded
	ContentMultipart ContentKind = "multipart" // multipart/form-data
	ContentText      ContentKind = "text"      // text/*
	ContentBinary    ContentKind = "binary"    // anything else: streamed
)

// Response is one status code of an operation.
type Response struct {
	Status   string // "200", "2XX", "default"
	Doc      string
	Contents []*Content
	Headers  []*Header
	Pos      Pos
	GoName   string // field in OpResult, set by AssignNames
}

// IsSuccess reports whether the status is a 2xx one.
func (r *Response) IsSuccess() bool { return len(r.Status) == 3 && r.Status[0] == '2' }

// Header is a response header.
type Header struct {
	Name     string
	Required bool
	Doc      string
	Type     *Type
	Examples []Example
	GoName   string // field in OpResult, set by AssignNames
}

// Example is one example a spec gives for a parameter, header or media
// type: its lone `example`, or one entry of its `examples` map.
type Example struct {
	Name          string // key in the examples map; "" for a lone example
	Summary       string
	Value         string // the value as compact JSON; "" when the spec gives none
	ExternalValue string // a URL of the example, when it lives outside the spec
}

// Pos is where something is written in the spec.
type Pos struct {
	File    string // as given to the parser (relative when the input was)
	Line    int    // 1-based; 0 when unknown
	Col     int
	Pointer string // JSON pointer, "#/paths/~1pets/get"
}
