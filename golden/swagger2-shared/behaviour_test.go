package shared

// Swagger 2.0 shared parameters and responses on the wire (the spec is JSON): top-level query,
// header and path parameters used by reference, path-level parameters on every operation of the
// path, an operation's own parameter replacing the path-level one of the same name, a shared
// body parameter as the JSON body, a shared formData parameter as a form, and a shared error
// response decoded through errors.As, also where the operation produces another media type.
// Hand-written: the generator keeps this file.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func newServer(t *testing.T, handler http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL+"/shared"), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
}

// TestRelativeServer: no host, so the server is the basePath alone.
func TestRelativeServer(t *testing.T) {
	if DefaultServerURL != "/shared" {
		t.Errorf("DefaultServerURL = %q", DefaultServerURL)
	}
}

func TestSharedParameters(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.Method + " " + r.URL.Path {
		case "GET /shared/items":
			if r.URL.RawQuery != "limit=5" || r.Header.Get("X-Trace") != "t1" {
				t.Errorf("list: query %q, X-Trace %q", r.URL.RawQuery, r.Header.Get("X-Trace"))
			}
			io.WriteString(w, `[{"id":"a","name":"Café 👍"}]`)
		case "POST /shared/items":
			b, _ := io.ReadAll(r.Body)
			if r.Header.Get("Content-Type") != "application/json" || string(b) != `{"id":"b"}` || r.Header.Get("X-Trace") != "t2" {
				t.Errorf("create: %q %s X-Trace %q", r.Header.Get("Content-Type"), b, r.Header.Get("X-Trace"))
			}
			w.WriteHeader(http.StatusCreated)
			w.Write(b)
		case "GET /shared/items/a b":
			// getItem's own string enum replaces the path-level boolean.
			if r.URL.RawQuery != "verbose=yes" {
				t.Errorf("get: query %q", r.URL.RawQuery)
			}
			io.WriteString(w, `{"id":"a b"}`)
		case "PUT /shared/items/a b":
			if r.URL.RawQuery != "verbose=true" {
				t.Errorf("replace: query %q", r.URL.RawQuery)
			}
			w.Write([]byte(`{"id":"a b"}`))
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		}
	})
	ctx := context.Background()
	items, err := c.ListItems(ctx, ListItemsRequest{Limit: Ptr[int64](5), Trace: Ptr("t1")})
	if err != nil || len(items) != 1 || *items[0].Name != "Café 👍" {
		t.Errorf("ListItems: %+v, %v", items, err)
	}
	if _, err := c.CreateItem(ctx, CreateItemRequest{Trace: Ptr("t2"), Body: Item{ID: "b"}}); err != nil {
		t.Error(err)
	}
	if it, err := c.GetItem(ctx, "a b", GetItemRequest{Verbose: Ptr(GetItemVerboseYes)}); err != nil || it.ID != "a b" {
		t.Errorf("GetItem: %+v, %v", it, err)
	}
	if _, err := c.ReplaceItem(ctx, "a b", ReplaceItemRequest{Verbose: Ptr(true), Body: Item{ID: "a b"}}); err != nil {
		t.Error(err)
	}
}

// TestSharedResponse: the shared NotFound response decodes for an operation producing the
// document's type and for one producing application/problem+json; the shared formData
// parameter is sent as a form.
func TestSharedResponse(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			r.ParseForm()
			if r.PostForm.Get("comment") != "nice" {
				t.Errorf("comment form %v", r.PostForm)
			}
			if a := r.Header.Get("Accept"); a != "application/problem+json" {
				t.Errorf("Accept %q", a)
			}
			w.Header().Set("Content-Type", "application/problem+json")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		w.Header().Set("X-Request-Id", "req-9")
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(map[string]any{"title": "missing", "status": 404})
	})
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"GetItem": func() error { _, err := c.GetItem(ctx, "x", GetItemRequest{}); return err },
		"AddComment": func() error {
			return c.AddComment(ctx, "x", AddCommentRequest{Body: &AddCommentBody{Comment: Ptr("nice")}})
		},
	} {
		err := call()
		var p *ErrorBody[Problem]
		if !errors.As(err, &p) || p.Body.Title == nil || *p.Body.Title != "missing" {
			t.Errorf("%s: %v", name, err)
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.RequestID != "req-9" {
			t.Errorf("%s: request id missing from %v", name, err)
		}
	}
}
