package sdkdiff

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/model"
)

// The wire kinds: what a request or response looks like on the network
// changed while the Go code users wrote still compiles.
const (
	kindChangedPath         = "changed-path"
	kindChangedHTTPMethod   = "changed-http-method"
	kindChangedParamName    = "changed-param-name"
	kindChangedParamIn      = "changed-param-location"
	kindChangedParamStyle   = "changed-param-style"
	kindNewRequiredParam    = "new-required-param"
	kindParamNowRequired    = "param-now-required"
	kindNewRequiredBody     = "new-required-body"
	kindBodyNowRequired     = "body-now-required"
	kindChangedRequestMedia = "changed-request-media"
	kindChangedResponse     = "changed-response"
	kindChangedStatus       = "changed-response-status"
	kindChangedJSONName     = "changed-json-name"
	kindNewRequiredField    = "new-required-field"
	kindFieldNowRequired    = "field-now-required"
	kindChangedEnumValue    = "changed-enum-value"
	kindChangedDiscrim      = "changed-discriminator"
	kindChangedSecurity     = "changed-security"
	kindChangedAuthScheme   = "changed-auth-scheme"
	kindChangedGlobal       = "changed-global"
	kindChangedOperationID  = "changed-operation-id"
	kindChangedScopes       = "changed-scopes"

	// Outside the API and the wire contract (a patch).
	kindChangedGlobalDefault = "changed-global-default"
	kindChangedCode          = "changed-code"
)

// kindOrder is the order reports list kinds in: within each section, the
// most consequential first.
var kindOrder = []string{
	kindRemovedMethod, kindRenamedMethod, kindChangedSignature, kindRemovedField, kindChangedFieldType,
	kindRemovedEnumValue, kindRemovedType, kindRenamedType, kindChangedType, kindRemovedFunc,
	kindRemovedConst, kindRemovedVar, kindChangedAPI,
	kindAddedMethod, kindAddedType, kindAddedField, kindAddedEnumValue, kindAddedFunc, kindAddedConst,
	kindAddedVar, kindNotComparable,
	kindChangedPath, kindChangedHTTPMethod, kindChangedParamName, kindChangedParamIn, kindChangedParamStyle,
	kindNewRequiredParam, kindParamNowRequired, kindNewRequiredBody, kindBodyNowRequired,
	kindChangedRequestMedia, kindChangedResponse, kindChangedStatus, kindChangedJSONName,
	kindNewRequiredField, kindFieldNowRequired, kindChangedEnumValue, kindChangedDiscrim,
	kindChangedSecurity, kindChangedAuthScheme, kindChangedGlobal, kindChangedOperationID, kindChangedScopes,
	kindConstValue, kindChangedGlobalDefault, kindChangedCode,
}

// kindRank is a kind's place in kindOrder (unknown kinds last).
func kindRank(k string) int {
	if i := slices.Index(kindOrder, k); i >= 0 {
		return i
	}
	return len(kindOrder)
}

// opRef is an operation with the service it is a method of.
type opRef struct {
	svc *model.Service
	op  *model.Operation
}

// recv is the Go type the operation's method is declared on.
func (r opRef) recv() string {
	if r.svc.TypeName == "" {
		return "Client" // untagged operations are methods of Client
	}
	return r.svc.TypeName
}

// symbol is the method's Go name, Service.Method.
func (r opRef) symbol() string { return r.recv() + "." + r.op.GoName }

// opRename is an operation whose method's Go name changed: it was matched
// by HTTP method and path instead.
type opRename struct{ old, new opRef }

// wireDiff compares two models. Operations are matched by their method's
// Go name, then (for those left) by HTTP method and path; types by Go
// name; fields, parameters and enum values by Go name within them. What
// differs under the same Go name is what the Go API cannot show.
type wireDiff struct {
	old, new       *model.API
	oldOps, newOps map[string]opRef // by symbol
	renames        []opRename
	wire, other    []Change
}

