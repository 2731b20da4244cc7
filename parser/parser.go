// Package parser reads OpenAPI 3.0 and 3.1 documents with libopenapi and
// builds the resolved model.API that the generator consumes. Swagger 2.0
// documents are converted to OpenAPI 3.0 first (see swagger2.go), with
// every position still pointing into the 2.0 file.
//
// It is the only package that knows libopenapi. It works in passes:
// load (syntax and $ref resolution, with positions for every failure),
// declare (component schemas), walk operations (parameters, bodies,
// responses, security, scopes), detect globals, then the model's naming
// pass. Every finding is a model.Diagnostic with file, line, column and
// JSON pointer.
package parser

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/index"
	"github.com/pb33f/libopenapi/utils"

	"github.com/sdkgen/sdkgen/model"
)

// Config tunes how a spec is read. The zero value is ready to use.
type Config struct {
	// PreviousNames are the names an earlier run assigned (from sdkgen.lock);
	// they win over freshly computed ones so regeneration renames nothing.
	PreviousNames map[string]string
	// Names are user overrides from the config file: stable key → Go name.
	Names map[string]string
	// Globals lists extra header or query parameter names to treat as client
	// globals; a name prefixed with "-" is never a global.
	Globals []string
	// IdempotencyHeaders adds header names that carry idempotency keys.
	IdempotencyHeaders []string
	// Pagination describes how the operations it names page, for specs
	// that do not say so themselves.
	Pagination []PaginationRule
	// Overlays are OpenAPI Overlay documents applied, in order, to the
	// root document before it is read (see overlay.go).
	Overlays []string
	// Lenient turns a $ref of the root document that points to nothing
	// into a warning, and its use into raw JSON (see lenient.go).
	Lenient bool
	// MaxSpecSize bounds the root document's size in bytes, so that a
	// pipeline can bound the memory a run takes; 0 is no bound.
	MaxSpecSize int64
}

// Parse loads the spec at path (and the files it references) and returns its
// model with every diagnostic found. The API is nil when the spec could not
// be read at all; callers must check diags.HasErrors() before generating.
func Parse(path string, cfg Config) (*model.API, model.Diagnostics) {
	if fi, err := os.Stat(path); err == nil && cfg.MaxSpecSize > 0 && fi.Size() > cfg.MaxSpecSize {
		return nil, model.Diagnostics{{Pos: model.Pos{File: path, Line: 1, Col: 1}, Severity: model.Error, Code: "spec-size",
			Message: fmt.Sprintf("the document is %s, over the limit of %s (--max-spec-size)", mib(fi.Size()), mib(cfg.MaxSpecSize))}}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, model.Diagnostics{{Pos: model.Pos{File: path}, Severity: model.Error, Code: "io", Message: err.Error()}}
	}
	return ParseBytes(path, b, cfg)
}

// mib writes a size in MiB.
func mib(n int64) string {
	return strings.TrimSuffix(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".0") + " MiB"
}

// ParseBytes is Parse for a document already in memory; path names it in
// diagnostics and anchors relative $refs.
func ParseBytes(path string, b []byte, cfg Config) (*model.API, model.Diagnostics) {
	p := &parser{cfg: cfg, rootPath: path}
	api := p.run(b)
	p.fixMessages()
	return api, p.diags.Sort()
}

type parser struct {
	cfg      Config
	rootPath string // as given
	rootAbs  string
	rootDir  string
	doc      libopenapi.Document
	m        *v3.Document
	diags    model.Diagnostics

	types      map[string]*model.Type // by stable key
	inProgress map[*model.Type]*building
	// allOfParts holds the pointers of the inline schemas being merged into
	// an allOf: a property one of them requires may be declared by another,
	// so the merge, not the part, reports what is left undeclared. It counts,
	// since an inline allOf part and its own properties share a pointer.
	allOfParts map[string]int
	cols       *jsonColumns  // column fixes for a JSON root file
	s2         *swagger2     // for Swagger 2.0 input: the way back from the converted text
	ov         *overlaid     // with overlays: the way back from the overlaid text
	text       []byte        // the root document as written (JSON sanitised)
	named      []*model.Type // every named type, in discovery order
	opIDs      map[string]int
	schemes    map[string]*model.SecurityScheme
	pageExt    map[*model.Operation]*yaml.Node // x-speakeasy-pagination, read once the whole model is built
	components map[string]*base.SchemaProxy    // the root document's component schemas, by pointer (see ownProxy)
}

func (p *parser) errorf(pos model.Pos, code, format string, args ...any) {
	p.diags.Add(model.Error, code, pos, format, args...)
}

func (p *parser) warnf(pos model.Pos, code, format string, args ...any) {
	p.diags.Add(model.Warning, code, pos, format, args...)
}

