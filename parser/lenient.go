package parser

import (
	"errors"
	"log/slog"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/index"

	"github.com/sdkgen/sdkgen/model"
)

// unresolvedExt marks a schema that stood for a $ref pointing to nothing,
// in lenient mode: the parser types it as raw JSON.
const unresolvedExt = "x-sdkgen-unresolved-ref"

// maxLenientRounds bounds the rebuilds: dropping a broken component can
// leave the $refs to it dangling in turn.
const maxLenientRounds = 4

// lenientBuild builds the model of doc; in lenient mode, every $ref of the
// root document that points to nothing is first replaced, as a warning,
// by something that reads as raw JSON:
//
//   - a schema (under schema, items, properties, allOf/oneOf/anyOf, not,
//     additionalProperties, or a component schema) becomes a schema the
//     parser types as json.RawMessage;
//   - a response becomes one whose JSON body is raw, a request body one
//     that takes raw JSON;
//   - anything else (a parameter, a header, a path item…) is left out,
//     since it has no form that could stand in for it.
//
// The replaced document is written out and read again, with positions
// mapped back to the file as written as for overlays. $refs inside other
// files stay errors: sdkgen only rewrites the root document.
func (p *parser) lenientBuild(doc libopenapi.Document, cfg *datamodel.DocumentConfiguration, logs *libLog) (libopenapi.Document, *libLog, *libopenapi.DocumentModel[v3.Document], error) {
	m, err := doc.BuildV3Model()
	if !p.cfg.Lenient || p.s2 != nil {
		return doc, logs, m, err
	}
	for range maxLenientRounds {
		root := doc.GetSpecInfo().RootNode
		parents := parentIndex(root)
		var fixed []*yaml.Node
		var warns []model.Diagnostic
		for _, e := range splitErrors(err) {
			var re *index.ResolvingError
			var ie *index.IndexingError
			var n *yaml.Node
			var msg string
			switch {
			case errors.As(e, &re) && re.CircularReference == nil:
				n, msg = re.Node, cleanLibError(re.ErrorRef)
			case errors.As(e, &ie):
				n, msg = ie.Node, cleanLibError(ie.Err)
			default:
				continue
			}
			ref := refMapping(n, parents)
			if ref == nil || containsNode(fixed, ref) {
				continue
			}
			fixed = append(fixed, ref)
			pos := p.nodePos(n, "")
			pos.Pointer = p.rootPointer(pointerTo(root, ref))
			refText := s2get(ref, "$ref").Value
			what := degrade(ref, parents, pos.Pointer)
			d := model.Diagnostic{Pos: pos, Severity: model.Warning, Code: "unresolved-ref"}
			d.Message = "$ref " + quote(refText) + " points to nothing: " + msg + "; --lenient: " + what
			warns = append(warns, d)
		}
		if len(fixed) == 0 {
			break
		}
		text, merr := yaml.Marshal(root)
		if merr != nil {
			break // keep the errors as they are
		}
		c := *cfg
		l := &libLog{}
		c.Logger = slog.New(l)
		next, nerr := libopenapi.NewDocumentWithConfiguration(text, &c)
		if nerr != nil {
			break
		}
		p.diags = append(p.diags, warns...)
		var after, before yaml.Node
		if yaml.Unmarshal(text, &after) == nil && yaml.Unmarshal(p.text, &before) == nil {
			p.ov = newOverlaid(&after, &before)
		}
		doc, logs = next, l
		p.doc = doc
		m, err = doc.BuildV3Model()
	}
	return doc, logs, m, err
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func containsNode(ns []*yaml.Node, n *yaml.Node) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// parentIndex maps every node of the tree to its parent.
func parentIndex(root *yaml.Node) map[*yaml.Node]*yaml.Node {
	parents := map[*yaml.Node]*yaml.Node{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range n.Content {
			if _, seen := parents[c]; seen {
				continue // an alias met twice
			}
			parents[c] = n
			walk(c)
		}
	}
	if root != nil {
		walk(root)
	}
	return parents
}

// refMapping finds the mapping holding the $ref that n (the mapping, its
// key or its value) stands for; nil when n is not part of the root
// document.
func refMapping(n *yaml.Node, parents map[*yaml.Node]*yaml.Node) *yaml.Node {
	for range 2 {
		if n == nil {
			return nil
		}
		if n.Kind == yaml.MappingNode && s2get(n, "$ref") != nil {
			if _, ok := parents[n]; ok {
				return n
			}
			return nil
		}
		n = parents[n]
	}
	return nil
}

var schemaSlots = map[string]bool{"schema": true, "items": true, "additionalProperties": true, "not": true,
	"contains": true, "propertyNames": true, "if": true, "then": true, "else": true, "unevaluatedItems": true,
	"unevaluatedProperties": true, "contentSchema": true}

var schemaLists = map[string]bool{"properties": true, "allOf": true, "oneOf": true, "anyOf": true,
	"prefixItems": true, "patternProperties": true, "$defs": true, "definitions": true, "dependentSchemas": true}

// degrade rewrites the $ref mapping ref in place (or takes it out of its
// parent) and says what became of it.
func degrade(ref *yaml.Node, parents map[*yaml.Node]*yaml.Node, ptr string) string {
	segs := strings.Split(strings.TrimPrefix(ptr, "#"), "/")
	last, prev := "", ""
	if len(segs) > 0 {
		last = segs[len(segs)-1]
	}
	if len(segs) > 1 {
		prev = segs[len(segs)-2]
	}
	under := func(parts ...string) bool {
		return len(segs) == len(parts)+2 && segs[1] == "components" && segs[2] == parts[0]
	}
	raw := func() *yaml.Node {
		return mapping(unresolvedExt, scalarNode(s2get(ref, "$ref").Value))
	}
	switch {
	case schemaSlots[last] || schemaLists[prev] || under("schemas", ""):
		ref.Content = raw().Content
		return "this use is raw JSON (json.RawMessage)"
	case prev == "responses" || under("responses", ""):
		ref.Content = mapping("description", scalarNode("unresolved $ref"),
			"content", mapping("application/json", mapping("schema", raw()))).Content
		return "this response's body is raw JSON (json.RawMessage)"
	case last == "requestBody" || under("requestBodies", ""):
		ref.Content = mapping("content", mapping("application/json", mapping("schema", raw()))).Content
		return "this request body is raw JSON (json.RawMessage)"
	}
	parent := parents[ref]
	switch {
	case parent == nil:
	case parent.Kind == yaml.SequenceNode:
		for i, c := range parent.Content {
			if c == ref {
				parent.Content = append(parent.Content[:i:i], parent.Content[i+1:]...)
				break
			}
		}
	case parent.Kind == yaml.MappingNode:
		for i := 1; i < len(parent.Content); i += 2 {
			if parent.Content[i] == ref {
				parent.Content = append(parent.Content[:i-1:i-1], parent.Content[i+1:]...)
				break
			}
		}
	}
	return "it is left out"
}

func scalarNode(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// mapping builds a mapping node from key, value pairs (values are nodes).
func mapping(kv ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(kv); i += 2 {
		m.Content = append(m.Content, scalarNode(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return m
}