// run compares the models, filling wire, other and renames.
func (w *wireDiff) run() {
	w.oldOps, w.newOps = opsBySymbol(w.old), opsBySymbol(w.new)
	byRoute := func(ops map[string]opRef, skip map[string]opRef) map[string]opRef {
		m := map[string]opRef{}
		dup := map[string]bool{}
		for sym, r := range ops {
			if _, ok := skip[sym]; ok {
				continue
			}
			k := r.op.Method + " " + normPath(fullPath(r.op))
			if _, seen := m[k]; seen {
				dup[k] = true
			}
			m[k] = r
		}
		for k := range dup {
			delete(m, k) // ambiguous: leave them unmatched
		}
		return m
	}
	for _, sym := range slices.Sorted(maps.Keys(w.oldOps)) {
		if n, ok := w.newOps[sym]; ok {
			w.compareOps(w.oldOps[sym], n, true)
		}
	}
	oldLeft, newLeft := byRoute(w.oldOps, w.newOps), byRoute(w.newOps, w.oldOps)
	for _, k := range slices.Sorted(maps.Keys(oldLeft)) {
		if n, ok := newLeft[k]; ok {
			w.renames = append(w.renames, opRename{oldLeft[k], n})
			w.compareOps(oldLeft[k], n, false)
		}
	}
	w.compareGlobals()
	w.compareSchemes()
	w.compareTypes()
}

// opsBySymbol indexes an API's operations by their method's Go name.
func opsBySymbol(api *model.API) map[string]opRef {
	m := map[string]opRef{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			r := opRef{s, o}
			m[r.symbol()] = r
		}
	}
	return m
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// normPath is a path template with its parameter names left out: renaming
// {id} to {petID} changes nothing on the wire.
func normPath(p string) string { return pathParam.ReplaceAllString(p, "{}") }

// fullPath is the path template with the fixed query its path key carries,
// which is sent as much as the path is.
func fullPath(o *model.Operation) string {
	if q := o.QueryString(); q != "" {
		return o.Path + "?" + q
	}
	return o.Path
}

// addOp records a wire change of an operation.
func (w *wireDiff) addOp(r opRef, kind string, breaking bool, format string, args ...any) {
	w.wire = append(w.wire, Change{
		Kind: kind, Symbol: r.symbol(), Message: fmt.Sprintf(format, args...), Breaking: breaking,
		Operation: r.op.ID, Method: r.op.Method, Path: r.op.Path,
	})
}

// add records a wire change of something other than an operation.
func (w *wireDiff) add(symbol, kind string, breaking bool, format string, args ...any) {
	w.wire = append(w.wire, Change{Kind: kind, Symbol: symbol, Message: fmt.Sprintf(format, args...), Breaking: breaking})
}

// compareOps compares one operation across versions. sameName is false
// for operations matched by route, whose Go name changed.
func (w *wireDiff) compareOps(o, n opRef, sameName bool) {
	if o.op.Method != n.op.Method {
		w.addOp(n, kindChangedHTTPMethod, true, "HTTP method changed from %s to %s", o.op.Method, n.op.Method)
	}
	if normPath(fullPath(o.op)) != normPath(fullPath(n.op)) {
		w.addOp(n, kindChangedPath, true, "path changed from %s to %s", fullPath(o.op), fullPath(n.op))
	}
	if sameName && o.op.ID != n.op.ID {
		// RequiredScopes is keyed by operationId: callers asking with the
		// old one get nothing back.
		if len(o.op.Scopes) > 0 {
			w.addOp(n, kindChangedOperationID, true, "operationId changed from %s to %s; RequiredScopes(%q) now returns nil", o.op.ID, n.op.ID, o.op.ID)
		} else {
			w.addOp(n, kindChangedOperationID, false, "operationId changed from %s to %s", o.op.ID, n.op.ID)
		}
	}
	w.compareParams(o, n)
	w.compareBodies(o, n)
	if a, b := responseShape(o.op), responseShape(n.op); a != b {
		if typesOf(o.op) == typesOf(n.op) {
			w.addOp(n, kindChangedStatus, false, "success responses changed from %s to %s (same body types)", a, b)
		} else {
			w.addOp(n, kindChangedResponse, true, "success response changed from %s to %s", a, b)
		}
	}
	os, ns := securityOf(w.old, o.op), securityOf(w.new, n.op)
	switch {
	case slices.Equal(os, ns):
		if a, b := scopesText(o.op.Scopes), scopesText(n.op.Scopes); a != b {
			w.addOp(n, kindChangedScopes, false, "required scopes changed from %s to %s", a, b)
		}
	case isSubset(os, ns):
		w.addOp(n, kindChangedSecurity, false, "security changed from %s to %s (every old alternative still works)", securityText(os), securityText(ns))
	default:
		w.addOp(n, kindChangedSecurity, true, "security changed from %s to %s", securityText(os), securityText(ns))
	}
}

