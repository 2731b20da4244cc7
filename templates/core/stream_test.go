package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

// countingBody is a response body that records whether it was closed.
type countingBody struct {
	io.Reader
	closed atomic.Int32
}

func (b *countingBody) Close() error {
	b.closed.Add(1)
	return nil
}

func newTracked(r io.Reader) *countingBody { return &countingBody{Reader: r} }

// splitReader returns its input in two reads, the first of n bytes: every line end, field and
// multi-byte sequence is cut somewhere when n runs over the whole input.
type splitReader struct {
	data []byte
	n    int
}

func (r *splitReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	k := len(r.data)
	if r.n > 0 {
		k, r.n = min(k, r.n), 0
	}
	k = copy(p, r.data[:k])
	r.data = r.data[k:]
	return k, nil
}

// readers returns ways of delivering input that cut it differently.
func readers(input string) map[string]func() io.Reader {
	m := map[string]func() io.Reader{
		"whole":     func() io.Reader { return strings.NewReader(input) },
		"one byte":  func() io.Reader { return iotest.OneByteReader(strings.NewReader(input)) },
		"half":      func() io.Reader { return iotest.HalfReader(strings.NewReader(input)) },
		"data+EOF":  func() io.Reader { return iotest.DataErrReader(strings.NewReader(input)) },
		"one+EOF":   func() io.Reader { return iotest.DataErrReader(iotest.OneByteReader(strings.NewReader(input))) },
		"empty too": func() io.Reader { return &emptyReads{r: iotest.OneByteReader(strings.NewReader(input))} },
	}
	for i := 1; i < len(input); i++ {
		m[fmt.Sprintf("split at %d", i)] = func() io.Reader { return &splitReader{data: []byte(input), n: i} }
	}
	return m
}

// emptyReads returns nothing (and no error) every other read, as a reader may.
type emptyReads struct {
	r    io.Reader
	skip bool
}

func (e *emptyReads) Read(p []byte) (int, error) {
	e.skip = !e.skip
	if e.skip {
		return 0, nil
	}
	return e.r.Read(p)
}

// ev is an event as the SSE tests compare them.
type ev struct {
	Name, ID string
	Retry    time.Duration
	Data     string
}

func readEvents(t *testing.T, s *Stream[string]) ([]ev, []error) {
	t.Helper()
	var got []ev
	var errs []error
	for e, err := range s.Events() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, ev(e))
	}
	return got, errs
}

func msg(data string) ev { return ev{Name: "message", Data: data} }

