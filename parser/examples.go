package parser

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/sdkgen/sdkgen/model"
)

// maxExampleBytes bounds the JSON of one example: an example is for reading
// and for samples, and YAML aliases could otherwise expand a small file into
// an enormous value. A larger example is left out.
const maxExampleBytes = 64 << 10

// maxExampleDepth bounds how deeply an example may nest.
const maxExampleDepth = 64

// examples collects what a parameter, header or media type gives as
// examples: its lone example first, then its examples map in document order.
func examples(one *yaml.Node, many *orderedmap.Map[string, *base.Example]) []model.Example {
	var out []model.Example
	if v, ok := exampleJSON(one); ok {
		out = append(out, model.Example{Value: v})
	}
	for name, ex := range many.FromOldest() {
		if ex == nil {
			continue
		}
		v, _ := exampleJSON(ex.Value)
		if v == "" && ex.ExternalValue == "" {
			continue
		}
		out = append(out, model.Example{Name: name, Summary: strings.TrimSpace(ex.Summary), Value: v, ExternalValue: ex.ExternalValue})
	}
	return out
}

// schemaExamples collects a schema's example and its examples list.
func schemaExamples(s *base.Schema) []string {
	var out []string
	if v, ok := exampleJSON(s.Example); ok {
		out = append(out, v)
	}
	for _, n := range s.Examples {
		if v, ok := exampleJSON(n); ok {
			out = append(out, v)
		}
	}
	return out
}

// exampleJSON writes a YAML (or JSON) node as compact JSON, keeping the
// order of mapping keys. It reports false for an absent node, or one too
// deep or too large to keep.
func exampleJSON(n *yaml.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	w := &jsonWriter{}
	if !w.node(n, 0) || w.buf.Len() > maxExampleBytes {
		return "", false
	}
	return w.buf.String(), true
}

// jsonWriter accumulates one example's JSON.
type jsonWriter struct {
	buf bytes.Buffer
}

// node writes n; false means give up (too deep, too large, or a node kind
// that has no JSON form).
func (w *jsonWriter) node(n *yaml.Node, depth int) bool {
	if n == nil || depth > maxExampleDepth || w.buf.Len() > maxExampleBytes {
		return false
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return false
		}
		return w.node(n.Content[0], depth+1)
	case yaml.AliasNode:
		return w.node(n.Alias, depth+1)
	case yaml.MappingNode:
		w.buf.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			k := n.Content[i]
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			w.str(k.Value)
			w.buf.WriteByte(':')
			if !w.node(n.Content[i+1], depth+1) {
				return false
			}
		}
		w.buf.WriteByte('}')
	case yaml.SequenceNode:
		w.buf.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			if !w.node(c, depth+1) {
				return false
			}
		}
		w.buf.WriteByte(']')
	case yaml.ScalarNode:
		w.scalar(n)
	default:
		return false
	}
	return true
}

// scalar writes a scalar by its resolved YAML tag; a number JSON cannot
// hold (Inf, NaN, an unparsable literal) is written as a string.
func (w *jsonWriter) scalar(n *yaml.Node) {
	switch n.ShortTag() {
	case "!!null":
		w.buf.WriteString("null")
		return
	case "!!bool":
		if b, err := strconv.ParseBool(n.Value); err == nil {
			w.buf.WriteString(strconv.FormatBool(b))
			return
		}
	case "!!int":
		if json.Valid([]byte(n.Value)) {
			w.buf.WriteString(n.Value) // as written, big integers included
			return
		}
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			w.buf.WriteString(strconv.FormatInt(i, 10)) // 0x1F, 0o17
			return
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			if json.Valid([]byte(n.Value)) {
				w.buf.WriteString(n.Value) // as written: 1.50 stays 1.50
			} else {
				w.buf.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
			}
			return
		}
	}
	w.str(n.Value)
}

// str writes s as a JSON string, leaving HTML characters as they are.
func (w *jsonWriter) str(s string) {
	if plainJSONString(s) {
		w.buf.WriteByte('"')
		w.buf.WriteString(s)
		w.buf.WriteByte('"')
		return
	}
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	w.buf.Truncate(w.buf.Len() - 1) // Encode's newline
}

// plainJSONString reports whether encoding/json writes s between quotes as
// it is: valid UTF-8 with no control character, quote, backslash, or line
// or paragraph separator (which it escapes even with HTML left alone).
func plainJSONString(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '"' || c == '\\':
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
}
