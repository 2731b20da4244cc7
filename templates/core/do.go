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
	"slices"
	"sync/atomic"
	"time"
)

// maxDrain bounds how much of an unread response body is discarded so the connection can be reused.
const maxDrain = 64 << 10

// call is what every attempt of one call shares.
type call struct {
	url        string
	header     http.Header // all but credentials and the caller's headers
	creds      []Credential
	idempotent bool // may be retried after the request was sent
	policy     RetryPolicy
}

// Do sends the request, retrying as the retry policy allows, and stores the response body in out:
//   - nil: the body is discarded;
//   - *io.ReadCloser: the body is handed over, unread, and the caller must close it;
//   - *[]byte or *string: the whole body;
//   - anything else: the body decoded as JSON (an empty body leaves out unchanged).
//
// A non-2xx response is an *APIError. Other errors name the operation and wrap their cause.
func (r *Request) Do(ctx context.Context, out any) error {
	c, err := r.prepare()
	if err != nil {
		return fmt.Errorf("%s: %w", r.op.ID, err)
	}
	for n := 0; ; n++ {
		res := r.attempt(ctx, c, out)
		if res.err == nil || !res.retry || n >= c.policy.MaxRetries || ctx.Err() != nil {
			return res.err
		}
		wait := res.retryAfter
		if wait < 0 {
			wait = c.policy.backoff(n, r.cfg.random())
		}
		if err := r.cfg.clock().Sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: waiting to retry: %w (last attempt: %v)", r.op.ID, err, res.err)
		}
	}
}

// prepare checks and builds everything the attempts share; its errors happen before anything is sent.
func (r *Request) prepare() (*call, error) {
	if r.err != nil {
		return nil, r.err
	}
	u, err := r.buildURL()
	if err != nil {
		return nil, err
	}
	h, err := r.buildHeader()
	if err != nil {
		return nil, err
	}
	c := &call{url: u, header: h, creds: selectCredentials(r.cfg, r.op), policy: r.cfg.Retry}
	if r.call.Retry != nil {
		c.policy = *r.call.Retry
	}
	c.idempotent = r.op.idempotent()
	if key := r.op.IdempotencyHeader; key != "" {
		v := h.Get(key)
		if vs := r.call.Header.Values(key); len(vs) > 0 {
			v = vs[0] // the caller's header replaces ours
		}
		c.idempotent = c.idempotent || v != ""
	}
	return c, nil
}

// result is the outcome of one attempt.
type result struct {
	err        error
	retry      bool          // the failure may be retried
	retryAfter time.Duration // the wait the server asked for, or -1
}

// attempt sends the request once and reads the response.
func (r *Request) attempt(ctx context.Context, c *call, out any) result {
	// The attempt's context ends with the call, on the per-attempt timeout, or when the attempt is
	// over; a timer (not context.WithTimeout) so the timeout can be disarmed for a streamed body.
	actx, cancel := context.WithCancelCause(ctx)
	var timer *time.Timer
	if r.cfg.Timeout > 0 {
		timer = time.AfterFunc(r.cfg.Timeout, func() { cancel(&timeoutError{r.cfg.Timeout}) })
	}
	release := func() {
		if timer != nil {
			timer.Stop()
		}
		cancel(nil)
	}
	var wrote atomic.Bool // whether any request headers were written: something may have reached the server
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})

	req, err := http.NewRequestWithContext(actx, r.op.Method, c.url, nil)
	if err == nil && r.body != nil {
		err = r.body.open(req)
	}
	if err != nil {
		release()
		return result{err: fmt.Errorf("%s: %w", r.op.ID, err)}
	}
	req.Header = c.header.Clone()
	names := applyCredentials(req, c.creds)
	for k, v := range r.call.Header {
		req.Header[k] = slices.Clone(v) // the caller's headers win, over credentials too
	}

	resp, err := r.send(req, names)
	replayable := r.body.done()
	if r.call.ResponseInto != nil {
		*r.call.ResponseInto = resp
	}
	if err != nil {
		release()
		var redirectErr *redirectError
		retry := replayable && (c.idempotent || !wrote.Load()) && !errors.As(err, &redirectErr)
		return result{err: r.transportError(ctx, actx, err), retry: retry, retryAfter: -1}
	}

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
		closeBody(resp.Body)
		release()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		res := result{err: newAPIError(r.op, resp, data), retryAfter: -1}
		if retryableStatus(resp.StatusCode) && c.idempotent && replayable {
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

	if dst, ok := out.(*io.ReadCloser); ok {
		if timer != nil {
			timer.Stop() // the caller reads the body later, for as long as it needs
		}
		*dst = &releaseOnClose{ReadCloser: resp.Body, release: func() { cancel(nil) }}
		return result{}
	}
	var data []byte
	if out == nil {
		closeBody(resp.Body) // the call succeeded, whatever discarding the rest returns
	} else {
		data, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	release()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil { // the connection failed mid-response: the request was sent
		return result{err: r.transportError(ctx, actx, err), retry: c.idempotent && replayable, retryAfter: -1}
	}
	if err := decode(data, out); err != nil {
		return result{err: fmt.Errorf("%s: decoding response: %w", r.op.ID, err)}
	}
	return result{}
}

// send passes req through the middleware (the first is the outermost) to a copy of the caller's
// HTTP client whose redirect policy drops the credentials named by names when leaving the host.
func (r *Request) send(req *http.Request, names credentialNames) (*http.Response, error) {
	hc := r.cfg.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	client := *hc
	client.CheckRedirect = checkRedirect(hc.CheckRedirect, names)
	next := client.Do
	for i := len(r.cfg.Middleware) - 1; i >= 0; i-- {
		m, inner := r.cfg.Middleware[i], next
		next = func(req *http.Request) (*http.Response, error) { return m(req, inner) }
	}
	resp, err := next(req)
	if err == nil && resp == nil {
		err = errors.New("no response and no error from the middleware")
	}
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// transportError names the operation and makes sure the context error is visible to errors.Is:
// the transport returns the context's cause, which may be a custom one, or a per-attempt timeout.
func (r *Request) transportError(ctx, actx context.Context, err error) error {
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
		if len(bytes.TrimSpace(data)) == 0 {
			return nil
		}
		return json.Unmarshal(data, out)
	}
	return nil
}

// closeBody discards what is left of a body, up to a bound, and closes it.
func closeBody(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, maxDrain)
	body.Close()
}

// releaseOnClose is a streamed response body; closing it ends the attempt's context.
type releaseOnClose struct {
	io.ReadCloser
	release func()
}

func (b *releaseOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
