package core

import (
	"encoding/json"
	"fmt"
)

// ErrorBody is the decoded body of an error response whose schema the spec
// declares. APIError unwraps to it, so errors.As reaches the typed value:
//
//	var e *ErrorBody[GenericError]
//	if errors.As(err, &e) { … e.Body … }
//
// A schema type cannot implement error itself: it may have a field named
// Error.
type ErrorBody[T any] struct {
	Body T
}

// Error says which error body this is; APIError's message names the
// operation, status and request id.
func (e *ErrorBody[T]) Error() string {
	return fmt.Sprintf("error body %T", e.Body)
}

// DecodeError decodes an error response body as T; a body that does not
// decode yields nil, leaving the APIError with its raw Body only.
func DecodeError[T any](body []byte) error {
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		return nil
	}
	return &ErrorBody[T]{Body: v}
}
