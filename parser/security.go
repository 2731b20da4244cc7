package parser

import (
	"regexp"
	"slices"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/sdkgen/sdkgen/model"
)

// securitySchemes reads components.securitySchemes.
func (p *parser) securitySchemes(api *model.API) {
	if p.m.Components == nil {
		return
	}
	for name, ss := range p.m.Components.SecuritySchemes.FromOldest() {
		if ss == nil {
			continue
		}
		ptr := pointer("components", "securitySchemes", name)
		s := &model.SecurityScheme{Name: name, Description: strings.TrimSpace(ss.Description), Pos: p.posOf(ss.GoLow(), ptr)}
		switch strings.ToLower(ss.Type) {
		case "http":
			switch strings.ToLower(ss.Scheme) {
			case "basic":
				s.Kind = model.SchemeBasic
			case "bearer":
				s.Kind = model.SchemeBearer
			default:
				s.Kind = model.SchemeOther
				p.warnf(s.Pos, "unsupported-security", "HTTP auth scheme %q is not supported; set its header with WithRequestHeader", ss.Scheme)
			}
		case "apikey":
			s.Kind, s.In, s.ParamName = model.SchemeAPIKey, strings.ToLower(ss.In), ss.Name
			switch {
			case !slices.Contains([]string{"header", "query", "cookie"}, s.In):
				s.Kind = model.SchemeOther
				p.warnf(s.Pos, "unsupported-security", "apiKey in %q is not supported", ss.In)
			case s.In != "query" && !isToken(ss.Name):
				// No request could carry it; the scheme gets no option.
				s.Kind = model.SchemeOther
				p.warnf(s.Pos, "bad-security-name", "apiKey %s name %q is not a valid %s name; the scheme is left out", s.In, ss.Name, s.In)
			}
		case "openidconnect":
			s.Kind = model.SchemeBearer
		case "oauth2":
			s.Kind = model.SchemeOAuth2
			if f := ss.Flows; f != nil && f.ClientCredentials != nil {
				s.TokenURL = f.ClientCredentials.TokenUrl
				s.Scopes = slices.Collect(f.ClientCredentials.Scopes.KeysFromOldest())
			}
		default:
			s.Kind = model.SchemeOther
			p.warnf(s.Pos, "unsupported-security", "security scheme type %q is not supported", ss.Type)
		}
		p.schemes[name] = s
		api.Schemes = append(api.Schemes, s)
	}
}

// requirements converts security requirement alternatives; nil in, nil out.
func (p *parser) requirements(reqs []*base.SecurityRequirement) []model.SecurityRequirement {
	var out []model.SecurityRequirement
	for _, r := range reqs {
		var req model.SecurityRequirement
		for name, scopes := range r.Requirements.FromOldest() {
			if p.schemes[name] == nil {
				p.warnf(p.posOf(r.GoLow(), ""), "unknown-security-scheme", "security requirement names scheme %q, which components.securitySchemes does not define", name)
				continue
			}
			req.Schemes = append(req.Schemes, model.SchemeUse{Scheme: name, Scopes: scopes})
		}
		out = append(out, req)
	}
	return out
}

// scopes fills the scopes an operation needs: from OAuth2 and OpenID
// Connect requirements when the spec lists any, otherwise from prose.
func (p *parser) scopes(api *model.API, o *model.Operation) {
	reqs := o.Security
	if !o.HasOwnSecurity {
		reqs = api.Security
	}
	var sets [][]string
	needed := false
	for _, r := range reqs {
		set := []string{}
		for _, u := range r.Schemes {
			set = append(set, u.Scopes...)
		}
		needed = needed || len(set) > 0
		sets = append(sets, set)
	}
	if needed {
		// An alternative that needs no scopes stays, as an empty set: it
		// says the scopes of the others are not always required.
		o.Scopes = sets
		return
	}
	o.Scopes = proseScopes(o.Description)
	o.ScopesInferred = len(o.Scopes) > 0
}

var (
	backtickRE = regexp.MustCompile("`([^`\n]+)`")
	scopeWord  = regexp.MustCompile(`(?i)\bscopes?\b`)
)

// proseScopes reads scopes written in a description, as Moov does: each
// sentence that says "scope" and holds backticked tokens is one alternative
// set made of those tokens.
func proseScopes(desc string) [][]string {
	if !strings.Contains(desc, "`") {
		return nil // no token to read: most descriptions
	}
	var out [][]string
	for _, sentence := range sentences(desc) {
		if !strings.Contains(sentence, "`") || !scopeWord.MatchString(backtickRE.ReplaceAllString(sentence, "")) {
			continue
		}
		if set := backtickTokens(sentence); len(set) > 0 {
			out = append(out, set)
		}
	}
	return out
}

