package streams

// Behaviour of the generated stream methods against httptest servers: SSE events decoded as the
// event schema's data, arriving in pieces split at odd bytes, with multi-line data, comments,
// CRLF and the sentinel; NDJSON and JSON text sequences; cancellation and a stalled server;
// non-2xx statuses as *APIError. Hand-written: the generator keeps this file.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// server answers every request by writing the pieces of body one at a time, flushing each, so
// the client reads events split across reads.
func server(t *testing.T, contentType string, pieces ...string) (*Client, *[]*http.Request) {
	t.Helper()
	var got []*http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r)
		w.Header().Set("Content-Type", contentType)
		for _, p := range pieces {
			_, _ = w.Write([]byte(p))
			w.(http.Flusher).Flush()
		}
	}))
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithRetryPolicy(RetryPolicy{})), &got
}

// splitEvery cuts s into pieces of n bytes.
func splitEvery(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}

const chatStream = ": keep-alive comment\r\n" +
	"event: chunk\r\nid: 1\r\ndata: {\"text\":\r\ndata: \"Hel\"}\r\n\r\n" + // data on two lines
	"data: {\"text\":\"lo\"}\n\n" +
	"data: [DONE]\n\n" +
	"data: {\"text\":\"after the sentinel\"}\n\n"

func TestSSEChunksWithSentinel(t *testing.T) {
	for _, size := range []int{1, 3, 7, len(chatStream)} {
		c, got := server(t, "text/event-stream", splitEvery(chatStream, size)...)
		stream, err := c.Chat.StreamChat(context.Background(), StreamChatRequest{Body: StreamChatBody{Prompt: "hi"}})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for chunk, err := range stream.All() {
			if err != nil {
				t.Fatalf("pieces of %d: %v", size, err)
			}
			texts = append(texts, chunk.Text)
		}
		// The two data lines join with a newline, which JSON reads as space.
		if want := []string{"Hel", "lo"}; !reflect.DeepEqual(texts, want) {
			t.Errorf("pieces of %d: chunks %q, want %q", size, texts, want)
		}
		if r := (*got)[0]; r.Method != http.MethodPost || r.URL.Path != "/chat" || !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
			t.Errorf("request %s %s Accept %q", r.Method, r.URL.Path, r.Header.Get("Accept"))
		}
	}
}

func TestSSEEventMetadata(t *testing.T) {
	c, _ := server(t, "text/event-stream", "event: chunk\nid: 7\nretry: 1500\ndata: {\"text\":\"a\"}\n\n", "data: {\"text\":\"b\"}\n\n")
	stream, err := c.Chat.StreamChat(context.Background(), StreamChatRequest{})
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var events []StreamEvent[Chunk]
	for ev, err := range stream.Events() {
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	if len(events) != 2 || events[0].Name != "chunk" || events[0].ID != "7" || events[0].Retry != 1500*time.Millisecond ||
		events[1].Name != "message" || events[1].ID != "7" || events[1].Data.Text != "b" {
		t.Errorf("events %+v", events)
	}
}

func TestSSEWithoutSchemaIsText(t *testing.T) {
	c, _ := server(t, "text/event-stream", "data: line one\ndata: line two\n\n", "data: [DONE]\n\n")
	stream, err := c.Logs.TailLogs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for s, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, s)
	}
	// No sentinel declared here: [DONE] is an event like any other.
	if want := []string{"line one\nline two", "[DONE]"}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %q, want %q", lines, want)
	}
}

func TestNDJSONRecords(t *testing.T) {
	body := "{\"id\":1,\"name\":\"a\"}\n\n{\"id\":2}\r\n{\"id\":3,\"name\":\"c\"}" // a blank line, CRLF, no final newline
	c, got := server(t, "application/x-ndjson", splitEvery(body, 5)...)
	stream, err := c.Exports.ExportRecords(context.Background(), "e/1")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rec, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rec.ID)
	}
	if want := []int64{1, 2, 3}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v", ids, want)
	}
	if p := (*got)[0].URL.EscapedPath(); p != "/exports/e%2F1" {
		t.Errorf("path %s", p)
	}
}

func TestJSONSeqRecords(t *testing.T) {
	c, _ := server(t, "application/json-seq", "\x1e{\"id\":1}\n\x1e{\"id\":2,", "\"name\":\"b\"}\n")
	stream, err := c.Exports.Sequence(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var recs []Record
	for rec, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != 2 || recs[1].ID != 2 || recs[1].Name == nil || *recs[1].Name != "b" {
		t.Errorf("records %+v", recs)
	}
}

func TestJSONOrStreamVariant(t *testing.T) {
	c, got := server(t, "text/event-stream", "data: {\"text\":\"x\"}\n\ndata: [END]\n\ndata: {\"text\":\"y\"}\n\n")
	stream, err := c.Chat.CompleteEventStream(context.Background(), CompleteRequest{Body: CompleteBody{Stream: Ptr(true)}})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for chunk, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, chunk.Text)
	}
	if !reflect.DeepEqual(texts, []string{"x"}) {
		t.Errorf("chunks %q, want only the one before [END]", texts)
	}
	if a := (*got)[0].Header.Get("Accept"); a != "text/event-stream" {
		t.Errorf("Accept %q, want text/event-stream", a)
	}
}

