package core

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// statusClient answers every request with status and body.
func statusClient(status int, body string) *http.Client {
	return &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
	})}
}

// TestEmptyJSONBody: an empty body is an error only where the operation
// declares a JSON body for the status, never for 204, 205 or HEAD.
func TestEmptyJSONBody(t *testing.T) {
	declared := []string{"200", "2XX"}
	tests := []struct {
		name     string
		method   string
		status   int
		body     string
		statuses []string
		wantErr  bool
	}{
		{"declared status", "GET", 200, "", declared, true},
		{"whitespace only", "GET", 200, " \r\n", declared, true},
		{"declared class", "POST", 201, "", []string{"2XX"}, true},
		{"status without content", "GET", 202, "", []string{"200"}, false},
		{"204", "GET", 204, "", declared, false},
		{"205", "GET", 205, "", declared, false},
		{"HEAD", "HEAD", 200, "", declared, false},
		{"nothing declared", "GET", 200, "", nil, false},
		{"a body", "GET", 200, `{"id":"x"}`, declared, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _ := testConfig("https://api.test", WithHTTPClient(statusClient(tt.status, tt.body)))
			op := &Operation{ID: "getThing", Method: tt.method, Path: "/thing", JSONStatuses: tt.statuses}
			var out struct {
				ID string `json:"id"`
			}
			err := NewRequest(cfg, op, nil).Do(context.Background(), &out)
			if got := errors.Is(err, ErrEmptyBody); got != tt.wantErr {
				t.Errorf("err = %v, want ErrEmptyBody: %v", err, tt.wantErr)
			}
			if tt.wantErr && !strings.HasPrefix(err.Error(), "getThing: status ") {
				t.Errorf("err = %v, want the operation and status named", err)
			}
			if !tt.wantErr && err != nil {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// TestEmptyBodyResponseDecoder: results with several bodies get the same check.
func TestEmptyBodyResponseDecoder(t *testing.T) {
	cfg, _ := testConfig("https://api.test", WithHTTPClient(statusClient(200, "")))
	op := &Operation{ID: "getThing", Method: "GET", Path: "/thing", JSONStatuses: []string{"200"}}
	var out decoderFunc
	if err := NewRequest(cfg, op, nil).Do(context.Background(), &out); !errors.Is(err, ErrEmptyBody) {
		t.Errorf("err = %v, want ErrEmptyBody", err)
	}
}

type decoderFunc struct{ called bool }

func (d *decoderFunc) DecodeResponse(int, http.Header, []byte) error { d.called = true; return nil }

// TestBoundedResponseBody: every body read into memory (JSON, text, bytes,
// several-body results) stops at the configured bound with an error naming
// it; a streamed body is not bounded, and error bodies are truncated.
func TestBoundedResponseBody(t *testing.T) {
	const limit = 1 << 10
	big := `"` + strings.Repeat("x", limit) + `"`
	var (
		s   string
		b   []byte
		v   any
		dec decoderFunc
	)
	for name, out := range map[string]any{"string": &s, "bytes": &b, "json": &v, "decoder": &dec} {
		t.Run(name, func(t *testing.T) {
			cfg, _ := testConfig("https://api.test", WithHTTPClient(statusClient(200, big)), WithMaxResponseBody(limit))
			err := getTicket(cfg).Do(context.Background(), out)
			var tooLarge *BodyTooLargeError
			if !errors.As(err, &tooLarge) || tooLarge.Limit != limit || !strings.Contains(err.Error(), "1024 bytes") {
				t.Errorf("err = %v, want a BodyTooLargeError naming the limit", err)
			}
			if dec.called {
				t.Error("the result was decoded from a truncated body")
			}
		})
	}
	t.Run("at the limit", func(t *testing.T) {
		cfg, _ := testConfig("https://api.test", WithHTTPClient(statusClient(200, big[:limit])), WithMaxResponseBody(limit))
		var got []byte
		if err := getTicket(cfg).Do(context.Background(), &got); err != nil || len(got) != limit {
			t.Errorf("read %d bytes, err %v", len(got), err)
		}
	})
	t.Run("default", func(t *testing.T) {
		if cfg, _ := testConfig("https://api.test"); cfg.maxResponseBody() != DefaultMaxResponseBody {
			t.Errorf("default bound = %d", cfg.maxResponseBody())
		}
	})
	t.Run("streamed", func(t *testing.T) {
		cfg, _ := testConfig("https://api.test", WithHTTPClient(statusClient(200, big)), WithMaxResponseBody(limit))
		var rc io.ReadCloser
		if err := getTicket(cfg).Do(context.Background(), &rc); err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if n, _ := io.Copy(io.Discard, rc); n != int64(len(big)) {
			t.Errorf("streamed %d bytes, want %d", n, len(big))
		}
	})
	t.Run("error body", func(t *testing.T) {
		cfg, _ := testConfig("https://api.test", WithHTTPClient(statusClient(400, string(bytes.Repeat([]byte("e"), MaxErrorBody+5)))))
		var apiErr *APIError
		if err := getTicket(cfg).Do(context.Background(), nil); !errors.As(err, &apiErr) || len(apiErr.Body) != MaxErrorBody {
			t.Errorf("err = %v", err)
		}
	})
}
