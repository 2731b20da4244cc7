package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"net/url"
	"reflect"
	"strings"
	"sync"
)

// Request is one call of an operation being built. Errors found while building are kept and
// returned by Do before anything is sent.
//
// A Request is one allocation for a typical call: the path parameters live in pathBuf and what the
// attempts of a call share (see do.go) is kept in the Request itself.
type Request struct {
	cfg     *Config
	op      *Operation
	call    CallOptions
	path    []pathParam // escaped values, in the order they were set
	pathBuf [4]pathParam
	query   []string    // encoded "key=value" pairs, in the order they were added
	header  http.Header // header parameters; nil until one is set
	cookies []string    // "name=value"
	// secretQuery are the names of the sensitive query parameters set;
	// secretPath tells that a path parameter is one.
	secretQuery []string
	secretPath  bool
	body        *requestBody
	contentType string
	err         error // the first building error

	callState // set by Do
}

// pathParam is a path parameter's escaped value.
type pathParam struct {
	name, value string
	used        bool // substituted into the path template
	secret      bool // sensitive: never shown
}

// NewRequest starts a call of op with the client configuration cfg and the call's options.
func NewRequest(cfg *Config, op *Operation, opts []RequestOption) *Request {
	r := &Request{cfg: cfg, op: op}
	r.path = r.pathBuf[:0]
	for _, o := range opts {
		if o != nil {
			o.ApplyRequest(&r.call)
		}
	}
	return r
}

func (r *Request) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// PathParam sets a path parameter. It is required and must not be empty; its value is escaped as
// one path segment (arrays and objects are comma-joined, each element escaped).
func (r *Request) PathParam(name string, value any) {
	r.StyledPathParam(name, value, 0)
}

// StyledPathParam sets a path parameter written in the label or matrix
// style, or exploded (flags Label, Matrix, Explode).
func (r *Request) StyledPathParam(name string, value any, flags ParamFlag) {
	p, err := toParam(reflect.ValueOf(value), 0)
	var s string
	if err == nil {
		s, err = encodePath(name, p, flags)
		if err != nil {
			s, err = nestedAsJSON(value, err)
			s = pathSegment(s)
		}
	}
	secret := flags&Sensitive != 0
	switch {
	case err != nil:
		r.fail(fmt.Errorf("path parameter %s: %w", name, withheld(err, flags)))
	case s == "":
		r.fail(fmt.Errorf("path parameter %s is empty", name))
	default:
		r.setPath(name, s, secret)
	}
}

// PathString sets a path parameter whose value is a plain string, as
// PathParam does without the interface conversion.
func (r *Request) PathString(name, value string) {
	if value == "" {
		r.fail(fmt.Errorf("path parameter %s is empty", name))
		return
	}
	r.setPath(name, pathSegment(value), false)
}

// setPath records the encoded segment s for the path template's {name}.
func (r *Request) setPath(name, s string, secret bool) {
	r.secretPath = r.secretPath || secret
	for i := range r.path {
		if r.path[i].name == name {
			r.path[i].value, r.path[i].secret = s, secret
			return
		}
	}
	r.path = append(r.path, pathParam{name: name, value: s, secret: secret})
}

// withheld is err, or for a sensitive parameter an error that cannot
// quote its value.
func withheld(err error, flags ParamFlag) error {
	if flags&Sensitive == 0 {
		return err
	}
	return errors.New("the value cannot be sent (details withheld: the parameter is sensitive)")
}

// QueryParam adds a query parameter (form style unless flags say otherwise). A missing value is not
// sent, or is an error when flags has Required.
func (r *Request) QueryParam(name string, value any, flags ParamFlag) {
	p, ok := r.param("query", name, value, flags)
	if !ok {
		return
	}
	pairs, err := encodeQuery(name, p, flags)
	if err != nil {
		var s string
		s, err = nestedAsJSON(value, err)
		pairs = []string{url.QueryEscape(name) + "=" + url.QueryEscape(s)}
	}
	if err != nil {
		r.fail(fmt.Errorf("query parameter %s: %w", name, withheld(err, flags)))
		return
	}
	if flags&Sensitive != 0 {
		r.secretQuery = append(r.secretQuery, name)
	}
	r.query = append(r.query, pairs...)
}

