package core

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// MaxErrorBody bounds how much of an error response body is read into APIError.Body.
const MaxErrorBody = 1 << 20

// ErrEmptyBody is the error (matched with errors.Is) for a success response
// with an empty body where the operation declares a JSON body for its
// status: the caller could not otherwise tell it from a real zero value.
var ErrEmptyBody = errors.New("empty response body where a JSON body is declared")

// BodyTooLargeError is the error for a success response body larger than
// the configured bound (Config.MaxResponseBody); errors.As reaches it.
type BodyTooLargeError struct {
	Limit int64 // the bound in bytes
}

func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("response body larger than the limit of %d bytes (WithMaxResponseBody raises it)", e.Limit)
}

// APIError is the error returned for any response with a non-2xx status.
type APIError struct {
	Operation  string // operationId
	StatusCode int
	RequestID  string
	Header     http.Header
	Body       []byte // raw, read up to MaxErrorBody
	Err        error  // the decoded typed error body, if the operation declares one for the status
}

// Error names the operation, the status and the request id, such as
// "getTicket: 404 Not Found (request id abc)".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Operation)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" " + text)
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// Unwrap returns the decoded typed error body, so errors.As reaches it.
func (e *APIError) Unwrap() error { return e.Err }

// requestIDHeaders are tried, in order, after the header the operation declares.
var requestIDHeaders = []string{"X-Request-Id", "Request-Id"}

func requestID(op *Operation, h http.Header) string {
	if op.RequestIDHeader != "" {
		if v := h.Get(op.RequestIDHeader); v != "" {
			return v
		}
	}
	for _, name := range requestIDHeaders {
		if v := h.Get(name); v != "" {
			return v
		}
	}
	return ""
}

// newAPIError builds the error for a non-2xx response whose body (up to MaxErrorBody) was read.
func newAPIError(op *Operation, resp *http.Response, body []byte) *APIError {
	e := &APIError{
		Operation:  op.ID,
		StatusCode: resp.StatusCode,
		RequestID:  requestID(op, resp.Header),
		Header:     resp.Header,
		Body:       body,
	}
	if t := matchErrorType(op.Errors, resp.StatusCode); t != nil && t.Decode != nil && len(body) > 0 {
		e.Err = t.Decode(body)
	}
	return e
}

// matchErrorType returns the error type declared for status: an exact status beats a range such as
// "4XX", which beats "default".
func matchErrorType(types []ErrorType, status int) *ErrorType {
	code := strconv.Itoa(status)
	var byRange, byDefault *ErrorType
	for i := range types {
		t := &types[i]
		switch s := strings.ToUpper(t.Status); {
		case s == code:
			return t
		case len(s) == 3 && s[1:] == "XX" && s[0] == code[0]:
			if byRange == nil {
				byRange = t
			}
		case s == "DEFAULT":
			if byDefault == nil {
				byDefault = t
			}
		}
	}
	if byRange != nil {
		return byRange
	}
	return byDefault
}
