package wirecheck

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/paths"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// The validator reads a deepObject query parameter one level deep: Stripe's
// lines[0][amount]=5 (an array of objects inside the object) is to it a
// scalar where the schema wants an object, so it rejects what Stripe and
// the SDK both write. deepCheck takes such parameters off the validator's
// hands: it decodes their keys by the deepObject rules to any depth, with
// scalars read by the schema's types, and validates the value against the
// parameter's schema with the validator's own schema validation.
type deepCheck struct {
	doc     *v3.Document
	opts    *config.ValidationOptions
	schemas schema_validation.SchemaValidator
	version float32
}

func newDeepCheck(doc *v3.Document) *deepCheck {
	version := float32(3.0)
	if strings.HasPrefix(doc.Version, "3.1") {
		version = 3.1
	}
	return &deepCheck{doc: doc, opts: config.NewValidationOptions(), schemas: schema_validation.NewSchemaValidator(), version: version}
}

// nested are the deepObject query parameters of the request's operation
// whose schema nests an array or object inside the object.
func (d *deepCheck) nested(req *http.Request) []*v3.Parameter {
	item, _, _ := paths.FindPath(req, d.doc, d.opts)
	if item == nil {
		return nil
	}
	op := item.GetOperations().GetOrZero(strings.ToLower(req.Method))
	if op == nil {
		return nil
	}
	var out []*v3.Parameter
	for _, p := range slices.Concat(item.Parameters, op.Parameters) {
		if p == nil || p.In != "query" || p.Style != "deepObject" || p.Schema == nil {
			continue
		}
		if s := p.Schema.Schema(); s != nil && nestsDeeply(s, 0) {
			out = append(out, p)
		}
	}
	return out
}

// nestsDeeply reports whether an object schema holds an array or object
// property (directly or through anyOf/oneOf/allOf), or an array schema
// (Stripe declares deepObject on arrays) holds objects or arrays.
func nestsDeeply(s *base.Schema, depth int) bool {
	if s == nil || depth > 4 {
		return false
	}
	if slices.Contains(s.Type, "array") && s.Items != nil && s.Items.IsA() {
		if is := s.Items.A.Schema(); is != nil && (slices.Contains(is.Type, "object") || slices.Contains(is.Type, "array") ||
			is.Properties != nil && is.Properties.Len() > 0 || nestsDeeply(is, depth+1)) {
			return true
		}
	}
	for _, m := range slices.Concat(s.AnyOf, s.OneOf, s.AllOf) {
		if nestsDeeply(m.Schema(), depth+1) {
			return true
		}
	}
	if s.Properties == nil {
		return false
	}
	for _, ps := range s.Properties.FromOldest() {
		p := ps.Schema()
		if p == nil {
			continue
		}
		if slices.Contains(p.Type, "array") || slices.Contains(p.Type, "object") {
			return true
		}
		for _, m := range slices.Concat(p.AnyOf, p.OneOf) {
			if ms := m.Schema(); ms != nil && (slices.Contains(ms.Type, "array") || slices.Contains(ms.Type, "object")) {
				return true
			}
		}
	}
	return false
}

// validate checks one nested parameter's value as the request carries it.
func (d *deepCheck) validate(p *v3.Parameter, query url.Values) []string {
	raw := map[string]any{}
	found := false
	for k, vs := range query {
		rest, ok := strings.CutPrefix(k, p.Name+"[")
		if !ok || len(vs) == 0 {
			continue
		}
		found = true
		keys, err := brackets("[" + rest)
		if err != nil {
			return []string{fmt.Sprintf("query parameter %s: key %q: %v", p.Name, k, err)}
		}
		put(raw, keys, vs[len(vs)-1])
	}
	if !found {
		if p.Required != nil && *p.Required {
			return []string{fmt.Sprintf("query parameter %s is required but missing", p.Name)}
		}
		return nil
	}
	schema := p.Schema.Schema()
	value := typed(raw, schema, 0)
	if ok, errs := d.schemas.ValidateSchemaObjectWithVersion(schema, value, d.version); !ok {
		return messages(errs)
	}
	return nil
}

