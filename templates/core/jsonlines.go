package core

import (
	"bytes"
	"errors"
	"io"
)

// jsonLinesReader reads JSON Lines (NDJSON): one JSON text a line, lines ending in LF or CRLF;
// blank lines are skipped.
type jsonLinesReader struct {
	lines *lineReader
}

func newJSONLinesReader(rd io.Reader, maxEvent int) *jsonLinesReader {
	return &jsonLinesReader{lines: newLineReader(rd, lfEOL, maxEvent)}
}

func (p *jsonLinesReader) next() (rawEvent, error) {
	for {
		line, err := p.lines.next()
		if err != nil {
			return rawEvent{}, err
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			return rawEvent{data: line}, nil
		}
	}
}

// recordSeparator starts each JSON text of a JSON text sequence.
const recordSeparator = 0x1E

// errTruncatedRecord is the error for a JSON text sequence record that ended (at the next record
// separator, or at the end of the body) before its JSON text was complete.
var errTruncatedRecord = errors.New("truncated JSON text sequence record")

// jsonSeqReader reads a JSON text sequence (RFC 7464): each JSON text is preceded by RS and
// followed by LF. A record is returned at the first LF that completes its JSON text, so an event
// is not held until the next one starts; a JSON text may span lines. A record cut short by the
// next RS is yielded as an error and reading goes on.
type jsonSeqReader struct {
	lines *lineReader
	max   int
	rec   []byte    // the record being read
	depth jsonDepth // the nesting of rec so far
	rest  []byte    // what is left of the current line after a record separator
	more  bool      // rest is set
	reset bool      // the last call returned a record: clear it first
}

func newJSONSeqReader(rd io.Reader, maxEvent int) *jsonSeqReader {
	return &jsonSeqReader{lines: newLineReader(rd, lfEOL, maxEvent), max: maxEvent}
}

func (p *jsonSeqReader) next() (rawEvent, error) {
	if p.reset {
		p.clear()
	}
	for {
		if !p.more {
			line, err := p.lines.next()
			if err != nil {
				if err == io.EOF && p.depth.seen {
					// The end of the body ends the last record, LF or not.
					if p.depth.complete() {
						p.reset = true
						return rawEvent{data: p.rec}, nil
					}
					p.clear()
					return rawEvent{}, &eventError{errTruncatedRecord}
				}
				return rawEvent{}, err
			}
			p.rest, p.more = line, true
		}
		if i := bytes.IndexByte(p.rest, recordSeparator); i >= 0 {
			if err := p.add(p.rest[:i]); err != nil {
				return rawEvent{}, err
			}
			p.rest = p.rest[i+1:]
			if p.depth.seen { // a new record starts before this one was complete
				p.clear()
				return rawEvent{}, &eventError{errTruncatedRecord}
			}
			p.clear()
			continue
		}
		if err := p.add(p.rest); err != nil {
			return rawEvent{}, err
		}
		p.rest, p.more = nil, false
		if p.depth.seen && p.depth.complete() {
			p.reset = true
			return rawEvent{data: p.rec}, nil
		}
		if p.depth.seen {
			p.rec = append(p.rec, '\n') // the JSON text goes on on the next line
		}
	}
}

func (p *jsonSeqReader) add(b []byte) error {
	if len(p.rec)+len(b) > p.max {
		return ErrEventTooLarge
	}
	p.depth.feed(b)
	if p.depth.seen {
		p.rec = append(p.rec, b...)
	}
	return nil
}

func (p *jsonSeqReader) clear() {
	p.reset = false
	if cap(p.rec) > keepBufSize {
		p.rec = nil
	}
	p.rec, p.depth = p.rec[:0], jsonDepth{}
}

// jsonDepth follows the nesting of a JSON text being read, enough to tell when it is complete.
type jsonDepth struct {
	depth    int
	inString bool
	escaped  bool
	seen     bool // a non-whitespace byte was seen
}

func (d *jsonDepth) feed(b []byte) {
	for _, c := range b {
		switch {
		case d.inString:
			switch {
			case d.escaped:
				d.escaped = false
			case c == '\\':
				d.escaped = true
			case c == '"':
				d.inString = false
			}
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		case c == '"':
			d.inString, d.seen = true, true
		case c == '{' || c == '[':
			d.depth++
			d.seen = true
		case c == '}' || c == ']':
			d.depth--
			d.seen = true
		default:
			d.seen = true
		}
	}
}

// complete reports whether the JSON text read so far could be whole: outside any string, object
// or array. (Whether it is valid is for the decoder to say.)
func (d *jsonDepth) complete() bool { return !d.inString && d.depth <= 0 }
