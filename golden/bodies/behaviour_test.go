package bodies

// Request and response bodies on the wire: the fake server checks
// each body kind against the spec (JSON, form encoding, multipart part names, per-part content
// types and file names, text), a binary upload and download larger than the memory the test
// allows, several success responses, 204, typed response headers, and typed error bodies through
// errors.As. Hand-written: the generator keeps this file.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// newServer starts a fake server for handler and a client for it that does not retry.
func newServer(t *testing.T, handler http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
}

// mediaType is the media type of a Content-Type header, without parameters.
func mediaType(t *testing.T, h http.Header) (string, map[string]string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		t.Errorf("Content-Type %q: %v", h.Get("Content-Type"), err)
	}
	return mt, params
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// jsonEqual reports whether two JSON documents hold the same value.
func jsonEqual(t *testing.T, got []byte, want string) bool {
	t.Helper()
	var a, b any
	if err := json.Unmarshal(got, &a); err != nil {
		t.Errorf("body %q is not JSON: %v", got, err)
		return false
	}
	if err := json.Unmarshal([]byte(want), &b); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(a, b)
}

func TestJSONBody(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/pets" {
			t.Errorf("got %s %s, want POST /pets", r.Method, r.URL.Path)
		}
		if mt, _ := mediaType(t, r.Header); mt != "application/json" {
			t.Errorf("Content-Type = %q, want application/json", mt)
		}
		b, _ := io.ReadAll(r.Body)
		// age is optional and unset: absent, not null or 0.
		if want := `{"name":"Rex","species":"dog"}`; !jsonEqual(t, b, want) {
			t.Errorf("body = %s, want %s", b, want)
		}
		writeJSON(w, http.StatusCreated, map[string]any{"id": "pet-1", "name": "Rex", "species": "dog"})
	})
	pet, err := c.Pets.CreatePet(context.Background(), CreatePetRequest{Body: PetInput{Name: "Rex", Species: PetInputSpeciesDog}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Pet{ID: "pet-1", Name: "Rex", Species: PetSpeciesDog}); !reflect.DeepEqual(*pet, want) {
		t.Errorf("pet = %+v, want %+v", *pet, want)
	}
}

