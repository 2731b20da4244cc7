package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// maxDrain bounds how much of an unread response body is discarded so the connection can be reused.
const maxDrain = 64 << 10

// callState is what every attempt of one call shares. It lives in the Request, so a call costs no
// allocation beyond the Request for it.
type callState struct {
	url        string
	ua         string
	alt        []string // the security alternative whose credentials are sent
	idemKey    string   // the generated idempotency key, "" if none was generated
	idempotent bool     // may be retried after the request was sent
	policy     RetryPolicy
	foreign    bool                  // the URL is not on the configured server's host: no credentials go
	names      credentialNames       // what the credentials set, for the redirect policy
	client     http.Client           // a copy of the caller's, with our redirect policy
	trace      httptrace.ClientTrace // only for a request that is not idempotent
	// wrote records whether an attempt wrote its request headers: something may have reached the
	// server. A late report from an earlier attempt can only make a retry less likely.
	wrote atomic.Bool
}

// Do sends the request, retrying as the retry policy allows, and stores the response body in out:
//   - nil: the body is discarded;
//   - *io.ReadCloser: the body is handed over, unread, and the caller must close it;
//   - *[]byte or *string: the whole body;
//   - anything else: the body decoded as JSON. An empty body leaves out
//     unchanged, unless the operation declares a JSON body for the status
//     (Operation.JSONStatuses): then the error wraps ErrEmptyBody.
//
// Bodies read into memory are bounded by Config.MaxResponseBody; a larger one
// is a *BodyTooLargeError. A non-2xx response is an *APIError, unless the
// operation returns its status (Operation.Returned). Other errors
// name the operation and wrap their cause.
func (r *Request) Do(ctx context.Context, out any) error {
	if err := r.prepare(); err != nil {
		return fmt.Errorf("%s: %w", r.op.ID, err)
	}
	tctx := ctx
	if !r.idempotent {
		// Only a request that is not idempotent needs to know whether it was sent.
		tctx = httptrace.WithClientTrace(ctx, &r.trace)
	}
	start := r.cfg.clock().Now()
	for n := 0; ; n++ {
		res := r.attempt(ctx, tctx, out)
		if res.err == nil || !res.retry || n >= r.policy.MaxRetries || ctx.Err() != nil {
			return res.err
		}
		wait := res.retryAfter
		if wait < 0 {
			wait = r.policy.backoff(n, r.cfg.random())
		}
		if limit := r.policy.MaxElapsed; limit > 0 && r.cfg.clock().Now().Sub(start)+wait > limit {
			return res.err // the next attempt would start past the policy's time limit
		}
		if err := r.cfg.clock().Sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: waiting to retry: %w (last attempt: %v)", r.op.ID, err, res.err)
		}
	}
}

// prepare checks and builds everything the attempts share; its errors happen before anything is sent.
func (r *Request) prepare() error {
	if r.err != nil {
		return r.err
	}
	var err error
	u, foreign := r.call.url, false
	if u != "" {
		// A URL the server gave (a next-page link) is requested as is; the operation's path, query
		// parameters and query globals are not added to it.
		foreign = !sameOrigin(r.op.baseURL(r.cfg), u)
	} else if u, err = r.buildURL(); err != nil {
		return err
	}
	r.url, r.foreign, r.ua = u, foreign, r.cfg.userAgent()
	if err := r.checkHeaders(); err != nil {
		return err
	}
	r.alt = selectAlternative(r.cfg, r.op)
	// The call's policy wins, then one the caller gave the client, then
	// the operation's own (from the spec), then the client's default.
	r.policy = r.cfg.Retry
	if r.op.Retry != nil && !r.cfg.RetrySet {
		r.policy = *r.op.Retry
	}
	if r.call.Retry != nil {
		r.policy = *r.call.Retry
	}
	r.idempotent = r.op.idempotent()
	r.idemKey = ""
	if key := r.op.IdempotencyHeader; key != "" {
		v := r.header.Get(key)
		if v == "" && r.call.Header.Get(key) == "" {
			if v, err = newIdempotencyKey(r.cfg.random()); err != nil {
				return err
			}
			r.idemKey = v
		}
		if vs := r.call.Header.Values(key); len(vs) > 0 {
			v = vs[0] // the caller's header replaces ours
		}
		r.idempotent = r.idempotent || v != ""
	}
	hc := r.cfg.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	r.client = *hc
	r.client.CheckRedirect = checkRedirect(hc.CheckRedirect, &r.names)
	if !r.idempotent {
		r.trace = httptrace.ClientTrace{WroteHeaders: func() { r.wrote.Store(true) }}
	}
	return nil
}

// result is the outcome of one attempt.
type result struct {
	err        error
	retry      bool          // the failure may be retried
	retryAfter time.Duration // the wait the server asked for, or -1
}

