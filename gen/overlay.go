package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/sdkgen/sdkgen/model"
)

// CodeSample is one entry of an operation's x-codeSamples: the extension
// documentation tools show as one tab per language.
type CodeSample struct {
	Lang   string `yaml:"lang"`
	Label  string `yaml:"label"`
	Source string `yaml:"source"`
}

// OperationSamples are the samples of one operation, with where the
// operation sits in its document.
type OperationSamples struct {
	ID      string
	Target  string // JSONPath of the operation object: $.paths['/pets'].get
	Samples []CodeSample
}

// Samples builds the Go and cURL samples of every operation, the same
// text the SDK's docs and examples_test.go hold: one Go sample per method
// (an operation taking several media types has several) and one cURL
// command per method.
func Samples(api *model.API, cfg Config) ([]OperationSamples, error) {
	if api == nil {
		return nil, fmt.Errorf("gen: no API")
	}
	if cfg.Package == "" || !isIdent(cfg.Package) {
		return nil, fmt.Errorf("gen: package name %q is not a Go identifier", cfg.Package)
	}
	if cfg.Module == "" {
		cfg.Module = "example.com/" + cfg.Package
	}
	g := newGen(api, cfg, cfg.Module+"/internal/core")
	samples, f := g.samples()
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("gen: samples: %w", err)
	}
	src, err := format.Source(wrapLong(buf.Bytes()))
	if err != nil {
		return nil, fmt.Errorf("gen: samples: %w", err)
	}
	quoteExamples(src, samples)
	var out []OperationSamples
	byOp := map[*model.Operation]int{}
	for _, s := range samples {
		i, ok := byOp[s.Operation]
		if !ok {
			i = len(out)
			byOp[s.Operation] = i
			out = append(out, OperationSamples{ID: s.Operation.ID, Target: operationTarget(s.Operation)})
		}
		label := func(l string) string {
			if len(g.op(s.Operation).methods) > 1 {
				return l + " (" + s.Method + ")"
			}
			return l
		}
		out[i].Samples = append(out[i].Samples,
			CodeSample{Lang: "go", Label: label("Go"), Source: s.Go},
			CodeSample{Lang: "shell", Label: label("cURL"), Source: s.Curl},
		)
	}
	return out, nil
}

// operationTarget is the JSONPath of an operation object, from the JSON
// pointer the parser recorded ("#/paths/~1pets/get"), or else from its path
// template and method.
func operationTarget(o *model.Operation) string {
	path, method := o.Path, strings.ToLower(o.Method)
	if rest, ok := strings.CutPrefix(o.Pos.Pointer, "#/paths/"); ok {
		if i := strings.LastIndexByte(rest, '/'); i > 0 {
			unescape := strings.NewReplacer("~1", "/", "~0", "~")
			path, method = unescape.Replace(rest[:i]), unescape.Replace(rest[i+1:])
		}
	}
	quote := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "$.paths['" + quote.Replace(path) + "']['" + quote.Replace(method) + "']"
}

// overlayDoc is an OpenAPI Overlay 1.0 document.
type overlayDoc struct {
	Overlay string          `yaml:"overlay"`
	Info    overlayInfo     `yaml:"info"`
	Actions []overlayAction `yaml:"actions"`
}

type overlayInfo struct {
	Title   string `yaml:"title"`
	Version string `yaml:"version"`
}

type overlayAction struct {
	Target string        `yaml:"target"`
	Update overlayUpdate `yaml:"update"`
}

type overlayUpdate struct {
	CodeSamples []CodeSample `yaml:"x-codeSamples"`
}

// SamplesOverlay is an OpenAPI Overlay 1.0 document (YAML) with one
// action per operation that adds its samples as x-codeSamples.
func SamplesOverlay(api *model.API, cfg Config) ([]byte, error) {
	ops, err := Samples(api, cfg)
	if err != nil {
		return nil, err
	}
	doc := overlayDoc{Overlay: "1.0.0", Info: overlayInfo{Title: "Code samples for " + api.Title, Version: "1.0.0"}}
	if strings.TrimSpace(api.Title) == "" {
		doc.Info.Title = "Code samples"
	}
	for _, o := range ops {
		doc.Actions = append(doc.Actions, overlayAction{Target: o.Target, Update: overlayUpdate{CodeSamples: o.Samples}})
	}
	b, err := yaml.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("gen: overlay: %w", err)
	}
	return b, nil
}
