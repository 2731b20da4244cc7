package gen

import (
	"cmp"
	"slices"
	"strings"
	"text/template"
	"unicode"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/templates/core"
)

// DocsData is what the documentation templates (README.md and one page
// per service) are rendered with.
type DocsData struct {
	Title       string
	Version     string
	Description string // the spec's, Markdown
	Package     string // Go package name
	Module      string // import path
	Servers     []DocServer
	Auth        []DocAuth
	Globals     []DocGlobal
	Errors      []DocError // typed error bodies, one per distinct type
	Services    []*DocService
	Retry       DocRetry
	// Example is the first operation's Go sample, for the README's
	// "Usage" section; nil when the API has no operation.
	Example *DocSample
	// Aliases maps the Go name of each type declared as an alias (an
	// inline schema the spec repeats) to the type it is the same as. A
	// template that declares methods on the SDK's types must skip these:
	// a method on an alias is a method on the other type.
	Aliases map[string]string
}

// AliasOf returns the Go name of the type the type named goName is an
// alias of, or "" when it is a type of its own.
func (d *DocsData) AliasOf(goName string) string { return d.Aliases[goName] }

// DocServer is one server the API lists.
type DocServer struct {
	URL         string
	Description string
}

// DocAuth is one way of authenticating: the option that sets it and the
// environment variables New reads it from.
type DocAuth struct {
	Scheme      string // key in securitySchemes
	Kind        string // basic, bearer, apiKey, oauth2
	Option      string // WithBasicAuth(username, password)
	Env         []string
	Description string
}

// DocGlobal is a header or query parameter set once on the client.
type DocGlobal struct {
	Name, In, Option, Default, Description string
}

// DocError is a typed error body and the statuses that carry it.
type DocError struct {
	Type     string
	Statuses []string // operationId status
}

// DocRetry is the client's default retry policy as the runtime applies it:
// the SDK's own, or the one the spec gives.
type DocRetry struct {
	MaxRetries                 int
	InitialBackoff, MaxBackoff string
	// Statuses are the statuses retried, in words ("408, 429 and 5XX"); ""
	// when none is.
	Statuses string
	// Connections tells whether connection failures are retried.
	Connections bool
	// MaxElapsed is the time limit of the retries ("60s"), or "".
	MaxElapsed string
	// FromSpec tells that the spec chose the policy (x-speakeasy-retries).
	FromSpec bool
	// OwnPolicies counts the operations with a policy of their own.
	OwnPolicies int
}

// DocService is one service and the page documenting it.
type DocService struct {
	Name        string // tag
	Field       string // client.Field, or "" for operations on Client
	TypeName    string
	File        string // docs/<service>.md
	Description string
	Operations  []*DocOperation
}

// DocOperation is one operation, a section of its service's page.
type DocOperation struct {
	ID          string
	GoName      string
	Call        string // client.Support.GetTicket
	HTTPMethod  string
	Path        string
	Summary     string
	Description string
	Deprecated  bool
	Scopes      []string // one entry per alternative, scopes joined by ", "
	Anchor      string   // the section's anchor on its page
	Link        string   // docs/<service>.md#anchor
	Params      []DocParam
	Body        *DocBody
	Responses   []DocResponse
	// Returned are the non-2xx statuses the method returns in its result
	// rather than as an error (x-speakeasy-errors), in words; "" for none.
	Returned string
	// Retry says how the operation is retried when the spec gives it a
	// policy of its own (x-speakeasy-retries); "" when the client's applies.
	Retry   string
	Samples []*DocSample
}

// DocParam is one row of an operation's parameter table.
type DocParam struct {
	Name, In, Type string
	Required       bool
	Description    string
}

// DocBody is an operation's request body.
type DocBody struct {
	Required    bool
	Description string
	Contents    []DocContent
}

// DocContent is one media type of a body or response.
type DocContent struct {
	MediaType string
	Type      string // Go type, or "" when there is no schema
	Method    string // the method that sends it (request bodies)
}

// DocResponse is one row of an operation's response table.
type DocResponse struct {
	Status      string
	Type        string // Go types of its contents, joined
	Description string
}