func TestSSEParsing(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []ev
	}{
		{"one event", "data: hello\n\n", []ev{msg("hello")}},
		{"multi-line data", "data: a\ndata: b\ndata: c\n\n", []ev{msg("a\nb\nc")}},
		{"comments", ": keep-alive\ndata: x\n:another\n\n: trailing\n", []ev{msg("x")}},
		{"CRLF", "data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n", []ev{msg("a\nb"), msg("c")}},
		{"CR", "data: a\rdata: b\r\rdata: c\r\r", []ev{msg("a\nb"), msg("c")}},
		{"mixed line ends", "data: a\r\n\rdata: b\n\r\ndata: c\r\n", []ev{msg("a"), msg("b"), msg("c")}},
		{"CR then LF is one line end", "data: a\r\n\r\n", []ev{msg("a")}},
		{"field without colon", "data\n\ndata\ndata\n\n", []ev{msg(""), msg("\n")}},
		{"one leading space stripped", "data:  two spaces\ndata:none\n\n", []ev{msg(" two spaces\nnone")}},
		{"colon in value", "data: a:b: c\n\n", []ev{msg("a:b: c")}},
		{"empty data lines", "data:\n\ndata:\ndata:\n\ndata: \n\n", []ev{msg(""), msg("\n"), msg("")}},
		{"event names", "event: add\ndata: 1\n\nevent: remove\ndata: 2\n\ndata: 3\n\n",
			[]ev{{Name: "add", Data: "1"}, {Name: "remove", Data: "2"}, msg("3")}},
		{"event without data not dispatched", "event: ping\n\ndata: x\n\n", []ev{msg("x")}},
		{"id persists", "id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 7\n\ndata: d\n\n",
			[]ev{{"message", "1", 0, "a"}, {"message", "1", 0, "b"}, {"message", "", 0, "c"}, {"message", "7", 0, "d"}}},
		{"id with NUL ignored", "id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n",
			[]ev{{"message", "1", 0, "a"}, {"message", "1", 0, "b"}}},
		{"retry", "retry: 1500\ndata: a\n\nretry: 2x\ndata: b\n\nretry:\ndata: c\n\nretry: 10\ndata: d\n\n",
			[]ev{{"message", "", 1500 * time.Millisecond, "a"}, {"message", "", 1500 * time.Millisecond, "b"},
				{"message", "", 1500 * time.Millisecond, "c"}, {"message", "", 10 * time.Millisecond, "d"}}},
		{"unknown fields and case", "foo: bar\nData: no\nEVENT: no\ndata: x\n\n", []ev{msg("x")}},
		{"blank lines between events", "\n\n\ndata: a\n\n\n\ndata: b\n\n\n", []ev{msg("a"), msg("b")}},
		{"BOM at start", "\xef\xbb\xbfdata: x\n\n", []ev{msg("x")}},
		{"BOM only once", "\xef\xbb\xbfdata: x\n\n\xef\xbb\xbfdata: y\n\n", []ev{msg("x")}},
		{"UTF-8 kept", "data: héllo → 世界\n\n", []ev{msg("héllo → 世界")}},
		{"last event without blank line", "data: a\n\ndata: b\n", []ev{msg("a"), msg("b")}},
		{"last line without line end", "data: a\n\nevent: e\ndata: b", []ev{msg("a"), {Name: "e", Data: "b"}}},
		{"last line without line end, CR", "data: a\r\rdata: b\r", []ev{msg("a"), msg("b")}},
		{"only comments", ": a\n: b\n\n", nil},
		{"empty body", "", nil},
	}
	for _, tt := range tests {
		for how, open := range readers(tt.input) {
			body := newTracked(open())
			got, errs := readEvents(t, NewStream(context.Background(), body, SSE, StreamOptions[string]{}))
			if len(errs) > 0 || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("%s (%s): got %q, errors %v; want %q", tt.name, how, got, errs, tt.want)
			}
			if body.closed.Load() != 1 {
				t.Fatalf("%s (%s): body closed %d times at the end, want 1", tt.name, how, body.closed.Load())
			}
		}
	}
}

func TestJSONLinesParsing(t *testing.T) {
	type item struct {
		N int `json:"n"`
	}
	input := "{\"n\":1}\n\n{\"n\":2}\r\n  \r\n\t{\"n\": 3} \n{\"n\":4}"
	for how, open := range readers(input) {
		var got []int
		for v, err := range NewStream(context.Background(), io.NopCloser(open()), JSONLines, StreamOptions[item]{}).All() {
			if err != nil {
				t.Fatalf("%s: %v", how, err)
			}
			got = append(got, v.N)
		}
		if !reflect.DeepEqual(got, []int{1, 2, 3, 4}) {
			t.Fatalf("%s: got %v", how, got)
		}
	}
}

func TestJSONSeqParsing(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string // "error" for an EventError
	}{
		{"records", "\x1e{\"n\":1}\n\x1e[2]\n\x1e3\n\x1e\"four\"\n", []string{`{"n":1}`, `[2]`, `3`, `"four"`}},
		{"text over several lines", "\x1e{\n  \"n\": \"}\\\"\",\n  \"m\": [1,\n2]\n}\n\x1e4\n", []string{"{\n  \"n\": \"}\\\"\",\n  \"m\": [1,\n2]\n}", "4"}},
		{"CRLF and blank records", "\x1e\x1e{\"n\":1}\r\n\x1e\n\n\x1e2\n", []string{`{"n":1}`, "2"}},
		{"truncated by the next record", "\x1e{\"n\":1\x1e{\"n\":2}\n", []string{"error", `{"n":2}`}},
		{"truncated at the end", "\x1e{\"n\":1}\n\x1e{\"n\":", []string{`{"n":1}`, "error"}},
		{"last record without LF", "\x1e{\"n\":1}\n\x1e{\"n\":2}", []string{`{"n":1}`, `{"n":2}`}},
	}
	for _, tt := range tests {
		for how, open := range readers(tt.input) {
			var got []string
			for v, err := range NewStream(context.Background(), io.NopCloser(open()), JSONSeq, StreamOptions[string]{}).All() {
				var ee *EventError
				switch {
				case errors.As(err, &ee):
					got = append(got, "error")
				case err != nil:
					t.Fatalf("%s (%s): %v", tt.name, how, err)
				default:
					got = append(got, v)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("%s (%s): got %q, want %q", tt.name, how, got, tt.want)
			}
		}
	}
}

