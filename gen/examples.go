package gen

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// ExamplesFile holds one compiled usage example per method.
const ExamplesFile = "examples_test.go"

// sample is how one method of an operation is called: as a Go example
// function and as a cURL command line.
type sample struct {
	Service   *model.Service
	Operation *model.Operation
	Method    string // the Go method
	Example   string // ExampleSupportService_GetTicket
	Go        string // the example's body, as the docs quote it
	Curl      string
}

// samples builds the usage samples of every method and the examples file
// that compiles their Go text. Each sample's Go field is the body of its
// function as the formatted file holds it, so the docs quote exactly
// what go vet has checked.
func (g *gen) samples() ([]*sample, *jen.File) {
	eg := *g
	eg.ext = g.cfg.Module
	f := jen.NewFilePathName(g.cfg.Module+"_test", g.cfg.Package+"_test")
	f.HeaderComment(Header)
	f.ImportName(g.cfg.Module, g.cfg.Package)
	out := g.eachSample(func(smp *sample, ex example) {
		f.Func().Id(smp.Example).Params().Block(eg.exampleBody(ex)...)
		f.Line()
	})
	return out, f
}

// eachSample makes the sample of every method, in the order of the
// services and their operations, and hands each with its example to
// write.
func (g *gen) eachSample(write func(*sample, example)) []*sample {
	var out []*sample
	used := map[string]bool{}
	for _, s := range g.api.Services {
		recvType := "Client"
		if s.GoName != "" {
			recvType = s.TypeName
		}
		for _, o := range s.Operations {
			for _, v := range g.op(o).methods {
				smp := &sample{Service: s, Operation: o, Method: v.name, Example: exampleName(recvType, v.name, used)}
				smp.Curl = g.curl(o, v)
				write(smp, g.example(s, o, v))
				out = append(out, smp)
			}
		}
	}
	return out
}

// examplesSource is the examples file laid out directly (exampleSource)
// and its samples, quoted already; ok is false when it is left to
// jennifer: the SDK's import path does not end in its package's name, the
// name is one the file uses for something else, a sample names a package
// outside the standard library, or there is no sample.
func (g *gen) examplesSource() (samples []*sample, src []byte, ok bool) {
	pkg := g.cfg.Package
	switch pkg {
	case "context", "log", "fmt", "io", "os", "time", "strings", "json", "ctx", "client", "res", "err", "stream", "body", "event":
		return nil, nil, false
	}
	if !directCalls || path.Base(g.cfg.Module) != pkg {
		return nil, nil, false
	}
	eg := *g
	eg.ext = g.cfg.Module
	l := callLayout{g: &eg, src: g.newSource(), sdkPkg: pkg}
	var b strings.Builder
	samples = g.eachSample(func(smp *sample, ex example) {
		body := l.exampleSource(ex)
		var quoted strings.Builder
		for _, line := range strings.SplitAfter(strings.TrimSuffix(body, "\n"), "\n") {
			quoted.WriteString(strings.TrimPrefix(line, "\t"))
		}
		quoted.WriteString("\n")
		smp.Go = quoted.String()
		b.WriteString("func " + smp.Example + "() {\n" + body + "}\n\n")
	})
	if len(samples) == 0 || hasLongLine([]byte(b.String())) {
		return nil, nil, false
	}
	paths := []string{g.cfg.Module}
	for p := range l.src.imports {
		if !isStd(p) {
			return nil, nil, false
		}
		paths = append(paths, p)
	}
	var out bytes.Buffer
	out.Grow(b.Len() + 512)
	out.WriteString(Header + "\n\npackage " + pkg + "_test\n\n")
	writeImports(&out, paths)
	out.WriteString(strings.TrimSuffix(b.String(), "\n"))
	return samples, out.Bytes(), true
}

