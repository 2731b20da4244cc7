package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

type validationError struct {
	Error  string            `json:"error"` // a field named Error, as Moov's GenericError has
	Fields map[string]string `json:"fields"`
}

func TestErrorBody(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string // the typed error's Error field, "" for none
	}{
		{422, `{"error":"bad","fields":{"name":"required"}}`, "bad"},
		{400, `{"error":"generic"}`, "generic"},
		{500, `{"error":"no schema for 500"}`, ""},
		{422, `not json`, ""},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(tc.status)
			w.Write([]byte(tc.body))
		}))
		cfg, _ := testConfig(srv.URL, WithRetryPolicy(RetryPolicy{}))
		op := &Operation{ID: "create", Method: "POST", Path: "/", Errors: []ErrorType{
			{Status: "422", Decode: DecodeError[validationError]},
			{Status: "4XX", Decode: DecodeError[validationError]},
		}}
		err := NewRequest(cfg, op, nil).Do(context.Background(), nil)
		srv.Close()
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status {
			t.Fatalf("%d: err = %v, want an APIError", tc.status, err)
		}
		var body *ErrorBody[validationError]
		switch ok := errors.As(err, &body); {
		case tc.want == "" && ok:
			t.Errorf("%d %s: got a typed body %+v, want none", tc.status, tc.body, body.Body)
		case tc.want != "" && (!ok || body.Body.Error != tc.want):
			t.Errorf("%d %s: typed body = %+v (%v), want Error %q", tc.status, tc.body, body, ok, tc.want)
		}
	}
}