type chunk struct {
	N    int    `json:"n"`
	Text string `json:"text,omitempty"`
}

func TestStreamDecodeErrorGoesOn(t *testing.T) {
	input := "data: {\"n\":1}\n\nevent: oops\ndata: {bad\n\ndata: {\"n\":3}\n\ndata:\n\n"
	var got []chunk
	var errs []error
	s := NewStream(context.Background(), io.NopCloser(strings.NewReader(input)), SSE, StreamOptions[chunk]{})
	s.op = "streamChunks"
	for e, err := range s.Events() {
		if err != nil {
			errs = append(errs, err)
			if e.Name != "oops" || e.Data != (chunk{}) {
				t.Errorf("event with the error: %+v", e)
			}
			continue
		}
		got = append(got, e.Data)
	}
	// Empty data decodes to the zero value, as an empty response body does.
	if want := []chunk{{N: 1}, {N: 3}, {}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	var ee *EventError
	if len(errs) != 1 || !errors.As(errs[0], &ee) || ee.Event != "oops" {
		t.Fatalf("errors %v, want one EventError for event oops", errs)
	}
	if msg := errs[0].Error(); !strings.HasPrefix(msg, "streamChunks: decoding stream event oops: ") {
		t.Errorf("message %q", msg)
	}
}

func TestStreamCustomDecode(t *testing.T) {
	// A union keyed by event name, as the generator makes for event types.
	type delta struct{ Text string }
	type done struct{ Reason string }
	input := "event: delta\ndata: {\"Text\":\"hi\"}\n\nevent: done\ndata: {\"Reason\":\"stop\"}\n\nevent: other\ndata: 1\n\n"
	opts := StreamOptions[any]{Decode: func(name string, data []byte) (any, error) {
		switch name {
		case "delta":
			var d delta
			err := decode(data, &d)
			return d, err
		case "done":
			var d done
			err := decode(data, &d)
			return d, err
		}
		return nil, fmt.Errorf("unknown event %q", name)
	}}
	var got []any
	var errs int
	for v, err := range NewStream(context.Background(), io.NopCloser(strings.NewReader(input)), SSE, opts).All() {
		if err != nil {
			errs++
			continue
		}
		got = append(got, v)
	}
	if want := []any{delta{"hi"}, done{"stop"}}; !reflect.DeepEqual(got, want) || errs != 1 {
		t.Errorf("got %v and %d errors", got, errs)
	}
}

// TestDecodeEvent: the decoder of typed events takes strings (and enums of strings) as they are,
// copies bytes, decodes anything else as JSON and leaves a value alone for blank data.
func TestDecodeEvent(t *testing.T) {
	type state string
	type item struct{ N int }
	buf := []byte("[DONE]")
	var s state
	var b []byte
	if err := DecodeEvent(buf, &s); err != nil || s != "[DONE]" {
		t.Errorf("enum of strings: %q, %v", s, err)
	}
	if err := DecodeEvent(buf, &b); err != nil || string(b) != "[DONE]" {
		t.Errorf("bytes: %q, %v", b, err)
	}
	buf[0] = 'x'
	if string(b) != "[DONE]" {
		t.Errorf("bytes share the buffer: %q", b)
	}
	it := item{N: 7}
	if err := DecodeEvent([]byte(" \n"), &it); err != nil || it.N != 7 {
		t.Errorf("blank data: %+v, %v", it, err)
	}
	if err := DecodeEvent([]byte(`{"N":2}`), &it); err != nil || it.N != 2 {
		t.Errorf("JSON: %+v, %v", it, err)
	}
	if err := DecodeEvent([]byte(`{"N":"two"}`), &it); err == nil {
		t.Error("JSON of the wrong shape decoded without error")
	}
}

func TestStreamRawTypes(t *testing.T) {
	input := "data: {\"n\": 1}\n\ndata: two\n\n"
	var strs []string
	for v, err := range NewStream(context.Background(), io.NopCloser(strings.NewReader(input)), SSE, StreamOptions[string]{}).All() {
		if err != nil {
			t.Fatal(err)
		}
		strs = append(strs, v)
	}
	var raws [][]byte
	for v, err := range NewStream(context.Background(), io.NopCloser(strings.NewReader(input)), SSE, StreamOptions[[]byte]{}).All() {
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, v) // kept past the next event: must be a copy
	}
	if want := []string{`{"n": 1}`, "two"}; !reflect.DeepEqual(strs, want) || string(raws[0]) != want[0] || string(raws[1]) != want[1] {
		t.Errorf("strings %q, bytes %q", strs, raws)
	}
}

