package parser

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"

	"github.com/sdkgen/sdkgen/model"
)

// Swagger 2.0 input.
//
// A Swagger 2.0 document is converted to OpenAPI 3.0 at the YAML node level
// and the result goes through the same path as any 3.0 document, so every
// feature of that path (refs, allOf, unions, globals, scopes, naming,
// diagnostics) works for 2.0 input without a second model builder. The
// alternative, libopenapi's own 2.0 model, would have needed a copy of the
// whole operation and schema walk for a second set of types.
//
// The conversion walks the node tree libopenapi already parsed (nothing is
// parsed twice), builds the equivalent 3.0 tree, and remembers for every
// node it creates the 2.0 node it came from. The tree is written out as
// YAML and handed to libopenapi; the parallel walk in swagger2pos.go then
// ties each node of what libopenapi read back to that 2.0 node, so every
// position and JSON pointer the parser reports (posAt, ptrPos, nodePos,
// msgPos) points into the 2.0 file as written.
//
// What each construct becomes (the README's "Swagger 2.0 input" has the
// table): definitions, parameters and responses move under components and
// their $refs follow; a body parameter becomes the requestBody, with the
// operation's consumes (or the document's, or application/json); formData
// parameters become an object body, multipart/form-data when consumes says
// so or a parameter is a file, else application/x-www-form-urlencoded;
// other parameters get a schema from their type keywords and a style from
// collectionFormat; produces gives each response schema its media types;
// host, basePath and schemes become servers; securityDefinitions become
// securitySchemes; x-nullable becomes nullable; a string discriminator
// becomes a discriminator object; `type: file` becomes binary. Extensions
// are kept wherever they are written.
//
// Only the root file is converted. A $ref into another file is kept as
// written: 2.0 schemas read the same in 3.0 (bar x-nullable, string
// discriminators and `type: file`), so schema files work; parameters,
// responses and path items in other files are read as 3.0 and warned about.

// swagger2 is one conversion, and afterwards the map back to the 2.0 file.
type swagger2 struct {
	p    *parser
	root *yaml.Node // the 2.0 document's top mapping

	ptrs   map[*yaml.Node]string     // 2.0 node → its JSON pointer (a key stands for its value)
	from   map[*yaml.Node]*yaml.Node // converted node → the 2.0 node it came from
	budget int                       // nodes the conversion may still create
	over   bool                      // the budget ran out: aliases expand to too much
	warned map[string]bool

	consumes, produces []s2media // the document's defaults
	extra              []s2kv    // component schemas the conversion declares
	inlining           []string

	// Filled once libopenapi has read the converted text (swagger2pos.go).
	spots []spot
	byPtr map[string]*yaml.Node
}

// s2media is one media type of a consumes or produces list, with the node
// that names it (nil for the default).
type s2media struct {
	name string
	node *yaml.Node
}

var s2jsonMedia = []s2media{{name: "application/json"}}

// fromSwagger2 converts the 2.0 document doc and loads the result. It
// returns nil, with diagnostics, when the document cannot be converted.
func (p *parser) fromSwagger2(doc libopenapi.Document, cfg *datamodel.DocumentConfiguration) libopenapi.Document {
	top := doc.GetSpecInfo().RootNode
	root := top
	for root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	c := &swagger2{p: p, root: root, ptrs: map[*yaml.Node]string{}, from: map[*yaml.Node]*yaml.Node{}, warned: map[string]bool{}}
	p.s2 = c
	if root == nil || root.Kind != yaml.MappingNode {
		p.errorf(c.pos(root), "invalid", "the Swagger 2.0 document is not a mapping")
		return nil
	}
	c.pointers(root, "#")
	c.budget = 20*len(c.ptrs) + 200_000
	out := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{c.document()}}
	c.from[out] = top
	if c.over {
		p.errorf(c.pos(root), "yaml-aliases", "YAML aliases here expand to too much data; sdkgen does not read documents built this way")
		return nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := cmp.Or(enc.Encode(out), enc.Close()); err != nil {
		p.errorf(c.pos(root), "internal", "cannot write the converted Swagger 2.0 document: %v (an internal error: please report it with the spec)", err)
		return nil
	}
	conv, err := libopenapi.NewDocumentWithConfiguration(buf.Bytes(), cfg)
	if err != nil {
		p.errorf(c.pos(root), "internal", "cannot read the converted Swagger 2.0 document: %s (an internal error: please report it with the spec)", cleanLibError(err))
		return nil
	}
	c.index(out, conv.GetSpecInfo().RootNode)
	return conv
}

// pointers records the JSON pointer of every node of the 2.0 document.
func (c *swagger2) pointers(n *yaml.Node, ptr string) {
	if _, ok := c.ptrs[n]; ok {
		return
	}
	c.ptrs[n] = ptr
	switch n.Kind {
	case yaml.DocumentNode:
		for _, x := range n.Content {
			c.pointers(x, ptr)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := ptr + "/" + ptrEscaper.Replace(n.Content[i].Value)
			if _, ok := c.ptrs[n.Content[i]]; !ok {
				c.ptrs[n.Content[i]] = p
			}
			c.pointers(n.Content[i+1], p)
		}
	case yaml.SequenceNode:
		for i, x := range n.Content {
			c.pointers(x, ptr+"/"+itoa(i))
		}
	}
}

// warn reports a finding at a node of the 2.0 document; once per message.
func (c *swagger2) warn(n *yaml.Node, code, format string, args ...any) {
	pos := c.pos(n)
	key := fmt.Sprint(pos.Line, ":", pos.Col, code, format, args)
	if c.warned[key] {
		return
	}
	c.warned[key] = true
	c.p.warnf(pos, code, format, args...)
}

// ---- nodes ----

// s2deref follows YAML aliases.
func s2deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