func TestStreamAPIError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"message":"no"}`, http.StatusForbidden)
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL), WithRetryPolicy(RetryPolicy{}))
	stream, err := c.Chat.StreamChat(context.Background(), StreamChatRequest{})
	var apiErr *APIError
	if stream != nil || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden {
		t.Fatalf("stream %v, err %v; want a *APIError 403", stream, err)
	}
}

// TestStreamStalledServerEndsWithContext: a server that sends one event and then nothing is
// left when the context ends, with an error matching the context's.
func TestStreamStalledServerEndsWithContext(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("data: {\"text\":\"first\"}\n\n"))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := New(WithServerURL(srv.URL), WithRetryPolicy(RetryPolicy{}))
	stream, err := c.Chat.StreamChat(ctx, StreamChatRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var last error
	for chunk, err := range stream.All() {
		if err != nil {
			last = err
			continue
		}
		texts = append(texts, chunk.Text)
		cancel() // the server stalls after this event
	}
	if !reflect.DeepEqual(texts, []string{"first"}) || !errors.Is(last, context.Canceled) {
		t.Errorf("chunks %q, last error %v; want one chunk and context.Canceled", texts, last)
	}
}

// TestStreamBreakReleases: breaking out of the loop closes the stream; reading again yields
// nothing.
func TestStreamBreakReleases(t *testing.T) {
	c, _ := server(t, "application/x-ndjson", "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n")
	stream, err := c.Exports.ExportRecords(context.Background(), "x")
	if err != nil {
		t.Fatal(err)
	}
	for range stream.All() {
		break
	}
	n := 0
	for range stream.All() {
		n++
	}
	if n != 0 {
		t.Errorf("%d events after the break", n)
	}
	if err := stream.Close(); err != nil {
		t.Errorf("Close after the break: %v", err)
	}
}

const runStream = "event: run.created\nid: 1\ndata: {\"id\":\"r1\",\"status\":\"queued\"}\n\n" +
	"event: message.delta\ndata: {\"text\":\"Hel\"}\n\n" +
	"event: run.paused\ndata: {\"until\":\"later\"}\n\n" + // not in the spec
	"event: message.delta\ndata: {\"text\":5}\n\n" + // data of the wrong shape
	"event: message.delta\ndata: {\"text\":\"lo\"}\n\n" +
	"data: plain text\n\n" + // no event field: a "message" event, also unknown here
	"event: run.failed\ndata: {\"code\":\"timeout\"}\n\n" +
	"event: done\ndata: [DONE]\n\n"

// TestTypedEvents: a union of event schemas named by const and single-value enum event
// properties decodes each event into the field of its name, in order; an event of a name the
// spec does not list is yielded without error, its name and data kept; data that does not decode
// is an *EventError for that event only.
func TestTypedEvents(t *testing.T) {
	for _, size := range []int{1, 5, len(runStream)} {
		c, got := server(t, "text/event-stream", splitEvery(runStream, size)...)
		stream, err := c.Runs.StreamRun(context.Background(), "r1")
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for ev, err := range stream.Events() {
			e := ev.Data
			if err != nil {
				var evErr *EventError
				if !errors.As(err, &evErr) || evErr.Event != "message.delta" || evErr.Operation != "streamRun" {
					t.Fatalf("pieces of %d: error %v, want an *EventError for message.delta", size, err)
				}
				seen = append(seen, "error "+ev.Name)
				continue
			}
			if e.Event() != ev.Name {
				t.Errorf("pieces of %d: Event() %q, event name %q", size, e.Event(), ev.Name)
			}
			switch {
			case e.RunCreated != nil:
				seen = append(seen, "created "+e.RunCreated.ID+" "+e.RunCreated.Status+" id "+ev.ID)
			case e.MessageDelta != nil:
				seen = append(seen, "delta "+e.MessageDelta.Text)
			case e.RunFailed != nil:
				seen = append(seen, "failed "+e.RunFailed.Code)
			case e.Done != nil:
				seen = append(seen, "done "+string(*e.Done))
			case e.Unknown() != nil:
				seen = append(seen, "unknown "+e.Event()+" "+string(e.Unknown()))
			default:
				seen = append(seen, "nothing set for "+ev.Name)
			}
		}
		want := []string{
			"created r1 queued id 1",
			"delta Hel",
			`unknown run.paused {"until":"later"}`,
			"error message.delta",
			"delta lo",
			"unknown message plain text",
			"failed timeout",
			"done [DONE]",
		}
		if !reflect.DeepEqual(seen, want) {
			t.Errorf("pieces of %d: events\n%q\nwant\n%q", size, seen, want)
		}
		if r := (*got)[0]; r.URL.Path != "/runs/r1/events" || r.Header.Get("Accept") != "text/event-stream" {
			t.Errorf("request %s Accept %q", r.URL.Path, r.Header.Get("Accept"))
		}
	}
}

// TestTypedEventsUnknownKeepsData: an unknown event's data is a copy, not the stream's buffer,
// so it survives the events read after it.
func TestTypedEventsUnknownKeepsData(t *testing.T) {
	c, _ := server(t, "text/event-stream", "event: new.kind\ndata: {\"a\":1}\n\n", "event: other.kind\ndata: {\"b\":22222}\n\n")
	stream, err := c.Runs.StreamRun(context.Background(), "r")
	if err != nil {
		t.Fatal(err)
	}
	var events []StreamRunEvent
	for e, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	if len(events) != 2 || string(events[0].Unknown()) != `{"a":1}` || events[0].Event() != "new.kind" ||
		string(events[1].Unknown()) != `{"b":22222}` || events[1].Event() != "other.kind" {
		t.Errorf("events %+v", events)
	}
}

// TestTypedEventsByDiscriminator: names from a discriminator mapping on event (two names for one
// schema), through a union nested in the response's union, and a const beside it.
func TestTypedEventsByDiscriminator(t *testing.T) {
	c, _ := server(t, "text/event-stream",
		"event: run.started\ndata: {\"id\":\"a\",\"status\":\"running\"}\n\n",
		"event: ping\ndata: {\"at\":7}\n\n",
		"event: run.resumed\ndata: {\"id\":\"a\",\"status\":\"running again\"}\n\n",
		"event: run.failed\ndata: {\"code\":\"oom\"}\n\n")
	stream, err := c.Runs.WatchRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for e, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case e.RunStarted != nil:
			seen = append(seen, e.Event()+" "+e.RunStarted.Status)
		case e.Ping != nil && e.Ping.At != nil && *e.Ping.At == 7:
			seen = append(seen, "ping")
		case e.RunFailed != nil:
			seen = append(seen, "failed "+e.RunFailed.Code)
		default:
			seen = append(seen, "? "+e.Event())
		}
	}
	if want := []string{"run.started running", "ping", "run.resumed running again", "failed oom"}; !reflect.DeepEqual(seen, want) {
		t.Errorf("events %q, want %q", seen, want)
	}
}

// TestUnnamedEventUnionIsRaw: when one event schema of the union does not name its event, the
// events cannot be told apart by name and their data stays raw JSON.
func TestUnnamedEventUnionIsRaw(t *testing.T) {
	c, _ := server(t, "text/event-stream", "event: anything\ndata: {\"id\":\"r\",\"status\":\"s\"}\n\n")
	stream, err := c.Runs.MixedRunEvents(context.Background(), "r")
	if err != nil {
		t.Fatal(err)
	}
	var names, data []string
	for ev, err := range stream.Events() {
		if err != nil {
			t.Fatal(err)
		}
		names, data = append(names, ev.Name), append(data, string(ev.Data))
	}
	if !reflect.DeepEqual(names, []string{"anything"}) || !reflect.DeepEqual(data, []string{`{"id":"r","status":"s"}`}) {
		t.Errorf("names %q data %q", names, data)
	}
}

// TestDiscriminatedDataNDJSON and TestDiscriminatedDataSSE: a stream whose data schema is a
// oneOf with a discriminator decodes each event into its variant; a tag the SDK does not know is
// kept for Unknown.
func TestDiscriminatedDataNDJSON(t *testing.T) {
	c, _ := server(t, "application/x-ndjson", "{\"type\":\"tool\",\"tool\":\"grep\"}\n{\"type\":\"text\",\"text\":\"hi\"}\n{\"type\":\"image\"}\n")
	stream, err := c.Runs.RunSteps(context.Background(), "r")
	if err != nil {
		t.Fatal(err)
	}
	checkSteps(t, stream)
}

func TestDiscriminatedDataSSE(t *testing.T) {
	c, _ := server(t, "text/event-stream",
		"event: step\ndata: {\"type\":\"tool\",\"tool\":\"grep\"}\n\n",
		"data: {\"type\":\"text\",\"text\":\"hi\"}\n\n",
		"data: {\"type\":\"image\"}\n\n")
	stream, err := c.Runs.RunStepEvents(context.Background(), "r")
	if err != nil {
		t.Fatal(err)
	}
	checkSteps(t, stream)
}

func checkSteps(t *testing.T, stream *Stream[Step]) {
	t.Helper()
	var seen []string
	for step, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case step.ToolStep != nil:
			seen = append(seen, "tool "+step.ToolStep.Tool)
		case step.TextStep != nil:
			seen = append(seen, "text "+step.TextStep.Text)
		default:
			seen = append(seen, "unknown "+string(step.Unknown()))
		}
	}
	if want := []string{"tool grep", "text hi", `unknown {"type":"image"}`}; !reflect.DeepEqual(seen, want) {
		t.Errorf("steps %q, want %q", seen, want)
	}
}
