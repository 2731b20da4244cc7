package fixedheaders

// Accept and Content-Type header parameters are not method arguments (OpenAPI ignores them as
// parameters), but a value the spec fixes for them is what the SDK sends. Hand-written: the
// generator keeps this file.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

func TestFixedHeadersOnTheWire(t *testing.T) {
	var mu sync.Mutex
	var last http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		last = r.Header.Clone()
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`"i1"`))
		case r.URL.Path == "/incidents":
			w.Write([]byte(`["i1"]`))
		default:
			w.Write([]byte(`"ok"`))
		}
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()))
	ctx := context.Background()
	title := "down"
	tests := []struct {
		name                string
		call                func() error
		accept, contentType string
	}{
		{"the declared Accept, and Content-Type without a body", func() error {
			_, err := c.ListIncidents(ctx, ListIncidentsRequest{})
			return err
		}, "application/vnd.example+json;version=2", "application/json"},
		{"a body's media type wins over the declared Content-Type", func() error {
			_, err := c.CreateIncident(ctx, CreateIncidentRequest{Body: CreateIncidentBody{Title: &title}})
			return err
		}, "application/vnd.example+json;version=2", "application/x-www-form-urlencoded"},
		{"an Accept with several allowed values fixes nothing", func() error {
			_, err := c.GetStatus(ctx)
			return err
		}, "application/json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if got := last.Get("Accept"); got != tt.accept {
				t.Errorf("Accept = %q, want %q", got, tt.accept)
			}
			if got := last.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
			if got := last.Get("Authorization"); got != "" {
				t.Errorf("Authorization = %q: an Authorization parameter is never sent", got)
			}
		})
	}
}