type s2kv struct{ k, v *yaml.Node }

// s2entries lists a mapping's keys and values, aliases followed and merge
// keys (<<) expanded, the mapping's own keys first; nil for a non-mapping.
func s2entries(n *yaml.Node) []s2kv {
	return s2entriesDepth(n, 0)
}

func s2entriesDepth(n *yaml.Node, depth int) []s2kv {
	n = s2deref(n)
	if n == nil || n.Kind != yaml.MappingNode || depth > 20 {
		return nil
	}
	out := make([]s2kv, 0, len(n.Content)/2)
	var merged []s2kv
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			switch m := s2deref(v); {
			case m == nil:
			case m.Kind == yaml.SequenceNode:
				for _, x := range m.Content {
					merged = append(merged, s2entriesDepth(x, depth+1)...)
				}
			default:
				merged = append(merged, s2entriesDepth(m, depth+1)...)
			}
			continue
		}
		out = append(out, s2kv{k, v})
	}
	for _, e := range merged {
		if !slices.ContainsFunc(out, func(o s2kv) bool { return o.k.Value == e.k.Value }) {
			out = append(out, e)
		}
	}
	return out
}

// s2get returns the value under key in mapping n, aliases followed; nil
// when there is none.
func s2get(n *yaml.Node, key string) *yaml.Node {
	for _, e := range s2entries(n) {
		if e.k.Value == key {
			return s2deref(e.v)
		}
	}
	return nil
}

// scalar returns n's value when it is a scalar, else "".
func scalarOf(n *yaml.Node) string {
	if n = s2deref(n); n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}

func s2isExt(key string) bool { return strings.HasPrefix(key, "x-") }

// spend takes one node from the budget.
func (c *swagger2) spend() bool {
	if c.budget <= 0 {
		c.over = true
		return false
	}
	c.budget--
	return true
}

// node makes a converted node standing for the 2.0 node from (nil: its
// parent's).
func (c *swagger2) node(kind yaml.Kind, tag, value string, from *yaml.Node) *yaml.Node {
	c.spend()
	n := &yaml.Node{Kind: kind, Tag: tag, Value: value}
	if from = s2deref(from); from != nil {
		c.from[n] = from
	}
	return n
}

func (c *swagger2) newMap(from *yaml.Node) *yaml.Node {
	return c.node(yaml.MappingNode, "!!map", "", from)
}

func (c *swagger2) newSeq(from *yaml.Node) *yaml.Node {
	return c.node(yaml.SequenceNode, "!!seq", "", from)
}

func (c *swagger2) str(v string, from *yaml.Node) *yaml.Node {
	return c.node(yaml.ScalarNode, "!!str", v, from)
}

func (c *swagger2) boolean(v bool, from *yaml.Node) *yaml.Node {
	s := "false"
	if v {
		s = "true"
	}
	return c.node(yaml.ScalarNode, "!!bool", s, from)
}

// add appends key and value to mapping m; the key is made from the 2.0
// key node keyFrom (nil: it stands for the value).
func (c *swagger2) add(m *yaml.Node, key string, keyFrom, val *yaml.Node) {
	if val == nil {
		return
	}
	if keyFrom == nil {
		keyFrom = c.from[val]
	}
	m.Content = append(m.Content, c.str(key, keyFrom), val)
}

// copyKV appends a 2.0 entry unchanged.
func (c *swagger2) copyKV(m *yaml.Node, e s2kv) {
	m.Content = append(m.Content, c.clone(e.k), c.clone(e.v))
}