// attempt sends the request once and reads the response. tctx is ctx with the call's trace.
func (r *Request) attempt(ctx, tctx context.Context, out any) result {
	// With a per-attempt timeout, the attempt's context ends with the call, on the timeout, or when
	// the attempt is over; a timer (not context.WithTimeout) so the timeout can be disarmed for a
	// streamed body. Without one, the call's context is enough: a response is always read and
	// closed, or handed to the caller.
	actx := tctx
	var cancel context.CancelCauseFunc
	var timer *time.Timer
	if r.cfg.Timeout > 0 {
		actx, cancel = context.WithCancelCause(tctx)
		d := r.cfg.Timeout
		timer = time.AfterFunc(d, func() { cancel(&timeoutError{d}) })
	}
	release := func() {
		if timer != nil {
			timer.Stop()
		}
		if cancel != nil {
			cancel(nil)
		}
	}
	r.wrote.Store(false)

	req, err := http.NewRequestWithContext(actx, r.op.Method, r.url, nil)
	if err != nil {
		release()
		return result{err: fmt.Errorf("%s: invalid server URL: %w", r.op.ID, r.redactErr(err))}
	}
	if req.URL.Scheme == "" || req.URL.Host == "" {
		release()
		if r.call.url != "" {
			return result{err: fmt.Errorf("%s: invalid URL %q: no scheme or host", r.op.ID, r.redactURL(r.url))}
		}
		return result{err: fmt.Errorf("%s: invalid server URL %q: no scheme or host", r.op.ID, r.op.baseURL(r.cfg))}
	}
	if r.body != nil {
		if err := r.body.open(req); err != nil {
			release()
			return result{err: fmt.Errorf("%s: %w", r.op.ID, err)}
		}
	}
	r.writeHeader(req.Header)
	if err := prepareCredentials(actx, r.cfg, r.alt); err != nil {
		release()
		return result{err: fmt.Errorf("%s: %w", r.op.ID, err)}
	}
	applyCredentials(req, r.cfg, r.alt, &r.names)
	for k, v := range r.call.Header {
		req.Header[k] = slices.Clone(v) // the caller's headers win, over credentials too
	}
	if r.foreign {
		stripCredentials(req, &r.names) // what a redirect off the host would lose, lost up front
	}

	resp, err := r.send(req)
	replayable := r.body.done()
	if r.call.ResponseInto != nil {
		*r.call.ResponseInto = resp
	}
	if err != nil {
		release()
		var redirectErr *redirectError
		retry := replayable && (r.idempotent || !r.wrote.Load()) && !errors.As(err, &redirectErr) && !r.policy.NoConnectionRetries
		return result{err: r.transportError(ctx, actx, err), retry: retry, retryAfter: -1}
	}

	if (resp.StatusCode < 200 || resp.StatusCode > 299) && !r.op.returns(resp.StatusCode) {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
		closeBody(resp.Body)
		release()
		r.keepBody(resp, data)
		res := result{err: newAPIError(r.op, resp, data), retryAfter: -1}
		if r.policy.retryableStatus(resp.StatusCode) && r.idempotent && replayable {
			if d, ok := retryAfter(resp.Header, r.cfg.clock().Now()); ok {
				if d > maxRetryAfter {
					return res // the server asks for longer than we wait: give up now
				}
				res.retryAfter = d
			}
			res.retry = true
		}
		return res
	}

	if r.call.observe != nil {
		r.call.observe(r.url, resp)
	}
	if dst, ok := out.(*io.ReadCloser); ok {
		if timer != nil {
			timer.Stop() // the caller reads the body later, for as long as it needs
		}
		body := &releaseOnClose{ReadCloser: resp.Body}
		if cancel != nil {
			end := cancel
			body.release = func() { end(nil) }
		}
		*dst = body
		return result{}
	}
	var data []byte
	if out == nil {
		closeBody(resp.Body) // the call succeeded, whatever discarding the rest returns
	} else {
		data, err = readBounded(resp.Body, r.cfg.maxResponseBody())
		closeBody(resp.Body)
	}
	release()
	r.keepBody(resp, data)
	var tooLarge *BodyTooLargeError
	if errors.As(err, &tooLarge) {
		return result{err: fmt.Errorf("%s: %w", r.op.ID, err)}
	}
	if err != nil { // the connection failed mid-response: the request was sent
		return result{err: r.transportError(ctx, actx, err), retry: r.idempotent && replayable && !r.policy.NoConnectionRetries, retryAfter: -1}
	}
	if len(bytes.TrimSpace(data)) == 0 && r.op.wantsJSON(resp.StatusCode) {
		if _, raw := out.(*[]byte); !raw {
			return result{err: fmt.Errorf("%s: status %d: %w", r.op.ID, resp.StatusCode, ErrEmptyBody)}
		}
	}
	if rd, ok := out.(ResponseDecoder); ok {
		err = rd.DecodeResponse(resp.StatusCode, resp.Header, bytes.TrimSpace(data))
	} else {
		err = decode(data, out)
	}
	if err != nil {
		return result{err: fmt.Errorf("%s: decoding response: %w", r.op.ID, err)}
	}
	return result{}
}