// requestParams are the parameters that are OpRequest fields, by Go name.
func requestParams(o *model.Operation) map[string]*model.Param {
	m := map[string]*model.Param{}
	for _, p := range o.Params {
		if p.InRequest() {
			m[p.GoName] = p
		}
	}
	return m
}

// compareParams compares query, header and cookie parameters by field name
// and path parameters by position (their names are not on the wire).
func (w *wireDiff) compareParams(o, n opRef) {
	op, np := requestParams(o.op), requestParams(n.op)
	for _, name := range slices.Sorted(maps.Keys(np)) {
		b := np[name]
		a, ok := op[name]
		if !ok {
			if b.Required {
				w.addOp(n, kindNewRequiredParam, true, "new required %s parameter %s (field %s.%s): calls that do not set it now fail",
					b.In, b.Name, n.op.RequestName, name)
			}
			continue
		}
		sameName := a.Name == b.Name || a.In != model.InQuery && strings.EqualFold(a.Name, b.Name)
		if !sameName {
			w.addOp(n, kindChangedParamName, true, "%s parameter %s.%s is sent as %q, not %q", b.In, n.op.RequestName, name, b.Name, a.Name)
		}
		if a.In != b.In {
			w.addOp(n, kindChangedParamIn, true, "parameter %s.%s (%s) moved from %s to %s", n.op.RequestName, name, b.Name, a.In, b.In)
		} else if a.Style != b.Style || a.Explode != b.Explode || a.ContentType != b.ContentType {
			w.addOp(n, kindChangedParamStyle, true, "%s parameter %s is serialised as %s, not %s", b.In, b.Name, paramStyle(b), paramStyle(a))
		}
		if !a.Required && b.Required {
			w.addOp(n, kindParamNowRequired, true, "%s parameter %s (field %s.%s) is now required", b.In, b.Name, n.op.RequestName, name)
		}
	}
	oPath, nPath := o.op.PathParams(), n.op.PathParams()
	for i := range min(len(oPath), len(nPath)) {
		a, b := oPath[i], nPath[i]
		if a.Style != b.Style || a.Explode != b.Explode {
			w.addOp(n, kindChangedParamStyle, true, "path parameter %s is serialised as %s, not %s", b.Name, paramStyle(b), paramStyle(a))
		}
	}
}

