// Package parser reads OpenAPI 3.0 and 3.1 documents with libopenapi and
// builds the resolved model.API that the generator consumes.
//
// It is the only package that knows libopenapi. It works in passes:
// load (syntax and $ref resolution, with positions for every failure),
// declare (component schemas), walk operations (parameters, bodies,
// responses, security, scopes), detect globals, then the model's naming
// pass. Every finding is a model.Diagnostic with file, line, column and
// JSON pointer.
package parser

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/index"

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
}

// Parse loads the spec at path (and the files it references) and returns its
// model with every diagnostic found. The API is nil when the spec could not
// be read at all; callers must check diags.HasErrors() before generating.
func Parse(path string, cfg Config) (*model.API, model.Diagnostics) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, model.Diagnostics{{Pos: model.Pos{File: path}, Severity: model.Error, Code: "io", Message: err.Error()}}
	}
	return ParseBytes(path, b, cfg)
}

// ParseBytes is Parse for a document already in memory; path names it in
// diagnostics and anchors relative $refs.
func ParseBytes(path string, b []byte, cfg Config) (*model.API, model.Diagnostics) {
	p := &parser{cfg: cfg, rootPath: path}
	api := p.run(b)
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
	cols       *jsonColumns  // column fixes for a JSON root file
	named      []*model.Type // every named type, in discovery order
	opIDs      map[string]int
	schemes    map[string]*model.SecurityScheme
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
			p.errorf(model.Pos{File: p.rootPath}, "internal", "cannot read this spec: %v", r)
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
	filePos := model.Pos{File: p.rootPath}

	if len(strings.TrimSpace(string(b))) == 0 {
		p.errorf(model.Pos{File: p.rootPath, Line: 1, Col: 1}, "empty", "the document is empty")
		return false
	}
	if isJSON(b) {
		b = sanitizeJSON(b)
		p.cols = newJSONColumns(b)
	}
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.BasePath = p.rootDir
	cfg.SpecFilePath = filepath.Base(abs)
	cfg.TransformSiblingRefs = false
	doc, err := libopenapi.NewDocumentWithConfiguration(b, cfg)
	if err != nil {
		p.loadFailed(b, err)
		return false
	}
	if v := doc.GetSpecInfo().Version; !strings.HasPrefix(v, "3.") {
		p.loadFailed(b, err)
		return false
	}
	p.doc = doc
	m, err := doc.BuildV3Model()
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
			p.errorf(filePos, "invalid", "%s", cleanLibError(e))
		}
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
		p.errorf(top, "swagger2", "Swagger 2.0 documents are not supported yet; convert the document to OpenAPI 3 first")
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
	for _, d := range p.diags {
		if d.Code == "unresolved-ref" && d.Pos.File == pos.File && d.Pos.Line == pos.Line && d.Pos.Col == pos.Col {
			return
		}
	}
	if pos.File == p.rootPath && p.doc != nil {
		pos.Pointer = pointerTo(p.doc.GetSpecInfo().RootNode, n)
	}
	ref := ""
	if n != nil {
		ref = n.Value
	}
	if m := backtickRE.FindStringSubmatch(msg); m != nil {
		ref = m[1]
	}
	p.errorf(pos, "unresolved-ref", "$ref %q points to nothing: %s", ref, msg)
}

// pointerTo finds the JSON pointer of node target inside root, matching by
// identity or, failing that, by position.
func pointerTo(root, target *yaml.Node) string {
	if root == nil || target == nil {
		return ""
	}
	var segs []string
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n == target || n.Line == target.Line && n.Column == target.Column && n.Kind == yaml.ScalarNode && n.Value == target.Value {
			return true
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if walk(c) {
					return true
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k == target || k.Line == target.Line && k.Column == target.Column {
					segs = append(segs, k.Value)
					return true
				}
				segs = append(segs, k.Value)
				if walk(v) {
					return true
				}
				segs = segs[:len(segs)-1]
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				segs = append(segs, strconv.Itoa(i))
				if walk(c) {
					return true
				}
				segs = segs[:len(segs)-1]
			}
		}
		return false
	}
	if !walk(root) {
		return ""
	}
	return pointer(segs...)
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
	t := strings.TrimSpace(string(b))
	return strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")
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
