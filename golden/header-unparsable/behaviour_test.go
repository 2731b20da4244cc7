package headers

// Typed response headers never fail a call: a value that does not parse as its declared type
// leaves the typed field nil, the raw value stays in the result's Header, and the body is
// decoded. Hand-written: the generator keeps this file.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func newServer(t *testing.T, header http.Header) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":"l1","msisdn":"+4912345"}`))
	}))
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
}

func TestUnparsableHeadersDoNotFail(t *testing.T) {
	c := newServer(t, http.Header{
		"Access-Control-Allow-Credentials": {"null"},
		"X-Rate-Limit-Remaining":           {"99999999999"}, // does not fit an int32
		"X-Expires-At":                     {"tomorrow"},
		"X-Line-State":                     {"ported"}, // an enum value the spec does not list
	})
	res, err := c.GetLine(context.Background(), "l1")
	if err != nil {
		t.Fatalf("GetLine: %v", err)
	}
	if res.Body == nil || res.Body.ID != "l1" || res.Body.Msisdn == nil || *res.Body.Msisdn != "+4912345" {
		t.Errorf("body = %+v", res.Body)
	}
	if res.AccessControlAllowCredentials != nil || res.XRateLimitRemaining != nil || res.XExpiresAt != nil {
		t.Errorf("typed fields of unparsable headers = %v, %v, %v; want nil",
			res.AccessControlAllowCredentials, res.XRateLimitRemaining, res.XExpiresAt)
	}
	if res.XLineState == nil || *res.XLineState != "ported" || res.XLineState.IsKnown() {
		t.Errorf("open enum header = %v", res.XLineState)
	}
	if got := res.Header.Get("Access-Control-Allow-Credentials"); got != "null" {
		t.Errorf("raw header = %q, want null", got)
	}
	if got := res.Header.Get("X-Expires-At"); got != "tomorrow" {
		t.Errorf("raw header = %q, want tomorrow", got)
	}
}

func TestParsableHeaders(t *testing.T) {
	c := newServer(t, http.Header{
		"Access-Control-Allow-Credentials": {"true"},
		"X-Rate-Limit-Remaining":           {"41"},
		"X-Expires-At":                     {"2025-01-02T03:04:05Z"},
		"X-Line-State":                     {"active"},
	})
	res, err := c.GetLine(context.Background(), "l1")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	switch {
	case res.AccessControlAllowCredentials == nil || !*res.AccessControlAllowCredentials,
		res.XRateLimitRemaining == nil || *res.XRateLimitRemaining != 41,
		res.XExpiresAt == nil || !res.XExpiresAt.Equal(want),
		res.XLineState == nil || *res.XLineState != GetLineXLineStateActive:
		t.Errorf("typed headers = %+v", res)
	}
}

func TestAbsentHeaders(t *testing.T) {
	res, err := newServer(t, nil).GetLine(context.Background(), "l1")
	if err != nil {
		t.Fatal(err)
	}
	if res.AccessControlAllowCredentials != nil || res.XRateLimitRemaining != nil || res.XExpiresAt != nil || res.XLineState != nil {
		t.Errorf("absent headers = %+v", res)
	}
}