func TestStreamSentinel(t *testing.T) {
	input := "data: {\"n\":1}\n\ndata: [DONE]\n\ndata: {\"n\":2}\n\n"
	for how, open := range readers(input) {
		body := newTracked(open())
		var got []int
		for v, err := range NewStream(context.Background(), body, SSE, StreamOptions[chunk]{Sentinel: "[DONE]"}).All() {
			if err != nil {
				t.Fatalf("%s: %v", how, err)
			}
			got = append(got, v.N)
		}
		if !reflect.DeepEqual(got, []int{1}) || body.closed.Load() != 1 {
			t.Fatalf("%s: got %v, closed %d", how, got, body.closed.Load())
		}
	}
	// The sentinel ends JSON Lines too, and need not be JSON.
	var n int
	for _, err := range NewStream(context.Background(), io.NopCloser(strings.NewReader("{}\n[DONE]\n{}\n")), JSONLines, StreamOptions[chunk]{Sentinel: "[DONE]"}).All() {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("%d events before the sentinel, want 1", n)
	}
}

func TestStreamLargeEvent(t *testing.T) {
	big := strings.Repeat("abcdefgh", 1<<17) // 1 MiB
	input := "data: " + big + "\n\ndata: small\n\ndata: " + big[:1<<19] + "\ndata: " + big[:1<<19] + "\n\n"
	for _, r := range []io.Reader{strings.NewReader(input), iotest.OneByteReader(strings.NewReader(input)), iotest.HalfReader(strings.NewReader(input))} {
		var got []string
		for v, err := range NewStream(context.Background(), io.NopCloser(r), SSE, StreamOptions[string]{}).All() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if len(got) != 3 || got[0] != big || got[1] != "small" || got[2] != big[:1<<19]+"\n"+big[:1<<19] {
			t.Fatalf("got %d events of sizes %v", len(got), lens(got))
		}
	}
	// NDJSON with a 1 MiB line.
	line := `{"text":"` + big + `"}`
	var n int
	for v, err := range NewStream(context.Background(), io.NopCloser(strings.NewReader(line+"\n"+line)), JSONLines, StreamOptions[chunk]{}).All() {
		if err != nil || v.Text != big {
			t.Fatalf("event %d: %v (%d bytes)", n, err, len(v.Text))
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d JSON lines, want 2", n)
	}
}

func lens(s []string) []int {
	var n []int
	for _, v := range s {
		n = append(n, len(v))
	}
	return n
}

// endless returns the same bytes forever.
type endless struct {
	b []byte
	i int
}

func (e *endless) Read(p []byte) (int, error) {
	for n := range p {
		p[n] = e.b[e.i]
		e.i = (e.i + 1) % len(e.b)
	}
	return len(p), nil
}

func TestStreamEventTooLarge(t *testing.T) {
	tests := []struct {
		name string
		kind StreamKind
		body io.Reader
	}{
		{"SSE line without end", SSE, io.MultiReader(strings.NewReader("data: "), &endless{b: []byte("x")})},
		{"SSE many data lines", SSE, &endless{b: []byte("data: xxxxxxxx\n")}},
		{"JSON line without end", JSONLines, &endless{b: []byte("x")}},
		{"JSON text sequence", JSONSeq, io.MultiReader(strings.NewReader("\x1e["), &endless{b: []byte("1,\n")})},
	}
	for _, tt := range tests {
		var errs []error
		events := 0
		for _, err := range NewStream(context.Background(), io.NopCloser(tt.body), tt.kind, StreamOptions[string]{MaxEventSize: 100 << 10}).All() {
			if err != nil {
				errs = append(errs, err)
			} else {
				events++
			}
		}
		if events != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrEventTooLarge) {
			t.Errorf("%s: %d events, errors %v; want one ErrEventTooLarge", tt.name, events, errs)
		}
	}
}