// clone copies a 2.0 node and everything under it, aliases expanded.
func (c *swagger2) clone(n *yaml.Node) *yaml.Node {
	n = s2deref(n)
	if n == nil {
		return nil
	}
	if !c.spend() {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	out := &yaml.Node{Kind: n.Kind, Tag: n.Tag, Value: n.Value, Style: n.Style &^ yaml.FlowStyle}
	if n.Kind == yaml.AliasNode { // an alias chain too long to follow
		out.Kind, out.Tag, out.Value = yaml.ScalarNode, "!!null", "null"
	}
	c.from[out] = n
	switch n.Kind {
	case yaml.MappingNode:
		for _, e := range s2entries(n) {
			if e.k.Value == "$ref" && s2deref(e.v).Kind == yaml.ScalarNode {
				// libopenapi follows a $ref wherever it is, extensions
				// included, so it must name the 3.0 place.
				out.Content = append(out.Content, c.clone(e.k), c.refValue(e.v))
				continue
			}
			out.Content = append(out.Content, c.clone(e.k), c.clone(e.v))
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, x := range n.Content {
			out.Content = append(out.Content, c.clone(x))
		}
	}
	return out
}

// ---- references ----

// s2refMoves are the places 2.0 keeps reusable objects and where 3.0 does.
var s2refMoves = []struct{ from, to string }{
	{"#/definitions", "#/components/schemas"},
	{"#/parameters", "#/components/parameters"},
	{"#/responses", "#/components/responses"},
	{"#/securityDefinitions", "#/components/securitySchemes"},
}

// localRef returns the pointer a $ref names inside the root document
// ("#/definitions/Pet"), and false for a ref into another file.
func (c *swagger2) localRef(ref string) (string, bool) {
	file, frag, _ := strings.Cut(ref, "#")
	if file != "" {
		if strings.Contains(file, "://") {
			return "", false
		}
		abs := file
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(c.p.rootDir, filepath.FromSlash(file))
		}
		if filepath.Clean(abs) != c.p.rootAbs {
			return "", false
		}
	}
	return "#" + frag, true
}

// rewriteRef gives a $ref's 3.0 form: refs into the root document move
// with what they point to; refs into other files stay as written.
func (c *swagger2) rewriteRef(ref string) string {
	ptr, local := c.localRef(ref)
	if !local {
		return ref
	}
	for _, m := range s2refMoves {
		if rest, ok := strings.CutPrefix(ptr, m.from); ok && (rest == "" || rest[0] == '/') {
			return m.to + rest
		}
	}
	return ptr
}

// lookup finds what a pointer into the 2.0 document names, or nil.
func (c *swagger2) lookup(ptr string) *yaml.Node {
	rest, ok := strings.CutPrefix(ptr, "#")
	if !ok {
		return nil
	}
	n := c.root
	if rest == "" {
		return n
	}
	rest, ok = strings.CutPrefix(rest, "/")
	if !ok {
		return nil
	}
	for _, seg := range strings.Split(rest, "/") {
		seg = ptrUnescaper.Replace(s2unescapeURI(seg))
		var next *yaml.Node
		switch n = s2deref(n); {
		case n == nil:
		case n.Kind == yaml.MappingNode:
			next = s2get(n, seg)
		case n.Kind == yaml.SequenceNode:
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
				next = s2deref(n.Content[i])
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return n
}

// s2unescapeURI decodes the %XX escapes a $ref fragment may carry.
func s2unescapeURI(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && s2isHex(s[i+1]) && s2isHex(s[i+2]) {
			v, _ := hex4([]byte("00" + s[i+1:i+3]))
			b.WriteByte(byte(v))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func s2isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// refValue converts the value of a $ref.
func (c *swagger2) refValue(v *yaml.Node) *yaml.Node {
	if v = s2deref(v); v == nil || v.Kind != yaml.ScalarNode {
		return c.clone(v)
	}
	out := c.str(c.rewriteRef(v.Value), v)
	out.Style = v.Style &^ yaml.FlowStyle
	return out
}

// refMap writes {$ref: …} for a 2.0 mapping that holds one.
func (c *swagger2) refMap(src *yaml.Node) *yaml.Node {
	out := c.newMap(src)
	for _, e := range s2entries(src) {
		if e.k.Value == "$ref" {
			out.Content = append(out.Content, c.clone(e.k), c.refValue(e.v))
		} else {
			c.copyKV(out, e)
		}
	}
	return out
}

// enter guards inlining a ref against cycles; leave must follow.
func (c *swagger2) enter(ptr string) bool {
	if slices.Contains(c.inlining, ptr) || len(c.inlining) > 32 {
		return false
	}
	c.inlining = append(c.inlining, ptr)
	return true
}

func (c *swagger2) leave() { c.inlining = c.inlining[:len(c.inlining)-1] }

// ---- the document ----

// document converts the root mapping.
func (c *swagger2) document() *yaml.Node {
	root := c.root
	out := c.newMap(root)
	version := c.str("3.0.3", s2get(root, "swagger"))
	out.Content = append(out.Content, c.str("openapi", s2key(root, "swagger")), version)
	c.consumes, _ = c.mediaList(s2get(root, "consumes"))
	c.produces, _ = c.mediaList(s2get(root, "produces"))
	for _, key := range []string{"info", "externalDocs"} {
		if e, ok := s2entry(root, key); ok {
			c.copyKV(out, e)
		}
	}
	if s := c.servers(s2get(root, "schemes")); s != nil {
		c.add(out, "servers", s2key(root, "host"), s)
	}
	for _, key := range []string{"tags", "security"} {
		if e, ok := s2entry(root, key); ok {
			c.copyKV(out, e)
		}
	}
	if e, ok := s2entry(root, "paths"); ok {
		out.Content = append(out.Content, c.clone(e.k), c.paths(e.v))
	}
	comps := c.newMap(nil)
	for _, e := range s2entries(root) {
		switch e.k.Value {
		case "definitions":
			c.add(comps, "schemas", e.k, c.each(e.v, false, c.schema))
		case "parameters":
			c.add(comps, "parameters", e.k, c.sharedParams(e.v))
		case "responses":
			c.add(comps, "responses", e.k, c.each(e.v, false, func(n *yaml.Node) *yaml.Node { return c.response(n, c.produces) }))
		case "securityDefinitions":
			c.add(comps, "securitySchemes", e.k, c.each(e.v, false, c.securityScheme))
		}
	}
	if len(c.extra) > 0 {
		schemas := s2get(comps, "schemas")
		if schemas == nil || schemas.Kind != yaml.MappingNode {
			schemas = c.newMap(c.from[c.extra[0].v])
			c.add(comps, "schemas", nil, schemas)
		}
		for _, e := range c.extra {
			schemas.Content = append(schemas.Content, e.k, e.v)
		}
	}
	if len(comps.Content) > 0 {
		c.from[comps] = c.from[comps.Content[0]]
		c.add(out, "components", nil, comps)
	}
	for _, e := range s2entries(root) {
		if s2isExt(e.k.Value) {
			c.copyKV(out, e)
		}
	}
	return out
}

// s2entry finds key in mapping n.
func s2entry(n *yaml.Node, key string) (s2kv, bool) {
	for _, e := range s2entries(n) {
		if e.k.Value == key {
			return e, true
		}
	}
	return s2kv{}, false
}

// s2key returns the key node of key in mapping n, or nil.
func s2key(n *yaml.Node, key string) *yaml.Node {
	e, _ := s2entry(n, key)
	return e.k
}

// each converts every value of a mapping with conv; with ext, x- keys are
// extensions and are copied as they are (in a map of names, such as
// definitions or properties, "x-a" is just a name). Anything but a
// mapping is copied for libopenapi to report.
func (c *swagger2) each(n *yaml.Node, ext bool, conv func(*yaml.Node) *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	out := c.newMap(src)
	for _, e := range s2entries(src) {
		if ext && s2isExt(e.k.Value) {
			c.copyKV(out, e)
			continue
		}
		out.Content = append(out.Content, c.clone(e.k), conv(e.v))
	}
	return out
}

// mediaList reads a consumes or produces list; present reports whether it
// names at least one media type.
func (c *swagger2) mediaList(n *yaml.Node) (list []s2media, present bool) {
	if n = s2deref(n); n == nil || n.Kind != yaml.SequenceNode {
		return nil, false
	}
	for _, x := range n.Content {
		if s := strings.TrimSpace(scalarOf(x)); s != "" {
			list = append(list, s2media{s, s2deref(x)})
		}
	}
	return list, len(list) > 0
}

// servers builds the servers list from host, basePath and schemes (the
// document's, or an operation's schemes). https comes first when listed;
// with no scheme, https is assumed; with no host, the server is basePath,
// relative to wherever the API is served.
func (c *swagger2) servers(schemesNode *yaml.Node) *yaml.Node {
	hostNode, baseNode := s2get(c.root, "host"), s2get(c.root, "basePath")
	host, base := strings.TrimSpace(scalarOf(hostNode)), strings.TrimSpace(scalarOf(baseNode))
	if base == "/" {
		base = ""
	}
	if base != "" && !strings.HasPrefix(base, "/") {
		base = "/" + base // 2.0 requires the slash; a missing one is meant
	}
	from := hostNode
	if from == nil {
		from = baseNode
	}
	if host == "" {
		if base == "" {
			return nil
		}
		out := c.newSeq(baseNode)
		out.Content = append(out.Content, c.server(base, baseNode))
		return out
	}
	host = strings.TrimSuffix(host, "/")
	var schemes []string
	if n := s2deref(schemesNode); n != nil && n.Kind == yaml.SequenceNode {
		for _, x := range n.Content {
			s := strings.ToLower(strings.TrimSpace(scalarOf(x)))
			switch s {
			case "http", "https":
				if !slices.Contains(schemes, s) {
					schemes = append(schemes, s)
				}
			case "ws", "wss":
				c.warn(x, "swagger2-scheme", "scheme %q is not HTTP; no server is made for it", s)
			default:
				c.warn(x, "swagger2-scheme", "unknown scheme %q; no server is made for it", scalarOf(x))
			}
		}
	}
	if len(schemes) == 0 {
		schemes = []string{"https"}
	}
	if i := slices.Index(schemes, "https"); i > 0 {
		schemes = append([]string{"https"}, slices.Delete(schemes, i, i+1)...)
	}
	out := c.newSeq(from)
	for _, s := range schemes {
		out.Content = append(out.Content, c.server(s+"://"+host+base, from))
	}
	return out
}

func (c *swagger2) server(url string, from *yaml.Node) *yaml.Node {
	s := c.newMap(from)
	c.add(s, "url", from, c.str(url, from))
	return s
}

// ---- paths and operations ----

var s2methods = []string{"get", "put", "post", "delete", "options", "head", "patch"}

func (c *swagger2) paths(n *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	out := c.newMap(src)
	for _, e := range s2entries(src) {
		if s2isExt(e.k.Value) {
			c.copyKV(out, e)
			continue
		}
		out.Content = append(out.Content, c.clone(e.k), c.pathItem(e.v))
	}
	return out
}

func (c *swagger2) pathItem(n *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	out := c.newMap(src)
	shared := s2get(src, "parameters")
	for _, e := range s2entries(src) {
		k := e.k.Value
		switch {
		case k == "$ref":
			if _, local := c.localRef(scalarOf(e.v)); !local {
				c.warn(e.v, "swagger2-external-ref", "this path item is in another file, which is read as OpenAPI 3 without conversion")
			}
			out.Content = append(out.Content, c.clone(e.k), c.refValue(e.v))
		case k == "parameters":
			if l := s2deref(e.v); l == nil || l.Kind != yaml.SequenceNode {
				c.copyKV(out, e)
				continue
			}
			list := c.newSeq(e.v)
			for _, prm := range c.paramList(e.v) {
				if !prm.isBody() {
					list.Content = append(list.Content, c.param(prm))
				}
			}
			if len(list.Content) > 0 {
				out.Content = append(out.Content, c.clone(e.k), list)
			}
		case slices.Contains(s2methods, k):
			out.Content = append(out.Content, c.clone(e.k), c.operation(e.v, shared))
		case s2isExt(k):
			c.copyKV(out, e)
		}
	}
	return out
}

// s2param is one entry of a parameters list.
type s2param struct {
	written *yaml.Node // the entry as written, maybe {$ref: …}
	node    *yaml.Node // the parameter object it stands for; nil when a $ref leads nowhere or out of the file
	ref     string     // the first $ref followed, "" for an inline parameter
	name    string
	in      string
}

func (p s2param) isBody() bool { return p.in == "body" || p.in == "formdata" }

// paramList resolves a parameters list.
func (c *swagger2) paramList(n *yaml.Node) []s2param {
	l := s2deref(n)
	if l == nil || l.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]s2param, 0, len(l.Content))
	for _, x := range l.Content {
		out = append(out, c.resolveParam(x))
	}
	return out
}

func (c *swagger2) resolveParam(x *yaml.Node) s2param {
	prm := s2param{written: x, node: s2deref(x)}
	for hops := 0; prm.node != nil; hops++ {
		ref := s2get(prm.node, "$ref")
		if ref == nil {
			break
		}
		if prm.ref == "" {
			prm.ref = scalarOf(ref)
		}
		ptr, local := c.localRef(scalarOf(ref))
		if !local || hops > 16 {
			prm.node = nil
			break
		}
		prm.node = c.lookup(ptr)
	}
	if prm.node != nil {
		prm.name = scalarOf(s2get(prm.node, "name"))
		prm.in = strings.ToLower(scalarOf(s2get(prm.node, "in")))
	}
	return prm
}

// operation converts one operation; shared is the path item's parameters.
func (c *swagger2) operation(n, shared *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	consumes, ok := c.mediaList(s2get(src, "consumes"))
	if !ok {
		consumes = c.consumes
	}
	produces, ok := c.mediaList(s2get(src, "produces"))
	if !ok {
		produces = c.produces
	}
	own := c.paramList(s2get(src, "parameters"))
	all := slices.Clone(own)
	for _, prm := range c.paramList(shared) {
		if prm.node == nil || !slices.ContainsFunc(own, func(o s2param) bool { return o.name == prm.name && o.in == prm.in }) {
			all = append(all, prm)
		}
	}
	body := c.requestBody(src, all, consumes)

	out := c.newMap(src)
	for _, e := range s2entries(src) {
		k := e.k.Value
		switch {
		case k == "parameters":
			if l := s2deref(e.v); l == nil || l.Kind != yaml.SequenceNode {
				c.copyKV(out, e) // libopenapi reports it
				continue
			}
			list := c.newSeq(e.v)
			for _, prm := range own {
				if !prm.isBody() {
					list.Content = append(list.Content, c.param(prm))
				}
			}
			if len(list.Content) > 0 || len(own) == 0 {
				out.Content = append(out.Content, c.clone(e.k), list)
			}
			if body != nil {
				c.add(out, "requestBody", nil, body)
				body = nil
			}
		case k == "responses":
			out.Content = append(out.Content, c.clone(e.k), c.responses(e.v, produces))
		case k == "schemes":
			if s2get(c.root, "host") == nil {
				continue
			}
			mine, global := c.servers(e.v), c.servers(s2get(c.root, "schemes"))
			if mine != nil && global != nil && scalarOf(s2get(mine.Content[0], "url")) != scalarOf(s2get(global.Content[0], "url")) {
				c.add(out, "servers", e.k, mine)
			}
		case k == "consumes" || k == "produces":
		case s2isExt(k) || slices.Contains([]string{"tags", "summary", "description", "externalDocs", "operationId", "deprecated", "security"}, k):
			c.copyKV(out, e)
		}
	}
	if body != nil {
		c.add(out, "requestBody", nil, body)
	}
	return out
}

// ---- parameters ----

// s2schemaKeys are the keywords a 2.0 non-body parameter, header or items
// object shares with a schema.
var s2schemaKeys = []string{"type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum",
	"exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf"}

// param converts a non-body parameter: its type keywords become its
// schema, its collectionFormat a style.
func (c *swagger2) param(prm s2param) *yaml.Node {
	if prm.ref != "" {
		src := s2deref(prm.written)
		_, local := c.localRef(prm.ref)
		switch {
		case !local:
			c.warn(s2get(src, "$ref"), "swagger2-external-ref", "this parameter is in another file, which is read as OpenAPI 3 without conversion")
			return c.refMap(src)
		case strings.HasPrefix(c.rewriteRef(prm.ref), "#/components/parameters/") || prm.node == nil:
			return c.refMap(src)
		}
		// A ref to a parameter written elsewhere (another operation's):
		// that list is reshaped in 3.0, so the parameter is copied in.
	}
	src := prm.node
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(prm.written)
	}
	out := c.newMap(src)
	for _, e := range s2entries(src) {
		k := e.k.Value
		if s2isExt(k) || slices.Contains([]string{"name", "in", "description", "required", "allowEmptyValue", "deprecated", "example"}, k) {
			c.copyKV(out, e)
		}
	}
	sch, array := c.typed(src)
	if sch == nil {
		if s := s2get(src, "schema"); s != nil {
			sch = c.schema(s)
		}
	}
	if sch != nil {
		c.add(out, "schema", s2key(src, "type"), sch)
	}
	if array {
		style, explode := c.style(prm.in, s2get(src, "collectionFormat"), src)
		c.add(out, "style", s2key(src, "collectionFormat"), c.str(style, s2get(src, "collectionFormat")))
		c.add(out, "explode", s2key(src, "collectionFormat"), c.boolean(explode, s2get(src, "collectionFormat")))
	}
	return out
}

// typed builds a schema from the type keywords of a parameter, header or
// items object (nil when it has none) and reports whether it is an array.
func (c *swagger2) typed(src *yaml.Node) (*yaml.Node, bool) {
	var sch *yaml.Node
	file, nullable := false, false
	for _, e := range s2entries(src) {
		k := e.k.Value
		switch {
		case k == "x-nullable" || k == "x-isnullable":
			nullable = nullable || scalarOf(e.v) == "true"
			continue
		case !slices.Contains(s2schemaKeys, k):
			continue
		}
		if sch == nil {
			sch = c.newMap(src)
		}
		switch k {
		case "type":
			if scalarOf(e.v) == "file" {
				file = true
				c.add(sch, "type", e.k, c.str("string", e.v))
				continue
			}
		case "format":
			if file || scalarOf(s2get(src, "type")) == "file" {
				continue
			}
		case "items":
			if it := s2deref(e.v); it != nil && it.Kind == yaml.MappingNode {
				if cf := s2get(it, "collectionFormat"); cf != nil && scalarOf(cf) != "csv" {
					c.warn(cf, "swagger2-collection-format", "collectionFormat of nested items has no OpenAPI 3 equivalent; inner values are sent comma-separated")
				}
				isch, _ := c.typed(it)
				if isch == nil {
					isch = c.schema(it)
				}
				sch.Content = append(sch.Content, c.clone(e.k), isch)
				continue
			}
		}
		c.copyKV(sch, e)
	}
	if sch == nil {
		return nil, false
	}
	if file {
		c.add(sch, "format", nil, c.str("binary", s2get(src, "type")))
	}
	if nullable {
		c.add(sch, "nullable", nil, c.boolean(true, s2get(src, "x-nullable")))
	}
	return sch, scalarOf(s2get(src, "type")) == "array"
}

// style maps a collectionFormat to a 3.0 style and explode for a
// parameter in in (query, path, header, or formData sent as a form).
func (c *swagger2) style(in string, cf, at *yaml.Node) (string, bool) {
	format := strings.ToLower(strings.TrimSpace(scalarOf(cf)))
	if cf != nil {
		at = cf
	}
	if in == "path" || in == "header" {
		switch format {
		case "", "csv":
		case "multi":
			c.warn(at, "swagger2-collection-format", "collectionFormat multi is only for query and formData parameters; values are sent comma-separated")
		default:
			c.warn(at, "swagger2-collection-format", "collectionFormat %s has no OpenAPI 3 style for %s parameters; values are sent comma-separated", format, in)
		}
		return "simple", false
	}
	switch format {
	case "", "csv":
		return "form", false
	case "ssv":
		return "spaceDelimited", false
	case "pipes":
		return "pipeDelimited", false
	case "tsv":
		// OpenAPI 3 has no tab-separated style; sdkgen's runtime knows
		// this one, so the values still go out joined by tabs.
		return "tabDelimited", false
	case "multi":
		return "form", true
	}
	c.warn(at, "swagger2-collection-format", "unknown collectionFormat %q; values are sent comma-separated", scalarOf(cf))
	return "form", false
}

// sharedParams converts the top-level parameters. Body and formData ones
// have no 3.0 counterpart there: the operations that use them get them
// inline, in their request bodies.
func (c *swagger2) sharedParams(n *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	out := c.newMap(src)
	for _, e := range s2entries(src) {
		if s2isExt(e.k.Value) {
			c.copyKV(out, e)
			continue
		}
		prm := c.resolveParam(e.v)
		if prm.isBody() {
			continue
		}
		out.Content = append(out.Content, c.clone(e.k), c.param(prm))
	}
	return out
}

// ---- request bodies ----

func s2isFormMedia(mt string) bool {
	mt = strings.ToLower(strings.TrimSpace(strings.SplitN(mt, ";", 2)[0]))
	return mt == "multipart/form-data" || mt == "application/x-www-form-urlencoded"
}

func s2isURLEncoded(mt string) bool {
	return strings.EqualFold(strings.TrimSpace(strings.SplitN(mt, ";", 2)[0]), "application/x-www-form-urlencoded")
}

// requestBody builds the 3.0 requestBody from an operation's body or
// formData parameters; nil when it has neither.
func (c *swagger2) requestBody(op *yaml.Node, all []s2param, consumes []s2media) *yaml.Node {
	var body *s2param
	var form []s2param
	for i, prm := range all {
		switch prm.in {
		case "body":
			if body != nil {
				c.warn(prm.written, "swagger2-body", "an operation has at most one body parameter; this one is left out")
				continue
			}
			body = &all[i]
		case "formdata":
			form = append(form, prm)
		}
	}
	if body != nil {
		if len(form) > 0 {
			c.warn(form[0].written, "swagger2-body", "formData parameters beside a body parameter are left out: an operation sends one or the other")
		}
		return c.bodyParam(*body, consumes)
	}
	if len(form) > 0 {
		return c.formBody(scalarOf(s2get(op, "operationId")), form, consumes)
	}
	return nil
}

// bodyParam converts an in: body parameter: its schema under each media
// type the operation consumes (form types left out when others are
// listed), application/json by default.
func (c *swagger2) bodyParam(prm s2param, consumes []s2media) *yaml.Node {
	src := prm.node
	out := c.newMap(src)
	var types []s2media
	for _, m := range consumes {
		if !s2isFormMedia(m.name) {
			types = append(types, m)
		}
	}
	if len(types) == 0 {
		types = consumes
	}
	if len(types) == 0 {
		types = s2jsonMedia
	}
	var sch *yaml.Node
	schemaKey := s2key(src, "schema")
	if s := s2get(src, "schema"); s != nil {
		sch = c.schema(s)
	} else {
		c.warn(src, "swagger2-body", "body parameter %q has no schema; any JSON is accepted", prm.name)
		sch = c.newMap(src)
	}
	for _, e := range s2entries(src) {
		switch k := e.k.Value; {
		case k == "description" || k == "required" || s2isExt(k):
			c.copyKV(out, e)
		}
	}
	content := c.newMap(src)
	for _, m := range types {
		mt := c.newMap(src)
		c.add(mt, "schema", schemaKey, sch)
		c.add(content, m.name, m.node, mt)
	}
	c.add(out, "content", schemaKey, content)
	return out
}

// formBody turns formData parameters into an object body: multipart when
// a parameter is a file or consumes asks for it, else URL-encoded (both
// when consumes lists both and there is no file). A form sent both ways is
// one schema, declared as the component "<operationId>Body", so that both
// methods take the same type.
func (c *swagger2) formBody(opID string, form []s2param, consumes []s2media) *yaml.Node {
	first := form[0].written
	hasFile := false
	for _, prm := range form {
		if prm.node != nil && (scalarOf(s2get(prm.node, "type")) == "file" || scalarOf(s2get(s2get(prm.node, "items"), "type")) == "file") {
			hasFile = true
		}
	}
	var types []s2media
	for _, m := range consumes {
		if s2isFormMedia(m.name) && !(hasFile && s2isURLEncoded(m.name)) {
			types = append(types, m)
		}
	}
	if len(types) == 0 {
		types = []s2media{{name: "application/x-www-form-urlencoded"}}
		if hasFile {
			types = []s2media{{name: "multipart/form-data"}}
		}
	}
	obj := c.newMap(first)
	c.add(obj, "type", nil, c.str("object", first))
	props := c.newMap(first)
	required := c.newSeq(first)
	var requiredFrom *yaml.Node
	var arrays []s2param
	for _, prm := range form {
		if prm.node == nil {
			c.warn(prm.written, "swagger2-external-ref", "this formData parameter is in another file or missing; it is left out of the form")
			continue
		}
		sch, array := c.typed(prm.node)
		if sch == nil {
			sch = c.newMap(prm.node)
		}
		for _, e := range s2entries(prm.node) {
			if k := e.k.Value; k == "description" || k == "example" || s2isExt(k) && k != "x-nullable" && k != "x-isnullable" {
				c.copyKV(sch, e)
			}
		}
		c.add(props, prm.name, s2key(prm.node, "name"), sch)
		if scalarOf(s2get(prm.node, "required")) == "true" {
			required.Content = append(required.Content, c.str(prm.name, s2get(prm.node, "required")))
			requiredFrom = cmp.Or(requiredFrom, s2get(prm.node, "required"))
		}
		if array {
			arrays = append(arrays, prm)
		}
	}
	c.add(obj, "properties", nil, props)
	if len(required.Content) > 0 {
		c.add(obj, "required", nil, required)
	}
	out := c.newMap(first)
	if len(required.Content) > 0 {
		c.add(out, "required", nil, c.boolean(true, requiredFrom))
	}
	sch := obj
	if len(types) > 1 && opID != "" {
		name := c.schemaName(opID + "Body")
		c.extra = append(c.extra, s2kv{c.str(name, first), obj})
		sch = c.newMap(first)
		c.add(sch, "$ref", nil, c.str(pointer("components", "schemas", name), first))
	}
	content := c.newMap(first)
	for _, m := range types {
		mt := c.newMap(first)
		c.add(mt, "schema", nil, sch)
		if s2isURLEncoded(m.name) && len(arrays) > 0 {
			enc := c.newMap(first)
			for _, prm := range arrays {
				cf := s2get(prm.node, "collectionFormat")
				style, explode := c.style("query", cf, prm.node)
				e := c.newMap(prm.node)
				c.add(e, "style", nil, c.str(style, cf))
				c.add(e, "explode", nil, c.boolean(explode, cf))
				c.add(enc, prm.name, nil, e)
			}
			c.add(mt, "encoding", nil, enc)
		} else {
			for _, prm := range arrays {
				if f := strings.ToLower(scalarOf(s2get(prm.node, "collectionFormat"))); f != "" && f != "multi" {
					c.warn(s2get(prm.node, "collectionFormat"), "swagger2-collection-format", "collectionFormat %s has no multipart equivalent; each value is sent as a part of its own", f)
				}
			}
		}
		c.add(content, m.name, m.node, mt)
	}
	c.add(out, "content", nil, content)
	return out
}

// schemaName returns base, or base with a suffix, so that it names no
// definition and no schema the conversion declared before.
func (c *swagger2) schemaName(base string) string {
	defs := s2get(c.root, "definitions")
	taken := func(name string) bool {
		return s2get(defs, name) != nil || slices.ContainsFunc(c.extra, func(e s2kv) bool { return e.k.Value == name })
	}
	name := base
	for i := 2; taken(name); i++ {
		name = base + itoa(i)
	}
	return name
}

// ---- responses ----

func (c *swagger2) responses(n *yaml.Node, produces []s2media) *yaml.Node {
	return c.each(n, true, func(r *yaml.Node) *yaml.Node { return c.response(r, produces) })
}

// s2sameMedia reports whether two media type lists name the same types.
func s2sameMedia(a, b []s2media) bool {
	return slices.EqualFunc(a, b, func(x, y s2media) bool { return x.name == y.name })
}

// response converts a response: its schema goes under each media type the
// operation produces. A shared response is referred to when the
// operation produces what the document does, and copied in otherwise.
func (c *swagger2) response(n *yaml.Node, produces []s2media) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	if ref := s2get(src, "$ref"); ref != nil {
		ptr, local := c.localRef(scalarOf(ref))
		switch {
		case !local:
			c.warn(ref, "swagger2-external-ref", "this response is in another file, which is read as OpenAPI 3 without conversion")
		case strings.HasPrefix(ptr, "#/responses/") && s2sameMedia(produces, c.produces):
		default:
			if target := c.lookup(ptr); target != nil && c.enter(ptr) {
				defer c.leave()
				return c.response(target, produces)
			}
		}
		return c.refMap(src)
	}
	out := c.newMap(src)
	var schema s2kv
	var examples *yaml.Node
	for _, e := range s2entries(src) {
		switch k := e.k.Value; {
		case k == "description" || s2isExt(k):
			c.copyKV(out, e)
		case k == "schema":
			schema = e
		case k == "examples":
			examples = s2deref(e.v)
		case k == "headers":
			out.Content = append(out.Content, c.clone(e.k), c.each(e.v, false, c.header))
		}
	}
	if schema.v == nil {
		return out
	}
	sch := c.schema(schema.v)
	types := produces
	if len(types) == 0 {
		types = s2jsonMedia
	}
	if scalarOf(s2get(schema.v, "type")) == "file" && !slices.ContainsFunc(types, func(m s2media) bool { return contentKind(m.name) != model.ContentJSON }) {
		// A file is never JSON: with only JSON produced, it is bytes.
		types = []s2media{{name: "application/octet-stream"}}
	}
	content := c.newMap(schema.v)
	for _, m := range types {
		mt := c.newMap(schema.v)
		c.add(mt, "schema", schema.k, sch)
		if ex, ok := s2entry(examples, m.name); ok {
			c.add(mt, "example", ex.k, c.clone(ex.v))
		}
		c.add(content, m.name, m.node, mt)
	}
	c.add(out, "content", schema.k, content)
	return out
}

// header converts a response header: its type keywords become a schema.
func (c *swagger2) header(n *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	out := c.newMap(src)
	for _, e := range s2entries(src) {
		if k := e.k.Value; k == "description" || s2isExt(k) {
			c.copyKV(out, e)
		}
	}
	if f := strings.ToLower(scalarOf(s2get(src, "collectionFormat"))); f != "" && f != "csv" {
		c.warn(s2get(src, "collectionFormat"), "swagger2-collection-format", "collectionFormat %s has no OpenAPI 3 style for headers; the header is read comma-separated", f)
	}
	if sch, _ := c.typed(src); sch != nil {
		c.add(out, "schema", s2key(src, "type"), sch)
	}
	return out
}

// ---- schemas ----

// schema converts a schema: $refs follow what they point to, x-nullable
// becomes nullable, a string discriminator an object, a file binary.
func (c *swagger2) schema(n *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	if ref := s2get(src, "$ref"); ref != nil && ref.Kind == yaml.ScalarNode {
		ptr, local := c.localRef(ref.Value)
		if moved := c.rewriteRef(ref.Value); local && !strings.HasPrefix(moved, "#/components/schemas") && c.lookup(ptr) != nil {
			// A ref to a schema inside a parameter or response: that place
			// is reshaped in 3.0, so the schema is copied in.
			if c.enter(ptr) {
				defer c.leave()
				return c.schema(c.lookup(ptr))
			}
		}
	}
	out := c.newMap(src)
	file, nullable, hasNullable := false, false, false
	for _, e := range s2entries(src) {
		k, v := e.k.Value, s2deref(e.v)
		switch k {
		case "$ref":
			out.Content = append(out.Content, c.clone(e.k), c.refValue(v))
		case "properties":
			out.Content = append(out.Content, c.clone(e.k), c.each(v, false, c.schema))
		case "additionalProperties", "not", "items":
			if v != nil && v.Kind == yaml.SequenceNode {
				out.Content = append(out.Content, c.clone(e.k), c.schemaList(v))
				continue
			}
			out.Content = append(out.Content, c.clone(e.k), c.schema(v))
		case "allOf", "anyOf", "oneOf":
			out.Content = append(out.Content, c.clone(e.k), c.schemaList(v))
		case "discriminator":
			if v != nil && v.Kind == yaml.ScalarNode {
				d := c.newMap(v)
				c.add(d, "propertyName", e.k, c.clone(v))
				out.Content = append(out.Content, c.clone(e.k), d)
				continue
			}
			c.copyKV(out, e)
		case "type":
			if scalarOf(v) == "file" {
				file = true
				out.Content = append(out.Content, c.clone(e.k), c.str("string", v))
				continue
			}
			c.copyKV(out, e)
		case "format":
			if scalarOf(s2get(src, "type")) != "file" {
				c.copyKV(out, e)
			}
		case "x-nullable", "x-isnullable":
			nullable = nullable || scalarOf(v) == "true"
			c.copyKV(out, e)
		case "nullable":
			hasNullable = true
			c.copyKV(out, e)
		default:
			c.copyKV(out, e)
		}
	}
	if file {
		c.add(out, "format", nil, c.str("binary", s2get(src, "type")))
	}
	if nullable && !hasNullable {
		c.add(out, "nullable", nil, c.boolean(true, s2get(src, "x-nullable")))
	}
	return out
}

func (c *swagger2) schemaList(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return c.clone(n)
	}
	out := c.newSeq(n)
	for _, x := range n.Content {
		out.Content = append(out.Content, c.schema(x))
	}
	return out
}

