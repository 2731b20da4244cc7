package media

// Swagger 2.0 consumes and produces on the wire: the document's vendor JSON type as the body's
// Content-Type and the Accept header; an operation's own produces (JSON, with an XML method
// beside it); text in and out; raw bytes in; `type: file` downloads streamed as bytes, also when
// the document produces only JSON. Hand-written: the generator keeps this file.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func newServer(t *testing.T, handler http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL+"/api"), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
}

func TestDefaults(t *testing.T) {
	if DefaultServerURL != "https://media.example.test/api" {
		t.Errorf("DefaultServerURL = %q", DefaultServerURL)
	}
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != "application/vnd.media+json" {
			t.Errorf("Content-Type %q", ct)
		}
		if a := r.Header.Get("Accept"); a != "application/vnd.media+json" {
			t.Errorf("Accept %q", a)
		}
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"id":"r1","title":"First"}` {
			t.Errorf("body %s", b)
		}
		w.Header().Set("Content-Type", "application/vnd.media+json")
		w.WriteHeader(http.StatusCreated)
		w.Write(b)
	})
	rec, err := c.CreateRecord(context.Background(), CreateRecordRequest{Body: Record{ID: "r1", Title: Ptr("First")}})
	if err != nil || rec.ID != "r1" || *rec.Title != "First" {
		t.Fatalf("%+v, %v", rec, err)
	}
}

func TestOperationProduces(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Header.Get("Accept") {
		case "application/json, application/xml":
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":"r2"}`)
		case "application/xml":
			w.Header().Set("Content-Type", "application/xml")
			io.WriteString(w, `<record><id>r2</id></record>`)
		default:
			t.Errorf("Accept %q", r.Header.Get("Accept"))
		}
	})
	rec, err := c.GetRecord(context.Background(), "r2")
	if err != nil || rec.ID != "r2" {
		t.Fatalf("%+v, %v", rec, err)
	}
	body, err := c.GetRecordXML(context.Background(), "r2")
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	if b, _ := io.ReadAll(body); string(b) != `<record><id>r2</id></record>` {
		t.Errorf("xml %s", b)
	}
}

func TestTextAndBytes(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ct, accept := r.Header.Get("Content-Type"), r.Header.Get("Accept")
		switch r.Method + " " + r.URL.Path {
		case "PUT /api/records/r3/note":
			if ct != "text/plain" || accept != "text/plain" || string(b) != "hello" {
				t.Errorf("note: %q %q %q", ct, accept, b)
			}
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "stored: hello")
		case "PUT /api/records/r3/blob":
			if ct != "application/octet-stream" || string(b) != "\x00\x01\x02" {
				t.Errorf("blob: %q %q", ct, b)
			}
			w.WriteHeader(http.StatusNoContent)
		case "GET /api/records/r3/blob":
			if accept != "application/octet-stream" {
				t.Errorf("blob download Accept %q", accept)
			}
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write([]byte{9, 8, 7})
		case "GET /api/export":
			if accept != "text/csv" {
				t.Errorf("export Accept %q", accept)
			}
			w.Header().Set("Content-Type", "text/csv")
			io.WriteString(w, "id,title\nr3,Third\n")
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		}
	})
	ctx := context.Background()
	if s, err := c.PutNote(ctx, "r3", PutNoteRequest{Body: "hello"}); err != nil || s != "stored: hello" {
		t.Errorf("PutNote: %q, %v", s, err)
	}
	if err := c.PutBlob(ctx, "r3", PutBlobRequest{Body: strings.NewReader("\x00\x01\x02")}); err != nil {
		t.Error(err)
	}
	rc, err := c.GetBlob(ctx, "r3")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "\x09\x08\x07" {
		t.Errorf("blob %q", b)
	}
	if csv, err := c.ExportRecords(ctx); err != nil || csv != "id,title\nr3,Third\n" {
		t.Errorf("ExportRecords: %q, %v", csv, err)
	}
}