func TestStreamReadError(t *testing.T) {
	// A connection cut mid-event: the partial event is not dispatched, the error is yielded once.
	cut := errors.New("connection reset")
	body := newTracked(io.MultiReader(strings.NewReader("data: a\n\ndata: b"), iotest.ErrReader(cut)))
	got, errs := readEvents(t, NewStream(context.Background(), body, SSE, StreamOptions[string]{}))
	if !reflect.DeepEqual(got, []ev{msg("a")}) || len(errs) != 1 || !errors.Is(errs[0], cut) {
		t.Errorf("got %v, errors %v", got, errs)
	}
	if body.closed.Load() != 1 {
		t.Errorf("body closed %d times", body.closed.Load())
	}
}

func TestStreamBreakCloses(t *testing.T) {
	body := newTracked(strings.NewReader("data: 1\n\ndata: 2\n\ndata: 3\n\n"))
	s := NewStream(context.Background(), body, SSE, StreamOptions[string]{})
	for v := range s.All() {
		if v == "1" {
			break
		}
	}
	if body.closed.Load() != 1 {
		t.Fatalf("break: body closed %d times, want 1", body.closed.Load())
	}
	// The stream is read once: nothing more comes, and Close stays harmless.
	for v, err := range s.All() {
		t.Errorf("after break: got %q, %v", v, err)
	}
	if err := s.Close(); err != nil || body.closed.Load() != 1 {
		t.Errorf("Close after break: %v, closed %d times", err, body.closed.Load())
	}
}

func TestStreamReadOnce(t *testing.T) {
	s := NewStream(context.Background(), io.NopCloser(strings.NewReader("data: 1\n\ndata: 2\n\n")), SSE, StreamOptions[string]{})
	var got []string
	for v, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	for v, err := range s.Events() {
		t.Errorf("second loop: %v, %v", v, err)
	}
	if len(got) != 2 {
		t.Errorf("got %q", got)
	}
	// Closed before reading: nothing.
	s = NewStream(context.Background(), io.NopCloser(strings.NewReader("data: 1\n\n")), SSE, StreamOptions[string]{})
	s.Close()
	for v, err := range s.All() {
		t.Errorf("after Close: %v, %v", v, err)
	}
}

func TestStreamCloseWhileReading(t *testing.T) {
	pr, pw := io.Pipe()
	s := NewStream(context.Background(), pr, SSE, StreamOptions[string]{})
	go func() {
		pw.Write([]byte("data: 1\n\n"))
	}()
	var got []string
	for v, err := range s.All() {
		if err != nil {
			t.Errorf("Close from another goroutine yielded %v", err)
			continue
		}
		got = append(got, v)
		go s.Close() // the next read blocks until Close
	}
	if !reflect.DeepEqual(got, []string{"1"}) {
		t.Errorf("got %q", got)
	}
}

func TestStreamContextCancelled(t *testing.T) {
	// A body that never ends on its own (a pipe nobody closes): the context ends the read.
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go pw.Write([]byte("data: 1\n\ndata: 2\n\n"))
	var got []string
	var errs []error
	for v, err := range NewStream(ctx, pr, SSE, StreamOptions[string]{}).All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, v)
		if v == "2" {
			cancel()
		}
	}
	if !reflect.DeepEqual(got, []string{"1", "2"}) || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("got %q, errors %v", got, errs)
	}
	// Events already buffered are not yielded once the context ended.
	ctx, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	s := NewStream(ctx, io.NopCloser(strings.NewReader("data: 1\n\ndata: 2\n\ndata: 3\n\n")), SSE, StreamOptions[string]{})
	got, errs = nil, nil
	for v, err := range s.All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, v)
		cancel2()
	}
	if !reflect.DeepEqual(got, []string{"1"}) || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("buffered: got %q, errors %v", got, errs)
	}
}

