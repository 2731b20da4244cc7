package gen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/par"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/templates/core"
)

// ConformanceFile is the generated test that calls every operation.
const ConformanceFile = "sdkgen_conformance_test.go"

// RecordEnv names the environment variable that makes the generated
// conformance test append every exchange it makes, as one JSON object a
// line, to the file it names (for validation by tools outside the SDK).
const RecordEnv = "SDKGEN_CONFORMANCE_RECORD"

// Record is one line of the file RecordEnv names: a request the SDK sent
// and the response the test server gave it.
type Record struct {
	Package        string              `json:"package"`
	Case           string              `json:"case"`
	Method         string              `json:"method"`
	URL            string              `json:"url"` // path and query, as sent
	Header         map[string][]string `json:"header"`
	Body           []byte              `json:"body"`
	Status         int                 `json:"status"`
	ResponseHeader map[string][]string `json:"responseHeader"`
	ResponseBody   []byte              `json:"responseBody"`
}

// emitConformance writes a test that calls every operation of the SDK
// against a recording httptest server twice, once with only the required
// arguments and once with every optional parameter and body field set,
// with values synthesised from the schema, and checks the HTTP method, the
// expanded path, the parameters set and the content type, and that a
// schema-valid 2xx body decodes. A method that compiles but sends the
// wrong request fails it. With RecordEnv set it also writes every exchange
// to a file.
//
// Response bodies longer than a line go into responses, which the caller
// appends to the formatted file, each body once however many cases share
// it.
func (g *gen) emitConformance(responses *stringTable) ([]byte, error) {
	f := jen.NewFile(g.cfg.Package)
	f.HeaderComment(Header)
	var cases []confCase
	for _, s := range g.api.Services {
		for _, o := range s.Operations {
			for _, v := range g.op(o).methods {
				resp := g.caseResponse(o, v, responses)
				cases = append(cases, g.conformanceCase(s, o, v, resp, false), g.conformanceCase(s, o, v, resp, true))
			}
		}
	}
	f.Add(prose("conformanceCase is one operation and the request it must send."))
	f.Type().Id("conformanceCase").Struct(
		jen.Id("name").String(),
		jen.Id("method").String(),
		jen.Id("path").String(),
		jen.Id("query").Index().String(),
		jen.Id("header").Index().String(),
		jen.Id("contentType").String(),
		jen.Id("status").Int(),
		jen.Id("responseType").String(),
		jen.Id("responseHeader").Map(jen.String()).String(),
		jen.Id("response").String(),
		jen.Id("call").Func().Params(jen.Qual("context", "Context"), jen.Op("*").Id("Client")).Error(),
	)
	f.Line()
	f.Add(prose("conformanceRecord is one exchange as written to the file " + RecordEnv + " names."))
	f.Type().Id("conformanceRecord").Struct(
		jen.Id("Package").String().Tag(map[string]string{"json": "package"}),
		jen.Id("Case").String().Tag(map[string]string{"json": "case"}),
		jen.Id("Method").String().Tag(map[string]string{"json": "method"}),
		jen.Id("URL").String().Tag(map[string]string{"json": "url"}),
		jen.Id("Header").Qual("net/http", "Header").Tag(map[string]string{"json": "header"}),
		jen.Id("Body").Index().Byte().Tag(map[string]string{"json": "body"}),
		jen.Id("Status").Int().Tag(map[string]string{"json": "status"}),
		jen.Id("ResponseHeader").Qual("net/http", "Header").Tag(map[string]string{"json": "responseHeader"}),
		jen.Id("ResponseBody").Index().Byte().Tag(map[string]string{"json": "responseBody"}),
	)
	f.Line()
	f.Add(prose("recordExchange appends rec as a JSON line to the file " + RecordEnv + " names, if it is set."))
	f.Func().Id("recordExchange").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("rec").Id("conformanceRecord")).Block(
		jen.Id("path").Op(":=").Qual("os", "Getenv").Call(jen.Lit(RecordEnv)),
		jen.If(jen.Id("path").Op("==").Lit("")).Block(jen.Return()),
		jen.Id("rec").Dot("Package").Op("=").Lit(g.cfg.Package),
		jen.List(jen.Id("line"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("rec")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Error").Call(jen.Err()), jen.Return()),
		jen.Comment("One write of a whole line: appends from parallel test binaries do not interleave."),
		jen.List(jen.Id("f"), jen.Err()).Op(":=").Qual("os", "OpenFile").Call(jen.Id("path"), jen.Qual("os", "O_APPEND").Op("|").Qual("os", "O_CREATE").Op("|").Qual("os", "O_WRONLY"), jen.Op("0o644")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Error").Call(jen.Err()), jen.Return()),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("f").Dot("Write").Call(jen.Append(jen.Id("line"), jen.LitRune('\n'))), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Error").Call(jen.Err())),
		jen.If(jen.Err().Op(":=").Id("f").Dot("Close").Call(), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Error").Call(jen.Err())),
	)
	f.Line()
	f.Var().Id("conformanceCases").Op("=").Index().Id("conformanceCase").Values() // the table goes here, see casesTable
	f.Line()

	var creds []jen.Code
	for _, s := range g.api.Schemes {
		switch s.Kind {
		case model.SchemeBasic:
			creds = append(creds, jen.Id("With"+s.GoName).Call(jen.Lit("user"), jen.Lit("pass")))
		case model.SchemeBearer, model.SchemeOAuth2, model.SchemeAPIKey:
			creds = append(creds, jen.Id("With"+s.GoName).Call(jen.Lit("secret")))
		}
	}
	opts := append([]jen.Code{jen.Id("WithServerURL").Call(jen.Id("srv").Dot("URL")), jen.Id("WithRetryPolicy").Call(jen.Id("RetryPolicy").Values())}, creds...)
	// A global without a default is set as a user would: operations that
	// require the header or query parameter cannot be sent without it.
	for _, gl := range g.api.Globals {
		if gl.Default == "" {
			opts = append(opts, jen.Id("With"+gl.GoName).Call(jen.Lit(g.globalValue(gl))))
		}
	}

	r, w := jen.Id("r"), jen.Id("w")
	f.Add(prose("hasQuery reports whether the request carries parameter name, as name=… or, for objects, name[key]=…."))
	f.Func().Id("hasQuery").Params(jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("name").String()).Bool().Block(
		jen.For(jen.Id("k").Op(":=").Range().Id("r").Dot("URL").Dot("Query").Call()).Block(
			jen.If(jen.Id("k").Op("==").Id("name").Op("||").Qual("strings", "HasPrefix").Call(jen.Id("k"), jen.Id("name").Op("+").Lit("["))).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
	f.Line()
	f.Add(prose("TestConformance calls every operation against a recording server."))
	f.Func().Id("TestConformance").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Id("conformanceCases")).Block(
			jen.Id("t").Dot("Run").Call(jen.Id("tc").Dot("name"), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
				jen.Var().Id("got").Op("*").Qual("net/http", "Request"),
				jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual("net/http", "HandlerFunc").Call(
					jen.Func().Params(w.Clone().Qual("net/http", "ResponseWriter"), r.Clone().Op("*").Qual("net/http", "Request")).Block(
						jen.If(jen.Id("r").Dot("URL").Dot("Path").Op("==").Lit(redirectedPath)).Block(
							jen.Return(), // the end of a redirect the operation declares
						),
						jen.Id("got").Op("=").Id("r"),
						jen.List(jen.Id("body"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Id("r").Dot("Body")),
						jen.If(jen.Id("tc").Dot("responseType").Op("!=").Lit("")).Block(
							jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Id("tc").Dot("responseType")),
						),
						jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("tc").Dot("responseHeader")).Block(
							jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Id("k"), jen.Id("v")),
						),
						jen.Id("recordExchange").Call(jen.Id("t"), jen.Id("conformanceRecord").Values(
							jen.Id("Case").Op(":").Id("tc").Dot("name"),
							jen.Id("Method").Op(":").Id("r").Dot("Method"),
							jen.Id("URL").Op(":").Id("r").Dot("RequestURI"),
							jen.Id("Header").Op(":").Id("r").Dot("Header").Dot("Clone").Call(),
							jen.Id("Body").Op(":").Id("body"),
							jen.Id("Status").Op(":").Id("tc").Dot("status"),
							jen.Id("ResponseHeader").Op(":").Id("w").Dot("Header").Call().Dot("Clone").Call(),
							jen.Id("ResponseBody").Op(":").Index().Byte().Call(jen.Id("tc").Dot("response")),
						)),
						jen.Id("w").Dot("WriteHeader").Call(jen.Id("tc").Dot("status")),
						jen.List(jen.Id("_"), jen.Id("_")).Op("=").Qual("io", "WriteString").Call(jen.Id("w"), jen.Id("tc").Dot("response")),
					),
				)),
				jen.Defer().Id("srv").Dot("Close").Call(),
				jen.Id("c").Op(":=").Id("New").Call(opts...),
				jen.If(jen.Err().Op(":=").Id("tc").Dot("call").Call(jen.Qual("context", "Background").Call(), jen.Id("c")), jen.Err().Op("!=").Nil()).Block(
					jen.Id("t").Dot("Fatalf").Call(jen.Lit("call failed: %v"), jen.Err()),
				),
				jen.If(jen.Id("got").Op("==").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Lit("no request reached the server"))),
				jen.If(jen.Id("got").Dot("Method").Op("!=").Id("tc").Dot("method")).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("method = %s, want %s"), jen.Id("got").Dot("Method"), jen.Id("tc").Dot("method")),
				),
				jen.If(jen.Id("p").Op(":=").Id("got").Dot("URL").Dot("EscapedPath").Call(), jen.Id("tc").Dot("path").Op("!=").Lit("").Op("&&").Id("p").Op("!=").Id("tc").Dot("path")).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("path = %s, want %s"), jen.Id("p"), jen.Id("tc").Dot("path")),
				),
				jen.For(jen.List(jen.Id("_"), jen.Id("q")).Op(":=").Range().Id("tc").Dot("query")).Block(
					jen.If(jen.Op("!").Id("hasQuery").Call(jen.Id("got"), jen.Id("q"))).Block(
						jen.Id("t").Dot("Errorf").Call(jen.Lit("query parameter %s missing from %s"), jen.Id("q"), jen.Id("got").Dot("URL").Dot("RawQuery")),
					),
				),
				jen.For(jen.List(jen.Id("_"), jen.Id("h")).Op(":=").Range().Id("tc").Dot("header")).Block(
					jen.If(jen.Id("got").Dot("Header").Dot("Get").Call(jen.Id("h")).Op("==").Lit("")).Block(
						jen.Id("t").Dot("Errorf").Call(jen.Lit("header %s missing"), jen.Id("h")),
					),
				),
				jen.If(jen.List(jen.Id("ct"), jen.Id("_"), jen.Id("_")).Op(":=").Qual("strings", "Cut").Call(jen.Id("got").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Lit(";")), jen.Id("ct").Op("!=").Id("tc").Dot("contentType")).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("Content-Type = %q, want %q"), jen.Id("ct"), jen.Id("tc").Dot("contentType")),
				),
			)),
		),
	)

	parts, ok, err := g.callParts(f, cases)
	if err == nil && !ok {
		parts, err = g.conformanceParts(f, cases)
	}
	if err != nil {
		return nil, err
	}
	if len(parts) != len(cases)+1 {
		return nil, fmt.Errorf("%d call bodies for %d cases", len(parts)-1, len(cases))
	}
	for i, part := range parts[1:] {
		body, ok := bytes.CutSuffix(bytes.TrimRight(part, "\n"), []byte(bodyEnd))
		if !ok {
			return nil, fmt.Errorf("call body %d does not end as expected", i)
		}
		cases[i].pairs = append(cases[i].pairs, [2]string{"call", "func(ctx context.Context, c *Client) error {\n" + string(body) + "\t\t}"})
	}
	const placeholder = "\nvar conformanceCases = []conformanceCase{}\n"
	head, tail, ok := bytes.Cut(parts[0], []byte(placeholder))
	if !ok {
		return nil, fmt.Errorf("no place for the conformance cases")
	}
	table := g.casesTable(cases)
	out := make([]byte, 0, len(head)+len(table)+len(tail)+2)
	out = append(append(append(out, head...), '\n'), table...)
	out = append(append(out, '\n'), bytes.TrimRight(tail, "\n")...)
	return append(out, '\n'), nil
}

