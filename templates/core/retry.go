package core

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RetryPolicy says how often and how long to wait before retrying a failed attempt. Its zero value
// retries nothing; fields left at zero otherwise take the defaults they name.
type RetryPolicy struct {
	MaxRetries     int           // retries after the first attempt; 0 means none
	InitialBackoff time.Duration // upper bound of the first wait; 0 means 500ms
	MaxBackoff     time.Duration // upper bound of any computed wait; 0 means 8s
	// Exponent is the factor the bound of each wait grows by; 0 means 2,
	// and anything below 1 means 1 (every wait has the same bound).
	Exponent float64
	// MaxElapsed gives up, with the last attempt's error, instead of
	// waiting past this long after the call began; 0 means no limit.
	MaxElapsed time.Duration
	// Statuses are the response statuses worth retrying, as codes ("503")
	// or classes ("5XX"); nil means 408, 429, 500, 502, 503 and 504.
	Statuses []string
	// NoConnectionRetries leaves failures without a response (a refused or
	// dropped connection, a timeout) unretried.
	NoConnectionRetries bool
}

// DefaultRetryPolicy returns the default policy: 2 retries, 500ms initial backoff, 8s maximum.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 2, InitialBackoff: 500 * time.Millisecond, MaxBackoff: 8 * time.Second}
}

// maxRetryAfter is the longest Retry-After honoured; a server asking for more ends the call.
const maxRetryAfter = 60 * time.Second

// backoffCap returns the upper bound of the wait before retry number n (0 for the first retry):
// min(MaxBackoff, InitialBackoff*Exponent^n).
func (p RetryPolicy) backoffCap(n int) time.Duration {
	def := DefaultRetryPolicy()
	initial, maxWait := p.InitialBackoff, p.MaxBackoff
	if initial <= 0 {
		initial = def.InitialBackoff
	}
	if maxWait <= 0 {
		maxWait = def.MaxBackoff
	}
	d := min(initial, maxWait)
	if p.Exponent != 0 && p.Exponent != 2 {
		f := max(p.Exponent, 1)
		w := float64(d)
		for range n {
			if w *= f; w >= float64(maxWait) {
				return maxWait
			}
		}
		return time.Duration(w)
	}
	for range n {
		if d >= maxWait/2 {
			return maxWait
		}
		d *= 2
	}
	return d
}

// backoff returns the wait before retry number n with full jitter: uniformly random in [0, cap].
func (p RetryPolicy) backoff(n int, r io.Reader) time.Duration {
	limit := p.backoffCap(n)
	var b [8]byte
	if readRand(r, b[:]) != nil {
		return limit
	}
	// The high word of x*(limit+1) is x/2^64 scaled to [0, limit]: no modulo bias, and the extremes
	// of x give the extremes of the range.
	hi, _ := bits.Mul64(binary.BigEndian.Uint64(b[:]), uint64(limit)+1)
	return time.Duration(hi)
}

// retryableStatus reports whether a response status is worth retrying under the policy.
func (p RetryPolicy) retryableStatus(code int) bool {
	if p.Statuses == nil {
		switch code {
		case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
			http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	s := strconv.Itoa(code)
	for _, want := range p.Statuses {
		if want == s || len(want) == 3 && len(s) == 3 && want[0] == s[0] && strings.EqualFold(want[1:], "XX") {
			return true
		}
	}
	return false
}

// retryAfter parses a Retry-After header: delta-seconds or an HTTP date, measured from now. ok is
// false when the header is absent, malformed, negative or a date in the past.
func retryAfter(h http.Header, now time.Time) (d time.Duration, ok bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if strings.Trim(v, "0123456789") == "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second) // too many digits: far too long anyway
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil || t.Before(now) {
		return 0, false
	}
	return t.Sub(now), true
}

// randMu serialises reads of Config.Rand, so a test's deterministic reader need not be safe for
// concurrent use.
var randMu sync.Mutex

func readRand(r io.Reader, b []byte) error {
	randMu.Lock()
	defer randMu.Unlock()
	_, err := io.ReadFull(r, b)
	return err
}

// newIdempotencyKey returns a random UUID (version 4).
func newIdempotencyKey(r io.Reader) (string, error) {
	var b [16]byte
	if err := readRand(r, b[:]); err != nil {
		return "", fmt.Errorf("generating idempotency key: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant RFC 4122
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]), nil
}