// exampleName names the example of recv's method so that go vet and go
// doc attach it: Example<Type>_<Method>. A name holding an underscore
// (a method named from "v2026.0" is V2026_0) would read as a suffix there,
// and a suffix must start with a lower-case letter, so such a method's
// example is one of its type with the method, underscores dropped, as the
// suffix; a type whose name holds one gets a package example.
func exampleName(recv, method string, used map[string]bool) string {
	name := "Example" + recv + "_" + method
	switch {
	case strings.Contains(recv, "_"):
		name = "Example_" + lowerFirst(strings.ReplaceAll(recv+method, "_", ""))
	case strings.Contains(method, "_"):
		name = "Example" + recv + "_" + lowerFirst(strings.ReplaceAll(method, "_", ""))
	}
	for base, n := name, 2; used[name]; n++ {
		name = base + "v" + strconv.Itoa(n)
	}
	used[name] = true
	return name
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// quoteExamples fills each sample's Go text from the formatted examples
// file: the statements of its function, unindented.
func quoteExamples(src []byte, samples []*sample) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, 0)
	if err != nil {
		return
	}
	bodies := map[string]string{}
	for _, d := range file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || len(fd.Body.List) == 0 {
			continue
		}
		start := fset.Position(fd.Body.Lbrace).Offset + 1
		end := fset.Position(fd.Body.Rbrace).Offset
		var b strings.Builder
		for _, l := range strings.Split(strings.Trim(string(src[start:end]), "\n"), "\n") {
			b.WriteString(strings.TrimPrefix(l, "\t"))
			b.WriteByte('\n')
		}
		bodies[fd.Name.Name] = b.String()
	}
	for _, s := range samples {
		s.Go = bodies[s.Example]
	}
}

// security is the first way of authenticating an operation accepts: the
// schemes of its first requirement (its own, else the document's), or
// none when it allows anonymous access.
func (g *gen) security(o *model.Operation) []*model.SecurityScheme {
	reqs := g.op(o).security
	if len(reqs) == 0 {
		return nil
	}
	var out []*model.SecurityScheme
	for _, u := range reqs[0].Schemes {
		for _, s := range g.api.Schemes {
			if s.Name == u.Scheme && s.Kind != model.SchemeOther {
				out = append(out, s)
			}
		}
	}
	return out
}

// clientOptions are the options a sample creates its client with: the
// credentials the operation needs, read from the environment variables
// the SDK documents, and every global without a default.
func (g *gen) clientOptions(o *model.Operation) []*expr {
	var opts []*expr
	env := func(v string) *expr { return callOf(qual("os", "Getenv"), lit(v)) }
	for _, s := range g.security(o) {
		vars := g.envVars(s)
		switch {
		case len(vars) == 0:
		case s.Kind == model.SchemeBasic:
			opts = append(opts, callOf(sdkIdent("With"+s.GoName), env(vars[0]), env(vars[1])))
		default:
			opts = append(opts, callOf(sdkIdent("With"+s.GoName), env(vars[0])))
		}
	}
	for _, gl := range g.api.Globals {
		if gl.Default == "" {
			opts = append(opts, callOf(sdkIdent("With"+gl.GoName), lit(g.globalValue(gl))))
		}
	}
	return opts
}

// globalValue is the value samples give a global.
func (g *gen) globalValue(gl *model.Global) string {
	if gl.Default != "" {
		return gl.Default
	}
	if gl.Type != nil {
		if gl.Type.Kind == model.KindString {
			return stringValueIn(gl.Type, gl.In, "value")
		}
		// Options take the value as the wire writes it.
		if wire, _ := g.paramSample(gl.Type, gl.In, 0, false); wire != "" {
			return wire
		}
		return stringValueIn(gl.Type, gl.In, "value")
	}
	return "value"
}

