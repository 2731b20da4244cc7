package gen

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// emitClient writes client.go: the package doc, Client and New, the client
// options (server, transport, retries, one per security scheme and global),
// the request options and the aliases of the runtime's public types.
func (g *gen) emitClient() *jen.File {
	f := g.newFile()
	api := g.api
	title := api.Title
	if title == "" {
		title = "the API"
	}
	pd := &doc{}
	pd.text("Package " + g.cfg.Package + " is a client for " + title + " (API version " + api.Version + ").")
	pd.add(api.Description)
	returned := ""
	for _, o := range api.Operations() {
		if o.ResultName != "" && len(o.ReturnedResponses()) > 0 {
			returned = " (unless the method documents that it returns that status in its result: the spec's x-speakeasy-errors leaves it out of the errors)"
			break
		}
	}
	pd.text("Create a Client with New and call the operations through its services. Every method takes a context and RequestOption values last; a response with a status outside 2xx is returned as an *APIError" + returned + ".")
	if g.hasKind(model.KindEnum) {
		pd.text("Enums are open: a value this SDK does not know decodes without error, and IsKnown tells whether the API documented it.")
	}
	if g.hasKind(model.KindUnion) {
		pd.text("A union, a type that is one of several shapes, has a field per variant of which exactly one is set. A variant this SDK does not know decodes without error and Unknown returns its JSON; encoding writes the field that is set.")
	}
	for _, l := range pd.lines() {
		f.PackageComment(commentLine(l))
	}

	f.Add(prose("Version is the version of this SDK, sent in the User-Agent header."))
	f.Const().Id("Version").Op("=").Lit(g.cfg.SDKVersion)
	f.Line()
	f.Add(prose("DefaultServerURL is the server requests go to unless WithServerURL says otherwise."))
	f.Const().Id("DefaultServerURL").Op("=").Lit(defaultServer(api))
	f.Line()

	// Client and New.
	var fields []jen.Code
	fields = append(fields, jen.Id("cfg").Op("*").Qual(g.core, "Config"))
	var inits []jen.Code
	for _, s := range api.Services {
		if s.GoName == "" {
			continue
		}
		d := &doc{}
		d.text(s.GoName + " holds the " + s.Tag + " operations.")
		fields = append(fields, jen.Line(), d.render(), jen.Id(s.GoName).Op("*").Id(s.TypeName))
		inits = append(inits, jen.Id("c").Dot(s.GoName).Op("=").Op("&").Id(s.TypeName).Values(jen.Dict{jen.Id("client"): jen.Id("c")}))
	}
	cd := &doc{}
	cd.text("Client calls " + title + ". It is safe for concurrent use; create it once with New and share it.")
	f.Add(cd.render()) // spec text: line comments only, never a block jennifer could open
	f.Type().Id("Client").Struct(fields...)
	f.Line()

	var globals []jen.Code
	for _, gl := range api.Globals {
		globals = append(globals, jen.Qual(g.core, "Global").Values(jen.Dict{
			jen.Id("Name"):  jen.Lit(gl.Name),
			jen.Id("In"):    jen.Lit(gl.In),
			jen.Id("Value"): jen.Lit(gl.Default),
		}))
	}
	newArgs := []jen.Code{jen.Id("DefaultServerURL"), jen.Lit(g.cfg.Package + "-go"), jen.Id("Version")}
	newArgs = append(newArgs, globals...)
	nd := &doc{}
	nd.text("New returns a client configured by opts. Without options it talks to DefaultServerURL, " + describeRetry(runtimeRetry(api.Retry)) + ".")
	var envs []string
	for _, s := range api.Schemes {
		envs = append(envs, g.envVars(s)...)
	}
	if len(envs) > 0 {
		nd.text("Credentials are read from the environment first, when set: " + strings.Join(envs, ", ") + ". Options override them.")
	}
	f.Add(nd.render())
	body := []jen.Code{
		jen.Id("cfg").Op(":=").Qual(g.core, "NewConfig").Call(newArgs...),
	}
	if api.Retry != nil {
		// The spec's policy (x-speakeasy-retries) is the client's default:
		// WithRetryPolicy replaces it like any other.
		body = append(body, jen.Id("cfg").Dot("Retry").Op("=").Add(g.retryLiteral(api.Retry)))
	}
	body = append(body,
		jen.Id("credentialsFromEnv").Call(jen.Id("cfg")),
		jen.For(jen.List(jen.Id("_"), jen.Id("o")).Op(":=").Range().Id("opts")).Block(
			jen.If(jen.Id("o").Op("!=").Nil()).Block(jen.Id("o").Dot("ApplyClient").Call(jen.Id("cfg"))),
		),
		jen.Id("c").Op(":=").Op("&").Id("Client").Values(jen.Dict{jen.Id("cfg"): jen.Id("cfg")}),
	)
	body = append(body, inits...)
	body = append(body, jen.Return(jen.Id("c")))
	f.Func().Id("New").Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").Block(body...)
	f.Line()
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("newRequest").Params(
		jen.Id("op").Op("*").Qual(g.core, "Operation"), jen.Id("opts").Index().Id("RequestOption"),
	).Op("*").Qual(g.core, "Request").Block(
		jen.Return(jen.Qual(g.core, "NewRequest").Call(jen.Id("c").Dot("cfg"), jen.Id("op"), jen.Id("opts"))),
	)
	f.Line()

	g.emitAliases(f)
	g.emitServerURL(f)
	g.emitSchemeOptions(f)
	g.emitEnvironment(f)
	g.emitGlobalOptions(f)
	return f
}