// conformanceParts formats the file f with the cases' call bodies and
// splits it at each body: the file before the first, then each body with
// the lines that close it. The calls' bodies are the only part of the
// cases whose layout varies: each goes into a function of its own, nested
// at the depth it has in the table, to be formatted as part of the file;
// the table is then written around them (casesTable).
//
// Formatting the bodies is most of the conformance file's work, and the
// file is the SDK's longest, so a big one is formatted in chunks side by
// side: the rest of the file alone, and the bodies in files of their own
// whose imports then join the file's. gofmt lays each function out the
// same in any file. When an import is named, or two share a name, the
// chunks could not be joined as jennifer would have written the whole,
// and the whole is formatted at once.
func (g *gen) conformanceParts(f *jen.File, cases []confCase) ([][]byte, error) {
	bodies := func(f *jen.File, cases []confCase) *jen.File {
		for _, c := range cases {
			f.Func().Id("_").Params().Block(jen.Block(jen.Block(g.statements(c)...)))
		}
		return f
	}
	whole := func() ([][]byte, error) {
		if onWholeConformance != nil {
			onWholeConformance()
		}
		var buf bytes.Buffer
		if err := bodies(f, cases).Render(&buf); err != nil {
			return nil, err
		}
		return bytes.Split(groupImports(wrapLong(buf.Bytes())), []byte(bodyStart)), nil
	}
	if len(cases) <= conformanceChunk || runtime.GOMAXPROCS(0) < 2 {
		return whole()
	}
	var chunks [][]confCase
	for c := range slices.Chunk(cases, conformanceChunk) {
		chunks = append(chunks, c)
	}
	out := make([][]byte, len(chunks)+1) // the file without bodies, then each chunk
	errs := make([]error, len(out))
	par.Each(len(out), func(i int) {
		file := f
		if i > 0 {
			file = jen.NewFile(g.cfg.Package)
			file.HeaderComment(Header) // fileImports finds the package clause after it
			bodies(file, chunks[i-1])
		}
		var buf bytes.Buffer
		if errs[i] = file.Render(&buf); errs[i] == nil {
			out[i] = wrapLong(buf.Bytes())
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var paths []string
	parts := [][]byte{nil}
	for _, chunk := range out[1:] {
		more, _, end, ok := fileImports(chunk)
		if !ok {
			return whole()
		}
		paths = append(paths, more...)
		// The bodies follow the imports and their blank line: the first
		// is given back the newline bodyStart begins with.
		split := bytes.Split(append([]byte{'\n'}, chunk[end:]...), []byte(bodyStart))
		if len(split[0]) != 0 {
			return nil, fmt.Errorf("conformance chunk starts with %q", split[0])
		}
		parts = append(parts, split[1:]...)
	}
	head, ok := joinImports(out[0], paths)
	if !ok {
		return whole()
	}
	parts[0] = head
	return parts, nil
}

// joinImports adds the packages of paths to the imports of head, a file
// jennifer wrote, formatted. ok is false when head names an import, or
// two of the packages go by one name: jennifer would have named them.
func joinImports(head []byte, more []string) ([]byte, bool) {
	paths, start, end, ok := fileImports(head)
	if !ok {
		return nil, false
	}
	for _, p := range more {
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	names := map[string]bool{}
	for _, p := range paths {
		if names[path.Base(p)] {
			return nil, false
		}
		names[path.Base(p)] = true
	}
	var b bytes.Buffer
	b.Grow(len(head) + 64)
	b.Write(head[:start])
	writeImports(&b, paths)
	b.Write(head[end:])
	return b.Bytes(), true
}

// directCalls turns on laying the conformance calls out directly
// (callParts); tests turn it off to compare with the layout jennifer,
// go/format and wrapLong give them.
var directCalls = true

// callParts is conformanceParts with the call bodies laid out directly
// (callLayout) rather than formatted: the rest of the file is formatted
// alone, and the packages the bodies name join its imports. ok is false
// when that cannot be done as jennifer would: the SDK's types are in
// another package, a body names a package outside the standard library
// (whose name jennifer guesses), or two imports share a name.
func (g *gen) callParts(f *jen.File, cases []confCase) (parts [][]byte, ok bool, err error) {
	if !directCalls || g.ext != "" {
		return nil, false, nil
	}
	const chunk = 64 // cases laid out by one goroutine at a time
	n := (len(cases) + chunk - 1) / chunk
	parts = make([][]byte, len(cases)+1)
	used := make([]map[string]bool, n)
	var renderErr error
	par.Each(n+1, func(i int) {
		if i == n {
			var buf bytes.Buffer
			if renderErr = f.Render(&buf); renderErr == nil {
				parts[0] = wrapLong(buf.Bytes())
			}
			return
		}
		l := callLayout{g: g, src: g.newSource()}
		for j := i * chunk; j < min(len(cases), (i+1)*chunk); j++ {
			parts[j+1] = []byte(l.bodySource(cases[j], 3) + bodyEnd)
		}
		used[i] = l.src.imports
	})
	if renderErr != nil {
		return nil, false, renderErr
	}
	var paths []string
	for _, m := range used {
		for p := range m {
			if !isStd(p) {
				return nil, false, nil
			}
			if !slices.Contains(paths, p) {
				paths = append(paths, p)
			}
		}
	}
	head, ok := joinImports(parts[0], paths)
	if !ok {
		return nil, false, nil
	}
	parts[0] = head
	return parts, true, nil
}

// conformanceChunk is how many cases a chunk of call bodies holds; a
// file with no more cases is formatted whole. Tests lower it.
var conformanceChunk = 128

// onWholeConformance, when set, is called each time the conformance file
// is formatted whole; tests count those times.
var onWholeConformance func()

// The lines around a call body in the functions emitConformance formats
// them in.
const (
	bodyStart = "\nfunc _() {\n\t{\n\t\t{\n"
	bodyEnd   = "\t\t}\n\t}\n}"
)

// confCase is one conformance case: its fields but the call as source
// text, and the call its function makes, with what it does with the
// result.
type confCase struct {
	pairs  [][2]string
	lists  map[string]*expr // the values of pairs that are lists, as expressions
	call   *expr
	result callResult
}

// callResult is what a case's function does with its call's results.
type callResult int

const (
	callValue    callResult = iota // _, err := call; return err
	callReturned                   // return call
	callStream                     // close the stream it returns
)

// statements are the case's function body, for jennifer.
func (g *gen) statements(c confCase) []jen.Code {
	call := g.code(c.call)
	switch c.result {
	case callReturned:
		return []jen.Code{jen.Return(call)}
	case callStream: // a *Stream[T] is closed like an io.ReadCloser
		return []jen.Code{
			jen.List(jen.Id("rc"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Id("rc").Op("!=").Nil()).Block(jen.Id("rc").Dot("Close").Call()),
			jen.Return(jen.Err()),
		}
	}
	return []jen.Code{jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call), jen.Return(jen.Err())}
}

// bodySource is the case's function body laid out directly, its lines
// at depth tabs of indentation (see callLayout).
func (l *callLayout) bodySource(c confCase, depth int) string {
	indent := strings.Repeat("\t", depth)
	switch c.result {
	case callReturned:
		return l.layout(depth, "return ", c.call, "\n")
	case callStream:
		return l.layout(depth, "rc, err := ", c.call, "\n"+indent+"if rc != nil {\n"+indent+"\trc.Close()\n"+indent+"}\n"+indent+"return err\n")
	}
	return l.layout(depth, "_, err := ", c.call, "\n"+indent+"return err\n")
}

// casesTable is the conformance cases' declaration as gofmt lays it out:
// one case a line of fields, aligned (see compositeSource). A case with a
// line wrapLong would break is broken the same way, alone.
func (g *gen) casesTable(cases []confCase) string {
	var b strings.Builder
	b.WriteString("var conformanceCases = []conformanceCase{")
	if len(cases) > 0 {
		b.WriteString("\n")
	}
	l := callLayout{g: g, src: g.newSource()}
	for _, c := range cases {
		elem := "\t" + compositeSource(c.pairs, 1) + ",\n"
		// The call's body has been through wrapLong already; only the
		// fields before it may hold a line to break. When the body has no
		// long line left, callLayout runs the rounds on the fields.
		if fields, call, _ := strings.Cut(elem, "\t\tcall: func("); hasLongLine([]byte(fields)) {
			if hasLongLine([]byte(call)) || !directCalls {
				elem = wrapAlone("package p\n\nvar _ = []conformanceCase{\n", elem, "}\n")
			} else {
				elems := make([]*expr, len(c.pairs))
				for i, p := range c.pairs {
					v := c.lists[p[0]]
					if v == nil {
						v = ident(p[1])
					}
					elems[i] = pair(p[0], v)
				}
				e := composite(ident(""), elems...)
				e.broken = true
				elem = l.layout(1, "", e, ",\n")
			}
		}
		b.WriteString(elem)
	}
	b.WriteString("}")
	return b.String()
}

// fullDepth is how deep the all-optional case sets optional fields of
// nested objects; below it only required ones are set, which bounds the
// size of values of recursive and deeply nested schemas.
const fullDepth = 4

// conformanceCase builds one table entry: with only the required
// arguments, or with full, every optional parameter and body field too.
func (g *gen) conformanceCase(s *model.Service, o *model.Operation, v methodVariant, resp caseResponse, full bool) confCase {
	// The expected path: static parts escaped as the runtime sends them,
	// values escaped as one segment each.
	path := core.EscapeStaticPath(o.Path)
	var args []*expr
	for i, p := range g.op(o).pathParams {
		wire, x := g.paramSample(p.Type, p.In, i, full)
		if p.ContentType != "" || p.Type.Kind == model.KindStruct || p.Type.Kind == model.KindMap || p.Type.Kind == model.KindArray && full {
			// JSON text or an object: the exact segment is the runtime's
			// business (its own tests pin the style table); check the rest.
			path = ""
		}
		seg := url.PathEscape(wire)
		switch p.Style {
		case "label":
			seg = "." + seg
		case "matrix":
			seg = ";" + url.PathEscape(p.Name) + "=" + seg
		}
		if path != "" {
			path = strings.ReplaceAll(path, core.EscapeStaticPath("{"+p.Name+"}"), seg)
		}
		args = append(args, x)
	}
	var query, header []string
	for _, q := range o.FixedQuery { // written into the path key: always sent
		query = append(query, strconv.Quote(q.Name))
	}
	if v.request != "" {
		var fields []*expr
		for i, p := range o.Params {
			if !p.InRequest() || !p.Required && !full {
				continue
			}
			_, x := g.paramSample(p.Type, p.In, 100+i, full)
			if !p.Required && !isNilable(p.Type) {
				x = callOf(sdkIdent("Ptr"), g.convert(p.Type, x))
			}
			fields = append(fields, pair(p.GoName, x))
			switch {
			case p.In == model.InQuery && p.Explode && p.Style == "form" && (p.Type.Kind == model.KindStruct || p.Type.Kind == model.KindMap):
				// An exploded form object sends its properties, not its name.
			case p.In == model.InQuery:
				query = append(query, strconv.Quote(p.Name))
			case p.In == model.InHeader && !reservedHeader(p.Name):
				header = append(header, strconv.Quote(p.Name))
			}
		}
		if c := v.body; c != nil && (o.Body.Required || full) {
			fields = append(fields, pair("Body", g.bodySample(o, c, full)))
			if rawMultipart(c) {
				mt, _, _ := strings.Cut(c.MediaType, ";")
				fields = append(fields, pair("BodyContentType", lit(mt+"; boundary=sdkgen")))
			}
		}
		args = append(args, composite(sdkIdent(v.request), fields...))
	}
	method := "c." + v.name
	if s.GoName != "" {
		method = "c." + s.GoName + "." + v.name
	}
	c := confCase{call: callOf(ident(method), append([]*expr{ident("ctx")}, args...)...), result: callValue}
	switch res := v.result; {
	case res.typ == nil:
		c.result = callReturned
	case res.stream:
		c.result = callStream
	}
	contentType, _, _ := strings.Cut(o.ContentTypeHeader, ";") // sent without a body
	if c := v.body; c != nil && (o.Body.Required || full) {
		contentType = c.MediaType
		switch c.Kind {
		case model.ContentForm:
			contentType = "application/x-www-form-urlencoded"
		case model.ContentMultipart:
			if encodesStruct(c) {
				contentType = "multipart/form-data"
			}
		}
		// The media type as the wire carries it: without parameters.
		contentType, _, _ = strings.Cut(contentType, ";")
	}
	name := o.ID + caseSuffix(o, v)
	if full {
		name += "/all optional"
	}
	kv := func(k, v string) { c.pairs = append(c.pairs, [2]string{k, v}) }
	// The lists, also as expressions for callLayout.
	list := func(k string, e *expr) {
		if c.lists == nil {
			c.lists = map[string]*expr{}
		}
		c.lists[k] = e
	}
	strs := func(ss []string) *expr {
		elems := make([]*expr, len(ss))
		for i, s := range ss {
			elems[i] = ident(s)
		}
		return composite(ident("[]string"), elems...)
	}
	kv("name", strconv.Quote(name))
	kv("method", strconv.Quote(o.Method))
	kv("path", strconv.Quote(path))
	if len(query) > 0 {
		kv("query", "[]string{"+strings.Join(query, ", ")+"}")
		list("query", strs(query))
	}
	if len(header) > 0 {
		kv("header", "[]string{"+strings.Join(header, ", ")+"}")
		list("header", strs(header))
	}
	kv("contentType", strconv.Quote(contentType))
	kv("status", strconv.Itoa(resp.status))
	kv("responseType", strconv.Quote(resp.mediaType))
	if len(resp.header) > 0 {
		var pairs [][2]string
		for k, v := range resp.header {
			pairs = append(pairs, [2]string{strconv.Quote(k), strconv.Quote(v)})
		}
		slices.SortFunc(pairs, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
		kv("responseHeader", "map[string]string"+compositeSource(pairs, 2))
		elems := make([]*expr, len(pairs))
		for i, p := range pairs {
			elems[i] = pair(p[0], ident(p[1]))
		}
		e := composite(ident("map[string]string"), elems...)
		e.broken = len(pairs) > 1 // as compositeSource writes it
		list("responseHeader", e)
	}
	kv("response", resp.body)
	return c
}

// reservedHeader reports whether a header parameter is one HTTP itself
// sets, which the SDK need not send as given.
func reservedHeader(name string) bool {
	switch strings.ToLower(name) {
	case "accept", "content-type", "authorization":
		return true
	}
	return false
}

// caseSuffix tells apart the cases of an operation's several methods.
func caseSuffix(o *model.Operation, v methodVariant) string {
	switch {
	case v.download != nil:
		return "/accept " + v.download.MediaType
	case v.body == nil || len(o.Body.Contents) < 2:
		return ""
	}
	return "/" + model.MediaWord(v.body)
}

// sampleEnum is the enum value samples use: the first that is not empty,
// since an empty string is, on the wire, a parameter left unset.
func sampleEnum(t *model.Type) *model.EnumValue { return sampleEnumIn(t, "") }

// sampleEnumIn is sampleEnum for a parameter in the location in: the
// first value the SDK sends as given there (see sendable).
func sampleEnumIn(t *model.Type, in string) *model.EnumValue {
	for _, e := range t.Enum {
		if e.Value != "" && sendable(e.Value, in) {
			return e
		}
	}
	for _, e := range t.Enum {
		if e.Value != "" {
			return e
		}
	}
	return t.Enum[0]
}

// paramSample is a value of a parameter in the location in: its wire form
// and its Go literal.
func (g *gen) paramSample(t *model.Type, in string, i int, full bool) (string, *expr) {
	switch {
	case t.Kind == model.KindEnum && len(t.Enum) > 0:
		e := sampleEnumIn(t, in)
		return e.Value, sdkIdent(e.GoName)
	case t.Kind == model.KindInt:
		n := intValue(t, int64(i+1))
		return strconv.FormatInt(n, 10), lit(int(n))
	case t.Kind == model.KindFloat:
		f := floatValue(t, 1.5)
		return strconv.FormatFloat(f, 'g', -1, 64), lit(f)
	case t.Kind == model.KindBool:
		return strconv.FormatBool(boolValue(t)), lit(boolValue(t))
	case t.Kind == model.KindDate:
		return "2024-01-02", g.sample(t, 0)
	case t.Kind == model.KindDateTime:
		return "2024-01-02T03:04:05Z", g.sample(t, 0)
	case t.Kind == model.KindBytes:
		return "eA==", g.sample(t, 0)
	case t.Kind == model.KindString && t.GoName == "":
		// Where the schema does not constrain the value, a space and a
		// percent sign show that values are escaped. (A slash would too, but
		// validating routers call an escaped slash in a path ambiguous.)
		v := stringValueIn(t, in, fmt.Sprintf("v%d x%%y", i+1))
		return v, lit(v)
	case t.Kind == model.KindAny:
		// A parameter of any type: a string is what a query or header
		// can always carry (an empty object would send nothing).
		v := fmt.Sprintf("v%d", i+1)
		return v, lit(v)
	case t.Kind == model.KindArray && t.GoName == "":
		// One element at least, so a required list is really sent.
		wire, v := g.paramSample(t.Elem, in, i, full)
		vs := []*expr{v}
		for range itemCount(t) - 1 {
			vs = append(vs, v.clone())
		}
		return wire, composite(typeOf(t), vs...)
	case t.Kind == model.KindStruct && t.GoName != "" && full:
		return "", g.value(t, 1, true)
	case t.Kind == model.KindStruct && t.GoName != "":
		// A parameter object: every scalar field set, so it is never empty.
		var fields []*expr
		for _, f := range t.Fields {
			if !model.TagSafe(f.Name) {
				continue
			}
			switch sh := g.shapeOf(t, f); {
			case sh == shapeValue:
				fields = append(fields, pair(f.GoName, g.sample(f.Type, 1)))
			case (sh == shapePointer || sh == shapeRequiredPtr) && isScalar(f.Type):
				fields = append(fields, pair(f.GoName, callOf(sdkIdent("Ptr"), g.convert(f.Type, g.sample(f.Type, 1)))))
			case sh == shapeNullable && isScalar(f.Type):
				fields = append(fields, pair(f.GoName, callOf(sdkIdent("NewNullable"), g.convert(f.Type, g.sample(f.Type, 1)))))
			}
		}
		return "", composite(sdkIdent(t.GoName), fields...)
	case t.Kind == model.KindUnion && len(t.Variants) > 0:
		v := pickVariant(t, full)
		wire, x := g.paramSample(v.Type, in, i, full)
		if !isNilable(v.Type) {
			x = callOf(sdkIdent("Ptr"), g.convert(v.Type, x))
		}
		return wire, composite(sdkIdent(t.GoName), pair(v.GoName, x))
	}
	return "", g.value(t, 0, full)
}

// bodySample is a value for a request's Body field.
func (g *gen) bodySample(o *model.Operation, c *model.Content, full bool) *expr {
	switch {
	case isTextBody(c):
		x := lit("x")
		if c.Type != nil {
			x = lit(stringValue(c.Type, "x"))
		}
		if o.Body.Required {
			return x
		}
		return callOf(sdkIdent("Ptr"), x)
	case c.Kind != model.ContentJSON && !encodesStruct(c):
		return callOf(qual("strings", "NewReader"), lit(readyBody(c)))
	}
	if c.Type == nil {
		return callOf(qual("encoding/json", "RawMessage"), lit("{}"))
	}
	v := g.value(c.Type, 0, full)
	if isNilable(c.Type) || o.Body.Required {
		return v
	}
	return callOf(sdkIdent("Ptr"), v)
}

// readyBody is the text of a body the SDK takes ready-made: JSON of the
// schema for JSON-like media types, else a short text.
func readyBody(c *model.Content) string {
	mt := strings.ToLower(c.MediaType)
	if c.Type != nil && (strings.Contains(mt, "json") || c.Kind == model.ContentJSON) {
		return jsonText(c.Type)
	}
	return "x"
}

// textCache maps types to text computed from them, safe for concurrent
// use.
type textCache struct {
	mu sync.Mutex
	m  map[*model.Type]string
}

// jsonText is jsonText(t), computed once per type.
func (g *gen) jsonText(t *model.Type) string {
	c := g.jsonTexts
	c.mu.Lock()
	s, ok := c.m[t]
	c.mu.Unlock()
	if !ok {
		s = g.jsonMemo.text(t, 0)
		c.mu.Lock()
		c.m[t] = s
		c.mu.Unlock()
	}
	return s
}

// jsonText is jsonSample(t) as JSON text, as json.Marshal writes it.
func jsonText(t *model.Type) string { return newJSONMemo().text(t, 0) }

// jsonMemo writes jsonSample's values as JSON text without building them,
// remembering the text of each type at each depth: a big spec's samples
// hold the same objects (a user, an address) over and over. It is safe
// for concurrent use.
type jsonMemo struct {
	mu   sync.Mutex
	vals map[jsonKey]jsonVal
}

type jsonKey struct {
	t     *model.Type
	depth int
}

// jsonVal is a value's JSON text, and for an object its members' texts
// by name (which a union's discriminator joins).
type jsonVal struct {
	text string
	obj  map[string]string
}

func newJSONMemo() *jsonMemo { return &jsonMemo{vals: map[jsonKey]jsonVal{}} }

func (m *jsonMemo) text(t *model.Type, depth int) string { return m.value(t, depth).text }

// value is jsonSample(t, depth) as JSON.
func (m *jsonMemo) value(t *model.Type, depth int) jsonVal {
	k := jsonKey{t, min(depth, 12)} // past 11 every depth writes the same
	m.mu.Lock()
	v, ok := m.vals[k]
	m.mu.Unlock()
	if !ok {
		v = m.compute(t, depth)
		m.mu.Lock()
		m.vals[k] = v
		m.mu.Unlock()
	}
	return v
}

// object is the object of members obj.
func object(obj map[string]string) jsonVal {
	var b []byte
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(obj)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(b, k), ':')
		b = append(b, obj[k]...)
	}
	return jsonVal{text: string(append(b, '}')), obj: obj}
}

// anyJSON is v, a value json.Unmarshal gives, as JSON.
func anyJSON(v any) jsonVal {
	if o, ok := v.(map[string]any); ok {
		obj := map[string]string{}
		for k, x := range o {
			obj[k] = anyJSON(x).text
		}
		return object(obj)
	}
	if b, ok := appendJSON(nil, v); ok {
		return jsonVal{text: string(b)}
	}
	b, _ := json.Marshal(v)
	return jsonVal{text: string(b)}
}

// compute writes what jsonSample builds, case by case; the members and
// variants come from the same choices (sampleMembers, sampleVariant).
func (m *jsonMemo) compute(t *model.Type, depth int) jsonVal {
	str := func(s string) jsonVal { return jsonVal{text: string(appendJSONString(nil, s))} }
	switch t.Kind {
	case model.KindStruct:
		obj := map[string]string{}
		sampleMembers(t, depth, func(name string, ft *model.Type) {
			obj[name] = "null"
			if ft != nil {
				obj[name] = m.text(ft, depth+1)
			}
		})
		return object(obj)
	case model.KindEnum:
		if len(t.Enum) > 0 {
			return anyJSON(jsonSample(t, depth)) // one small value
		}
	case model.KindUnion:
		if v := sampleVariant(t, depth); v != nil {
			out := m.value(v.Type, depth+1)
			if out.obj != nil && t.Discriminator != "" && len(v.Tags) > 0 {
				obj := maps.Clone(out.obj) // the variant's own stays as it is
				obj[t.Discriminator] = string(appendJSONString(nil, v.Tags[0]))
				return object(obj)
			}
			return out
		}
	case model.KindString:
		return str(stringValue(t, "x"))
	case model.KindBinary:
		return str("x")
	case model.KindInt:
		return jsonVal{text: strconv.FormatInt(intValue(t, 1), 10)}
	case model.KindFloat:
		return anyJSON(floatValue(t, 1.5))
	case model.KindBool:
		return jsonVal{text: strconv.FormatBool(boolValue(t))}
	case model.KindDateTime:
		return str("2024-01-02T03:04:05Z")
	case model.KindDate:
		return str("2024-01-02")
	case model.KindBytes:
		return str("eA==")
	case model.KindArray:
		if depth > 10 {
			return jsonVal{text: "[]"}
		}
		n := itemCount(t)
		b := []byte{'['}
		for i := range n {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, m.text(t.Elem, depth+1)...)
		}
		return jsonVal{text: string(append(b, ']'))}
	case model.KindMap:
		if depth > 10 {
			return object(map[string]string{})
		}
		return object(map[string]string{mapKey(t): m.text(t.Elem, depth+1)})
	}
	return object(map[string]string{})
}

// appendJSON appends v, one of the values jsonSample builds, as
// json.Marshal writes it: object keys sorted, strings with HTML
// characters escaped. It walks the values without reflection, which for
// the thousands of samples of a big spec is most of the cost; ok is false
// for a value of another kind.
func appendJSON(b []byte, v any) (_ []byte, ok bool) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), true
	case bool:
		return strconv.AppendBool(b, v), true
	case int64:
		return strconv.AppendInt(b, v, 10), true
	case string:
		return appendJSONString(b, v), true
	case float64:
		text, err := json.Marshal(v)
		return append(b, text...), err == nil
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = appendJSON(b, e); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	case map[string]any:
		b = append(b, '{')
		for i, k := range slices.Sorted(maps.Keys(v)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendJSONString(b, k), ':')
			if b, ok = appendJSON(b, v[k]); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
	return b, false
}