// exampleParam is the value a sample passes for a parameter: as the
// conformance test would, but a plain string reads as the parameter's
// name rather than as an escaping check.
func (g *gen) exampleParam(p *model.Param, i int) (string, *expr) {
	if p.Type.Kind == model.KindString && p.Type.GoName == "" && p.ContentType == "" {
		v := stringValueIn(p.Type, p.In, p.Name)
		return v, lit(v)
	}
	return g.paramSample(p.Type, p.In, i, false)
}

// example is the usage sample of a method: the options the client is
// created with, the call with its required arguments, and what is done
// with the result.
type example struct {
	ctx    string // the context's variable
	client string // the client's variable
	opts   []*expr
	call   *expr
	result result
}

// example builds the sample of s's method v of o.
func (g *gen) example(s *model.Service, o *model.Operation, v methodVariant) example {
	ctx := g.sampleVar("ctx")
	args := []*expr{ident(ctx)}
	// The arguments' text, at least as long as what gofmt writes (an
	// argument whose text is not worked out here counts as one rune):
	// enough to tell when the call surely does not fit on its line.
	texts := []string{ctx}
	oneLine := true // the call opens and closes on one line
	for i, p := range g.op(o).pathParams {
		_, x := g.exampleParam(p, i)
		args = append(args, x)
		text := "x"
		if p.Type.Kind == model.KindString && p.Type.GoName == "" && p.ContentType == "" {
			text = strconv.Quote(stringValueIn(p.Type, p.In, p.Name))
		}
		texts = append(texts, text)
	}
	if v.request != "" {
		var fields []*expr
		for i, p := range o.Params {
			if !p.InRequest() || !p.Required {
				continue
			}
			_, x := g.exampleParam(p, 100+i)
			fields = append(fields, pair(p.GoName, x))
		}
		if c := v.body; c != nil && o.Body.Required {
			fields = append(fields, pair("Body", g.bodySample(o, c, false)))
			if rawMultipart(c) {
				mt, _, _ := strings.Cut(c.MediaType, ";")
				fields = append(fields, pair("BodyContentType", lit(mt+"; boundary=sdkgen")))
			}
		}
		req := composite(sdkIdent(v.request), fields...)
		if len(fields) > 0 {
			req.multi = true
			oneLine = false
		}
		args = append(args, req)
		texts = append(texts, v.request+"{}")
	}
	ex := example{opts: g.clientOptions(o), result: v.result, ctx: ctx, client: g.sampleVar("client")}
	recvText := ex.client
	if s.GoName != "" {
		recvText += "." + s.GoName
	}
	ex.call = callOf(ident(recvText+"."+v.name), args...)
	// A call too long for its line has its arguments one a line, as
	// wrapLong would break them (the call is the first list on the line,
	// and has more than one element), which spares it a second format.
	lead, trail := ex.lead()
	ex.call.multi = oneLine && len(args) > 1 && preBroken("\t"+lead+recvText+"."+v.name+"(", texts, ")"+trail)
	return ex
}

// sampleVar is the name of a sample's variable (ctx, client) declared
// before the SDK's package is last named: its own, unless the package goes
// by that name, which the variable would shadow; then its first letter.
func (g *gen) sampleVar(name string) string {
	if g.cfg.Package == name {
		return name[:1]
	}
	return name
}

// lead and trail are what stand before and after the call on its line.
func (ex example) lead() (lead, trail string) {
	switch res := ex.result; {
	case res.events != nil:
		return "stream, err := ", ""
	case res.typ == nil:
		return "if err := ", "; err != nil {"
	case res.stream:
		return "body, err := ", ""
	}
	return "res, err := ", ""
}

