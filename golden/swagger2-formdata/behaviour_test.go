package forms

// Swagger 2.0 formData on the wire: a `type: file` parameter makes the body multipart/form-data
// with a file part (name, file name, bytes) beside the other fields and one part per element of
// a multi array; without a file the form is URL-encoded, arrays comma-joined (csv, the default)
// or repeated (multi); a form consumes offers both ways gets both methods over one type; an
// array of files goes as one part per file. Hand-written: the generator keeps this file.

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func newServer(t *testing.T, handler http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
}

// part is one part of a multipart body as the server read it.
type part struct {
	name, filename, body string
}

// readParts reads a multipart/form-data request body.
func readParts(t *testing.T, r *http.Request) []part {
	t.Helper()
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		t.Fatalf("Content-Type %q: %v", r.Header.Get("Content-Type"), err)
	}
	var parts []part
	mr := multipart.NewReader(r.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return parts
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		parts = append(parts, part{p.FormName(), p.FileName(), string(b)})
	}
}

// readForm reads a URL-encoded request body.
func readForm(t *testing.T, r *http.Request) (string, url.Values) {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q, want application/x-www-form-urlencoded", ct)
	}
	b, _ := io.ReadAll(r.Body)
	v, err := url.ParseQuery(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return string(b), v
}

func TestUploadPhoto(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/pets/p1/photo" {
			t.Errorf("got %s %s", r.Method, r.URL.Path)
		}
		want := []part{
			{"file", "rex.png", "\x89PNG bytes"},
			{"caption", "", "Rex at the beach"},
			{"tags", "", "dog"},
			{"tags", "", "beach"},
		}
		if got := readParts(t, r); !reflect.DeepEqual(got, want) {
			t.Errorf("parts %q, want %q", got, want)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"url":"https://cdn.example.test/rex.png","size":10}`)
	})
	photo, err := c.UploadPhoto(context.Background(), "p1", UploadPhotoRequest{Body: UploadPhotoBody{
		File:    UploadFile{Name: "rex.png", Content: strings.NewReader("\x89PNG bytes")},
		Caption: Ptr("Rex at the beach"),
		Tags:    []string{"dog", "beach"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if photo.URL == nil || *photo.Size != 10 {
		t.Errorf("photo %+v", photo)
	}
}

// TestLogin: csv (the default) joins with commas, multi repeats the key.
func TestLogin(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		raw, form := readForm(t, r)
		want := url.Values{
			"username": {"ann"},
			"password": {"s3cret&"},
			"scopes":   {"read,write"},
			"roles":    {"admin", "dev"},
			"remember": {"true"},
		}
		if !reflect.DeepEqual(form, want) {
			t.Errorf("form %v (%s), want %v", form, raw, want)
		}
		if !strings.Contains(raw, "scopes=read,write") {
			t.Errorf("scopes not comma-joined: %s", raw)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"token":"t"}`)
	})
	res, err := c.Login(context.Background(), LoginRequest{Body: LoginBody{
		Username: "ann", Password: "s3cret&", Scopes: []string{"read", "write"}, Roles: []string{"admin", "dev"}, Remember: Ptr(true),
	}})
	if err != nil || res.Token == nil || *res.Token != "t" {
		t.Fatalf("%+v, %v", res, err)
	}
}

// TestAddNoteBothWays: consumes lists multipart first, so AddNote sends multipart and
// AddNoteForm URL-encodes, both from the one AddNoteBody type.
func TestAddNoteBothWays(t *testing.T) {
	var got []string
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch mt {
		case "multipart/form-data":
			parts := readParts(t, r)
			if want := []part{{"text", "", "hi"}, {"pinned", "", "false"}}; !reflect.DeepEqual(parts, want) {
				t.Errorf("parts %q, want %q", parts, want)
			}
		default:
			_, form := readForm(t, r)
			if want := (url.Values{"text": {"hi"}, "pinned": {"false"}}); !reflect.DeepEqual(form, want) {
				t.Errorf("form %v, want %v", form, want)
			}
		}
		got = append(got, mt)
		w.WriteHeader(http.StatusNoContent)
	})
	note := AddNoteBody{Text: "hi", Pinned: Ptr(false)}
	if err := c.AddNote(context.Background(), AddNoteRequest{Body: note}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddNoteForm(context.Background(), AddNoteFormRequest{Body: note}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"multipart/form-data", "application/x-www-form-urlencoded"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
}

// TestUploadDocuments: an array of files is one part per file; an x-nullable field set to
// null is sent empty.
func TestUploadDocuments(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		want := []part{{"files", "a.txt", "A"}, {"files", "b.txt", "B"}, {"folder", "", ""}}
		if got := readParts(t, r); !reflect.DeepEqual(got, want) {
			t.Errorf("parts %q, want %q", got, want)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	err := c.UploadDocuments(context.Background(), UploadDocumentsRequest{Body: &UploadDocumentsBody{
		Files:  []UploadFile{{Name: "a.txt", Content: strings.NewReader("A")}, {Name: "b.txt", Content: strings.NewReader("B")}},
		Folder: Null[string](),
	}})
	if err != nil {
		t.Fatal(err)
	}
}