// run loads the document and builds the model; it never panics on bad
// input: libopenapi's own panics become diagnostics.
func (p *parser) run(b []byte) (api *model.API) {
	defer func() {
		if r := recover(); r != nil {
			p.errorf(model.Pos{File: p.rootPath, Line: 1, Col: 1}, "internal", "cannot read this spec: %v%s (an internal error: please report it with the spec)", r, panicSite())
			api = nil
		}
	}()
	if !p.load(b) {
		return nil
	}
	return p.build()
}

// load parses the bytes and resolves references, turning every failure into
// a positioned diagnostic. It reports whether a usable model was built.
func (p *parser) load(b []byte) bool {
	abs, err := filepath.Abs(p.rootPath)
	if err != nil {
		abs = p.rootPath
	}
	p.rootAbs, p.rootDir = abs, filepath.Dir(abs)
	filePos := model.Pos{File: p.rootPath, Line: 1, Col: 1}

	if len(bytes.TrimSpace(b)) == 0 {
		p.errorf(model.Pos{File: p.rootPath, Line: 1, Col: 1}, "empty", "the document is empty")
		return false
	}
	if pos, deep := checkNesting(b, MaxNesting); deep {
		pos.File = p.rootPath
		p.errorf(pos, "too-deep", "nesting deeper than %d levels: sdkgen does not read documents this deep", MaxNesting)
		return false
	}
	if isJSON(b) {
		b = sanitizeJSON(b)
		p.cols = newJSONColumns(b)
	}
	p.text = b
	if len(p.cfg.Overlays) > 0 {
		if b = p.applyOverlays(b); b == nil {
			return false
		}
		if pos, deep := checkNesting(b, MaxNesting); deep {
			pos.File = p.rootPath
			p.errorf(p.rootPos(pos), "too-deep", "nesting deeper than %d levels after the overlays: sdkgen does not read documents this deep", MaxNesting)
			return false
		}
	}
	logs := &libLog{}
	cfg := DocumentConfig(abs, slog.New(logs))
	doc, err := libopenapi.NewDocumentWithConfiguration(b, cfg)
	if err != nil {
		p.loadFailed(b, err)
		return false
	}
	if info := doc.GetSpecInfo(); info.SpecType == utils.OpenApi2 && strings.HasPrefix(info.Version, "2.") {
		if doc = p.fromSwagger2(doc, cfg); doc == nil {
			return false
		}
	}
	if v := doc.GetSpecInfo().Version; !strings.HasPrefix(v, "3.") {
		p.loadFailed(b, err)
		return false
	}
	p.doc = doc
	if n := refLastInList(doc.GetSpecInfo().RootNode); n != nil {
		pos := p.nodePos(n, pointerTo(doc.GetSpecInfo().RootNode, n))
		p.errorf(pos, "unsupported", "this list ends in the string \"$ref\", which libopenapi cannot read; put \"$ref\" earlier in the list")
		return false
	}
	_, logs, m, err := p.lenientBuild(doc, cfg, logs)
	for _, e := range splitErrors(err) {
		var re *index.ResolvingError
		var ie *index.IndexingError
		switch {
		case errors.As(e, &re) && re.CircularReference != nil:
			c := re.CircularReference
			pos := filePos
			if c.LoopPoint != nil {
				pos = p.nodePos(c.LoopPoint.Node, "")
			}
			p.warnf(pos, "circular-ref", "circular reference %s cannot be satisfied by finite JSON; the type is kept recursive", c.GenerateJourneyPath())
		case errors.As(e, &re):
			p.unresolved(re.Node, cleanLibError(re.ErrorRef))
		case errors.As(e, &ie):
			p.unresolved(ie.Node, cleanLibError(ie.Err))
		default:
			msg := cleanLibError(e)
			p.errorf(p.msgPos(msg), "invalid", "%s", msg)
		}
	}
	// libopenapi only logs some failures, such as an operation it could
	// not build, and carries on without the parts it could not read.
	for _, msg := range logs.errors() {
		pos := p.msgPos(msg)
		if slices.ContainsFunc(p.diags, func(d model.Diagnostic) bool {
			return d.Severity == model.Error && d.Pos.File == pos.File && d.Pos.Line == pos.Line
		}) {
			continue // already reported, as an unresolved $ref most often
		}
		text := strings.TrimSpace(msgPosRE.ReplaceAllString(msg, ""))
		text = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(text, " at"), ","), " ")
		p.errorf(pos, "invalid", "cannot read this path item: %s", text)
	}
	if m == nil {
		if !p.diags.HasErrors() {
			p.errorf(filePos, "invalid", "the document could not be read as OpenAPI 3")
		}
		return false
	}
	p.m = &m.Model
	return !p.diags.HasErrors()
}