// exampleBody is the body of one example, for jennifer: create the
// client, call the method with its required arguments, and use the
// result.
func (g *gen) exampleBody(ex example) []jen.Code {
	opts := make([]jen.Code, len(ex.opts))
	for i, o := range ex.opts {
		opts[i] = g.code(o)
	}
	newClient := g.id("New").Call(opts...)
	if len(opts) > 0 {
		newClient = g.id("New").Custom(jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}, opts...)
	}
	call := g.code(ex.call)
	fatal := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(jen.Err()))
	body := []jen.Code{
		jen.Id(ex.ctx).Op(":=").Qual("context", "Background").Call(),
		jen.Id(ex.client).Op(":=").Add(newClient),
	}
	switch res := ex.result; {
	case res.events != nil:
		// A stream of events: range over them; leaving the loop (or
		// Close) releases the connection.
		body = append(body,
			jen.List(jen.Id("stream"), jen.Err()).Op(":=").Add(call),
			fatal,
			jen.Defer().Id("stream").Dot("Close").Call(),
			jen.For(jen.List(jen.Id("event"), jen.Err()).Op(":=").Range().Id("stream").Dot("All").Call()).Block(
				fatal.Clone(),
				jen.Qual("fmt", "Println").Call(jen.Id("event")),
			),
		)
	case res.typ == nil:
		body = append(body, jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(jen.Err())))
	case res.stream:
		body = append(body,
			jen.List(jen.Id("body"), jen.Err()).Op(":=").Add(call),
			fatal,
			jen.Defer().Id("body").Dot("Close").Call(),
			jen.List(jen.Id("_"), jen.Err()).Op("=").Qual("io", "Copy").Call(jen.Qual("os", "Stdout"), jen.Id("body")),
			fatal.Clone(),
		)
	default:
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			fatal,
			jen.Qual("fmt", "Println").Call(jen.Id("res")),
		)
	}
	return body
}

// exampleSource is the body of one example laid out directly, as gofmt
// and wrapLong lay out exampleBody's code; the packages it names go to
// l's source.
func (l *callLayout) exampleSource(ex example) string {
	const fatal = "\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n"
	l.src.use("context")
	l.src.use("log")
	var b strings.Builder
	b.WriteString("\t" + ex.ctx + " := context.Background()\n")
	newClient := callOf(sdkIdent("New"), ex.opts...)
	newClient.multi = len(ex.opts) > 0
	b.WriteString(l.layout(1, ex.client+" := ", newClient, "\n"))
	lead, trail := ex.lead()
	switch res := ex.result; {
	case res.events != nil:
		l.src.use("fmt")
		b.WriteString(l.layout(1, lead, ex.call, "\n"))
		b.WriteString(fatal + "\tdefer stream.Close()\n\tfor event, err := range stream.All() {\n\t" +
			strings.ReplaceAll(strings.TrimSuffix(fatal, "\n"), "\n", "\n\t") + "\n\t\tfmt.Println(event)\n\t}\n")
	case res.typ == nil:
		b.WriteString(l.layout(1, lead, ex.call, trail+"\n\t\tlog.Fatal(err)\n\t}\n"))
	case res.stream:
		l.src.use("io")
		l.src.use("os")
		b.WriteString(l.layout(1, lead, ex.call, "\n"))
		b.WriteString(fatal + "\tdefer body.Close()\n\t_, err = io.Copy(os.Stdout, body)\n" + fatal)
	default:
		l.src.use("fmt")
		b.WriteString(l.layout(1, lead, ex.call, "\n"))
		b.WriteString(fatal + "\tfmt.Println(res)\n")
	}
	return b.String()
}

