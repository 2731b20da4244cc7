package model

import (
	"cmp"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reserved are the exported package-level names every generated SDK may
// declare itself (client, options, runtime aliases, the generated test and
// the names go test gives meaning to). No name from a spec may take them;
// a test in package gen checks that every fixed name the generator writes
// is listed here, so this is the one list.
var Reserved = []string{
	"APIError", "Client", "Date", "Middleware", "New", "NewNullable", "Null", "Nullable",
	"Option", "Ptr", "RequestOption", "RequiredScopes", "ExpandScope", "RetryPolicy", "RetryOption", "Time",
	"UserAgent", "Version", "DefaultServerURL", "UploadFile", "ErrorBody", "ServerURL",
	"BodyTooLargeError", "ErrEmptyBody",
	"WithHTTPClient", "WithMiddleware", "WithRequestHeader", "WithResponseInto",
	"WithRetryPolicy", "WithServerURL", "WithTimeout", "WithUserAgent", "WithMaxResponseBody",
	"TestConformance", "TestMain",
}

// StreamNames are the package-level names an SDK declares when an
// operation returns a stream of events.
var StreamNames = []string{"Stream", "StreamEvent", "EventError"}

// ReservedMethods are the methods a generated struct may carry; its fields
// must not take their names.
var ReservedMethods = []string{"MarshalJSON", "UnmarshalJSON", "DecodeResponse"}

// ReservedArgs are the names a generated method uses for itself; path
// parameter arguments must not shadow them.
var ReservedArgs = []string{
	"bytes", "c", "context", "core", "ctx", "err", "errors", "fetchPage", "fmt", "http", "io", "iter", "json", "pageItems",
	"opts", "out", "r", "req", "s", "strconv", "strings", "time", "url",
}

// NameOptions feeds the naming pass.
type NameOptions struct {
	Previous  map[string]string // from sdkgen.lock: honoured first
	Overrides map[string]string // from the config: honoured next
	// Diagnostics, when not nil, receives a warning for each name a vendor
	// extension asks for that cannot be honoured.
	Diagnostics *Diagnostics
}

// renameIdent is the identifier a vendor extension's name stands for: the
// name itself when it is already an exported identifier (x-go-name: UserId
// stays UserId), otherwise the name sanitised as spec names are. ok is
// false when nothing sensible comes of it: an empty name, or one that does
// not start with a letter or underscore ("1st", "+x").
func renameIdent(name string, exported bool) (id string, ok bool) {
	name = strings.TrimSpace(name)
	first, _ := utf8.DecodeRuneInString(name)
	if name == "" || !unicode.IsLetter(first) && first != '_' || len(Words(name)) == 0 {
		return "", false
	}
	if !exported {
		return Unexported(name), true
	}
	if token.IsIdentifier(name) && unicode.IsUpper(first) {
		return name, true
	}
	return Exported(name), true
}

// renameUsable reports whether r asks for an identifier at all; a thing
// whose rename is not one keeps its derived name, which others must not
// take.
func renameUsable(r *Rename, exported bool) bool {
	if r == nil {
		return false
	}
	_, ok := renameIdent(r.Name, exported)
	return ok
}

// renameRejected is a rename the naming pass could not honour, reported
// once the thing has its derived name.
type renameRejected struct {
	r      *Rename
	noun   string // "type", "field", "parameter"
	id     string // the identifier asked for; "" when not one
	derive func() string
}

func (opt NameOptions) report(rejected []renameRejected) {
	if opt.Diagnostics == nil {
		return
	}
	for _, x := range rejected {
		if x.id == "" {
			opt.Diagnostics.Add(Warning, "bad-extension", x.r.Pos, "%s %q is not a Go identifier; the %s keeps the name %s", x.r.Ext, x.r.Name, x.noun, x.derive())
			continue
		}
		opt.Diagnostics.Add(Warning, "bad-extension", x.r.Pos, "%s %q: the name %s belongs to something else in its scope; the %s keeps the name %s", x.r.Ext, x.r.Name, x.id, x.noun, x.derive())
	}
}

// renamed is one rename to claim in a namespace, before derived names.
type renamed struct {
	r    *Rename
	noun string
	set  func(string)
	name func() string // the final name, for the warning when rejected
}

// claimRenames claims each rename's identifier in ns, in the order given,
// unless it is not one, is taken already, or is a name something else in
// the scope derives (wanted): a rename never pushes a spec's own name
// aside. It returns the renames it could not honour.
func claimRenames(ns *namespace, rs []renamed, wanted map[string]bool, exported bool) (rejected []renameRejected, done []bool) {
	done = make([]bool, len(rs))
	for i, x := range rs {
		id, ok := renameIdent(x.r.Name, exported)
		switch {
		case !ok:
			rejected = append(rejected, renameRejected{r: x.r, noun: x.noun, derive: x.name})
		case ns.taken[id] || wanted[id]:
			rejected = append(rejected, renameRejected{r: x.r, noun: x.noun, id: id, derive: x.name})
		default:
			ns.taken[id] = true
			x.set(id)
			done[i] = true
		}
	}
	return rejected, done
}

// namespace hands out unique identifiers in one Go scope.
type namespace struct {
	taken    map[string]bool
	reserved map[string]bool
}

func newNamespace(reserved ...[]string) *namespace {
	ns := &namespace{taken: map[string]bool{}, reserved: map[string]bool{}}
	for _, list := range reserved {
		for _, r := range list {
			ns.taken[r], ns.reserved[r] = true, true
		}
	}
	return ns
}

// claim returns want, or want with the first free suffix. A name reserved
// by the runtime gets a word first (ClientModel), so it reads well.
func (ns *namespace) claim(want string) string {
	if !ns.taken[want] {
		ns.taken[want] = true
		return want
	}
	base := want
	if ns.reserved[want] {
		base = want + "Model"
		if !ns.taken[base] {
			ns.taken[base] = true
			return base
		}
	}
	for i := 2; ; i++ {
		if n := base + strconv.Itoa(i); !ns.taken[n] {
			ns.taken[n] = true
			return n
		}
	}
}

// request is one name wanted in a namespace.
type request struct {
	key    string // stable key, recorded in sdkgen.lock
	want   string
	exact  bool // the source name is already this identifier: it wins ties
	set    func(string)
	rename *Rename // the name a vendor extension asks for, or nil
	noun   string  // what is named, for warnings about rename
}

// assign names requests in an order that does not depend on the order they
// were made: previous names first, then overrides, then names vendor
// extensions ask for, then exact source names, then the rest, each group
// sorted by key.
func assign(ns *namespace, reqs []request, opt NameOptions, out map[string]string) {
	slices.SortStableFunc(reqs, func(a, b request) int {
		return cmp.Or(-cmpBool(a.exact, b.exact), cmp.Compare(a.key, b.key))
	})
	done := make([]bool, len(reqs))
	take := func(i int, name string) {
		reqs[i].set(name)
		if reqs[i].key != "" {
			out[reqs[i].key] = name
		}
		done[i] = true
	}
	for _, src := range []map[string]string{opt.Previous, opt.Overrides} {
		for i, r := range reqs {
			if done[i] || r.key == "" {
				continue
			}
			if n, ok := src[r.key]; ok && isIdent(n) && !ns.taken[n] {
				ns.taken[n] = true
				take(i, n)
			}
		}
	}
	wanted := map[string]bool{}
	var rs []renamed
	for i, r := range reqs {
		if done[i] {
			continue
		}
		if !renameUsable(r.rename, true) {
			wanted[r.want] = true
		}
		if r.rename == nil {
			continue
		}
		i := i
		rs = append(rs, renamed{r: r.rename, noun: r.noun, set: func(n string) { take(i, n) }, name: func() string { return out[reqs[i].key] }})
	}
	rejected, _ := claimRenames(ns, rs, wanted, true)
	for i, r := range reqs {
		if !done[i] {
			take(i, ns.claim(r.want))
		}
	}
	opt.report(rejected)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func isIdent(s string) bool {
	return s != "" && Exported(s) == s || s != "" && Unexported(s) == s
}

// AssignNames is the one global naming pass: it gives every declared thing
// its Go identifier, the same whatever order the spec's maps were read in.
// The algorithm is public API: changing it renames users' code.
func AssignNames(api *API, opt NameOptions) {
	// Each spec's names start from an empty memo: the names of the
	// specs named before are of no use to this one.
	exportedMemo.reset()
	suffixMemo.reset()
	api.Names = map[string]string{}
	for _, o := range api.Operations() {
		o.Downloads = downloads(o)
	}
	var extra []string
	for _, o := range api.Operations() {
		if o.Streams() {
			extra = StreamNames
			break
		}
	}
	pkg := newNamespace(Reserved, extra)

	// Package level: services, then types, then request types, options and
	// enum constants; each group in key order.
	var reqs []request
	for _, s := range api.Services {
		if s.Tag == "" {
			continue
		}
		s := s
		reqs = append(reqs, request{key: "service:" + s.Tag, want: Exported(s.Tag) + "Service", set: func(n string) {
			s.TypeName = n
			s.GoName = strings.TrimSuffix(n, "Service")
		}})
	}
	assign(pkg, reqs, opt, api.Names)

	reqs = reqs[:0]
	for _, t := range api.Types {
		t := t
		reqs = append(reqs, request{key: "type:" + t.Key, want: Exported(t.Name), exact: Exported(t.Name) == t.Name, set: func(n string) { t.GoName = n },
			rename: t.Rename, noun: "type"})
	}
	assign(pkg, reqs, opt, api.Names)

	reqs = reqs[:0]
	for _, o := range api.Operations() {
		o := o
		if hasRequestStruct(o) {
			reqs = append(reqs, request{key: "request:" + o.ID, want: Exported(o.ID) + "Request", set: func(n string) { o.RequestName = n }})
		}
		if needsResult(o, api.RequestIDHeader) {
			reqs = append(reqs, request{key: "result:" + o.ID, want: Exported(o.ID) + "Result", set: func(n string) { o.ResultName = n }})
		}
		if o.Body != nil {
			for _, c := range o.Body.Contents[1:] {
				c := c
				word := MediaWord(c)
				reqs = append(reqs, request{key: "request:" + o.ID + ":" + word, want: Exported(o.ID) + word + "Request", set: func(n string) { c.RequestName = n }})
			}
		}
	}
	for _, s := range api.Schemes {
		s := s
		reqs = append(reqs, request{key: "scheme:" + s.Name, want: "With" + Exported(s.Name), set: func(n string) { s.GoName = strings.TrimPrefix(n, "With") }})
		if s.Kind == SchemeOAuth2 && s.TokenURL != "" {
			reqs = append(reqs, request{key: "scheme:" + s.Name + ":client-credentials", want: "With" + Exported(s.Name) + "ClientCredentials", set: func(n string) { s.ClientCredentialsName = strings.TrimPrefix(n, "With") }})
		}
	}
	for _, w := range api.Webhooks {
		w := w
		word := Exported(w.Name)
		if w.Method != "POST" {
			word += Exported(strings.ToLower(w.Method))
		}
		reqs = append(reqs, request{key: "webhook:" + w.Name + ":" + w.Method, want: "Decode" + word + "Webhook", set: func(n string) { w.DecodeName = n }})
		if w.Standard {
			reqs = append(reqs, request{key: "webhook:" + w.Name + ":" + w.Method + ":verify", want: "Verify" + word + "Webhook", set: func(n string) { w.VerifyName = n }})
		}
	}
	for _, g := range api.Globals {
		g := g
		reqs = append(reqs, request{key: "global:" + g.In + ":" + g.Name, want: "With" + Exported(g.Name), set: func(n string) { g.GoName = strings.TrimPrefix(n, "With") }})
	}
	assign(pkg, reqs, opt, api.Names)

	reqs = reqs[:0]
	for _, t := range api.Types {
		t := t
		for _, v := range t.Enum {
			v := v
			word := Suffix(v.Value)
			if w := joinWords(Words(v.Word)); w != "" {
				word = w
			}
			reqs = append(reqs, request{want: t.GoName + word, key: "", set: func(n string) { v.GoName = n }})
		}
	}
	// Enum constants follow their type's name, so they are not locked on
	// their own; sort them by type then value for a stable outcome.
	assignInOrder(pkg, reqs)

	// The event types of streams come last, so no name above ever
	// depends on whether a stream's events are typed.
	nameEvents(api, pkg, opt)

	// Operation table entries: unexported, their own namespace.
	unexp := newNamespace()
	for _, o := range api.Operations() {
		o.VarName = unexp.claim("op" + Exported(o.ID))
	}

	nameServices(api, opt)
	for _, t := range api.Types {
		nameFields(t, opt)
		nameVariants(t.Variants)
	}
}

// assignInOrder claims names in the given order (already deterministic).
func assignInOrder(ns *namespace, reqs []request) {
	for _, r := range reqs {
		r.set(ns.claim(r.want))
	}
}

// nameServices names methods, request fields and path arguments.
func nameServices(api *API, opt NameOptions) {
	var clientScope []string
	for _, s := range api.Services {
		if s.GoName != "" {
			clientScope = append(clientScope, s.GoName)
		}
	}
	for _, s := range api.Services {
		ns := newNamespace()
		if s.Tag == "" {
			// Untagged operations are methods of Client itself.
			ns = newNamespace(clientScope)
		}
		var reqs []request
		for _, o := range s.Operations {
			o := o
			want := methodName(o, s)
			reqs = append(reqs, request{key: "method:" + o.ID, want: want, exact: o.NameOverride != "", set: func(n string) { o.GoName = n }})
		}
		assign(ns, reqs, opt, api.Names)
		// Methods for further request media types follow their operation's
		// name (CreateTokenForm), after every plain name is taken.
		reqs = reqs[:0]
		for _, o := range s.Operations {
			var contents []*Content
			if o.Body != nil {
				contents = o.Body.Contents
			}
			for i, c := range contents {
				c := c
				if i == 0 {
					c.MethodName, c.RequestName = o.GoName, o.RequestName
					continue
				}
				reqs = append(reqs, request{key: "method:" + o.ID + ":" + MediaWord(c), want: o.GoName + MediaWord(c), set: func(n string) { c.MethodName = n }})
			}
			for _, c := range o.Downloads {
				c := c
				word := Exported(subtype(c.MediaType))
				reqs = append(reqs, request{key: "method:" + o.ID + ":accept:" + c.MediaType, want: o.GoName + word, set: func(n string) { c.MethodName = n }})
			}
			if pg := o.Pagination; pg != nil {
				reqs = append(reqs, request{key: "method:" + o.ID + ":all", want: o.GoName + "All", set: func(n string) { pg.MethodName = n }})
			}
		}
		assign(ns, reqs, opt, api.Names)
		for _, o := range s.Operations {
			nameParams(o, opt)
			nameResult(o, api.RequestIDHeader)
		}
	}
}

// methodName is the override, or the operationId without the service's
// own name in front (repos/get-content in Repos → GetContent).
func methodName(o *Operation, s *Service) string {
	if o.NameOverride != "" {
		return Exported(o.NameOverride)
	}
	full := Exported(o.ID)
	if s.GoName == "" {
		return full
	}
	words := Words(o.ID)
	svc := Words(s.Tag)
	if len(words) > len(svc) && strings.EqualFold(strings.Join(words[:len(svc)], ""), strings.Join(svc, "")) {
		return Exported(strings.Join(words[len(svc):], " "))
	}
	return full
}

// nameParams names the request struct fields and the path arguments;
// the names vendor extensions ask for first.
func nameParams(o *Operation, opt NameOptions) {
	fields := newNamespace(ReservedMethods)
	if o.Body != nil {
		fields.claim("Body")
	}
	args := newNamespace(ReservedArgs)
	var path, rest []*Param
	for _, p := range o.Params {
		if p.In == InPath {
			path = append(path, p)
		} else {
			rest = append(rest, p)
		}
	}

	// Path arguments, in path order.
	wanted := map[string]bool{}
	var rs []renamed
	var renamedArgs []*Param
	for _, p := range path {
		if !renameUsable(p.Rename, false) {
			wanted[Unexported(p.Name)] = true
		}
		if p.Rename == nil {
			continue
		}
		p := p
		rs = append(rs, renamed{r: p.Rename, noun: "parameter", set: func(n string) { p.ArgName = n }, name: func() string { return p.ArgName }})
		renamedArgs = append(renamedArgs, p)
	}
	rejected, done := claimRenames(args, rs, wanted, false)
	for _, p := range path {
		if i := slices.Index(renamedArgs, p); i < 0 || !done[i] {
			p.ArgName = args.claim(Unexported(p.Name))
		}
	}
	opt.report(rejected)

	// Request struct fields: exact names first, then by name.
	type entry struct {
		p     *Param
		want  string
		exact bool
	}
	sorted := make([]entry, len(rest))
	for i, p := range rest {
		w := Exported(p.Name)
		sorted[i] = entry{p, w, w == p.Name}
	}
	slices.SortStableFunc(sorted, func(a, b entry) int {
		return cmp.Or(-cmpBool(a.exact, b.exact), cmp.Compare(a.p.Name, b.p.Name), cmp.Compare(a.p.In, b.p.In))
	})
	wanted = map[string]bool{}
	rs = rs[:0]
	var renamedFields []*Param
	for _, e := range sorted {
		// A global or ignored parameter has no field: its rename is moot.
		if !renameUsable(e.p.Rename, true) {
			wanted[e.want] = true
		}
		if e.p.Rename == nil || e.p.Global != nil || e.p.Ignored {
			continue
		}
		p := e.p
		rs = append(rs, renamed{r: p.Rename, noun: "parameter", set: func(n string) { p.GoName = n }, name: func() string { return p.GoName }})
		renamedFields = append(renamedFields, p)
	}
	rejected, done = claimRenames(fields, rs, wanted, true)
	for _, e := range sorted {
		if i := slices.Index(renamedFields, e.p); i < 0 || !done[i] {
			e.p.GoName = fields.claim(e.want)
		}
	}
	opt.report(rejected)
}

// nameFields names struct fields: the names vendor extensions ask for
// first, then exact JSON names, then by name, so "m" and "M" always get
// the same two identifiers. The field holding additional properties is
// named last, so a declared property keeps its name.
func nameFields(t *Type, opt NameOptions) {
	ns := newNamespace(ReservedMethods)
	type entry struct {
		f     *Field
		want  string
		exact bool
	}
	sorted := make([]entry, len(t.Fields))
	for i, f := range t.Fields {
		w := Exported(f.Name)
		sorted[i] = entry{f, w, w == f.Name}
	}
	slices.SortStableFunc(sorted, func(a, b entry) int {
		return cmp.Or(-cmpBool(a.exact, b.exact), cmp.Compare(a.f.Name, b.f.Name))
	})
	wanted := map[string]bool{}
	var rs []renamed
	var renamedFields []*Field
	for _, e := range sorted {
		if !renameUsable(e.f.Rename, true) {
			wanted[e.want] = true
		}
		if e.f.Rename == nil {
			continue
		}
		f := e.f
		rs = append(rs, renamed{r: f.Rename, noun: "field", set: func(n string) { f.GoName = n }, name: func() string { return f.GoName }})
		renamedFields = append(renamedFields, f)
	}
	rejected, done := claimRenames(ns, rs, wanted, true)
	for _, e := range sorted {
		if i := slices.Index(renamedFields, e.f); i < 0 || !done[i] {
			e.f.GoName = ns.claim(e.want)
		}
	}
	if t.Additional != nil {
		t.AdditionalName = ns.claim("AdditionalProperties")
	}
	opt.report(rejected)
}

// nameVariants names a union's fields: a named variant by its type, any
// other by its kind (String, Int64, Array…).
func nameVariants(vs []*Variant) {
	ns := newNamespace([]string{"Unknown", "MarshalJSON", "UnmarshalJSON"})
	for _, v := range vs {
		want := v.Type.GoName
		switch {
		case v.Word != "":
			want = Exported(v.Word)
		case want == "":
			want = kindWord(v.Type)
		}
		v.GoName = ns.claim(want)
	}
}

func kindWord(t *Type) string {
	return kindWordDepth(t, 0)
}

func kindWordDepth(t *Type, depth int) string {
	if t.GoName != "" {
		return t.GoName
	}
	if depth > 8 {
		return "Value" // a list of lists of … : the name need only be unique
	}
	switch t.Kind {
	case KindInt:
		if t.Bits == 32 {
			return "Int32"
		}
		return "Int64"
	case KindFloat:
		if t.Bits == 32 {
			return "Float32"
		}
		return "Float64"
	case KindArray:
		return kindWordDepth(t.Elem, depth+1) + "List"
	case KindMap:
		return kindWordDepth(t.Elem, depth+1) + "Map"
	case KindDateTime:
		return "Time"
	case KindAny:
		return "Value"
	}
	return Exported(string(t.Kind))
}

// nameResult names an OpResult's fields: one per success status with a
// body (Body when there is one; else by status: OK, Created…), one per
// other status returned rather than an error, with a body (NotFound…), one
// per typed header.
func nameResult(o *Operation, requestID string) {
	o.ResultHeaders = nil
	if o.ResultName == "" {
		return
	}
	o.ResultHeaders = resultHeaders(o, requestID)
	ns := newNamespace([]string{"StatusCode", "DecodeResponse"})
	bodies := o.SuccessBodies()
	for _, r := range bodies {
		want := "Body"
		if len(bodies) > 1 {
			want = StatusWord(r.Status)
		}
		r.GoName = ns.claim(want)
	}
	for _, r := range o.ReturnedResponses() {
		if len(r.Contents) > 0 {
			r.GoName = ns.claim(StatusWord(r.Status))
		}
	}
	for _, h := range o.ResultHeaders {
		h.GoName = ns.claim(Exported(h.Name))
	}
}

// What the SDK declares for an operation is decided here, once, because
// the naming pass names it: the generator reads the outcome (RequestName,
// ResultName, Downloads, ResultHeaders) and never decides again.

// hasRequestStruct reports whether the method takes an OpRequest argument:
// it has query, header or cookie parameters (globals and ignored ones aside)
// or a body.
func hasRequestStruct(o *Operation) bool {
	if o.Body != nil {
		return true
	}
	for _, p := range o.Params {
		if p.InRequest() {
			return true
		}
	}
	return false
}

// needsResult reports whether the method returns an OpResult: when it
// returns responses x-speakeasy-errors does not make errors, or its
// success responses carry different bodies, or declare typed headers,
// unless a body is binary (it streams).
func needsResult(o *Operation, requestID string) bool {
	bodies := o.SuccessBodies()
	for _, r := range bodies {
		if r.Contents[0].Kind == ContentBinary || StreamFormat(r.Contents[0].MediaType) != "" {
			return false // a download or event stream is returned as it comes; WithResponseInto has its headers
		}
	}
	if len(o.ReturnedResponses()) > 0 {
		return true // a status x-speakeasy-errors returns needs a field or StatusCode
	}
	if len(resultHeaders(o, requestID)) > 0 {
		return true
	}
	for _, r := range bodies[min(1, len(bodies)):] {
		a, b := bodies[0].Contents[0], r.Contents[0]
		if a.Type != b.Type || a.Kind != b.Kind {
			return true
		}
	}
	return false
}

// resultHeaders lists the headers the 2xx responses declare, other than
// the API's request-id header (which APIError and WithResponseInto carry):
// an OpResult's typed header fields.
func resultHeaders(o *Operation, requestID string) []*Header {
	var out []*Header
	seen := map[string]bool{}
	for _, r := range o.Responses {
		if !r.IsSuccess() && r.Status != "2XX" {
			continue
		}
		for _, h := range r.Headers {
			k := strings.ToLower(h.Name)
			if seen[k] || strings.EqualFold(h.Name, requestID) {
				continue
			}
			seen[k] = true
			out = append(out, h)
		}
	}
	return out
}

// downloads lists the other media types of the first success response
// when it offers JSON and something else (a PDF of the same statement):
// each gets a method that asks for it and streams it.
func downloads(o *Operation) []*Content {
	bodies := o.SuccessBodies()
	if len(bodies) == 0 || len(bodies[0].Contents) < 2 || bodies[0].Contents[0].Kind != ContentJSON {
		return nil
	}
	var out []*Content
	for _, c := range bodies[0].Contents[1:] {
		if c.Kind == ContentBinary || c.Kind == ContentText {
			out = append(out, c)
		}
	}
	return out
}

// StatusWord names a status: 200 OK, 201 Created, 2XX Success.
func StatusWord(status string) string {
	if w, ok := statusWords[status]; ok {
		return w
	}
	return "Status" + Exported(status)
}

var statusWords = map[string]string{
	"200": "OK", "201": "Created", "202": "Accepted", "203": "NonAuthoritative", "206": "PartialContent",
	"207": "MultiStatus", "208": "AlreadyReported", "226": "IMUsed", "2XX": "Success",
	"300": "MultipleChoices", "304": "NotModified", "3XX": "Redirection",
	"400": "BadRequest", "401": "Unauthorized", "402": "PaymentRequired", "403": "Forbidden", "404": "NotFound",
	"405": "MethodNotAllowed", "409": "Conflict", "410": "Gone", "412": "PreconditionFailed", "422": "UnprocessableEntity",
	"429": "TooManyRequests", "4XX": "ClientError", "500": "InternalServerError", "502": "BadGateway",
	"503": "ServiceUnavailable", "504": "GatewayTimeout", "5XX": "ServerError",
}

// subtype is the words of a media type's subtype: application/pdf → pdf,
// image/svg+xml → svg xml.
func subtype(mediaType string) string {
	mt, _, _ := strings.Cut(mediaType, ";")
	_, sub, _ := strings.Cut(mt, "/")
	if sub == "*" || sub == "" {
		return strings.TrimSuffix(mt, "/*")
	}
	return sub
}

// ServiceSlug names a service in file names and links (docs/support.md):
// its Go field name as lower-case words joined by "-", or "client" for
// the operations that sit on the Client itself (which have no field).
//
// Several services can slug alike (the untagged operations are "client",
// and so is a tag called Client): ServiceSlugs names them all, the later
// ones with a number, as the page files need.
func ServiceSlug(goName string) string {
	ws := Words(goName)
	if len(ws) == 0 {
		return "client"
	}
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return strings.Join(ws, "-")
}

// ServiceSlugs are the services' slugs, in order, each unique: a slug
// taken by an earlier service gets "-2", "-3"….
func ServiceSlugs(goNames []string) []string {
	out := make([]string, len(goNames))
	taken := map[string]bool{}
	for i, n := range goNames {
		slug := ServiceSlug(n)
		for k := 2; taken[slug]; k++ {
			slug = ServiceSlug(n) + "-" + strconv.Itoa(k)
		}
		taken[slug] = true
		out[i] = slug
	}
	return out
}