// ResponseDecoder is implemented by the response types the SDK generates
// for operations with several success responses or typed response
// headers: it receives the status and headers as well as the body.
type ResponseDecoder interface {
	DecodeResponse(status int, header http.Header, body []byte) error
}

// keepBody makes the bytes read from a response its body again, for WithResponseInto.
func (r *Request) keepBody(resp *http.Response, data []byte) {
	if r.call.ResponseInto != nil {
		resp.Body = io.NopCloser(bytes.NewReader(data))
	}
}

// send passes req through the middleware (the first is the outermost) to the copy of the caller's
// HTTP client whose redirect policy drops the credentials when leaving the host.
func (r *Request) send(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	if len(r.cfg.Middleware) == 0 {
		resp, err = r.client.Do(req)
	} else {
		next := r.client.Do
		for i := len(r.cfg.Middleware) - 1; i >= 0; i-- {
			m, inner := r.cfg.Middleware[i], next
			next = func(req *http.Request) (*http.Response, error) { return m(req, inner) }
		}
		resp, err = next(req)
	}
	if err == nil && resp == nil {
		err = errors.New("no response and no error from the middleware")
	}
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// transportError names the operation, hides sensitive parameters in the URL the error quotes, and
// makes sure the context error is visible to errors.Is:
// the transport returns the context's cause, which may be a custom one, or a per-attempt timeout.
func (r *Request) transportError(ctx, actx context.Context, err error) error {
	err = r.redactErr(err) // the client's errors quote the URL
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("%s: %w: %w", r.op.ID, ctxErr, err)
	}
	var timeout *timeoutError
	if cause := context.Cause(actx); ctx.Err() == nil && errors.As(cause, &timeout) && !errors.As(err, &timeout) {
		return fmt.Errorf("%s: %w: %w", r.op.ID, timeout, err)
	}
	return fmt.Errorf("%s: %w", r.op.ID, err)
}

// timeoutError ends an attempt that took longer than Config.Timeout. It matches
// context.DeadlineExceeded with errors.Is.
type timeoutError struct{ d time.Duration }

func (e *timeoutError) Error() string { return fmt.Sprintf("attempt timed out after %v", e.d) }
func (e *timeoutError) Unwrap() error { return context.DeadlineExceeded }
func (e *timeoutError) Timeout() bool { return true }

// decode stores a 2xx body in out, as Do describes.
func decode(data []byte, out any) error {
	switch dst := out.(type) {
	case nil:
	case *[]byte:
		*dst = data
	case *string:
		*dst = string(data)
	default:
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			return nil
		}
		// What json.Unmarshal does for a type with its own UnmarshalJSON (generated types with
		// date-times or unions), without scanning the body twice more before calling it. The
		// SDK's own types (and this package's) reject what is not JSON themselves, as their
		// methods end in json.Unmarshal, so only another package's type is checked first.
		if u, ok := out.(json.Unmarshaler); ok && (ownType(out) || json.Valid(data)) {
			return u.UnmarshalJSON(data)
		}
		return json.Unmarshal(data, out)
	}
	return nil
}

// corePkg and sdkPkg are the import paths of this package and of the SDK package it serves
// (its parent's parent: <sdk>/internal/core).
var (
	corePkg = reflect.TypeFor[Request]().PkgPath()
	sdkPkg  = strings.TrimSuffix(corePkg, "/internal/core")
)

// ownType reports whether out points to a type declared by the SDK or by this package.
func ownType(out any) bool {
	t := reflect.TypeOf(out)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	p := t.PkgPath()
	return p == sdkPkg || p == corePkg
}

// readBounded reads body to its end, failing with a *BodyTooLargeError
// once it holds more than limit bytes.
func readBounded(body io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, &BodyTooLargeError{Limit: limit}
	}
	return data, err
}

// closeBody discards what is left of a body, up to a bound, and closes it.
func closeBody(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, maxDrain)
	body.Close()
}

// releaseOnClose is a streamed response body; closing it ends the attempt's context.
type releaseOnClose struct {
	io.ReadCloser
	release func() // nil when there is nothing to release
}

func (b *releaseOnClose) Close() error {
	err := b.ReadCloser.Close()
	if b.release != nil {
		b.release()
	}
	return err
}