// curl is the operation as a cURL command: method, the first server's URL
// with the path template (its parameters left as {name}), required query
// parameters and headers with sample values, credentials from the
// environment variables the SDK reads, the globals, and a sample body.
func (g *gen) curl(o *model.Operation, v methodVariant) string {
	base := o.ServerURL
	if base == "" && len(g.api.Servers) > 0 {
		base = g.api.Servers[0].Expand()
	}
	if base == "" {
		base = "https://api.example.com"
	}
	u := strings.TrimSuffix(base, "/") + o.Path
	var query, authQuery []string
	if q := o.QueryString(); q != "" {
		query = append(query, shellSafe(q))
	}
	var lines []string
	header := func(name, value string) { lines = append(lines, "-H "+shellQuote(name+": "+value)) }
	for _, s := range g.security(o) {
		vars := g.envVars(s)
		switch {
		case len(vars) == 0:
		case s.Kind == model.SchemeBasic:
			lines = append(lines, `-u "$`+vars[0]+`:$`+vars[1]+`"`)
		case s.Kind == model.SchemeAPIKey && s.In == "query":
			authQuery = append(authQuery, shellSafe(url.QueryEscape(s.ParamName))+"=$"+vars[0])
		case s.Kind == model.SchemeAPIKey && s.In == "cookie":
			lines = append(lines, `-b "`+shellSafe(s.ParamName)+`=$`+vars[0]+`"`)
		case s.Kind == model.SchemeAPIKey:
			lines = append(lines, `-H "`+shellSafe(s.ParamName)+`: $`+vars[0]+`"`)
		default:
			lines = append(lines, `-H "Authorization: Bearer $`+vars[0]+`"`)
		}
	}
	for _, gl := range g.api.Globals {
		if gl.In == model.InQuery {
			query = append(query, shellSafe(url.QueryEscape(gl.Name)+"="+url.QueryEscape(g.globalValue(gl))))
		} else {
			header(gl.Name, g.globalValue(gl))
		}
	}
	for i, p := range o.Params {
		if !p.InRequest() || !p.Required {
			continue
		}
		wire, _ := g.exampleParam(p, 100+i)
		switch p.In {
		case model.InQuery:
			query = append(query, shellSafe(url.QueryEscape(p.Name)+"="+url.QueryEscape(wire)))
		case model.InHeader:
			header(p.Name, wire)
		case model.InCookie:
			lines = append(lines, "-b "+shellQuote(p.Name+"="+wire))
		}
	}
	if v.download != nil {
		header("Accept", v.download.MediaType)
	}
	if c := v.body; c != nil && o.Body.Required {
		switch c.Kind {
		case model.ContentMultipart:
			lines = append(lines, "-F "+shellQuote("file=@file.txt"))
		case model.ContentForm:
			header("Content-Type", "application/x-www-form-urlencoded")
			lines = append(lines, "--data "+shellQuote(formText(c)))
		default:
			header("Content-Type", c.MediaType)
			text := "x"
			if c.Type != nil {
				text = jsonText(c.Type)
				if isTextBody(c) {
					text = stringValue(c.Type, "x")
				}
			} else if c.Kind == model.ContentJSON {
				text = "{}"
			}
			lines = append(lines, "--data "+shellQuote(text))
		}
	}
	u = shellSafe(u)
	if all := append(query, authQuery...); len(all) > 0 {
		u += "?" + strings.Join(all, "&")
	}
	var b strings.Builder
	b.WriteString("curl -X " + o.Method + " " + `"` + u + `"`)
	for _, l := range lines {
		b.WriteString(" \\\n  " + l)
	}
	b.WriteByte('\n')
	return b.String()
}

// formText is a form body's sample as url-encoded pairs of its scalar
// top-level fields.
func formText(c *model.Content) string {
	if c.Type == nil {
		return "x=x"
	}
	m, ok := jsonSample(c.Type, 0).(map[string]any)
	if !ok {
		return "x=x"
	}
	vals := url.Values{}
	for k, v := range m {
		switch v := v.(type) {
		case string:
			vals.Set(k, v)
		case float64:
			vals.Set(k, strconv.FormatFloat(v, 'g', -1, 64))
		case bool:
			vals.Set(k, strconv.FormatBool(v))
		}
	}
	return vals.Encode()
}

// shellQuote quotes s for a POSIX shell, in single quotes.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellSafe keeps spec text that goes inside double quotes from ending
// the quotes or expanding anything: only the $VAR references curl writes
// itself, added after this, stay live.
func shellSafe(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '"', '\\', '`', '!', '$':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
