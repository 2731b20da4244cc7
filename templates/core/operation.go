package core

import (
	"net/http"
	"strconv"
	"strings"
)

// Operation describes one API operation; the SDK declares one per operation and the runtime reads it.
type Operation struct {
	ID                string      // operationId, used in error messages
	Method            string      // "GET", "POST", …
	Path              string      // template such as "/accounts/{accountID}/tickets/{ticketID}"
	Query             string      // fixed query from the spec's path key, encoded ("beta=true"): sent before the call's own parameters
	Security          [][]string  // alternatives (OR) of scheme names (AND within one); an empty alternative allows anonymous access; none sends no credentials
	Globals           []string    // names of the client globals the operation declares (only those are sent)
	RequestIDHeader   string      // response header holding the request id, such as "x-request-id"
	Accept            string      // Accept header value; "" sends none
	ContentType       string      // Content-Type sent on a request without a body; "" sends none
	IdempotencyHeader string      // request header carrying an idempotency key; "" if none
	Errors            []ErrorType // typed error bodies
	// ServerURL is a server the operation declares for itself (operation
	// servers in OpenAPI); it replaces the client's default server, but
	// not one the caller chose with WithServerURL.
	ServerURL string
	// JSONStatuses are the success statuses ("200", or a class such as
	// "2XX") whose response declares a JSON body: an empty body for one of
	// them is ErrEmptyBody, not a zero value. 204, 205 and HEAD never are.
	JSONStatuses []string
	// Retry is the operation's own retry policy from the spec, or nil for
	// the client's. A policy the caller sets, for the client or the call,
	// wins over it.
	Retry *RetryPolicy
	// Returned are the non-2xx statuses ("404", or a class such as "4XX")
	// the operation returns as a result rather than as an *APIError (the
	// spec's x-speakeasy-errors leaves them out of its errors), and
	// ErrorStatuses the statuses that list makes errors, which win over a
	// class in Returned.
	Returned      []string
	ErrorStatuses []string
}

// returns reports whether a non-2xx status is a result of op, decoded
// like a success, instead of an *APIError.
func (op *Operation) returns(status int) bool {
	if len(op.Returned) == 0 {
		return false
	}
	code := strconv.Itoa(status)
	return statusIn(op.Returned, code) && !statusIn(op.ErrorStatuses, code)
}

// statusIn reports whether a status code is in a list of codes and
// classes ("404", "4XX").
func statusIn(list []string, code string) bool {
	for _, s := range list {
		if s == code || len(s) == 3 && s[0] == code[0] && strings.EqualFold(s[1:], "XX") {
			return true
		}
	}
	return false
}

// wantsJSON reports whether a response with status must carry the JSON
// body the operation declares for it.
func (op *Operation) wantsJSON(status int) bool {
	if op.Method == http.MethodHead || status == http.StatusNoContent || status == http.StatusResetContent {
		return false
	}
	code := strconv.Itoa(status)
	for _, s := range op.JSONStatuses {
		if s == code || len(s) == 3 && s[0] == code[0] && strings.EqualFold(s[1:], "XX") {
			return true
		}
	}
	return false
}

// baseURL is the server a call of op goes to.
func (op *Operation) baseURL(cfg *Config) string {
	if op.ServerURL != "" && !cfg.ServerURLSet {
		return op.ServerURL
	}
	return cfg.ServerURL
}

// ErrorType is a typed error body an operation declares for a status.
type ErrorType struct {
	Status string // "404", a range such as "4XX", or "default"
	// Decode decodes a non-empty error body into a typed error value, or returns nil if the body
	// does not decode. APIError.Unwrap returns that value.
	Decode func(body []byte) error
}

// idempotent reports whether repeating the operation's method has no further effect, so that it may
// be retried after the request was sent.
func (op *Operation) idempotent() bool {
	switch op.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodTrace:
		return true
	}
	return false
}
