package core

import (
	"bytes"
	"fmt"
	"io"
)

// lineBufSize is the read buffer of a stream. Longer lines are assembled in a separate buffer.
const lineBufSize = 32 << 10

// keepBufSize bounds the capacity a stream keeps between events: a buffer grown past it for one
// large event is dropped afterwards, so memory goes back down.
const keepBufSize = 1 << 20

// lineMode says which bytes end a line.
type lineMode uint8

const (
	anyEOL lineMode = iota // CRLF, LF or a lone CR (server-sent events)
	lfEOL                  // LF, a CR just before it dropped (JSON Lines, JSON text sequences)
)

// lineReader splits a stream into lines without holding more than one line (and a read buffer)
// in memory. A leading UTF-8 byte order mark is dropped.
type lineReader struct {
	rd      io.Reader
	mode    lineMode
	max     int // the longest line accepted
	buf     []byte
	r, w    int // buf[r:w] is read but not yet returned
	scanned int // buf[r:r+scanned] is known to hold no line end
	err     error
	skipLF  bool   // the last line ended with CR: an LF right after it belongs to it
	long    []byte // a line longer than buf, assembled across refills
	started bool   // the first line was returned
}

func newLineReader(rd io.Reader, mode lineMode, maxLine int) *lineReader {
	return &lineReader{rd: rd, mode: mode, max: maxLine}
}

// next returns the next line without its line end; it is valid until the following call. The
// last line of the stream need not end with a line end. At the end of the stream next returns the
// reader's error: io.EOF for a clean end.
func (l *lineReader) next() ([]byte, error) {
	if l.buf == nil {
		l.buf = make([]byte, lineBufSize)
	}
	if cap(l.long) > keepBufSize {
		l.long = nil
	}
	l.long = l.long[:0]
	long := false
	for {
		if l.skipLF && l.r < l.w {
			if l.buf[l.r] == '\n' {
				l.r++
			}
			l.skipLF = false
		}
		if i := l.index(); i >= 0 {
			end := l.r + i
			line := l.buf[l.r:end]
			l.skipLF = l.buf[end] == '\r'
			l.r, l.scanned = end+1, 0
			return l.finish(line, long)
		}
		if l.err != nil {
			if l.r == l.w && !long {
				return nil, l.err
			}
			line := l.buf[l.r:l.w]
			l.r, l.scanned = l.w, 0
			return l.finish(line, long)
		}
		// No line end in buf[r:w]: make room and read more.
		if l.r > 0 {
			l.w = copy(l.buf, l.buf[l.r:l.w])
			l.r = 0
		}
		l.scanned = l.w
		if l.w == len(l.buf) {
			if len(l.long)+l.w > l.max {
				return nil, fmt.Errorf("%w (a line of more than %d bytes)", ErrEventTooLarge, l.max)
			}
			l.long = append(l.long, l.buf...)
			l.w, l.scanned, long = 0, 0, true
		}
		l.fill()
	}
}

// index returns the position of the first line end in buf[r:w] relative to r, or -1.
func (l *lineReader) index() int {
	s := l.buf[l.r+l.scanned : l.w]
	i := bytes.IndexByte(s, '\n')
	if l.mode == anyEOL {
		t := s
		if i >= 0 {
			t = s[:i]
		}
		if j := bytes.IndexByte(t, '\r'); j >= 0 {
			i = j
		}
	}
	if i < 0 {
		return -1
	}
	return l.scanned + i
}

// finish completes a line found in buf (appending it to long when the line spans refills).
func (l *lineReader) finish(line []byte, long bool) ([]byte, error) {
	if long {
		if len(l.long)+len(line) > l.max {
			return nil, fmt.Errorf("%w (a line of more than %d bytes)", ErrEventTooLarge, l.max)
		}
		l.long = append(l.long, line...)
		line = l.long
	} else if len(line) > l.max {
		return nil, fmt.Errorf("%w (a line of more than %d bytes)", ErrEventTooLarge, l.max)
	}
	if l.mode == lfEOL && len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	if !l.started {
		l.started = true
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	}
	return line, nil
}

// fill reads once more into buf[w:]. A reader that keeps returning nothing is an error.
func (l *lineReader) fill() {
	for range 100 {
		n, err := l.rd.Read(l.buf[l.w:])
		l.w += n
		if err != nil {
			l.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	l.err = io.ErrNoProgress
}