// HeaderParam sets a header parameter (simple style: arrays and objects comma-joined). A missing
// value is not sent, or is an error when flags has Required.
func (r *Request) HeaderParam(name string, value any, flags ParamFlag) {
	p, ok := r.param("header", name, value, flags)
	if !ok {
		return
	}
	s, err := simpleValue(p)
	if p.kind == objectParam && flags&Explode != 0 {
		var pairs []string
		for _, f := range p.fields {
			pairs = append(pairs, f.key+"="+f.val.s)
		}
		s = strings.Join(pairs, ",") // simple style, exploded: R=100,G=200
	}
	if err != nil {
		s, err = nestedAsJSON(value, err)
	}
	if err == nil {
		err = checkHeader(name, s)
	}
	if err != nil {
		r.fail(fmt.Errorf("header parameter %s: %w", name, withheld(err, flags)))
		return
	}
	if r.header == nil {
		r.header = http.Header{}
	}
	r.header.Set(name, s)
}

// CookieParam adds a cookie parameter (arrays and objects comma-joined). A missing value is not
// sent, or is an error when flags has Required.
func (r *Request) CookieParam(name string, value any, flags ParamFlag) {
	p, ok := r.param("cookie", name, value, flags)
	if !ok {
		return
	}
	s, err := simpleValue(p)
	if err == nil {
		err = checkCookie(name, s)
	}
	if err != nil {
		r.fail(fmt.Errorf("cookie parameter %s: %w", name, withheld(err, flags)))
		return
	}
	// Written as name=value without the quotes http.Cookie adds around a
	// comma: the form style sends arrays as color=blue,black,brown.
	r.cookies = append(r.cookies, name+"="+s)
}

// param reduces a query, header or cookie parameter value; ok is false when there is nothing to send.
func (r *Request) param(in, name string, value any, flags ParamFlag) (p param, ok bool) {
	p, err := toParam(reflect.ValueOf(value), 0)
	switch {
	case err != nil:
		r.fail(fmt.Errorf("%s parameter %s: %w", in, name, withheld(err, flags)))
	case p.missing() && flags&Required != 0:
		r.fail(fmt.Errorf("required %s parameter %s is missing", in, name))
	case p.missing():
	default:
		return p, true
	}
	return p, false
}

// JSONBody sets the request body to v encoded as JSON, once, so every attempt can send it again.
func (r *Request) JSONBody(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		r.fail(fmt.Errorf("encoding request body: %w", err))
		return
	}
	r.body, r.contentType = &requestBody{kind: bytesBody, data: b}, "application/json"
}

// JSONBodyAs is JSONBody for a JSON media type other than application/json
// (a vendor type such as application/vnd.api+json): the body is JSON, the
// Content-Type the one the spec names.
func (r *Request) JSONBodyAs(contentType string, v any) {
	r.JSONBody(v)
	if r.body != nil {
		r.contentType = contentType
	}
}

// Body sets the request body and its content type. A *bytes.Reader, *strings.Reader, *bytes.Buffer
// or other io.Seeker is sent again on a retry (from its current position); any other reader is
// streamed, and the call is not retried once bytes of it were sent. The SDK does not close body.
func (r *Request) Body(contentType string, body io.Reader) {
	if body == nil {
		return
	}
	b, err := newRequestBody(body)
	if err != nil {
		r.fail(fmt.Errorf("request body: %w", err))
		return
	}
	r.body, r.contentType = b, contentType
}

// bodyKind is how a request body is produced for each attempt.
type bodyKind uint8

const (
	bytesBody  bodyKind = iota // bytes the SDK holds
	readAtBody                 // a section of an io.ReaderAt (each attempt reads its own section)
	seekBody                   // an io.ReadSeeker, rewound before each attempt
	streamBody                 // any other reader, sent at most once
)

// requestBody produces the body of each attempt of a call.
type requestBody struct {
	kind      bodyKind
	data      []byte
	readerAt  io.ReaderAt
	reader    io.Reader
	off, size int64
	last      *guardedReader // the body of the last attempt, for seekBody and streamBody
}