// DocSample is one method's samples: the Go text examples_test.go
// compiles and a cURL command.
type DocSample struct {
	Method  string
	Example string
	Go      string
	Curl    string
}

// SafeText keeps spec text in a page from hiding what it says: every
// kind of line break becomes \n, and other control characters, the BOM
// and the Unicode bidi controls are dropped.
func SafeText(s string) []byte {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n").Replace(s)
	return []byte(strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r), model.IsBidi(r), r == '\ufeff':
			return -1
		}
		return r
	}, s))
}

// DocFuncs are the helpers the documentation templates use (the
// template engine offers them to every template).
var DocFuncs = template.FuncMap{
	// cell makes text safe in one Markdown table cell: one line, pipes escaped.
	"cell": func(s string) string {
		s = strings.Join(strings.Fields(s), " ")
		return strings.ReplaceAll(s, "|", `\|`)
	},
	"join": strings.Join,
	// code puts text in an inline code span that its own backticks cannot end.
	"code": func(s string) string {
		fence := "`"
		for strings.Contains(s, fence) {
			fence += "`"
		}
		if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
			return fence + " " + s + " " + fence
		}
		return fence + s + fence
	},
	// fence is a code fence longer than any run of backticks in s.
	"fence": func(s string) string {
		fence := "```"
		for strings.Contains(s, fence) {
			fence += "`"
		}
		return fence
	},
	"trim": strings.TrimSpace,
}

// docsData builds the documentation's data from the model.
func (g *gen) docsData(samples []*sample) *DocsData {
	d := &DocsData{
		Title:       g.api.Title,
		Version:     g.api.Version,
		Description: g.api.Description,
		Package:     g.cfg.Package,
		Module:      g.cfg.Module,
		Retry:       g.docRetry(),
		Aliases:     map[string]string{},
	}
	for t, c := range g.plan.twins {
		d.Aliases[t.GoName] = c.GoName
	}
	for _, s := range g.api.Servers {
		d.Servers = append(d.Servers, DocServer{URL: s.Expand(), Description: s.Description})
	}
	for _, s := range g.api.Schemes {
		a := DocAuth{Scheme: s.Name, Kind: string(s.Kind), Env: g.envVars(s), Description: s.Description}
		switch s.Kind {
		case model.SchemeBasic:
			a.Option = "With" + s.GoName + "(username, password)"
		case model.SchemeBearer, model.SchemeOAuth2:
			a.Option = "With" + s.GoName + "(token)"
		case model.SchemeAPIKey:
			a.Option = "With" + s.GoName + "(key)"
		default:
			continue
		}
		d.Auth = append(d.Auth, a)
		if s.ClientCredentialsName != "" {
			d.Auth = append(d.Auth, DocAuth{
				Scheme: s.Name, Kind: "oauth2 client credentials",
				Option: "With" + s.ClientCredentialsName + "(clientID, clientSecret, scopes...)",
				Env:    g.envVars(s)[1:],
			})
		}
	}
	for _, gl := range g.api.Globals {
		d.Globals = append(d.Globals, DocGlobal{Name: gl.Name, In: gl.In, Option: "With" + gl.GoName + "(value)", Default: gl.Default, Description: gl.Doc})
	}
	bySample := map[*model.Operation][]*DocSample{}
	for _, s := range samples {
		bySample[s.Operation] = append(bySample[s.Operation], &DocSample{Method: s.Method, Example: s.Example, Go: s.Go, Curl: s.Curl})
	}
	errIndex := map[string]int{}
	var names []string
	for _, s := range g.api.Services {
		names = append(names, s.GoName)
	}
	slugs := model.ServiceSlugs(names)
	for si, s := range g.api.Services {
		ds := &DocService{Name: s.Tag, Field: s.GoName, TypeName: s.TypeName, Description: s.Doc}
		ds.File = "docs/" + slugs[si] + ".md"
		if ds.TypeName == "" {
			ds.TypeName = "Client"
		}
		if ds.Name == "" {
			ds.Name = "Operations"
		}
		recv := "client"
		if s.GoName != "" {
			recv += "." + s.GoName
		}
		for _, o := range s.Operations {
			do := &DocOperation{
				ID: o.ID, GoName: o.GoName, Call: recv + "." + o.GoName,
				HTTPMethod: o.Method, Path: o.Path, Summary: o.Summary, Description: o.Description,
				Deprecated: o.Deprecated, Anchor: strings.ToLower(o.GoName),
				Samples: bySample[o],
			}
			if q := o.QueryString(); q != "" {
				do.Path += "?" + q
			}
			do.Link = ds.File + "#" + do.Anchor
			do.Retry = opRetryText(o.Retry)
			returned := o.ReturnedResponses()
			if o.ResultName != "" && len(returned) > 0 {
				var ss []string
				for _, r := range returned {
					ss = append(ss, r.Status)
				}
				do.Returned = joinWords(ss)
			} else {
				returned = nil
			}
			for _, alt := range o.Scopes {
				if len(alt) > 0 {
					do.Scopes = append(do.Scopes, strings.Join(alt, ", "))
				}
			}
			for _, p := range o.Params {
				if p.Ignored {
					continue
				}
				do.Params = append(do.Params, DocParam{Name: p.Name, In: p.In, Type: g.typeText(p.Type), Required: p.Required, Description: p.Doc})
			}
			if b := o.Body; b != nil && len(b.Contents) > 0 {
				db := &DocBody{Required: b.Required, Description: b.Doc}
				for _, c := range b.Contents {
					db.Contents = append(db.Contents, DocContent{MediaType: c.MediaType, Type: g.typeText(c.Type), Method: c.MethodName})
				}
				do.Body = db
			}
			errorBodies := g.op(o).errorBodies
			for _, r := range o.Responses {
				var types []string
				for _, c := range r.Contents {
					if c.Type != nil {
						if t := g.typeText(c.Type); !slices.Contains(types, t) {
							types = append(types, t)
						}
					}
				}
				do.Responses = append(do.Responses, DocResponse{Status: r.Status, Type: strings.Join(types, ", "), Description: r.Doc})
				if slices.Contains(errorBodies, r) && !slices.Contains(returned, r) { // a returned class is listed as returned
					t := g.typeText(r.Contents[0].Type)
					i, ok := errIndex[t]
					if !ok {
						i = len(d.Errors)
						errIndex[t] = i
						d.Errors = append(d.Errors, DocError{Type: t})
					}
					d.Errors[i].Statuses = append(d.Errors[i].Statuses, o.ID+" "+r.Status)
				}
			}
			ds.Operations = append(ds.Operations, do)
			if d.Example == nil && len(do.Samples) > 0 {
				d.Example = do.Samples[0]
			}
		}
		d.Services = append(d.Services, ds)
	}
	return d
}