func TestStreamKindOf(t *testing.T) {
	for mt, want := range map[string]StreamKind{
		"text/event-stream":                 SSE,
		"text/event-stream; charset=utf-8":  SSE,
		"Text/Event-Stream":                 SSE,
		"application/x-ndjson":              JSONLines,
		"application/jsonl":                 JSONLines,
		"application/json-lines":            JSONLines,
		"application/json-seq":              JSONSeq,
		"application/json":                  StreamByContentType,
		"":                                  StreamByContentType,
		"application/x-ndjson;;bad=":        JSONLines,
		"application/octet-stream; x=1":     StreamByContentType,
		"application/json-seq ; charset=x ": JSONSeq,
	} {
		if got := StreamKindOf(mt); got != want {
			t.Errorf("StreamKindOf(%q) = %v, want %v", mt, got, want)
		}
	}
	var n int
	for _, err := range NewStream(context.Background(), io.NopCloser(strings.NewReader("")), StreamKind(9), StreamOptions[string]{}).All() {
		if err == nil {
			t.Error("unknown kind: no error")
		}
		n++
	}
	if n != 1 {
		t.Errorf("unknown kind: %d results", n)
	}
}

// sseServer serves the events of handler as text/event-stream, flushing after each write.
func sseServer(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, send func(string))) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		send := func(s string) {
			io.WriteString(w, s)
			w.(http.Flusher).Flush()
		}
		handler(w, r, send)
	}))
	t.Cleanup(srv.Close)
	return srv
}

var opStream = &Operation{ID: "streamChunks", Method: "POST", Path: "/chunks", Accept: "text/event-stream"}

func TestOpenStream(t *testing.T) {
	var accept atomic.Value
	srv := sseServer(t, func(w http.ResponseWriter, r *http.Request, send func(string)) {
		accept.Store(r.Header.Get("Accept"))
		send("data: {\"n\":1}\n\n")
		send("data: {\"n\":2}\n\ndata: [DONE]\n\n")
	})
	cfg, _ := testConfig(srv.URL)
	r := NewRequest(cfg, opStream, nil)
	r.JSONBody(map[string]string{"prompt": "hi"})
	s, err := OpenStream(context.Background(), r, SSE, StreamOptions[chunk]{Sentinel: "[DONE]"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got []int
	for v, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v.N)
	}
	if !reflect.DeepEqual(got, []int{1, 2}) || accept.Load() != "text/event-stream" {
		t.Errorf("got %v, Accept %v", got, accept.Load())
	}
}

func TestOpenStreamByContentType(t *testing.T) {
	ct := "application/x-ndjson"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ct)
		io.WriteString(w, "{\"n\":1}\n{\"n\":2}\n")
	}))
	defer srv.Close()
	cfg, _ := testConfig(srv.URL)
	s, err := OpenStream(context.Background(), NewRequest(cfg, opStream, nil), StreamByContentType, StreamOptions[chunk]{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for v, err := range s.All() {
		if err != nil || v.N != n+1 {
			t.Fatalf("event %d: %+v, %v", n, v, err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d events", n)
	}
	ct = "application/json"
	if _, err := OpenStream(context.Background(), NewRequest(cfg, opStream, nil), StreamByContentType, StreamOptions[chunk]{}); err == nil ||
		!strings.Contains(err.Error(), `"application/json" is not a stream format`) {
		t.Errorf("JSON response: %v", err)
	}
}

func TestOpenStreamAPIError(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":"no"}`)
	}))
	defer srv.Close()
	cfg, _ := testConfig(srv.URL)
	s, err := OpenStream(context.Background(), NewRequest(cfg, opStream, nil), SSE, StreamOptions[chunk]{})
	var apiErr *APIError
	if s != nil || !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || string(apiErr.Body) != `{"error":"no"}` {
		t.Fatalf("got %v, %v", s, err)
	}
	// A connection failure is Do's error too.
	srv.Close()
	if _, err := OpenStream(context.Background(), NewRequest(cfg, opStream, nil), SSE, StreamOptions[chunk]{}); err == nil ||
		!strings.HasPrefix(err.Error(), "streamChunks: ") {
		t.Errorf("connection refused: %v", err)
	}
}