// loadFailed explains why libopenapi could not read the document. Its
// messages carry no position for JSON and only prose ones for YAML, so the
// syntax is checked again here to point at the fault.
func (p *parser) loadFailed(b []byte, err error) {
	if pos, msg, bad := syntaxCheck(b); bad {
		pos.File = p.rootPath
		p.errorf(pos, "syntax", "%s", msg)
		return
	}
	top := model.Pos{File: p.rootPath, Line: 1, Col: 1}
	switch v := versionOf(b); {
	case v == "":
		p.errorf(top, "not-openapi", "not an OpenAPI document: the top-level `openapi` field is missing")
	case strings.HasPrefix(v, "swagger"):
		p.errorf(top, "version", "%s documents are not supported (Swagger 2.0, OpenAPI 3.0 and 3.1 are)", strings.Replace(v, "swagger", "Swagger", 1))
	case !strings.HasPrefix(v, "3."):
		p.errorf(top, "version", "OpenAPI version %q is not supported (3.0 and 3.1 are)", v)
	default:
		p.errorf(top, "invalid", "%s", cleanLibError(err))
	}
}

// unresolved reports a $ref that points to nothing, once per place:
// libopenapi can report the same $ref both while indexing and resolving.
func (p *parser) unresolved(n *yaml.Node, msg string) {
	pos := p.nodePos(n, "")
	if strings.Contains(msg, "excessive aliasing") {
		// go-yaml refused to expand an alias bomb: not a $ref problem.
		if !slices.ContainsFunc(p.diags, func(d model.Diagnostic) bool { return d.Code == "yaml-aliases" }) {
			if pos.File == p.rootPath && p.doc != nil {
				pos.Pointer = p.rootPointer(pointerTo(p.doc.GetSpecInfo().RootNode, n))
			}
			p.errorf(pos, "yaml-aliases", "YAML aliases here expand to too much data; sdkgen does not read documents built this way")
		}
		return
	}
	for _, d := range p.diags {
		if d.Code == "unresolved-ref" && d.Pos.File == pos.File && d.Pos.Line == pos.Line && d.Pos.Col == pos.Col {
			return
		}
	}
	if pos.File == p.rootPath && p.doc != nil {
		pos.Pointer = p.rootPointer(pointerTo(p.doc.GetSpecInfo().RootNode, n))
	}
	ref := ""
	if n != nil {
		ref = n.Value
	}
	if m := backtickRE.FindStringSubmatch(msg); m != nil {
		ref = m[1]
	}
	ref, msg = p.writtenRef(n, ref, msg)
	p.errorf(pos, "unresolved-ref", "$ref %q points to nothing: %s", ref, msg)
}

func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	return []error{err}
}

func cleanLibError(err error) string {
	if err == nil {
		return "unknown error"
	}
	s := err.Error()
	s = strings.TrimPrefix(s, "unable to parse specification: ")
	return s
}

var (
	yamlPosRE = regexp.MustCompile(`(?:line (\d+)(?:, column (\d+))?|L(\d+)\.C(\d+))`)
	yamlNoise = regexp.MustCompile(`go-yaml load error in parser |at L\d+\.C\d+: |^yaml: (line \d+: )?`)
)

// syntaxCheck parses the bytes as YAML or JSON on its own to report syntax
// errors with a position: libopenapi's messages carry none for JSON.
func syntaxCheck(b []byte) (model.Pos, string, bool) {
	if isJSON(b) {
		var v any
		var se *json.SyntaxError
		if err := json.Unmarshal(b, &v); errors.As(err, &se) {
			return offsetPos(b, int(se.Offset)), "invalid JSON: " + se.Error(), true
		}
		return model.Pos{}, "", false
	}
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		raw := err.Error()
		pos := model.Pos{Line: 1, Col: 1}
		if m := yamlPosRE.FindStringSubmatch(raw); m != nil {
			line, col := m[1], m[2]
			if m[3] != "" {
				line, col = m[3], m[4]
			}
			pos.Line, _ = strconv.Atoi(line)
			if c, err := strconv.Atoi(col); err == nil && c > 0 {
				pos.Col = c
			}
		}
		return pos, "invalid YAML: " + strings.TrimSpace(yamlNoise.ReplaceAllString(raw, "")), true
	}
	return model.Pos{}, "", false
}