// typeText is how the docs name a Go type: as the SDK's code writes it.
func (g *gen) typeText(t *model.Type) string {
	if t == nil {
		return ""
	}
	// Written as the models file writes it, which is what jennifer
	// renders, without formatting a snippet per type.
	return g.typeSource(g.newSource(), t)
}

// Service returns the page data of the service whose Go field is goName
// ("" for the operations on Client), or nil.
func (d *DocsData) Service(goName string) *DocService {
	for _, s := range d.Services {
		if s.Field == goName {
			return s
		}
	}
	return nil
}

// docRetry describes the client's default retry policy for the README.
func (g *gen) docRetry() DocRetry {
	p, def := runtimeRetry(g.api.Retry), core.DefaultRetryPolicy()
	initial, maxWait := cmp.Or(p.InitialBackoff, def.InitialBackoff), cmp.Or(p.MaxBackoff, def.MaxBackoff)
	d := DocRetry{
		MaxRetries:     max(p.MaxRetries, 0),
		InitialBackoff: shortDuration(min(initial, maxWait)),
		MaxBackoff:     shortDuration(maxWait),
		Statuses:       retryStatuses(p),
		Connections:    !p.NoConnectionRetries,
		FromSpec:       g.api.Retry != nil,
	}
	if p.MaxElapsed > 0 {
		d.MaxElapsed = shortDuration(p.MaxElapsed)
	}
	for _, o := range g.api.Operations() {
		if o.Retry != nil {
			d.OwnPolicies++
		}
	}
	return d
}
