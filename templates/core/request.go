package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
)

// Request is one call of an operation being built. Errors found while building are kept and
// returned by Do before anything is sent.
type Request struct {
	cfg         *Config
	op          *Operation
	call        CallOptions
	path        map[string]string // escaped values by name
	query       []string          // encoded "key=value" pairs, in the order they were added
	header      http.Header
	cookies     []string // "name=value"
	body        *requestBody
	contentType string
	err         error // the first building error
}

// NewRequest starts a call of op with the client configuration cfg and the call's options.
func NewRequest(cfg *Config, op *Operation, opts []RequestOption) *Request {
	r := &Request{cfg: cfg, op: op, path: map[string]string{}, header: http.Header{}}
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
	p, err := toParam(reflect.ValueOf(value), 0)
	var s string
	if err == nil {
		s, err = encodePath(p)
	}
	switch {
	case err != nil:
		r.fail(fmt.Errorf("path parameter %s: %w", name, err))
	case s == "":
		r.fail(fmt.Errorf("path parameter %s is empty", name))
	default:
		r.path[name] = s
	}
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
		r.fail(fmt.Errorf("query parameter %s: %w", name, err))
		return
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
	if err == nil {
		err = checkHeader(name, s)
	}
	if err != nil {
		r.fail(fmt.Errorf("header parameter %s: %w", name, err))
		return
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
		r.fail(fmt.Errorf("cookie parameter %s: %w", name, err))
		return
	}
	r.cookies = append(r.cookies, (&http.Cookie{Name: name, Value: s}).String())
}

// param reduces a query, header or cookie parameter value; ok is false when there is nothing to send.
func (r *Request) param(in, name string, value any, flags ParamFlag) (p param, ok bool) {
	p, err := toParam(reflect.ValueOf(value), 0)
	switch {
	case err != nil:
		r.fail(fmt.Errorf("%s parameter %s: %w", in, name, err))
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

// expandPath substitutes the escaped path parameters into the operation's path template.
func (r *Request) expandPath() (string, error) {
	var b strings.Builder
	used := map[string]bool{}
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
		v, ok := r.path[name]
		if !ok {
			return "", fmt.Errorf("path parameter %s is missing", name)
		}
		used[name] = true
		b.WriteString(rest[:start])
		b.WriteString(v)
		rest = rest[start+end+1:]
	}
	b.WriteString(rest)
	for name := range r.path {
		if !used[name] {
			return "", fmt.Errorf("path parameter %s is not in the path %s", name, r.op.Path)
		}
	}
	return b.String(), nil
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

// buildURL returns the request URL: the server URL, the expanded path, the query parameters and
// the declared query globals.
func (r *Request) buildURL() (string, error) {
	path, err := r.expandPath()
	if err != nil {
		return "", err
	}
	query := r.query
	for _, g := range r.globals("query") {
		query = append(query, url.QueryEscape(g.Name)+"="+url.QueryEscape(g.Value))
	}
	s := strings.TrimRight(r.cfg.ServerURL, "/") + path
	if len(query) > 0 {
		s += "?" + strings.Join(query, "&")
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("invalid server URL: %w", err)
	}
	if u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("invalid server URL %q: no scheme or host", r.cfg.ServerURL)
	}
	return s, nil
}

// globals returns the client globals the operation declares, located in, that have a value.
func (r *Request) globals(in string) []Global {
	var out []Global
	for _, g := range r.cfg.Globals {
		if g.Value == "" || !strings.EqualFold(g.In, in) {
			continue
		}
		for _, name := range r.op.Globals {
			if strings.EqualFold(name, g.Name) {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// buildHeader returns the headers every attempt sends before credentials: Accept, User-Agent,
// declared header globals, header and cookie parameters, Content-Type and the idempotency key.
func (r *Request) buildHeader() (http.Header, error) {
	h := http.Header{}
	if r.op.Accept != "" {
		h.Set("Accept", r.op.Accept)
	}
	if ua := r.cfg.userAgent(); ua != "" {
		h.Set("User-Agent", ua)
	}
	for _, g := range r.globals("header") {
		h.Set(g.Name, g.Value)
	}
	for k, v := range r.header {
		h[k] = v
	}
	if len(r.cookies) > 0 {
		h.Set("Cookie", strings.Join(r.cookies, "; "))
	}
	if r.body != nil && r.contentType != "" {
		h.Set("Content-Type", r.contentType)
	}
	if key := r.op.IdempotencyHeader; key != "" && h.Get(key) == "" && r.call.Header.Get(key) == "" {
		v, err := newIdempotencyKey(r.cfg.random())
		if err != nil {
			return nil, err
		}
		h.Set(key, v)
	}
	for _, hh := range []http.Header{h, r.call.Header} {
		for k, vs := range hh {
			for _, v := range vs {
				if err := checkHeader(k, v); err != nil {
					return nil, err
				}
			}
		}
	}
	return h, nil
}