// brackets splits "[a][0][b]" into a, 0, b.
func brackets(s string) ([]string, error) {
	var keys []string
	for s != "" {
		if s[0] != '[' {
			return nil, fmt.Errorf("expected [ at %q", s)
		}
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return nil, fmt.Errorf("unclosed [ in %q", s)
		}
		keys = append(keys, s[1:end])
		s = s[end+1:]
	}
	return keys, nil
}

// put stores v under the key path in m, creating maps on the way; arrays
// are maps with index keys until typed knows the schema.
func put(m map[string]any, keys []string, v string) {
	for i, k := range keys {
		if i == len(keys)-1 {
			m[k] = v
			return
		}
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
}

// typed turns the decoded strings and maps into the JSON value the schema
// describes: maps with index keys into arrays, scalars into numbers and
// booleans where the schema says so. A union takes the first member the
// value's shape fits.
func typed(v any, s *base.Schema, depth int) any {
	if s == nil || depth > 32 {
		return v
	}
	if members := slices.Concat(s.AnyOf, s.OneOf); len(members) > 0 && len(s.Type) == 0 {
		for _, m := range members {
			ms := m.Schema()
			if ms != nil && fits(v, ms) {
				return typed(v, ms, depth+1)
			}
		}
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		if slices.Contains(s.Type, "array") {
			idx := make([]int, 0, len(x))
			byIdx := map[int]any{}
			for k, e := range x {
				n, err := strconv.Atoi(k)
				if err != nil {
					return v
				}
				idx = append(idx, n)
				byIdx[n] = e
			}
			sort.Ints(idx)
			var items *base.Schema
			if s.Items != nil && s.Items.IsA() {
				items = s.Items.A.Schema()
			}
			out := make([]any, 0, len(idx))
			for _, n := range idx {
				out = append(out, typed(byIdx[n], items, depth+1))
			}
			return out
		}
		out := map[string]any{}
		for k, e := range x {
			var ps *base.Schema
			if s.Properties != nil {
				if p := s.Properties.GetOrZero(k); p != nil {
					ps = p.Schema()
				}
			}
			if ps == nil && s.AdditionalProperties != nil && s.AdditionalProperties.IsA() {
				ps = s.AdditionalProperties.A.Schema()
			}
			out[k] = typed(e, ps, depth+1)
		}
		return out
	case string:
		switch {
		case slices.Contains(s.Type, "integer"):
			if n, err := strconv.ParseInt(x, 10, 64); err == nil {
				return n
			}
		case slices.Contains(s.Type, "number"):
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f
			}
		case slices.Contains(s.Type, "boolean"):
			if b, err := strconv.ParseBool(x); err == nil {
				return b
			}
		}
	}
	return v
}

// fits reports whether a decoded value can be of the member's type.
func fits(v any, s *base.Schema) bool {
	if len(s.Type) == 0 {
		return true
	}
	switch x := v.(type) {
	case map[string]any:
		return slices.Contains(s.Type, "object") || slices.Contains(s.Type, "array")
	case string:
		for _, t := range s.Type {
			switch t {
			case "string":
				if len(s.Enum) == 0 {
					return true
				}
				for _, e := range s.Enum {
					if e.Value == x {
						return true
					}
				}
			case "integer":
				if _, err := strconv.ParseInt(x, 10, 64); err == nil {
					return true
				}
			case "number":
				if _, err := strconv.ParseFloat(x, 64); err == nil {
					return true
				}
			case "boolean":
				if _, err := strconv.ParseBool(x); err == nil {
					return true
				}
			}
		}
	}
	return false
}

// withoutParams drops the validator's findings about the named parameters.
func withoutParams(errs []*verrors.ValidationError, names []string) []*verrors.ValidationError {
	return slices.DeleteFunc(errs, func(e *verrors.ValidationError) bool {
		return e.ParameterName != "" && slices.Contains(names, e.ParameterName)
	})
}