// paramStyle describes how a parameter is serialised.
func paramStyle(p *model.Param) string {
	if p.ContentType != "" {
		return p.ContentType
	}
	s := cmpOr(p.Style, "default")
	if p.Explode {
		return s + " (explode)"
	}
	return s
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// compareBodies compares request bodies: a newly required one, and media
// types the operation no longer sends.
func (w *wireDiff) compareBodies(o, n opRef) {
	a, b := o.op.Body, n.op.Body
	switch {
	case b == nil:
		return // a removed body removes Go API (the Body field or argument)
	case a == nil:
		if b.Required && o.op.RequestName != "" {
			w.addOp(n, kindNewRequiredBody, true, "a request body (%s.Body) is now required: calls without one now fail", n.op.RequestName)
		}
		return
	}
	if !a.Required && b.Required {
		w.addOp(n, kindBodyNowRequired, true, "the request body (%s.Body) is now required", n.op.RequestName)
	}
	var gone []string
	for _, c := range a.Contents {
		if !slices.ContainsFunc(b.Contents, func(d *model.Content) bool { return sameMedia(c.MediaType, d.MediaType) }) {
			gone = append(gone, c.MediaType)
		}
	}
	if len(gone) > 0 {
		w.addOp(n, kindChangedRequestMedia, true, "request body no longer sent as %s (now %s)", strings.Join(gone, ", "), mediaList(b.Contents))
	}
}

func sameMedia(a, b string) bool {
	a, _, _ = strings.Cut(a, ";")
	b, _, _ = strings.Cut(b, ";")
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

func mediaList(cs []*model.Content) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.MediaType)
	}
	return strings.Join(s, ", ")
}

// responseShape describes an operation's success bodies: status, media
// type and body type of each, "none" when it returns no body.
func responseShape(o *model.Operation) string {
	var parts []string
	for _, r := range o.SuccessBodies() {
		var cs []string
		for _, c := range r.Contents {
			cs = append(cs, c.MediaType+" "+typeDesc(c.Type))
		}
		parts = append(parts, r.Status+" "+strings.Join(cs, ", "))
	}
	if len(parts) == 0 {
		return "no body"
	}
	return strings.Join(parts, "; ")
}

// typesOf lists the distinct success body types of an operation, sorted.
func typesOf(o *model.Operation) string {
	var ts []string
	for _, r := range o.SuccessBodies() {
		for _, c := range r.Contents {
			ts = append(ts, typeDesc(c.Type))
		}
	}
	slices.Sort(ts)
	return strings.Join(slices.Compact(ts), ", ")
}

// typeDesc describes a type as the SDK declares it: a named type by its Go
// name, anything else by its shape.
func typeDesc(t *model.Type) string {
	return typeDescDepth(t, 0)
}

func typeDescDepth(t *model.Type, depth int) string {
	switch {
	case t == nil:
		return "(no schema)"
	case t.GoName != "":
		return t.GoName
	case depth > 8:
		return "…"
	}
	switch t.Kind {
	case model.KindArray:
		return "[]" + typeDescDepth(t.Elem, depth+1)
	case model.KindMap:
		return "map[string]" + typeDescDepth(t.Elem, depth+1)
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
	case model.KindDateTime:
		return "time.Time"
	case model.KindDate:
		return "Date"
	case model.KindBytes:
		return "[]byte"
	case model.KindBinary:
		return "binary"
	case model.KindRaw:
		return "json.RawMessage"
	case model.KindStruct:
		return "object"
	}
	return string(t.Kind)
}