func TestOpenStreamRetriesOpening(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: 1\n\n")
	}))
	defer srv.Close()
	cfg, _ := testConfig(srv.URL)
	op := &Operation{ID: "watch", Method: "GET", Path: "/watch"}
	s, err := OpenStream(context.Background(), NewRequest(cfg, op, nil), SSE, StreamOptions[string]{})
	if err != nil {
		t.Fatal(err)
	}
	for v, err := range s.All() {
		if v != "1" || err != nil {
			t.Errorf("got %q, %v", v, err)
		}
	}
	if hits.Load() != 2 {
		t.Errorf("%d attempts", hits.Load())
	}
}

// TestStreamStalledServer: a server that stops sending without closing is ended by the context.
func TestStreamStalledServer(t *testing.T) {
	stalled := make(chan struct{})
	gone := make(chan struct{})
	srv := sseServer(t, func(w http.ResponseWriter, r *http.Request, send func(string)) {
		send("data: 1\n\n")
		close(stalled)
		<-r.Context().Done() // sends nothing more until the client goes
		close(gone)
	})
	for _, timeout := range []bool{false, true} {
		stalled, gone = make(chan struct{}), make(chan struct{})
		limit, want := time.Hour, context.Canceled
		if timeout {
			limit, want = 200*time.Millisecond, context.DeadlineExceeded
		}
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		defer cancel()
		cfg, _ := testConfig(srv.URL)
		s, err := OpenStream(ctx, NewRequest(cfg, opStream, nil), SSE, StreamOptions[string]{})
		if err != nil {
			t.Fatal(err)
		}
		if !timeout {
			go func() {
				<-stalled
				time.Sleep(20 * time.Millisecond) // most likely blocked in a read by now; either way works
				cancel()
			}()
		}
		var got []string
		var errs []error
		for v, err := range s.All() {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, v)
		}
		cancel()
		if !reflect.DeepEqual(got, []string{"1"}) || len(errs) != 1 || !errors.Is(errs[0], want) {
			t.Errorf("timeout %v: got %q, errors %v", timeout, got, errs)
		}
		if len(errs) == 1 && !strings.HasPrefix(errs[0].Error(), "streamChunks: reading stream: ") {
			t.Errorf("message %q", errs[0])
		}
		select {
		case <-gone:
		case <-time.After(10 * time.Second):
			t.Fatal("the server never saw the connection end")
		}
	}
}