// defaultServer is servers[0] with its variables at their defaults.
func defaultServer(api *model.API) string {
	if len(api.Servers) == 0 {
		return ""
	}
	return api.Servers[0].Expand()
}

// emitServerURL writes ServerURL when the first server has variables.
//
//	func ServerURL(region string) string
func (g *gen) emitServerURL(f *jen.File) {
	if len(g.api.Servers) == 0 || len(g.api.Servers[0].Variables) == 0 {
		return
	}
	srv := g.api.Servers[0]
	d := &doc{}
	d.text("ServerURL builds the server URL " + srv.URL + " from its variables; pass it to WithServerURL. An empty value takes the variable's default.")
	var params, body []jen.Code
	body = append(body, jen.Id("u").Op(":=").Lit(srv.URL))
	args := newArgNames()
	for _, v := range srv.Variables {
		arg := args.name(v.Name)
		params = append(params, jen.Id(arg).String())
		var tail []string
		if v.Default != "" {
			tail = append(tail, "Default "+strconv.Quote(v.Default)+".")
		}
		if len(v.Enum) > 0 {
			tail = append(tail, "One of "+strings.Join(v.Enum, ", ")+".")
		}
		d.addAround(v.Name+":", v.Description, strings.Join(tail, " "))
		body = append(body,
			jen.If(jen.Id(arg).Op("==").Lit("")).Block(jen.Id(arg).Op("=").Lit(v.Default)),
			jen.Id("u").Op("=").Qual("strings", "ReplaceAll").Call(jen.Id("u"), jen.Lit("{"+v.Name+"}"), jen.Id(arg)),
		)
	}
	body = append(body, jen.Return(jen.Id("u")))
	f.Add(d.render())
	f.Func().Id("ServerURL").Params(params...).String().Block(body...)
	f.Line()
}

