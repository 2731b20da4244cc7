package core

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"
)

// rawEvent is one event as a stream's framing gives it, before its data is decoded. data is valid
// until the next event is read.
type rawEvent struct {
	name  string
	id    string
	retry time.Duration
	data  []byte
}

// eventReader reads the events of one stream format. Its errors end the stream, except an
// *eventError, which concerns one event only.
type eventReader interface {
	next() (rawEvent, error)
}

// eventError is a framing error confined to one event; the stream goes on after it.
type eventError struct{ err error }

func (e *eventError) Error() string { return e.err.Error() }
func (e *eventError) Unwrap() error { return e.err }

// sseReader parses a text/event-stream body as the HTML standard's server-sent events
// interpretation rules say, with one difference: at a clean end of the body, an event whose data
// was received but whose final blank line was not is dispatched rather than discarded.
type sseReader struct {
	lines *lineReader
	max   int    // the largest data an event may have
	data  []byte // the data buffer, each line followed by LF
	event []byte // the event type buffer
	name  string // the last event name returned, reused while it does not change
	id    string // the last event ID buffer (it persists across events)
	retry time.Duration
	reset bool // the last call returned an event: clear the buffers first
}

func newSSEReader(rd io.Reader, maxEvent int) *sseReader {
	return &sseReader{lines: newLineReader(rd, anyEOL, maxEvent+64), max: maxEvent}
}

func (p *sseReader) next() (rawEvent, error) {
	if p.reset {
		p.reset = false
		if cap(p.data) > keepBufSize {
			p.data = nil
		}
		p.data, p.event = p.data[:0], p.event[:0]
	}
	for {
		line, err := p.lines.next()
		if err != nil {
			if err == io.EOF && len(p.data) > 0 {
				return p.dispatch(), nil // then io.EOF again: the buffers are cleared
			}
			return rawEvent{}, err
		}
		if len(line) == 0 { // a blank line dispatches the event
			if len(p.data) == 0 {
				p.event = p.event[:0] // an event without data is not dispatched
				continue
			}
			return p.dispatch(), nil
		}
		if line[0] == ':' { // a comment
			continue
		}
		field, value := line, []byte(nil)
		if i := bytes.IndexByte(line, ':'); i >= 0 {
			field, value = line[:i], line[i+1:]
			if len(value) > 0 && value[0] == ' ' {
				value = value[1:]
			}
		}
		switch string(field) {
		case "data":
			if len(p.data)+len(value) > p.max {
				return rawEvent{}, fmt.Errorf("%w (more than %d bytes of data)", ErrEventTooLarge, p.max)
			}
			p.data = append(p.data, value...)
			p.data = append(p.data, '\n')
		case "event":
			p.event = append(p.event[:0], value...)
		case "id":
			if bytes.IndexByte(value, 0) < 0 && string(value) != p.id {
				p.id = string(value)
			}
		case "retry":
			if ms, ok := parseDigits(value); ok {
				p.retry = time.Duration(ms) * time.Millisecond
			}
		}
		// Any other field is ignored.
	}
}

// dispatch returns the pending event: its data without the last LF, its type ("message" when no
// event field was given), and the last event ID and retry the stream set.
func (p *sseReader) dispatch() rawEvent {
	p.reset = true
	name := "message"
	if len(p.event) > 0 {
		if string(p.event) != p.name {
			p.name = string(p.event)
		}
		name = p.name
	}
	return rawEvent{name: name, id: p.id, retry: p.retry, data: p.data[:len(p.data)-1]}
}

// parseDigits parses a non-empty run of ASCII digits as a number of milliseconds; anything else,
// or a number too large for a time.Duration, is not one.
func parseDigits(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || n > int64(time.Duration(1<<63-1)/time.Millisecond) {
		return 0, false
	}
	return n, true
}