func newRequestBody(body io.Reader) (*requestBody, error) {
	if buf, ok := body.(*bytes.Buffer); ok {
		return &requestBody{kind: bytesBody, data: buf.Bytes()}, nil
	}
	if s, ok := body.(io.ReadSeeker); ok {
		off, err := s.Seek(0, io.SeekCurrent)
		var end int64
		if err == nil {
			end, err = s.Seek(0, io.SeekEnd)
		}
		if err == nil { // a seeker that cannot seek, such as a pipe, is a stream
			if _, err := s.Seek(off, io.SeekStart); err != nil {
				return nil, err
			}
			if ra, ok := body.(io.ReaderAt); ok {
				return &requestBody{kind: readAtBody, readerAt: ra, off: off, size: end - off}, nil
			}
			return &requestBody{kind: seekBody, reader: s, off: off, size: end - off}, nil
		}
	}
	return &requestBody{kind: streamBody, reader: body}, nil
}

// open sets the body of one attempt's request.
func (b *requestBody) open(req *http.Request) error {
	switch b.kind {
	case bytesBody, readAtBody:
		req.GetBody = b.fresh
		req.Body, _ = b.fresh()
		req.ContentLength = b.length()
	case seekBody:
		if _, err := b.reader.(io.Seeker).Seek(b.off, io.SeekStart); err != nil {
			return fmt.Errorf("rewinding request body: %w", err)
		}
		b.last = &guardedReader{r: io.LimitReader(b.reader, b.size), holdLock: true}
		req.Body, req.ContentLength = b.last, b.size
	case streamBody:
		b.last = &guardedReader{r: b.reader}
		req.Body = b.last // ContentLength 0 with a body: unknown, sent chunked
	}
	if req.ContentLength == 0 && b.kind != streamBody {
		req.Body, req.GetBody = http.NoBody, nil
	}
	return nil
}

func (b *requestBody) length() int64 {
	if b.kind == bytesBody {
		return int64(len(b.data))
	}
	return b.size
}

// fresh returns a new reader over the whole replayable body (also used by http.Client for 307/308
// redirects).
func (b *requestBody) fresh() (io.ReadCloser, error) {
	if b.kind == bytesBody {
		return io.NopCloser(bytes.NewReader(b.data)), nil
	}
	return io.NopCloser(io.NewSectionReader(b.readerAt, b.off, b.size)), nil
}

// done ends the attempt's use of the body and reports whether it can be sent again: always for
// replayable bodies, and for a stream only if the transport never read from it.
func (b *requestBody) done() (replayable bool) {
	if b == nil || b.last == nil {
		return true
	}
	read := b.last.detach()
	return b.kind != streamBody || !read
}

// errBodyDetached is returned to a transport still reading an attempt's body after the attempt ended.
var errBodyDetached = errors.New("request body no longer available: the attempt has ended")

// guardedReader is one attempt's view of a reader shared by all attempts. It records whether it
// was read and, once detached, refuses further reads, so a transport still writing an old
// attempt's body cannot race the next attempt. Close does nothing: the caller owns the reader.
type guardedReader struct {
	mu       sync.Mutex
	r        io.Reader
	holdLock bool // hold mu during reads, so detach waits for a read in progress (seekers)
	read     bool
	detached bool
}

func (g *guardedReader) Read(p []byte) (int, error) {
	g.mu.Lock()
	if g.detached {
		g.mu.Unlock()
		return 0, errBodyDetached
	}
	g.read = true
	if g.holdLock {
		defer g.mu.Unlock()
	} else {
		g.mu.Unlock() // a stream may block indefinitely; it is never reused once read anyway
	}
	return g.r.Read(p)
}

func (g *guardedReader) Close() error { return nil }

func (g *guardedReader) detach() (read bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.detached = true
	return g.read
}

// buildURL returns the request URL: the server URL, the path template with the escaped path
// parameters, the query parameters and the declared query globals, built in one allocation. The
// server URL itself is checked when each attempt's request is made.
func (r *Request) buildURL() (string, error) {
	base := strings.TrimRight(r.op.baseURL(r.cfg), "/")
	size := len(base) + len(r.op.Path) + 1 + len(r.op.Query)
	for _, p := range r.path {
		size += len(p.value)
	}
	for _, q := range r.query {
		size += 1 + len(q)
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(base)
	for i := range r.path {
		r.path[i].used = false
	}
	rest := r.op.Path
	for {
		start := strings.IndexByte(rest, '{')
		if start < 0 {
			break
		}
		end := strings.IndexByte(rest[start:], '}')
		if end < 0 {
			break
		}
		name := rest[start+1 : start+end]
		p := r.pathParam(name)
		if p == nil {
			return "", fmt.Errorf("path parameter %s is missing", name)
		}
		p.used = true
		b.WriteString(EscapeStaticPath(rest[:start]))
		b.WriteString(p.value)
		rest = rest[start+end+1:]
	}
	b.WriteString(EscapeStaticPath(rest))
	for _, p := range r.path {
		if !p.used {
			return "", fmt.Errorf("path parameter %s is not in the path %s", p.name, r.op.Path)
		}
	}
	sep := byte('?')
	if r.op.Query != "" {
		b.WriteByte(sep)
		b.WriteString(r.op.Query)
		sep = '&'
	}
	for _, q := range r.query {
		b.WriteByte(sep)
		b.WriteString(q)
		sep = '&'
	}
	for i := range r.cfg.Globals {
		if g := &r.cfg.Globals[i]; r.declares(g, "query") {
			b.WriteByte(sep)
			b.WriteString(url.QueryEscape(g.Name))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(g.Value))
			sep = '&'
		}
	}
	return b.String(), nil
}