// emitAliases exposes the runtime's public types and the fixed options.
//
//	type APIError = core.APIError
//	func WithServerURL(u string) Option { return core.WithServerURL(u) }
func (g *gen) emitAliases(f *jen.File) {
	aliases := []struct{ name, doc string }{
		{"Option", "Option configures a Client; pass options to New."},
		{"RequestOption", "RequestOption adjusts one call; pass options last to any method."},
		{"RetryPolicy", "RetryPolicy says how often and how patiently failed requests are retried: connection failures and statuses 408, 429, 500, 502, 503 and 504, with exponential backoff and full jitter. POST and PATCH are retried only when nothing was sent or they carry an idempotency key."},
		{"RetryOption", "RetryOption is what WithRetryPolicy returns: an Option for New and a RequestOption for one call."},
		{"APIError", "APIError is the error for any response whose status is not 2xx. errors.As reaches it; its Unwrap gives the decoded error body where the API declares one."},
		{"Date", "Date is a calendar date (format: date), written 2006-01-02."},
		{"Middleware", "Middleware wraps each HTTP attempt, for tracing, logging or metrics."},
		{"UploadFile", "UploadFile is a file sent in a multipart body (format: binary): a name, an optional media type and content streamed from a reader."},
		{"BodyTooLargeError", "BodyTooLargeError is the error for a success response body larger than the bound WithMaxResponseBody sets; errors.As reaches it."},
	}
	for _, a := range aliases {
		f.Add(prose(a.doc))
		f.Type().Id(a.name).Op("=").Qual(g.core, a.name)
		f.Line()
	}
	if g.plan.streams {
		f.Add(prose("Stream is a streamed response whose events are decoded as T: range over All (or Events) to read them; Close releases the connection."))
		f.Type().Id("Stream").Types(jen.Id("T").Any()).Op("=").Qual(g.core, "Stream").Types(jen.Id("T"))
		f.Line()
		f.Add(prose("StreamEvent is one event of a Stream with its name, the last event ID and the retry time the server set."))
		f.Type().Id("StreamEvent").Types(jen.Id("T").Any()).Op("=").Qual(g.core, "Event").Types(jen.Id("T"))
		f.Line()
		f.Add(prose("EventError is yielded for one event of a Stream whose data could not be decoded; the stream goes on after it."))
		f.Type().Id("EventError").Op("=").Qual(g.core, "EventError")
		f.Line()
	}
	f.Add(prose("ErrEmptyBody is the error, matched with errors.Is, for a success response with an empty body where the API declares a JSON body for its status (never for 204, 205 or HEAD)."))
	f.Var().Id("ErrEmptyBody").Op("=").Qual(g.core, "ErrEmptyBody")
	f.Line()
	f.Add(prose("Nullable holds an optional value that may also be null: absent (the zero value), null, or a value. Fields of this type are omitted from JSON when absent."))
	f.Type().Id("Nullable").Types(jen.Id("T").Any()).Op("=").Qual(g.core, "Nullable").Types(jen.Id("T"))
	f.Line()
	f.Add(prose("ErrorBody is the decoded body of an error response whose schema the API declares; APIError unwraps to it, so errors.As(err, &e) with e of type *ErrorBody[T] reaches it."))
	f.Type().Id("ErrorBody").Types(jen.Id("T").Any()).Op("=").Qual(g.core, "ErrorBody").Types(jen.Id("T"))
	f.Line()
	f.Add(prose("Null returns a Nullable set to null."))
	f.Func().Id("Null").Types(jen.Id("T").Any()).Params().Id("Nullable").Types(jen.Id("T")).Block(
		jen.Return(jen.Qual(g.core, "Null").Types(jen.Id("T")).Call()))
	f.Line()
	f.Add(prose("NewNullable returns a Nullable holding v."))
	f.Func().Id("NewNullable").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Id("Nullable").Types(jen.Id("T")).Block(
		jen.Return(jen.Qual(g.core, "NewNullable").Call(jen.Id("v"))))
	f.Line()
	f.Add(prose("Ptr returns a pointer to v, for optional fields."))
	f.Func().Id("Ptr").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Op("*").Id("T").Block(jen.Return(jen.Op("&").Id("v")))
	f.Line()

	opts := []struct {
		name, doc string
		params    []jen.Code
		args      []jen.Code
		result    jen.Code
	}{
		{"WithServerURL", "WithServerURL sends requests to u instead of DefaultServerURL.",
			[]jen.Code{jen.Id("u").String()}, []jen.Code{jen.Id("u")}, jen.Id("Option")},
		{"WithHTTPClient", "WithHTTPClient sends requests through a copy of hc; hc itself is never modified.",
			[]jen.Code{jen.Id("hc").Op("*").Qual("net/http", "Client")}, []jen.Code{jen.Id("hc")}, jen.Id("Option")},
		{"WithRetryPolicy", "WithRetryPolicy sets the retry policy, for the client when passed to New or for one call when passed to a method.",
			[]jen.Code{jen.Id("p").Id("RetryPolicy")}, []jen.Code{jen.Id("p")}, jen.Id("RetryOption")},
		{"WithTimeout", "WithTimeout bounds each attempt (not the whole call, which the context bounds).",
			[]jen.Code{jen.Id("d").Qual("time", "Duration")}, []jen.Code{jen.Id("d")}, jen.Id("Option")},
		{"WithMaxResponseBody", "WithMaxResponseBody bounds how many bytes of a success response body are read into memory (64 MiB by default; n <= 0 restores it); a larger body fails the call with a *BodyTooLargeError. Bodies returned as an io.ReadCloser stream and are not bounded.",
			[]jen.Code{jen.Id("n").Int64()}, []jen.Code{jen.Id("n")}, jen.Id("Option")},
		{"WithUserAgent", "WithUserAgent appends s to the SDK's own User-Agent.",
			[]jen.Code{jen.Id("s").String()}, []jen.Code{jen.Id("s")}, jen.Id("Option")},
		{"WithMiddleware", "WithMiddleware wraps every HTTP attempt with m, outermost first.",
			[]jen.Code{jen.Id("m").Op("...").Id("Middleware")}, []jen.Code{jen.Id("m").Op("...")}, jen.Id("Option")},
		{"WithRequestHeader", "WithRequestHeader sets a header on one call, over any the SDK would send.",
			[]jen.Code{jen.Id("name"), jen.Id("value").String()}, []jen.Code{jen.Id("name"), jen.Id("value")}, jen.Id("RequestOption")},
		{"WithResponseInto", "WithResponseInto stores the raw HTTP response of the call in *dst, on success and on API errors.",
			[]jen.Code{jen.Id("dst").Op("**").Qual("net/http", "Response")}, []jen.Code{jen.Id("dst")}, jen.Id("RequestOption")},
	}
	for _, o := range opts {
		f.Add(prose(o.doc))
		f.Func().Id(o.name).Params(o.params...).Add(o.result).Block(jen.Return(jen.Qual(g.core, o.name).Call(o.args...)))
		f.Line()
	}
}

