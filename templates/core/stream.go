package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxEventSize bounds the data of one streamed event (one JSON line, one JSON text
// sequence record) unless StreamOptions.MaxEventSize says otherwise. A stream never holds more
// than one event and a read buffer in memory; a larger event ends the stream with an error
// matching ErrEventTooLarge.
const DefaultMaxEventSize = 16 << 20

// ErrEventTooLarge is matched (with errors.Is) by the error ending a stream whose next event is
// larger than its limit.
var ErrEventTooLarge = errors.New("stream event too large")

// StreamKind is the format of a streamed response body.
type StreamKind uint8

const (
	// StreamByContentType lets OpenStream choose the format from the response's Content-Type.
	StreamByContentType StreamKind = iota
	// SSE is text/event-stream: server-sent events.
	SSE
	// JSONLines is one JSON text a line: application/x-ndjson, application/jsonl,
	// application/json-lines and the like.
	JSONLines
	// JSONSeq is a JSON text sequence (RFC 7464), application/json-seq: each JSON text preceded by
	// the RS character and followed by LF.
	JSONSeq
)

// String returns the kind's name.
func (k StreamKind) String() string {
	switch k {
	case SSE:
		return "server-sent events"
	case JSONLines:
		return "JSON Lines"
	case JSONSeq:
		return "JSON text sequence"
	}
	return "stream kind by content type"
}

// StreamKindOf returns the stream format of a media type (a Content-Type value, parameters
// allowed), or StreamByContentType if it is not a streaming format.
func StreamKindOf(mediaType string) StreamKind {
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil { // malformed parameters: the media type before them still tells
		mt, _, _ = strings.Cut(mediaType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	switch mt {
	case "text/event-stream":
		return SSE
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
		"application/json-lines", "application/jsonlines", "application/x-jsonlines":
		return JSONLines
	case "application/json-seq":
		return JSONSeq
	}
	return StreamByContentType
}

// StreamOptions configures how a stream's events are decoded.
type StreamOptions[T any] struct {
	// Sentinel, when not empty, is the event data that ends the stream (such as "[DONE]"): it is
	// not decoded and the stream ends cleanly there.
	Sentinel string
	// Decode decodes the data of one event, given its name (the SSE event field, "message" when
	// absent; "" for JSON Lines and JSON text sequences). data is only valid during the call. By
	// default, a string T gets the data as it is, a []byte T a copy of it, and any other T the
	// data decoded as JSON; empty (or blank) data then gives the zero T.
	Decode func(name string, data []byte) (T, error)
	// MaxEventSize bounds one event's data; 0 means DefaultMaxEventSize.
	MaxEventSize int
}

// Event is one event of a stream with its metadata. For server-sent events, ID and Retry are the
// stream's state when the event was dispatched, as the SSE rules define them: the last event ID
// and reconnection time the server set on this or any earlier event (for a Last-Event-ID header
// if the caller reconnects; the SDK does not reconnect by itself).
type Event[T any] struct {
	Name  string        // the SSE event type ("message" when the server sent none); "" for JSON streams
	ID    string        // the last event ID
	Retry time.Duration // the reconnection time the server asked for; 0 if none
	Data  T
}

// EventError is yielded for one event whose data could not be decoded (or, in a JSON text
// sequence, a truncated record). The stream goes on after it: the caller decides whether to
// stop. Errors that end a stream (the connection failing, the context ending, an event over
// the size limit) are not EventErrors.
type EventError struct {
	Operation string // the operationId, "" for a stream made by NewStream
	Event     string // the event name, as in Event.Name
	Err       error
}

// Error names the operation and the event.
func (e *EventError) Error() string {
	var b strings.Builder
	if e.Operation != "" {
		b.WriteString(e.Operation + ": ")
	}
	b.WriteString("decoding stream event")
	if e.Event != "" {
		b.WriteString(" " + e.Event)
	}
	b.WriteString(": " + e.Err.Error())
	return b.String()
}

// Unwrap returns the decoding error.
func (e *EventError) Unwrap() error { return e.Err }

// Stream is a streamed response whose events are decoded as T, read one at a time with All or
// Events. It holds the connection until the stream ends, a loop over it breaks, its context
// ends, or Close is called.
//
// A Stream is read once: All and Events share its position, so ranging over it again after a
// loop ended yields nothing more. It is not safe for concurrent reading; Close may be called
// from any goroutine.
type Stream[T any] struct {
	op       string
	ctx      context.Context
	body     io.ReadCloser
	events   eventReader
	decode   func(name string, data []byte) (T, error)
	sentinel string
	stopCtx  func() bool // unregisters the context watch

	closeOnce sync.Once
	closeErr  error
	closed    atomic.Bool // Close was called (by the caller or a loop's break)
	done      bool        // the stream ended; only the reading goroutine touches it
}

// OpenStream sends the request (retrying as Do does) and returns its 2xx response body as a
// stream of events in the format kind, StreamByContentType to choose by the response's
// Content-Type. The errors are Do's: a non-2xx response is an *APIError, and nothing is left
// open. The per-attempt timeout bounds getting the response, not reading the stream; the
// stream ends with ctx.
//
// A generated method returning a stream is:
//
//	func (s *ChatService) StreamCompletion(ctx context.Context, req StreamCompletionRequest, opts ...RequestOption) (*Stream[Chunk], error) {
//		r := s.client.newRequest(opStreamCompletion, opts)
//		r.JSONBody(req.Body)
//		return core.OpenStream(ctx, r, core.SSE, core.StreamOptions[Chunk]{Sentinel: "[DONE]"})
//	}
func OpenStream[T any](ctx context.Context, r *Request, kind StreamKind, opts StreamOptions[T]) (*Stream[T], error) {
	var contentType string
	if kind == StreamByContentType {
		r.call.observe = func(_ string, resp *http.Response) { contentType = resp.Header.Get("Content-Type") }
	}
	var body io.ReadCloser
	if err := r.Do(ctx, &body); err != nil {
		return nil, err
	}
	if kind == StreamByContentType {
		if kind = StreamKindOf(contentType); kind == StreamByContentType {
			body.Close()
			return nil, fmt.Errorf("%s: response content type %q is not a stream format", r.op.ID, contentType)
		}
	}
	s := NewStream(ctx, body, kind, opts)
	s.op = r.op.ID
	return s, nil
}

// NewStream returns a stream of the events in body, in the format kind (which must not be
// StreamByContentType). The stream owns body and closes it when it ends; when ctx ends, body is
// closed and reading ends with an error matching ctx.Err().
func NewStream[T any](ctx context.Context, body io.ReadCloser, kind StreamKind, opts StreamOptions[T]) *Stream[T] {
	maxEvent := opts.MaxEventSize
	if maxEvent <= 0 {
		maxEvent = DefaultMaxEventSize
	}
	s := &Stream[T]{ctx: ctx, body: body, decode: opts.Decode, sentinel: opts.Sentinel}
	switch kind {
	case SSE:
		s.events = newSSEReader(body, maxEvent)
	case JSONLines:
		s.events = newJSONLinesReader(body, maxEvent)
	case JSONSeq:
		s.events = newJSONSeqReader(body, maxEvent)
	default:
		s.events = badKind{kind}
	}
	if s.decode == nil {
		s.decode = defaultEventDecoder[T]()
	}
	// The body's Close unblocks a Read waiting for a server that sends nothing.
	s.stopCtx = context.AfterFunc(ctx, s.closeBody)
	return s
}

// badKind is the event reader of a stream made with an unknown kind.
type badKind struct{ kind StreamKind }

func (b badKind) next() (rawEvent, error) {
	return rawEvent{}, fmt.Errorf("unknown stream format %d", b.kind)
}

// defaultEventDecoder returns the decoder StreamOptions.Decode documents.
func defaultEventDecoder[T any]() func(string, []byte) (T, error) {
	var dec any
	switch any((*T)(nil)).(type) {
	case *string:
		dec = func(_ string, data []byte) (string, error) { return string(data), nil }
	case *[]byte:
		dec = func(_ string, data []byte) ([]byte, error) { return bytes.Clone(data), nil }
	default:
		// One value to decode into per stream (a stream is read by one goroutine), reset before
		// each event: what is returned is a copy sharing nothing with the next event.
		v := new(T)
		return func(_ string, data []byte) (T, error) {
			var zero T
			*v = zero
			err := decode(data, v)
			return *v, err
		}
	}
	return dec.(func(string, []byte) (T, error))
}

// DecodeEvent decodes the data of one event into out, a pointer, as StreamOptions.Decode does by
// default: a string (or a type whose underlying type is string) gets the data as it is, a []byte a
// copy of it, and anything else the data decoded as JSON; empty (or blank) data leaves out as it
// is. The typed events of a generated SDK decode each event's data with it.
func DecodeEvent(data []byte, out any) error {
	switch dst := out.(type) {
	case *[]byte:
		*dst = bytes.Clone(data)
		return nil
	case *string:
		*dst = string(data)
		return nil
	}
	if v := reflect.ValueOf(out); v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.String {
		v.Elem().SetString(string(data)) // an enum of strings: "[DONE]" is not JSON
		return nil
	}
	return decode(data, out)
}

// All returns an iterator over the decoded events. An event that does not decode is yielded as
// the zero T and an *EventError, and the stream goes on. An error that ends the stream (the
// connection failing, ctx ending — matched by errors.Is(err, ctx.Err()) —, an event over the size
// limit) is yielded once, last. After the last event, or the sentinel, the iterator stops and
// the connection is released. Breaking out of the loop closes the stream.
func (s *Stream[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for ev, err := range s.Events() {
			if !yield(ev.Data, err) {
				return
			}
		}
	}
}

// Events is All with each event's metadata: its name, the last event ID and the retry time.
// An event that does not decode is yielded with its metadata, the zero Data and an *EventError.
func (s *Stream[T]) Events() iter.Seq2[Event[T], error] {
	return func(yield func(Event[T], error) bool) {
		for !s.done {
			ev, err := s.next()
			if err == io.EOF {
				return
			}
			if !yield(ev, err) {
				s.Close()
				return
			}
		}
	}
}

// next reads the next event. It returns io.EOF when the stream ended without an error to report.
func (s *Stream[T]) next() (Event[T], error) {
	if s.closed.Load() {
		s.done = true
		return Event[T]{}, io.EOF
	}
	var raw rawEvent
	err := s.ctx.Err()
	if err == nil {
		raw, err = s.events.next()
	}
	if err == nil && s.ctx.Err() != nil {
		err = s.ctx.Err() // buffered events are not read once ctx ended
	}
	if err != nil {
		var ee *eventError
		if errors.As(err, &ee) {
			return Event[T]{}, &EventError{Operation: s.op, Err: ee.err}
		}
		s.end()
		if err == io.EOF || s.closed.Load() && s.ctx.Err() == nil {
			return Event[T]{}, io.EOF // the end, or closed by the caller meanwhile
		}
		return Event[T]{}, s.readError(err)
	}
	if s.sentinel != "" && string(raw.data) == s.sentinel {
		s.end()
		return Event[T]{}, io.EOF
	}
	ev := Event[T]{Name: raw.name, ID: raw.id, Retry: raw.retry}
	if ev.Data, err = s.decode(raw.name, raw.data); err != nil {
		var zero T
		ev.Data = zero
		return ev, &EventError{Operation: s.op, Event: raw.name, Err: err}
	}
	return ev, nil
}

// readError names the operation and, when ctx ended, makes the context error visible to
// errors.Is.
func (s *Stream[T]) readError(err error) error {
	prefix := "reading stream"
	if s.op != "" {
		prefix = s.op + ": " + prefix
	}
	if ctxErr := s.ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("%s: %w: %w", prefix, ctxErr, err)
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

// end marks the stream ended and releases the connection.
func (s *Stream[T]) end() {
	s.done = true
	s.stopCtx()
	s.closeBody()
}

// Close releases the connection; reading then ends. It may be called more than once and from any
// goroutine, and returns the result of closing the body each time.
func (s *Stream[T]) Close() error {
	s.closed.Store(true)
	s.stopCtx()
	s.closeBody()
	return s.closeErr
}

func (s *Stream[T]) closeBody() {
	s.closeOnce.Do(func() { s.closeErr = s.body.Close() })
}