func isJSON(b []byte) bool {
	t := bytes.TrimSpace(b)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// offsetPos turns a byte offset into a 1-based line and column (in runes).
func offsetPos(b []byte, off int) model.Pos {
	off = min(max(off, 0), len(b))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if b[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return model.Pos{Line: line, Col: utf8.RuneCount(b[start:off]) + 1}
}

// versionOf finds the openapi or swagger version without a full parse.
func versionOf(b []byte) string {
	var head struct {
		OpenAPI any `yaml:"openapi" json:"openapi"`
		Swagger any `yaml:"swagger" json:"swagger"`
	}
	if isJSON(b) {
		if json.Unmarshal(b, &head) != nil {
			return ""
		}
	} else if yaml.Unmarshal(b, &head) != nil {
		return ""
	}
	if head.Swagger != nil {
		return "swagger " + fmt.Sprint(head.Swagger)
	}
	if head.OpenAPI == nil {
		return ""
	}
	return fmt.Sprint(head.OpenAPI)
}

// libLog receives libopenapi's log records. Most are noise, but a few
// failures are only logged: a path item it cannot build (parameters that
// are not a list, say) is kept with the parts it could not read left out,
// and nothing else reports it. Those become error diagnostics, so that no
// operation loses its security or responses silently.
type libLog struct {
	mu   sync.Mutex
	msgs []string
}

// loggedFailures are the prefixes of log messages that report lost content;
// the text after the prefix is kept.
var loggedFailures = []string{"error building path item: "}

func (l *libLog) Enabled(_ context.Context, lv slog.Level) bool { return lv >= slog.LevelError }

func (l *libLog) Handle(_ context.Context, r slog.Record) error {
	for _, prefix := range loggedFailures {
		rest, ok := strings.CutPrefix(r.Message, prefix)
		if !ok {
			continue
		}
		// One record can join several failures, one a line.
		l.mu.Lock()
		for _, line := range strings.Split(rest, "\n") {
			if line = oneLine(line); line != "" {
				l.msgs = append(l.msgs, line)
			}
		}
		l.mu.Unlock()
	}
	return nil
}

func (l *libLog) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *libLog) WithGroup(string) slog.Handler      { return l }

// errors returns the captured messages, sorted and without duplicates
// (libopenapi builds path items concurrently).
func (l *libLog) errors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := slices.Clone(l.msgs)
	slices.Sort(out)
	return slices.Compact(out)
}

// oneLine folds a message onto one line: diagnostics print one a line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var msgPosRE = regexp.MustCompile(`line (\d+), col(?:umn)? (\d+)`)

// msgPos finds the position a libopenapi message names ("line 4, column
// 7"), with the JSON pointer of what is there; a message without one is
// placed at the top of the root file.
func (p *parser) msgPos(msg string) model.Pos {
	pos := model.Pos{File: p.rootPath, Line: 1, Col: 1}
	m := msgPosRE.FindStringSubmatch(msg)
	if m == nil {
		return pos
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	if line < 1 {
		return pos
	}
	pos.Line, pos.Col = line, max(col, 1)
	if p.doc != nil {
		pos.Pointer = pointerAt(p.doc.GetSpecInfo().RootNode, line, col)
	}
	return p.rootPos(pos)
}

// panicSite names the function that panicked, for the report of a
// recovered panic: " in parser.(*parser).field (schema.go:123)", or "".
// Called from the deferred recover, it skips the runtime's own frames.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") && f.Function != "" {
			fn := f.Function[strings.LastIndexByte(f.Function, '/')+1:]
			return fmt.Sprintf(" in %s (%s:%d)", fn, filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// refLastInList finds a sequence whose last item, at an even index, is the
// string "$ref" (required: [a, b, $ref] names a property "$ref").
// libopenapi's reference resolver reads such a list as key/value pairs and
// indexes past its end, so it is refused before libopenapi resolves.
func refLastInList(root *yaml.Node) *yaml.Node {
	if root == nil {
		return nil
	}
	if k := len(root.Content); root.Kind == yaml.SequenceNode && k%2 == 1 {
		if last := root.Content[k-1]; last.Kind == yaml.ScalarNode && last.Value == "$ref" {
			return last
		}
	}
	// Last child first, as the first such list found is the one reported.
	for i := len(root.Content) - 1; i >= 0; i-- {
		if c := root.Content[i]; len(c.Content) > 0 {
			if n := refLastInList(c); n != nil {
				return n
			}
		}
	}
	return nil
}

// DocumentConfig is how sdkgen has libopenapi read the spec at the
// absolute path abs: references resolved from its folder, and a $ref's
// sibling keywords left as they are (the parser reads them itself). The
// benchmarks' floor reads specs with it too, so it does what sdkgen's
// parse does.
func DocumentConfig(abs string, logger *slog.Logger) *datamodel.DocumentConfiguration {
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = logger
	cfg.BasePath = filepath.Dir(abs)
	cfg.SpecFilePath = filepath.Base(abs)
	cfg.TransformSiblingRefs = false
	return cfg
}