// argNames hands out unique argument names.
type argNames map[string]bool

func newArgNames() argNames { return argNames{"u": true} } // u is the function's own variable

func (a argNames) name(s string) string {
	n := model.Unexported(s)
	for i := 2; a[n]; i++ {
		n = model.Unexported(s) + strconv.Itoa(i)
	}
	a[n] = true
	return n
}

// emitSchemeOptions writes one option per supported security scheme.
//
//	func WithBasicAuth(username, password string) Option
func (g *gen) emitSchemeOptions(f *jen.File) {
	for _, s := range g.api.Schemes {
		name := "With" + s.GoName
		d := &doc{}
		var params []jen.Code
		var cred jen.Code
		switch s.Kind {
		case model.SchemeBasic:
			d.text(name + " authenticates with HTTP Basic credentials (security scheme " + s.Name + ").")
			params = []jen.Code{jen.Id("username"), jen.Id("password").String()}
			cred = jen.Qual(g.core, "BasicAuth").Call(jen.Id("username"), jen.Id("password"))
		case model.SchemeBearer, model.SchemeOAuth2:
			d.text(name + " sends token as a bearer token (security scheme " + s.Name + ").")
			if s.Kind == model.SchemeOAuth2 {
				d.text("The token is an OAuth2 access token obtained by the caller.")
				if s.ClientCredentialsName != "" {
					d.text("With" + s.ClientCredentialsName + " obtains and renews tokens itself.")
				}
			}
			params = []jen.Code{jen.Id("token").String()}
			cred = jen.Qual(g.core, "BearerToken").Call(jen.Id("token"))
		case model.SchemeAPIKey:
			d.text(name + " sends key as the API key " + s.ParamName + " in the " + s.In + " (security scheme " + s.Name + ").")
			params = []jen.Code{jen.Id("key").String()}
			cred = jen.Qual(g.core, "APIKey").Call(jen.Lit(s.In), jen.Lit(s.ParamName), jen.Id("key"))
		default:
			continue
		}
		d.add(s.Description)
		d.text("Credentials go only to the configured server's host, never to a host a redirect leads to.")
		f.Add(d.render())
		f.Func().Id(name).Params(params...).Id("Option").Block(
			jen.Return(jen.Qual(g.core, "WithCredential").Call(jen.Lit(s.Name), cred)),
		)
		f.Line()
		if s.ClientCredentialsName != "" {
			cc := "With" + s.ClientCredentialsName
			d := &doc{}
			d.text(cc + " authenticates with OAuth2 access tokens obtained by the client-credentials grant from " + s.TokenURL + " (security scheme " + s.Name + "): fetched on first use, cached, renewed before they expire, one fetch shared by concurrent calls.")
			if len(s.Scopes) > 0 {
				d.text("The scheme lists the scopes " + strings.Join(s.Scopes, ", ") + ".")
			}
			f.Add(d.render())
			f.Func().Id(cc).Params(jen.Id("clientID"), jen.Id("clientSecret").String(), jen.Id("scopes").Op("...").String()).Id("Option").Block(
				jen.Return(jen.Qual(g.core, "WithCredential").Call(jen.Lit(s.Name),
					jen.Qual(g.core, "ClientCredentials").Call(jen.Lit(s.TokenURL), jen.Id("clientID"), jen.Id("clientSecret"), jen.Id("scopes").Op("...")))),
			)
			f.Line()
		}
	}
}

// envVar is the environment variable a credential is read from:
// <PACKAGE>_<SCHEME>[_<PART>], in upper snake case.
func (g *gen) envVar(s *model.SecurityScheme, part string) string {
	// Single letters join the next word: OAuth is OAUTH, not O_AUTH.
	var words []string
	pending := ""
	for _, w := range model.Words(s.GoName) {
		if len(w) == 1 && pending == "" {
			pending = w
			continue
		}
		words = append(words, strings.ToUpper(pending+w))
		pending = ""
	}
	if pending != "" {
		words = append(words, strings.ToUpper(pending))
	}
	v := strings.ToUpper(g.cfg.Package) + "_" + strings.Join(words, "_")
	if part != "" {
		v += "_" + part
	}
	return v
}