// securityOf is an operation's effective security: its alternatives, each
// written "scheme[scopes]+scheme", sorted.
func securityOf(api *model.API, o *model.Operation) []string {
	reqs := api.Security
	if o.HasOwnSecurity {
		reqs = o.Security
	}
	var out []string
	for _, r := range reqs {
		var uses []string
		for _, u := range r.Schemes {
			s := u.Scheme
			if len(u.Scopes) > 0 {
				s += "[" + strings.Join(slices.Sorted(slices.Values(u.Scopes)), " ") + "]"
			}
			uses = append(uses, s)
		}
		slices.Sort(uses)
		if len(uses) == 0 {
			out = append(out, "anonymous")
		} else {
			out = append(out, strings.Join(uses, "+"))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func securityText(alts []string) string {
	if len(alts) == 0 {
		return "none"
	}
	return strings.Join(alts, " or ")
}

// isSubset reports whether every element of a is in b.
func isSubset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func scopesText(sets [][]string) string {
	if len(sets) == 0 {
		return "none"
	}
	var alts []string
	for _, s := range sets {
		alts = append(alts, strings.Join(s, " and "))
	}
	return strings.Join(alts, " or ")
}

// compareGlobals compares client-wide parameters by option name.
func (w *wireDiff) compareGlobals() {
	old := map[string]*model.Global{}
	for _, g := range w.old.Globals {
		old[g.GoName] = g
	}
	for _, b := range w.new.Globals {
		a, ok := old[b.GoName]
		if !ok {
			continue
		}
		sym := "With" + b.GoName
		if a.In != b.In || !strings.EqualFold(a.Name, b.Name) {
			w.add(sym, kindChangedGlobal, true, "sent as %s %q, not %s %q", b.In, b.Name, a.In, a.Name)
		}
		if a.Default != b.Default {
			w.other = append(w.other, Change{Kind: kindChangedGlobalDefault, Symbol: sym,
				Message: fmt.Sprintf("default changed from %q to %q", a.Default, b.Default)})
		}
	}
}

// compareSchemes compares security schemes by option name: where the
// credential goes.
func (w *wireDiff) compareSchemes() {
	old := map[string]*model.SecurityScheme{}
	for _, s := range w.old.Schemes {
		old[s.GoName] = s
	}
	desc := func(s *model.SecurityScheme) string {
		d := string(s.Kind)
		if s.Kind == model.SchemeAPIKey {
			d += fmt.Sprintf(" in %s %q", s.In, s.ParamName)
		}
		if s.TokenURL != "" {
			d += " from " + s.TokenURL
		}
		return d
	}
	for _, b := range w.new.Schemes {
		if a, ok := old[b.GoName]; ok && desc(a) != desc(b) {
			w.add("With"+b.GoName, kindChangedAuthScheme, true, "credentials sent as %s, not %s", desc(b), desc(a))
		}
	}
}

// compareTypes compares declared types by Go name: JSON property names,
// requirements on what callers send, and union discriminators. (Enum
// values are constants, so the Go comparison sees their changes.)
func (w *wireDiff) compareTypes() {
	old := map[string]*model.Type{}
	for _, t := range w.old.Types {
		old[t.GoName] = t
	}
	sent := sentTypes(w.new)
	for _, b := range w.new.Types {
		a, ok := old[b.GoName]
		if !ok || a.Kind != b.Kind {
			continue // a new type, or one whose Go shape changed: the Go comparison has it
		}
		switch b.Kind {
		case model.KindStruct:
			w.compareFields(a, b, sent[b])
		case model.KindUnion:
			if a.Discriminator != b.Discriminator {
				w.add(b.GoName, kindChangedDiscrim, true, "the variant is chosen by property %q, not %q", b.Discriminator, a.Discriminator)
			}
			oldTags := map[string]string{}
			for _, v := range a.Variants {
				oldTags[v.GoName] = strings.Join(v.Tags, ", ")
			}
			for _, v := range b.Variants {
				if t, ok := oldTags[v.GoName]; ok && t != strings.Join(v.Tags, ", ") {
					w.add(b.GoName+"."+v.GoName, kindChangedDiscrim, true, "selected by discriminator value(s) %q, not %q", strings.Join(v.Tags, ", "), t)
				}
			}
		}
	}
}

// compareFields compares a struct's fields by Go name. sent says whether
// callers send the type in requests; only then is a new requirement a
// problem for them.
func (w *wireDiff) compareFields(a, b *model.Type, sent bool) {
	old := map[string]*model.Field{}
	for _, f := range a.Fields {
		old[f.GoName] = f
	}
	for _, f := range b.Fields {
		sym := b.GoName + "." + f.GoName
		o, ok := old[f.GoName]
		switch {
		case !ok:
			if sent && f.Required && !f.ReadOnly {
				w.add(sym, kindNewRequiredField, true, "new required property %q: requests that leave it unset send its zero value or are refused", f.Name)
			}
		case o.Name != f.Name:
			w.add(sym, kindChangedJSONName, true, "JSON property renamed from %q to %q", o.Name, f.Name)
		}
		if ok && sent && !o.Required && f.Required && !f.ReadOnly {
			w.add(sym, kindFieldNowRequired, true, "property %q is now required in requests", f.Name)
		}
	}
}

// sentTypes are the named types a caller can put in a request: reachable
// from a request body or a parameter.
func sentTypes(api *model.API) map[*model.Type]bool {
	seen := map[*model.Type]bool{}
	var walk func(t *model.Type)
	walk = func(t *model.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		for _, f := range t.Fields {
			walk(f.Type)
		}
		for _, v := range t.Variants {
			walk(v.Type)
		}
		walk(t.Elem)
		walk(t.Additional)
	}
	for _, o := range api.Operations() {
		for _, p := range o.Params {
			walk(p.Type)
		}
		if o.Body != nil {
			for _, c := range o.Body.Contents {
				walk(c.Type)
			}
		}
	}
	return seen
}

// foldRenames replaces, for each operation matched by route, the removal
// of its old method and the addition of its new one by one rename, and
// likewise for its request and result types.
func (w *wireDiff) foldRenames(cs []Change) []Change {
	for _, rn := range w.renames {
		o, n := rn.old, rn.new
		idChange := ""
		if o.op.ID != n.op.ID {
			// sdkgen.lock keys method names by operationId, so it cannot
			// carry this one over; the config's names can.
			idChange = fmt.Sprintf(" (operationId %s renamed to %s", o.op.ID, n.op.ID)
			if o.recv() == n.recv() {
				idChange += fmt.Sprintf(`; to keep %s, set names: {"method:%s": %s} in sdkgen.yaml`, o.op.GoName, n.op.ID, o.op.GoName)
			}
			idChange += ")"
		}
		var ok bool
		cs, ok = dropPair(cs, kindRemovedMethod, o.symbol(), kindAddedMethod, n.symbol())
		if ok || o.recv() != n.recv() {
			cs = append(cs, Change{Kind: kindRenamedMethod, Symbol: o.symbol(), Breaking: true,
				Message:   fmt.Sprintf("method %s%s", renamedOrMoved(o, n), idChange),
				Operation: n.op.ID, Method: n.op.Method, Path: n.op.Path})
		}
		for _, names := range [][2]string{{o.op.RequestName, n.op.RequestName}, {o.op.ResultName, n.op.ResultName}} {
			if names[0] == "" || names[1] == "" || names[0] == names[1] {
				continue
			}
			if cs, ok = dropPair(cs, kindRemovedType, names[0], kindAddedType, names[1]); ok {
				cs = append(cs, Change{Kind: kindRenamedType, Symbol: names[0], Breaking: true,
					Message: fmt.Sprintf("type renamed to %s (follows %s)", names[1], n.symbol())})
			}
		}
	}
	return cs
}

// renamedOrMoved says how a method's symbol changed: moved to another
// service when only that changed (the operation's tag did), else renamed.
func renamedOrMoved(o, n opRef) string {
	if o.op.GoName == n.op.GoName {
		return "moved to " + n.symbol() + " (its tag changed)"
	}
	return "renamed to " + n.symbol()
}

// dropPair removes the change (kindA, symA) and the change (kindB, symB)
// when both are present, reporting whether it did.
func dropPair(cs []Change, kindA, symA, kindB, symB string) ([]Change, bool) {
	i := slices.IndexFunc(cs, func(c Change) bool { return c.Kind == kindA && c.Symbol == symA })
	j := slices.IndexFunc(cs, func(c Change) bool { return c.Kind == kindB && c.Symbol == symB })
	if i < 0 || j < 0 {
		return cs, false
	}
	return slices.DeleteFunc(cs, func(c Change) bool {
		return c.Kind == kindA && c.Symbol == symA || c.Kind == kindB && c.Symbol == symB
	}), true
}