func (r *Request) pathParam(name string) *pathParam {
	for i := range r.path {
		if r.path[i].name == name {
			return &r.path[i]
		}
	}
	return nil
}

// declares reports whether g is a global located in that the operation declares and that has a
// value.
func (r *Request) declares(g *Global, in string) bool {
	if g.Value == "" || !strings.EqualFold(g.In, in) {
		return false
	}
	for _, name := range r.op.Globals {
		if strings.EqualFold(name, g.Name) {
			return true
		}
	}
	return false
}

// checkHeaders checks, before anything is sent, every header value writeHeader will send and the
// caller's headers. Header parameters and cookies were checked when they were set.
func (r *Request) checkHeaders() error {
	check := func(name, value string) error {
		if value == "" {
			return nil
		}
		return checkHeader(name, value)
	}
	if err := check("Accept", r.op.Accept); err != nil {
		return err
	}
	if err := check("Content-Type", r.op.ContentType); err != nil {
		return err
	}
	if err := check("User-Agent", r.ua); err != nil {
		return err
	}
	for i := range r.cfg.Globals {
		if g := &r.cfg.Globals[i]; r.declares(g, "header") {
			if err := checkHeader(g.Name, g.Value); err != nil {
				return err
			}
		}
	}
	if r.body != nil {
		if err := check("Content-Type", r.contentType); err != nil {
			return err
		}
	}
	for k, vs := range r.call.Header {
		for _, v := range vs {
			if err := checkHeader(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeHeader sets the headers every attempt sends before credentials — Accept, User-Agent, the
// declared header globals, header and cookie parameters, Content-Type and the idempotency key — on
// h, which is empty. The values share one backing array, fresh for each attempt.
func (r *Request) writeHeader(h http.Header) {
	n := 5 + len(r.cfg.Globals) // Accept, User-Agent, Cookie, Content-Type, the idempotency key
	for _, vs := range r.header {
		n += len(vs)
	}
	vals := make([]string, 0, n)
	if r.op.Accept != "" {
		vals = setHeader(h, vals, "Accept", r.op.Accept)
	}
	if r.ua != "" {
		vals = setHeader(h, vals, "User-Agent", r.ua)
	}
	for i := range r.cfg.Globals {
		if g := &r.cfg.Globals[i]; r.declares(g, "header") {
			vals = setHeader(h, vals, textproto.CanonicalMIMEHeaderKey(g.Name), g.Value)
		}
	}
	for k, vs := range r.header {
		vals = setHeader(h, vals, k, vs...)
	}
	if len(r.cookies) > 0 {
		vals = setHeader(h, vals, "Cookie", strings.Join(r.cookies, "; "))
	}
	if r.body != nil && r.contentType != "" {
		vals = setHeader(h, vals, "Content-Type", r.contentType)
	} else if r.body == nil && r.op.ContentType != "" {
		vals = setHeader(h, vals, "Content-Type", r.op.ContentType)
	}
	if r.idemKey != "" {
		setHeader(h, vals, textproto.CanonicalMIMEHeaderKey(r.op.IdempotencyHeader), r.idemKey)
	}
}

// setHeader sets h[k] to v, keeping the values in vals (one backing array
// for all of a request's headers, capped so no value list can grow into
// the next) and returns vals grown. A function rather than a closure over
// vals, which would move vals to the heap on every request.
func setHeader(h http.Header, vals []string, k string, v ...string) []string {
	start := len(vals)
	vals = append(vals, v...)
	h[k] = vals[start:len(vals):len(vals)]
	return vals
}