// envVars lists the variables each scheme reads, for docs and emitEnvironment.
func (g *gen) envVars(s *model.SecurityScheme) []string {
	switch s.Kind {
	case model.SchemeBasic:
		return []string{g.envVar(s, "USERNAME"), g.envVar(s, "PASSWORD")}
	case model.SchemeBearer, model.SchemeAPIKey:
		return []string{g.envVar(s, "")}
	case model.SchemeOAuth2:
		if s.ClientCredentialsName != "" {
			return []string{g.envVar(s, ""), g.envVar(s, "CLIENT_ID"), g.envVar(s, "CLIENT_SECRET")}
		}
		return []string{g.envVar(s, "")}
	}
	return nil
}

// emitEnvironment writes credentialsFromEnv, which New calls before
// applying its options, so credentials can come from the environment.
//
//	if u, p := os.Getenv("MOOV_BASIC_AUTH_USERNAME"), …; u != "" || p != "" { WithBasicAuth(u, p).ApplyClient(cfg) }
func (g *gen) emitEnvironment(f *jen.File) {
	var body []jen.Code
	get := func(v string) jen.Code { return jen.Qual("os", "Getenv").Call(jen.Lit(v)) }
	for _, s := range g.api.Schemes {
		vars := g.envVars(s)
		if len(vars) == 0 {
			continue
		}
		opt := jen.Id("With" + s.GoName)
		switch s.Kind {
		case model.SchemeBasic:
			body = append(body, jen.If(jen.List(jen.Id("u"), jen.Id("p")).Op(":=").List(get(vars[0]), get(vars[1])), jen.Id("u").Op("!=").Lit("").Op("||").Id("p").Op("!=").Lit("")).Block(
				opt.Call(jen.Id("u"), jen.Id("p")).Dot("ApplyClient").Call(jen.Id("cfg")),
			))
		default:
			body = append(body, jen.If(jen.Id("v").Op(":=").Add(get(vars[0])), jen.Id("v").Op("!=").Lit("")).Block(
				opt.Call(jen.Id("v")).Dot("ApplyClient").Call(jen.Id("cfg")),
			))
			if len(vars) == 3 {
				body = append(body, jen.If(jen.List(jen.Id("id"), jen.Id("secret")).Op(":=").List(get(vars[1]), get(vars[2])), jen.Id("id").Op("!=").Lit("")).Block(
					jen.Id("With"+s.ClientCredentialsName).Call(jen.Id("id"), jen.Id("secret")).Dot("ApplyClient").Call(jen.Id("cfg")),
				))
			}
		}
	}
	f.Add(prose("credentialsFromEnv applies the credentials set in the environment; options given to New override them."))
	f.Func().Id("credentialsFromEnv").Params(jen.Id("cfg").Op("*").Qual(g.core, "Config")).Block(body...)
	f.Line()
}

// emitGlobalOptions writes one option per client global.
//
//	func WithXMoovVersion(value string) Option
func (g *gen) emitGlobalOptions(f *jen.File) {
	for _, gl := range g.api.Globals {
		name := "With" + gl.GoName
		d := &doc{}
		d.text(name + " sets the " + gl.Name + " " + gl.In + " sent with every operation that declares it.")
		if gl.Default != "" {
			d.text("Default: " + gl.Default + ".")
		}
		d.add(gl.Doc)
		f.Add(d.render())
		f.Func().Id(name).Params(jen.Id("value").String()).Id("Option").Block(
			jen.Return(jen.Qual(g.core, "WithGlobal").Call(jen.Lit(gl.Name), jen.Id("value"))),
		)
		f.Line()
	}
}

// emitScopes writes the scope table that RequiredScopes and ExpandScope
// (fixed Go from templates/fixed, appended by Generate) read.
func (g *gen) emitScopes() *jen.File {
	f := g.newFile()
	var entries []jen.Code
	for _, o := range g.api.Operations() {
		if len(o.Scopes) == 0 {
			continue
		}
		var sets []jen.Code
		for _, set := range o.Scopes {
			var items []jen.Code
			for _, s := range set {
				items = append(items, jen.Lit(s))
			}
			sets = append(sets, jen.Values(items...))
		}
		entries = append(entries, jen.Lit(o.ID).Op(":").Values(sets...))
	}
	// RequiredScopes and ExpandScope, which read this table, are fixed Go
	// (templates/fixed/scopes.go) that Generate appends.
	f.Var().Id("scopes").Op("=").Map(jen.String()).Index().Index().String().Values(entries...)
	return f
}