// TestFormBody: scalars as key=value, the array tags as one pair per element (form, explode),
// the object address as address[street]=… (the deepObject style its encoding entry names).
func TestFormBody(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if mt, _ := mediaType(t, r.Header); mt != "application/x-www-form-urlencoded" {
			t.Errorf("Content-Type = %q, want application/x-www-form-urlencoded", mt)
		}
		if err := r.ParseForm(); err != nil {
			t.Errorf("parsing the form: %v", err)
		}
		want := url.Values{
			"email":           {"ann@example.test"},
			"age":             {"42"},
			"newsletter":      {"true"},
			"tags":            {"admin", "beta tester"},
			"address[street]": {"1 Main St"},
			"address[city]":   {"Springfield & Co"},
		}
		if !reflect.DeepEqual(r.PostForm, want) {
			t.Errorf("form = %v, want %v", r.PostForm, want)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	err := c.Forms.SignUp(context.Background(), SignUpRequest{Body: SignUp{
		Email:      "ann@example.test",
		Age:        Ptr[int64](42),
		Newsletter: Ptr(true),
		Tags:       []string{"admin", "beta tester"},
		Address:    Address{Street: "1 Main St", City: "Springfield & Co"},
	}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFormEncodingObject: the encoding object's style and explode apply to form properties:
// colors (form, explode false) is one comma-separated value, pipe (pipeDelimited) one
// "|"-separated value.
func TestFormEncodingObject(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Errorf("parsing the form: %v", err)
		}
		want := url.Values{"colors": {"red,green"}, "pipe": {"a|b"}}
		if !reflect.DeepEqual(r.PostForm, want) {
			t.Errorf("form = %v, want %v", r.PostForm, want)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	err := c.Forms.PickColors(context.Background(), PickColorsRequest{Body: PickColorsBody{
		Colors: []string{"red", "green"},
		Pipe:   []string{"a", "b"},
	}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestJSONOrForm: an operation offering JSON and a form has a method for each; the plain name
// sends JSON.
func TestJSONOrForm(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut || r.URL.Path != "/settings" {
			t.Errorf("got %s %s, want PUT /settings", r.Method, r.URL.Path)
		}
		var s Settings
		switch mt, _ := mediaType(t, r.Header); mt {
		case "application/json":
			b, _ := io.ReadAll(r.Body)
			if want := `{"theme":"dark","pageSize":50}`; !jsonEqual(t, b, want) {
				t.Errorf("JSON body = %s, want %s", b, want)
			}
			s = Settings{Theme: "sent as json", PageSize: 50}
		case "application/x-www-form-urlencoded":
			r.ParseForm()
			if want := (url.Values{"theme": {"dark"}, "pageSize": {"50"}}); !reflect.DeepEqual(r.PostForm, want) {
				t.Errorf("form = %v, want %v", r.PostForm, want)
			}
			s = Settings{Theme: "sent as form", PageSize: 50}
		default:
			t.Errorf("Content-Type = %q", mt)
		}
		writeJSON(w, http.StatusOK, s)
	})
	ctx := context.Background()
	in := Settings{Theme: "dark", PageSize: 50}
	got, err := c.Forms.UpdateSettings(ctx, UpdateSettingsRequest{Body: in})
	if err != nil {
		t.Fatal(err)
	}
	if got.Theme != "sent as json" {
		t.Errorf("UpdateSettings sent %q, want JSON", got.Theme)
	}
	got, err = c.Forms.UpdateSettingsForm(ctx, UpdateSettingsFormRequest{Body: in})
	if err != nil {
		t.Fatal(err)
	}
	if got.Theme != "sent as form" {
		t.Errorf("UpdateSettingsForm sent %q, want a form", got.Theme)
	}
}

// part is what the server saw of one multipart part.
type part struct {
	name, filename, contentType, content string
}

// TestMultipartBody: two files and text fields, each part with the name of its property, the
// files with their file names, and the content type of each part from the encoding object
// (thumbnail lists two: the one matching the file's extension is chosen), or the file's own.
func TestMultipartBody(t *testing.T) {
	var mu sync.Mutex
	var parts []part
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mt, params := mediaType(t, r.Header)
		if mt != "multipart/form-data" || params["boundary"] == "" {
			t.Errorf("Content-Type = %q, want multipart/form-data with a boundary", r.Header.Get("Content-Type"))
		}
		mr, err := r.MultipartReader()
		if err != nil {
			t.Errorf("multipart reader: %v", err)
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var got []part
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("next part: %v", err)
				break
			}
			b, _ := io.ReadAll(p)
			got = append(got, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
		}
		mu.Lock()
		parts = got
		mu.Unlock()
		writeJSON(w, http.StatusCreated, map[string]any{"documentID": "doc-1", "size": 7})
	})
	ctx := context.Background()
	upload := func(thumbName, thumbType string) []part {
		t.Helper()
		doc, err := c.Documents.UploadDocument(ctx, UploadDocumentRequest{Body: DocumentUpload{
			File:      UploadFile{Name: "report.pdf", Content: strings.NewReader("%PDF-1.7")},
			Thumbnail: UploadFile{Name: thumbName, ContentType: thumbType, Content: strings.NewReader("\x89PNG")},
			Title:     "Q1 report",
			Purpose:   DocumentUploadPurposeInvoice,
			Metadata:  &DocumentUploadMetadata{Pages: Ptr[int64](3)},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if doc.DocumentID != "doc-1" {
			t.Errorf("document = %+v", doc)
		}
		mu.Lock()
		defer mu.Unlock()
		return parts
	}
	want := func(thumbName, thumbType string) []part {
		return []part{
			{"file", "report.pdf", "application/pdf", "%PDF-1.7"},
			{"thumbnail", thumbName, thumbType, "\x89PNG"},
			{"title", "", "", "Q1 report"},
			{"purpose", "", "", "invoice"},
			{"metadata", "", "application/json", `{"pages":3}`},
		}
	}
	for _, tc := range []struct{ name, file, own, want string }{
		{"spec type by extension png", "thumb.png", "", "image/png"},
		{"spec type by extension jpeg", "thumb.jpeg", "", "image/jpeg"},
		{"file's own type wins", "thumb.bin", "image/webp", "image/webp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := upload(tc.file, tc.own), want(tc.file, tc.want); !reflect.DeepEqual(got, want) {
				t.Errorf("parts:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestTextBody(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if mt, _ := mediaType(t, r.Header); mt != "text/plain" {
			t.Errorf("Content-Type = %q, want text/plain", mt)
		}
		if a := r.Header.Get("Accept"); a != "text/plain" {
			t.Errorf("Accept = %q, want text/plain", a)
		}
		b, _ := io.ReadAll(r.Body)
		if string(b) != "buy milk\nand eggs" {
			t.Errorf("body = %q", b)
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "stored: "+string(b))
	})
	got, err := c.Documents.PostNote(context.Background(), PostNoteRequest{Body: "buy milk\nand eggs"})
	if err != nil {
		t.Fatal(err)
	}
	if got != "stored: buy milk\nand eggs" {
		t.Errorf("PostNote = %q", got)
	}
}

// bigSize is larger than the memory the streaming tests allow the process to allocate.
const (
	bigSize    = 256 << 20
	allocLimit = 4 << 20
)

// pattern is the repeating content of a big body.
var pattern = func() []byte {
	b := make([]byte, 64<<10+3) // not a power of two, so chunk boundaries do not line up
	for i := range b {
		b[i] = byte(i*7 + i>>9)
	}
	return b
}()

// patternReader yields n bytes of pattern. It is a plain stream: no Seek, no WriterTo, no Len.
type patternReader struct{ n, off int64 }

func (r *patternReader) Read(p []byte) (int, error) {
	if r.off >= r.n {
		return 0, io.EOF
	}
	if rem := r.n - r.off; int64(len(p)) > rem {
		p = p[:rem]
	}
	n := 0
	for n < len(p) {
		n += copy(p[n:], pattern[(r.off+int64(n))%int64(len(pattern)):])
	}
	r.off += int64(n)
	return n, nil
}

// checksum is the CRC-32 and length of everything read from r.
func checksum(r io.Reader) (uint32, int64, error) {
	h := crc32.NewIEEE()
	n, err := io.Copy(h, r)
	return h.Sum32(), n, err
}

// allocated runs f and returns how many bytes the whole process allocated meanwhile (collected
// or not): a body buffered anywhere, by the SDK or by the test's server, would show here.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBinaryUploadStreams sends 256 MiB from a generator; the server counts the bytes and their
// checksum. Neither side may hold the body in memory.
func TestBinaryUploadStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 256 MiB")
	}
	wantSum, _, _ := checksum(&patternReader{n: bigSize})
	var gotSum uint32
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut || r.URL.Path != "/blobs/big" {
			t.Errorf("got %s %s, want PUT /blobs/big", r.Method, r.URL.Path)
		}
		if mt, _ := mediaType(t, r.Header); mt != "application/octet-stream" {
			t.Errorf("Content-Type = %q, want application/octet-stream", mt)
		}
		sum, n, err := checksum(r.Body)
		if err != nil {
			t.Errorf("reading the upload: %v", err)
		}
		gotSum = sum
		writeJSON(w, http.StatusOK, map[string]int64{"size": n})
	})
	var info *BlobInfo
	var err error
	alloc := allocated(func() {
		info, err = c.Blobs.UploadBlob(context.Background(), "big", UploadBlobRequest{Body: &patternReader{n: bigSize}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if info.Size != bigSize {
		t.Errorf("server received %d bytes, want %d", info.Size, bigSize)
	}
	if gotSum != wantSum {
		t.Errorf("server checksum %08x, want %08x", gotSum, wantSum)
	}
	if alloc > allocLimit {
		t.Errorf("uploading %d MiB allocated %d MiB; the body must stream (limit %d MiB)", bigSize>>20, alloc>>20, allocLimit>>20)
	}
	t.Logf("uploading %d MiB allocated %d KiB", bigSize>>20, alloc>>10)
}

// TestBinaryDownloadStreams reads 256 MiB through the returned io.ReadCloser.
func TestBinaryDownloadStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 256 MiB")
	}
	wantSum, _, _ := checksum(&patternReader{n: bigSize})
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if a := r.Header.Get("Accept"); a != "application/octet-stream" {
			t.Errorf("Accept = %q, want application/octet-stream", a)
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		io.Copy(w, &patternReader{n: bigSize})
	})
	var sum uint32
	var n int64
	var err, readErr, closeErr error
	alloc := allocated(func() {
		var body io.ReadCloser
		body, err = c.Blobs.DownloadBlob(context.Background(), "big")
		if err != nil {
			return
		}
		sum, n, readErr = checksum(body)
		closeErr = body.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	if readErr != nil || closeErr != nil {
		t.Fatalf("reading: %v; closing: %v", readErr, closeErr)
	}
	if n != bigSize || sum != wantSum {
		t.Errorf("read %d bytes with checksum %08x, want %d with %08x", n, sum, bigSize, wantSum)
	}
	if alloc > allocLimit {
		t.Errorf("downloading %d MiB allocated %d MiB; the body must stream (limit %d MiB)", bigSize>>20, alloc>>20, allocLimit>>20)
	}
	t.Logf("downloading %d MiB allocated %d KiB", bigSize>>20, alloc>>10)
}

// TestSeveralSuccessResponses: 200 and 201 carry different bodies; each reaches its own field of
// the result, with the status and the typed X-RateLimit-Remaining header.
func TestSeveralSuccessResponses(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/items/")
		w.Header().Set("X-RateLimit-Remaining", map[string]string{"old": "41", "new": "40"}[id])
		if id == "old" {
			writeJSON(w, http.StatusOK, map[string]any{"id": "old", "name": "lamp", "version": 2})
			return
		}
		writeJSON(w, http.StatusCreated, map[string]any{"id": "new", "location": "/items/new"})
	})
	ctx := context.Background()
	res, err := c.Items.PutItem(ctx, "old", PutItemRequest{Body: ItemInput{Name: "lamp"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Header.Get("X-RateLimit-Remaining") != "41" {
		t.Errorf("raw header = %q", res.Header.Get("X-RateLimit-Remaining"))
	}
	res.Header = nil
	want := PutItemResult{StatusCode: 200, OK: &Item{ID: "old", Name: "lamp", Version: 2}, XRateLimitRemaining: Ptr[int64](41)}
	if !reflect.DeepEqual(*res, want) {
		t.Errorf("200: result = %+v, want %+v", *res, want)
	}
	res, err = c.Items.PutItem(ctx, "new", PutItemRequest{Body: ItemInput{Name: "desk"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Header = nil
	want = PutItemResult{StatusCode: 201, Created: &ItemCreated{ID: "new", Location: "/items/new"}, XRateLimitRemaining: Ptr[int64](40)}
	if !reflect.DeepEqual(*res, want) {
		t.Errorf("201: result = %+v, want %+v", *res, want)
	}
}

// TestTypedResponseHeader: one success body and a typed header; an absent header is nil.
func TestTypedResponseHeader(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/items/limited" {
			w.Header().Set("X-RateLimit-Remaining", "7")
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": "x", "name": "chair", "version": 1})
	})
	ctx := context.Background()
	res, err := c.Items.GetItem(ctx, "limited")
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Body == nil || res.Body.Name != "chair" || res.XRateLimitRemaining == nil || *res.XRateLimitRemaining != 7 {
		t.Errorf("result = %+v", res)
	}
	res, err = c.Items.GetItem(ctx, "unlimited")
	if err != nil {
		t.Fatal(err)
	}
	if res.XRateLimitRemaining != nil {
		t.Errorf("X-RateLimit-Remaining = %d, want nil when absent", *res.XRateLimitRemaining)
	}
}

// TestNoContent: 204 has no body; the method returns only its error.
func TestNoContent(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodDelete || r.URL.Path != "/items/old" {
			t.Errorf("got %s %s, want DELETE /items/old", r.Method, r.URL.Path)
		}
		if b, _ := io.ReadAll(r.Body); len(b) != 0 || r.ContentLength > 0 {
			t.Errorf("DELETE sent a body: %q", b)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	if err := c.Items.DeleteItem(context.Background(), "old"); err != nil {
		t.Fatal(err)
	}
}

// TestEmptyJSONBody: a success status whose response declares a JSON body but arrives empty is
// ErrEmptyBody, for a single result and for a result with several bodies; a status the spec
// declares without content is fine.
func TestEmptyJSONBody(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/items/accepted":
			w.WriteHeader(http.StatusAccepted) // not declared: no body expected
		case "/items/reset":
			w.WriteHeader(http.StatusResetContent)
		default:
			w.WriteHeader(http.StatusCreated)
		}
	})
	ctx := context.Background()
	pet, err := c.Pets.CreatePet(ctx, CreatePetRequest{Body: PetInput{Name: "Rex", Species: PetInputSpeciesDog}})
	if !errors.Is(err, ErrEmptyBody) || pet != nil {
		t.Errorf("CreatePet with an empty 201 = %v, %v; want nil, ErrEmptyBody", pet, err)
	}
	res, err := c.Items.PutItem(ctx, "new", PutItemRequest{Body: ItemInput{Name: "desk"}})
	if !errors.Is(err, ErrEmptyBody) || res != nil {
		t.Errorf("PutItem with an empty 201 = %v, %v; want nil, ErrEmptyBody", res, err)
	}
	for _, id := range []string{"accepted", "reset"} {
		res, err := c.Items.PutItem(ctx, id, PutItemRequest{Body: ItemInput{Name: "desk"}})
		if err != nil || res.OK != nil || res.Created != nil {
			t.Errorf("PutItem answered without content (%s) = %+v, %v", id, res, err)
		}
	}
}

// TestTypedErrorBodies: each error status with a schema unwraps to *ErrorBody[T] of its schema,
// default covers the other statuses, and the *APIError stays reachable with the raw body.
func TestTypedErrorBodies(t *testing.T) {
	answers := map[string]struct {
		status int
		body   string
	}{
		"bad":     {400, `{"error":"itemID is malformed"}`},
		"missing": {404, `{"resource":"item"}`},
		"invalid": {422, `{"itemID":"must be numeric"}`},
		"teapot":  {418, `{"title":"I'm a teapot","status":418}`},
		"garbage": {400, `<html>not json</html>`},
	}
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		a := answers[strings.TrimPrefix(r.URL.Path, "/items/")]
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	})
	ctx := context.Background()
	get := func(id string) error {
		t.Helper()
		_, err := c.Items.GetItem(ctx, id)
		if err == nil {
			t.Fatalf("GetItem(%q) succeeded", id)
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("GetItem(%q): %v is not an *APIError", id, err)
		}
		if a := answers[id]; apiErr.StatusCode != a.status || !bytes.Equal(apiErr.Body, []byte(a.body)) {
			t.Errorf("GetItem(%q): APIError status %d body %q", id, apiErr.StatusCode, apiErr.Body)
		}
		return err
	}

	t.Run("400 GenericError with a field named Error", func(t *testing.T) {
		err := get("bad")
		var eb *ErrorBody[GenericError]
		if !errors.As(err, &eb) {
			t.Fatalf("errors.As(%v, *ErrorBody[GenericError]) = false", err)
		}
		if eb.Body.Error != "itemID is malformed" {
			t.Errorf("Body.Error = %q", eb.Body.Error)
		}
		var other *ErrorBody[Problem]
		if errors.As(err, &other) {
			t.Errorf("a 400 also unwraps to the default's Problem: %+v", other.Body)
		}
	})
	t.Run("404 NotFound", func(t *testing.T) {
		var eb *ErrorBody[NotFound]
		if err := get("missing"); !errors.As(err, &eb) || eb.Body.Resource != "item" {
			t.Errorf("errors.As(%v, *ErrorBody[NotFound]) gave %+v", err, eb)
		}
	})
	t.Run("422 validation", func(t *testing.T) {
		var eb *ErrorBody[ItemValidationError]
		if err := get("invalid"); !errors.As(err, &eb) || eb.Body.ItemID == nil || *eb.Body.ItemID != "must be numeric" {
			t.Errorf("errors.As(%v, *ErrorBody[ItemValidationError]) gave %+v", err, eb)
		}
	})
	t.Run("default Problem", func(t *testing.T) {
		var eb *ErrorBody[Problem]
		err := get("teapot")
		if !errors.As(err, &eb) {
			t.Fatalf("errors.As(%v, *ErrorBody[Problem]) = false", err)
		}
		if want := (Problem{Title: "I'm a teapot", Status: 418}); eb.Body != want {
			t.Errorf("Body = %+v, want %+v", eb.Body, want)
		}
	})
	t.Run("undecodable body stays raw", func(t *testing.T) {
		var eb *ErrorBody[GenericError]
		if err := get("garbage"); errors.As(err, &eb) {
			t.Errorf("a body that is not JSON decoded to %+v", eb.Body)
		}
	})
	t.Run("404 on DELETE", func(t *testing.T) {
		err := c.Items.DeleteItem(ctx, "missing")
		var eb *ErrorBody[NotFound]
		if !errors.As(err, &eb) || eb.Body.Resource != "item" {
			t.Errorf("errors.As(%v, *ErrorBody[NotFound]) gave %+v", err, eb)
		}
	})
}