// TestStreamBreakClosesConnection: breaking out of the loop closes the connection, which the
// server sees.
func TestStreamBreakClosesConnection(t *testing.T) {
	gone := make(chan struct{})
	srv := sseServer(t, func(w http.ResponseWriter, r *http.Request, send func(string)) {
		defer close(gone)
		for i := 0; ; i++ {
			select {
			case <-r.Context().Done():
				return
			default:
			}
			send(fmt.Sprintf("data: %d\n\n", i))
			time.Sleep(time.Millisecond)
		}
	})
	cfg, _ := testConfig(srv.URL)
	s, err := OpenStream(context.Background(), NewRequest(cfg, opStream, nil), SSE, StreamOptions[int]{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for v, err := range s.All() {
		if err != nil || v != n {
			t.Fatalf("event %d: %v, %v", n, v, err)
		}
		if n++; n == 3 {
			break
		}
	}
	select {
	case <-gone:
	case <-time.After(10 * time.Second):
		t.Fatal("the server never saw the connection closed")
	}
}

// TestStreamOutlivesAttemptTimeout: the per-attempt timeout bounds getting the response only.
func TestStreamOutlivesAttemptTimeout(t *testing.T) {
	srv := sseServer(t, func(w http.ResponseWriter, r *http.Request, send func(string)) {
		send("data: 1\n\n")
		time.Sleep(150 * time.Millisecond)
		send("data: 2\n\n")
	})
	cfg, _ := testConfig(srv.URL, WithTimeout(50*time.Millisecond))
	s, err := OpenStream(context.Background(), NewRequest(cfg, opStream, nil), SSE, StreamOptions[string]{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for v, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if !reflect.DeepEqual(got, []string{"1", "2"}) {
		t.Errorf("got %q", got)
	}
}

// eventSource generates n server-sent events (or JSON lines) without holding them in memory.
type eventSource struct {
	n, sent int
	lines   bool
	pending []byte
	buf     []byte
}

func (e *eventSource) Read(p []byte) (int, error) {
	if len(e.pending) == 0 {
		if e.sent == e.n {
			return 0, io.EOF
		}
		e.buf = e.buf[:0]
		if !e.lines {
			e.buf = append(e.buf, "id: "...)
			e.buf = fmt.Appendf(e.buf, "%d", e.sent%10)
			e.buf = append(e.buf, "\nevent: chunk\ndata: "...)
		}
		e.buf = fmt.Appendf(e.buf, `{"n":%d,"text":"hello, world"}`, e.sent)
		if !e.lines {
			e.buf = append(e.buf, '\n')
		}
		e.buf = append(e.buf, '\n')
		e.pending = e.buf
		e.sent++
	}
	n := copy(p, e.pending)
	e.pending = e.pending[n:]
	return n, nil
}

// TestStreamMemoryFlat decodes 100,000 events and checks that the heap in use does not grow with
// the number of events read.
func TestStreamMemoryFlat(t *testing.T) {
	const total, mark = 100_000, 10_000
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	s := NewStream(context.Background(), io.NopCloser(&eventSource{n: total}), SSE, StreamOptions[chunk]{})
	var atMark, n uint64
	for v, err := range s.All() {
		if err != nil || v.N != int(n) {
			t.Fatalf("event %d: %+v, %v", n, v, err)
		}
		if n++; n == mark {
			atMark = heap()
		}
	}
	end := heap()
	if n != total {
		t.Fatalf("%d events", n)
	}
	if end > atMark+4<<20 {
		t.Errorf("heap in use grew from %d to %d bytes between event %d and %d", atMark, end, mark, total)
	}
}

// BenchmarkStream reads 100,000 events per operation and reports the allocations per event.
func BenchmarkStream(b *testing.B) {
	const events = 100_000
	for _, bc := range []struct {
		name  string
		kind  StreamKind
		lines bool
		read  func(io.ReadCloser) error
	}{
		{"SSE/json", SSE, false, func(body io.ReadCloser) error {
			return drain(NewStream(context.Background(), body, SSE, StreamOptions[chunk]{}))
		}},
		{"SSE/string", SSE, false, func(body io.ReadCloser) error {
			return drain(NewStream(context.Background(), body, SSE, StreamOptions[string]{}))
		}},
		{"JSONLines/json", JSONLines, true, func(body io.ReadCloser) error {
			return drain(NewStream(context.Background(), body, JSONLines, StreamOptions[chunk]{}))
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			payload, _ := io.ReadAll(&eventSource{n: events, lines: bc.lines})
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for range b.N {
				if err := bc.read(io.NopCloser(bytes.NewReader(payload))); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			n := float64(b.N) * events
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/event")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/event")
		})
	}
}

func drain[T any](s *Stream[T]) error {
	for _, err := range s.All() {
		if err != nil {
			return err
		}
	}
	return nil
}

// ExampleStream_All reads server-sent events; a generated method returns the stream from
// OpenStream.
func ExampleStream_All() {
	body := io.NopCloser(strings.NewReader("event: delta\ndata: {\"n\":1,\"text\":\"Hel\"}\n\n" +
		": keep-alive\n\n" +
		"event: delta\ndata: {\"n\":2,\"text\":\"lo\"}\n\n" +
		"data: [DONE]\n\n"))
	stream := NewStream(context.Background(), body, SSE, StreamOptions[chunk]{Sentinel: "[DONE]"})
	defer stream.Close()
	for c, err := range stream.All() {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(c.N, c.Text)
	}
	// Output:
	// 1 Hel
	// 2 lo
}

// ExampleStream_Events reads each event's name and id with its data.
func ExampleStream_Events() {
	body := io.NopCloser(strings.NewReader("id: 41\nevent: created\ndata: a\n\nid: 42\ndata: b\n\n"))
	stream := NewStream(context.Background(), body, SSE, StreamOptions[string]{})
	for e, err := range stream.Events() {
		if err != nil {
			break
		}
		fmt.Println(e.ID, e.Name, e.Data)
	}
	// Output:
	// 41 created a
	// 42 message b
}