// ---- security ----

// s2oauthFlows maps 2.0 flow names to 3.0's.
var s2oauthFlows = map[string]string{
	"implicit":    "implicit",
	"password":    "password",
	"application": "clientCredentials",
	"accessCode":  "authorizationCode",
}

// securityScheme converts a security definition: basic → http basic,
// apiKey as it is, oauth2 → its one flow.
func (c *swagger2) securityScheme(n *yaml.Node) *yaml.Node {
	src := s2deref(n)
	if src == nil || src.Kind != yaml.MappingNode {
		return c.clone(n)
	}
	typ := scalarOf(s2get(src, "type"))
	out := c.newMap(src)
	for _, e := range s2entries(src) {
		k := e.k.Value
		switch {
		case k == "type":
			switch typ {
			case "basic":
				out.Content = append(out.Content, c.clone(e.k), c.str("http", e.v))
				c.add(out, "scheme", e.k, c.str("basic", e.v))
			default:
				c.copyKV(out, e)
			}
		case k == "description" || s2isExt(k):
			c.copyKV(out, e)
		case typ == "apiKey" && (k == "name" || k == "in"):
			c.copyKV(out, e)
		}
	}
	if typ != "oauth2" {
		if typ != "basic" && typ != "apiKey" {
			c.warn(s2get(src, "type"), "swagger2-security", "unknown security type %q", typ)
		}
		return out
	}
	flowNode := s2get(src, "flow")
	flow, ok := s2oauthFlows[scalarOf(flowNode)]
	if !ok {
		c.warn(src, "swagger2-security", "oauth2 flow %q is not one of implicit, password, application or accessCode; the scheme has no flow", scalarOf(flowNode))
		return out
	}
	f := c.newMap(flowNode)
	for _, key := range []string{"authorizationUrl", "tokenUrl"} {
		if e, ok := s2entry(src, key); ok {
			c.copyKV(f, e)
		}
	}
	if e, ok := s2entry(src, "scopes"); ok {
		c.copyKV(f, e)
	} else {
		c.add(f, "scopes", nil, c.newMap(src))
	}
	flows := c.newMap(flowNode)
	c.add(flows, flow, flowNode, f)
	c.add(out, "flows", s2key(src, "flow"), flows)
	return out
}