// backtickTokens are the distinct backticked tokens of a sentence, in
// order.
func backtickTokens(sentence string) []string {
	var set []string
	for _, m := range backtickRE.FindAllStringSubmatch(sentence, -1) {
		if tok := strings.TrimSpace(m[1]); tok != "" && !slices.Contains(set, tok) {
			set = append(set, tok)
		}
	}
	return set
}

// sentences splits prose at ., ! or ? followed by white space, and at blank
// lines, never inside backticks.
func sentences(s string) []string {
	var out []string
	var cur strings.Builder
	inTick := false
	rs := []rune(s)
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	for i, r := range rs {
		cur.WriteRune(r)
		switch {
		case r == '`':
			inTick = !inTick
		case r == '\n' && !inTick && i+1 < len(rs) && rs[i+1] == '\n':
			flush()
		case (r == '.' || r == '!' || r == '?') && !inTick && (i+1 == len(rs) || rs[i+1] == ' ' || rs[i+1] == '\n'):
			flush()
		}
	}
	flush()
	return out
}

// globals decides which header and query parameters are set on the client:
// those on at least 90% of the operations (and at least 10), those listed by
// x-speakeasy-globals or the config, and ignored ones (x-speakeasy-ignore),
// which could otherwise never be sent.
func (p *parser) globals(api *model.API) {
	type key struct{ in, name string }
	ops := api.Operations()
	count := map[key]int{}
	first := map[key]*model.Param{}
	var order []key
	for _, o := range ops {
		for _, prm := range o.Params {
			if prm.In != model.InHeader && prm.In != model.InQuery {
				continue
			}
			k := key{prm.In, strings.ToLower(prm.Name)}
			if first[k] == nil {
				first[k] = prm
				order = append(order, k)
			}
			if sameKind(first[k].Type, prm.Type) {
				count[k]++
			}
		}
	}
	listed := map[string]bool{}
	for _, n := range p.speakeasyGlobals() {
		listed[strings.ToLower(n)] = true
	}
	excluded := map[string]bool{}
	for _, n := range p.cfg.Globals {
		if strings.HasPrefix(n, "-") {
			excluded[strings.ToLower(n[1:])] = true
		} else {
			listed[strings.ToLower(n)] = true
		}
	}
	byKey := map[key]*model.Global{}
	for _, k := range order {
		prm := first[k]
		n := count[k]
		isGlobal := listed[k.name] || prm.Ignored || n >= 10 && n*10 >= 9*len(ops)
		if !isGlobal || excluded[k.name] || prm.In == model.InHeader && isIdempotencyHeader(prm.Name, p.cfg.IdempotencyHeaders) {
			continue
		}
		g := &model.Global{Name: prm.Name, In: prm.In, Doc: prm.Doc, Type: prm.Type}
		if prm.Type != nil {
			g.Default = prm.Type.Default
		}
		byKey[k] = g
		api.Globals = append(api.Globals, g)
	}
	for _, o := range ops {
		for _, prm := range o.Params {
			if g := byKey[key{prm.In, strings.ToLower(prm.Name)}]; g != nil && sameKind(g.Type, prm.Type) {
				prm.Global = g
			}
		}
	}
}

func sameKind(a, b *model.Type) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || a.Kind == b.Kind && a.Bits == b.Bits
}

// speakeasyGlobals lists the parameter names of the root
// x-speakeasy-globals extension, following $refs into components.
func (p *parser) speakeasyGlobals() []string {
	n := ext(p.m.Extensions, "x-speakeasy-globals")
	if n == nil {
		return nil
	}
	var g struct {
		Parameters []struct {
			Ref  string `yaml:"$ref"`
			Name string `yaml:"name"`
		} `yaml:"parameters"`
	}
	if err := n.Decode(&g); err != nil {
		p.warnf(p.nodePos(n, "#/x-speakeasy-globals"), "bad-extension", "x-speakeasy-globals is not a list of parameters: %v", err)
		return nil
	}
	var names []string
	for _, prm := range g.Parameters {
		if prm.Name != "" {
			names = append(names, prm.Name)
			continue
		}
		key := refName(prm.Ref)
		if p.m.Components != nil && p.m.Components.Parameters != nil {
			if cp := p.m.Components.Parameters.GetOrZero(key); cp != nil {
				names = append(names, cp.Name)
			}
		}
	}
	return names
}

// isToken reports whether s is an HTTP token (RFC 9110), the form header
// and cookie names take.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 126 || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}
