package core

import (
	"context"
	"testing"
)

// A fixed query from the path key goes first, then the call's own
// parameters, then the query globals; the path itself stays clean.
func TestFixedQuery(t *testing.T) {
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	op := &Operation{ID: "compact", Method: "POST", Path: "/things/{id}/compact", Query: "beta=true&mode=a%20b", Globals: []string{"tenant"}}
	r := NewRequest(cfg, op, nil)
	r.PathParam("id", "x?y")
	r.QueryParam("limit", 5, 0)
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	u := reqs()[0].URL
	if got := u.EscapedPath(); got != "/things/x%3Fy/compact" {
		t.Errorf("path = %q", got)
	}
	if got := u.RawQuery; got != "beta=true&mode=a%20b&limit=5&tenant=acme" {
		t.Errorf("query = %q", got)
	}
}