// appendJSONString appends s as json.Marshal quotes it: as it is when no
// byte needs escaping, else by json.Marshal itself.
func appendJSONString(b []byte, s string) []byte {
	if !plainJSON(s) {
		text, _ := json.Marshal(s)
		return append(b, text...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// sample is a Go expression of type t with every required field set.
func (g *gen) sample(t *model.Type, depth int) *expr { return g.value(t, depth, false) }

// value is a Go expression of type t with every required field set, and
// with full every optional one too (down to fullDepth). Scalars honour the
// schema's format, pattern, bounds and examples.
func (g *gen) value(t *model.Type, depth int, full bool) *expr {
	if depth > 8 {
		return callOf(ident("*new"), typeOf(t))
	}
	if full && depth > fullDepth {
		full = false
	}
	if (t.Kind == model.KindStruct || t.Kind == model.KindUnion) && t.GoName == "" {
		// As typ writes it: raw JSON, here a valid instance.
		return callOf(qual("encoding/json", "RawMessage"), lit(g.jsonMemo.text(t, 0)))
	}
	switch t.Kind {
	case model.KindStruct:
		var fields []*expr
		for _, f := range t.Fields {
			if !model.TagSafe(f.Name) {
				continue
			}
			sh := g.shapeOf(t, f)
			// A property of the schema's required alternative is set even
			// in a minimal value, else the value matches no alternative.
			needed := !full && !f.ReadOnly && slices.Contains(t.RequiredOneOf, f.Name)
			if !full && !needed || f.Required && sh == shapeRequiredPtr && containsByValue(f.Type, t, map[*model.Type]bool{}) {
				if sh != shapeValue {
					continue
				}
				fields = append(fields, pair(f.GoName, g.value(f.Type, depth+1, false)))
				continue
			}
			if f.ReadOnly {
				continue // the server's to set: requests leave it out
			}
			v := g.value(f.Type, depth+1, !needed)
			switch sh {
			case shapePointer, shapeRequiredPtr:
				v = callOf(sdkIdent("Ptr"), g.convert(f.Type, v))
			case shapeNullable:
				v = callOf(sdkIdent("NewNullable"), g.convert(f.Type, v))
			}
			fields = append(fields, pair(f.GoName, v))
		}
		if t.Additional != nil && t.AdditionalName != "" && len(t.RequiredExtra) > 0 {
			// Required properties the schema never declares travel in
			// the additional-properties map.
			var extra []*expr
			for _, name := range t.RequiredExtra {
				extra = append(extra, pair(strconv.Quote(name), g.value(t.Additional, depth+1, false)))
			}
			fields = append(fields, pair(t.AdditionalName, composite(typeOf(&model.Type{Kind: model.KindMap, Elem: t.Additional}), extra...)))
		}
		return composite(sdkIdent(t.GoName), fields...)
	case model.KindEnum:
		if len(t.Enum) > 0 {
			return sdkIdent(sampleEnum(t).GoName)
		}
	case model.KindUnion:
		if len(t.Variants) > 0 && depth < 8 {
			v := pickVariant(t, full)
			x := g.value(v.Type, depth+1, full)
			if !isNilable(v.Type) {
				x = callOf(sdkIdent("Ptr"), g.convert(v.Type, x))
			}
			return composite(sdkIdent(t.GoName), pair(v.GoName, x))
		}
	case model.KindBinary:
		return composite(sdkIdent("UploadFile"), pair("Name", lit("x.txt")), pair("Content", callOf(qual("strings", "NewReader"), lit("x"))))
	case model.KindString:
		return g.typed(t, lit(stringValue(t, "x")))
	case model.KindInt:
		return g.typed(t, lit(int(intValue(t, 1))))
	case model.KindFloat:
		return g.typed(t, lit(floatValue(t, 1.5)))
	case model.KindBool:
		return g.typed(t, lit(boolValue(t)))
	case model.KindDateTime:
		return callOf(qual("time", "Date"), lit(2024), lit(1), lit(2), lit(3), lit(4), lit(5), lit(0), qual("time", "UTC"))
	case model.KindDate:
		return composite(sdkIdent("Date"), pair("Year", lit(2024)), pair("Month", lit(1)), pair("Day", lit(2)))
	case model.KindBytes:
		return callOf(ident("[]byte"), lit("x"))
	case model.KindArray:
		n := 0
		if full || t.MinItems != nil && *t.MinItems > 0 {
			n = itemCount(t)
		}
		var elems []*expr
		for range n {
			elems = append(elems, g.value(t.Elem, depth+1, full))
		}
		return composite(typeOf(t), elems...)
	case model.KindMap:
		if full {
			return composite(typeOf(t), pair(strconv.Quote(mapKey(t)), g.value(t.Elem, depth+1, full)))
		}
		return composite(typeOf(t))
	case model.KindRaw:
		return callOf(qual("encoding/json", "RawMessage"), lit("{}"))
	case model.KindAny:
		return composite(ident("map[string]any"))
	}
	return callOf(ident("*new"), typeOf(t))
}

// pickVariant is the variant a sample of union t takes: the first whose
// object sample no other object variant would also accept (a oneOf
// matched twice is invalid), judged by the required properties: a sample
// holding every required property of another variant may match it too.
// full says whether the sample sets optional properties.
func pickVariant(t *model.Type, full bool) *model.Variant {
	if t.Discriminator != "" {
		return t.Variants[0]
	}
	for _, v := range t.Variants {
		if v.Type.Kind != model.KindStruct {
			return v
		}
		sent := map[string]bool{}
		for _, f := range v.Type.Fields {
			if f.Required || full && !f.ReadOnly {
				sent[f.Name] = true
			}
		}
		ambiguous := false
		for _, w := range t.Variants {
			if w == v || w.Type.Kind != model.KindStruct {
				continue
			}
			all := true
			for _, f := range w.Type.Fields {
				if f.Required && !sent[f.Name] {
					all = false
					break
				}
			}
			ambiguous = ambiguous || all
		}
		if !ambiguous {
			return v
		}
	}
	return t.Variants[0]
}

// isScalar reports whether a type is a string, number or boolean.
func isScalar(t *model.Type) bool {
	switch t.Kind {
	case model.KindString, model.KindInt, model.KindFloat, model.KindBool:
		return true
	}
	return false
}

// convert gives an untyped constant its Go type where the default type
// differs, so Ptr(1) is a *int64; named types are already typed.
func (g *gen) convert(t *model.Type, x *expr) *expr {
	switch {
	case t.GoName != "":
		return x
	case t.Kind == model.KindInt, t.Kind == model.KindFloat && t.Bits == 32:
		return callOf(typeOf(t), x)
	case t.Kind == model.KindAny:
		return callOf(ident("any"), x) // Nullable[any], not Nullable[map[string]any]
	}
	return x
}

// typed converts an untyped constant where t is a named type.
func (g *gen) typed(t *model.Type, x *expr) *expr {
	if t.GoName != "" {
		return callOf(sdkIdent(t.GoName), x)
	}
	return x
}

// caseResponse is what the test server answers an operation's cases
// with.
type caseResponse struct {
	status    int
	mediaType string
	header    map[string]string
	body      string // a literal, or an entry of the responses table
}

// caseResponse is the response for the cases of method v of o: the
// operation's sample, or for a download the bytes it hands over.
func (g *gen) caseResponse(o *model.Operation, v methodVariant, responses *stringTable) caseResponse {
	status, mediaType, body, header := g.responseSample(o)
	if v.download != nil {
		mediaType, body = v.download.MediaType, "x"
		if v.download.Type != nil && strings.Contains(v.download.MediaType, "json") {
			body = g.jsonText(v.download.Type) // a JSON dialect, still JSON on the wire
		}
	}
	return caseResponse{status: status, mediaType: mediaType, header: header, body: responses.ref(body)}
}

// stringTable is a table of long strings that a generated file declares
// as a slice variable, one string a line, written here rather than by
// jennifer: that is already the layout gofmt gives such a list, and
// go/format, which measures every element of a multi-line list by
// printing it, would otherwise copy each long literal once for every
// list around it.
type stringTable struct {
	name, doc string
	index     map[string]int
	values    []string
}

// tableMin is the length from which ref puts a string into the table;
// shorter ones read better in place.
const tableMin = 64

// ref is an expression for s: a literal if s is short, else its entry
// in the table, added the first time.
func (t *stringTable) ref(s string) string {
	if len(s) < tableMin {
		return strconv.Quote(s)
	}
	i, ok := t.index[s]
	if !ok {
		if t.index == nil {
			t.index = map[string]int{}
		}
		i = len(t.values)
		t.index[s] = i
		t.values = append(t.values, s)
	}
	return t.name + "[" + strconv.Itoa(i) + "]"
}

// source is the table's declaration, formatted as gofmt would, to go at
// the end of a file; nothing if no string went into it. Strings that can
// be are raw literals, which read as the JSON they mostly are.
func (t *stringTable) source() []byte {
	if len(t.values) == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("\n")
	for _, l := range (&doc{}).text(t.doc).lines() {
		b.WriteString(commentLine(l) + "\n")
	}
	fmt.Fprintf(&b, "var %s = []string{\n", t.name)
	for _, s := range t.values {
		b.WriteByte('\t')
		if strconv.CanBackquote(s) {
			b.WriteString("`" + s + "`")
		} else {
			b.WriteString(strconv.Quote(s))
		}
		b.WriteString(",\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// responseSample is the status, content type, body and headers the fake
// server answers with: the first success response, its body synthesised
// from the schema with every field filled, and every header it declares.
func (g *gen) responseSample(o *model.Operation) (int, string, string, map[string]string) {
	for _, r := range o.Responses {
		if !r.IsSuccess() && r.Status != "2XX" {
			continue
		}
		status := 200
		if n, err := strconv.Atoi(r.Status); err == nil {
			status = n
		}
		headers := responseHeaders(r)
		if len(r.Contents) == 0 || status == 204 || status == 205 {
			return status, "", "", headers
		}
		c := r.Contents[0]
		if c.Kind != model.ContentJSON {
			body := "x"
			switch {
			case c.Type != nil && strings.Contains(c.MediaType, "json"):
				// A JSON dialect the SDK hands over as bytes
				// (application/json+sarif): still JSON on the wire.
				body = g.jsonText(c.Type)
			case c.Type != nil && isScalar(c.Type):
				body = fmt.Sprint(jsonSample(c.Type, 0))
			}
			return status, c.MediaType, body, headers
		}
		mt := c.MediaType
		if strings.Contains(mt, "*") {
			mt = "application/json"
		}
		if c.Type == nil {
			return status, mt, "{}", headers
		}
		return status, mt, g.jsonText(c.Type), headers
	}
	// An operation answered only by a redirect (GitHub's archive
	// downloads) gets it, to a path of the same server that the client
	// follows to and the server answers without recording.
	for _, r := range o.Responses {
		if n, err := strconv.Atoi(r.Status); err == nil && redirectStatus(n) {
			headers := responseHeaders(r)
			if headers == nil {
				headers = map[string]string{}
			}
			headers["Location"] = redirectedPath
			return n, "", "", headers
		}
	}
	return 200, "", "", nil
}

// redirectedPath is where the conformance server sends the redirects an
// operation declares.
const redirectedPath = "/sdkgen-redirected"

// redirectStatus reports whether an HTTP client follows status.
func redirectStatus(n int) bool {
	switch n {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// responseHeaders are values for the headers a response declares, as
// their simple style writes them; headers of object type are left out.
func responseHeaders(r *model.Response) map[string]string {
	var out map[string]string
	for _, h := range r.Headers {
		if h.Type == nil || strings.EqualFold(h.Name, "Content-Type") || strings.EqualFold(h.Name, "Content-Length") {
			continue
		}
		var v string
		switch x := jsonSample(h.Type, 0).(type) {
		case []any:
			var parts []string
			for _, e := range x {
				parts = append(parts, fmt.Sprint(e))
			}
			v = strings.Join(parts, ",")
		case map[string]any:
			continue
		default:
			v = fmt.Sprint(x)
		}
		if out == nil {
			out = map[string]string{}
		}
		out[h.Name] = v
	}
	return out
}

// jsonSample is a schema-valid JSON value of t with every field present
// (up to a depth, beyond which only required ones).
func jsonSample(t *model.Type, depth int) any {
	switch t.Kind {
	case model.KindStruct:
		obj := map[string]any{}
		sampleMembers(t, depth, func(name string, ft *model.Type) {
			obj[name] = nil
			if ft != nil {
				obj[name] = jsonSample(ft, depth+1)
			}
		})
		return obj
	case model.KindEnum:
		if len(t.Enum) > 0 {
			e := sampleEnum(t)
			switch {
			case t.EnumMixed && e.Literal != "":
				var v any
				if json.Unmarshal([]byte(e.Literal), &v) == nil {
					return v
				}
			case t.EnumBase != nil && t.EnumBase.Kind == model.KindInt:
				n, _ := strconv.ParseInt(e.Value, 0, 64)
				return n
			}
			return e.Value
		}
	case model.KindUnion:
		if v := sampleVariant(t, depth); v != nil {
			out := jsonSample(v.Type, depth+1)
			if obj, ok := out.(map[string]any); ok && t.Discriminator != "" && len(v.Tags) > 0 {
				obj[t.Discriminator] = v.Tags[0]
			}
			return out
		}
	case model.KindString:
		return stringValue(t, "x")
	case model.KindBinary:
		return "x"
	case model.KindInt:
		return intValue(t, 1)
	case model.KindFloat:
		return floatValue(t, 1.5)
	case model.KindBool:
		return boolValue(t)
	case model.KindDateTime:
		return "2024-01-02T03:04:05Z"
	case model.KindDate:
		return "2024-01-02"
	case model.KindBytes:
		return "eA=="
	case model.KindArray:
		if depth > 10 {
			return []any{}
		}
		out := []any{}
		for range itemCount(t) {
			out = append(out, jsonSample(t.Elem, depth+1))
		}
		return out
	case model.KindMap:
		if depth > 10 {
			return map[string]any{}
		}
		return map[string]any{mapKey(t): jsonSample(t.Elem, depth+1)}
	}
	return map[string]any{}
}

// sampleMembers calls member for each member a sample of struct t at
// depth holds, in order (a later one of a name replaces an earlier),
// with the type of its value, or nil for null.
func sampleMembers(t *model.Type, depth int, member func(name string, value *model.Type)) {
	for _, f := range t.Fields {
		// Deep down only what the object needs: its required fields, the
		// alternative it must carry one of, and a fixed tag (a
		// discriminator the schema may not list as required).
		needed := f.Required || slices.Contains(t.RequiredOneOf, f.Name) || singleValue(f.Type)
		if depth > 3 && !needed || depth > 10 || f.WriteOnly && !f.Required {
			continue
		}
		// A deep nullable field is null when its type admits null; a
		// field that is nullable only by the keyword beside its $ref,
		// allOf or oneOf is filled, and so is a union: a validator reading
		// OpenAPI 3.0.3 strictly checks null against the members, which
		// may refuse it.
		if depth > 3 && f.Nullable && f.Type.Nullable && f.Type.Kind != model.KindUnion {
			member(f.Name, nil)
			continue
		}
		member(f.Name, f.Type)
	}
	if t.Additional != nil {
		for _, name := range t.RequiredExtra {
			member(name, t.Additional)
		}
	}
}

// sampleVariant is the variant a sample of union t at depth takes, or
// nil for none.
func sampleVariant(t *model.Type, depth int) *model.Variant {
	if len(t.Variants) == 0 {
		return nil
	}
	if depth > 3 {
		// Deep in a sample, a scalar variant (an expandable field's ID)
		// keeps it small and within the depth that objects are filled
		// to; past the deepest level it is the only variant that can
		// still be valid.
		for _, sv := range t.Variants {
			if isScalar(sv.Type) {
				return sv
			}
		}
	}
	if depth < 10 {
		return pickVariant(t, depth <= 3)
	}
	return nil
}

// mapKey is a key map type t accepts: one its propertyNames allow.
func mapKey(t *model.Type) string {
	k := t.Keys
	switch {
	case k == nil:
		return "k"
	case k.Const != "":
		return k.Const
	case k.Kind == model.KindEnum && len(k.Enum) > 0:
		return sampleEnum(k).Value
	case k.Kind == model.KindString:
		return stringValue(k, "k")
	}
	return "k"
}

// singleValue reports whether t admits one value only (a const or an enum
// of one), which a sample can always write.
func singleValue(t *model.Type) bool {
	return t.Const != "" || t.Kind == model.KindEnum && len(t.Enum) == 1
}

// SampleJSON is a JSON value, as text, that t accepts: every field present
// down to a depth, each value chosen to pass the schema's own checks.
// Templates offer it as their sample function.
func SampleJSON(t *model.Type) string { return jsonText(t) }

// plainJSON reports whether s stands between JSON quotes as it is, for
// encoding/json reading or writing it, HTML escaping included: ASCII with
// no control character, quote, backslash, '<', '>' or '&'.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
