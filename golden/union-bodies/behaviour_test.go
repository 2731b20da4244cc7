package unionbodies

// Form and multipart bodies whose schema is a union of objects are encoded from the variant
// the caller sets, parsed here as a server would (url.ParseQuery, mime/multipart); a
// ready-made multipart body is sent with the boundary the caller gives, and refused without
// one. Hand-written: the generator keeps this file.

import (
	"bytes"
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

// received is one request as the server saw it.
type received struct {
	mediaType string
	params    map[string]string
	body      []byte
}

func newServer(t *testing.T, status int) (*Client, func() received) {
	t.Helper()
	var got received
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var mt string
		var params map[string]string
		if ct := r.Header.Get("Content-Type"); ct != "" {
			var err error
			if mt, params, err = mime.ParseMediaType(ct); err != nil {
				t.Errorf("Content-Type %q: %v", ct, err)
			}
		}
		body, _ := io.ReadAll(r.Body)
		got = received{mt, params, body}
		if status == http.StatusNoContent {
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(srv.Close)
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
	return c, func() received { return got }
}

func TestFormUnionVariants(t *testing.T) {
	c, last := newServer(t, http.StatusOK)
	ctx := context.Background()
	if _, err := c.PostMessage(ctx, PostMessageRequest{Body: PostMessageBody{
		TextMessage: &TextMessage{Channel: "C1", Text: "hi & bye", UnfurlLinks: Ptr(false)},
	}}); err != nil {
		t.Fatal(err)
	}
	got := last()
	if got.mediaType != "application/x-www-form-urlencoded" || string(got.body) != "channel=C1&text=hi+%26+bye&unfurl_links=false" {
		t.Errorf("text variant: %s %s", got.mediaType, got.body)
	}

	if _, err := c.PostMessage(ctx, PostMessageRequest{Body: PostMessageBody{
		BlocksMessage: &BlocksMessage{Channel: "C2", Blocks: []Block{
			{Type: "section", Text: Ptr("Hello"), Fields: []string{"a", "b"}},
			{Type: "divider"},
		}},
	}}); err != nil {
		t.Fatal(err)
	}
	got = last()
	want := "channel=C2&blocks%5B0%5D%5Btype%5D=section&blocks%5B0%5D%5Btext%5D=Hello" +
		"&blocks%5B0%5D%5Bfields%5D%5B0%5D=a&blocks%5B0%5D%5Bfields%5D%5B1%5D=b&blocks%5B1%5D%5Btype%5D=divider"
	if string(got.body) != want {
		t.Errorf("blocks variant:\n%s\nwant\n%s", got.body, want)
	}
	form, err := url.ParseQuery(string(got.body))
	if err != nil || form.Get("blocks[0][fields][1]") != "b" || form.Get("blocks[1][type]") != "divider" {
		t.Errorf("parsed form %v, %v", form, err)
	}
}

func TestOptionalFormUnion(t *testing.T) {
	c, last := newServer(t, http.StatusNoContent)
	ctx := context.Background()
	if err := c.UpdateMessage(ctx, UpdateMessageRequest{Body: &UpdateMessageBody{
		UpdateMessageBodyVariant2: &UpdateMessageBodyVariant2{ClientMsgID: "m-1", Text: Ptr("edited")},
	}}); err != nil {
		t.Fatal(err)
	}
	if got := last(); string(got.body) != "client_msg_id=m-1&text=edited" {
		t.Errorf("form = %s", got.body)
	}
	if err := c.UpdateMessage(ctx, UpdateMessageRequest{}); err != nil {
		t.Fatal(err)
	}
	if got := last(); len(got.body) != 0 {
		t.Errorf("nil body sent %q", got.body)
	}
}

// parts reads a multipart/form-data body as a server would, each part as
// "name|file name|content type|content".
func parts(t *testing.T, got received) []string {
	t.Helper()
	if got.mediaType != "multipart/form-data" || got.params["boundary"] == "" {
		t.Fatalf("Content-Type %s %v: want multipart/form-data with a boundary", got.mediaType, got.params)
	}
	var out []string
	r := multipart.NewReader(bytes.NewReader(got.body), got.params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		out = append(out, p.FormName()+"|"+p.FileName()+"|"+p.Header.Get("Content-Type")+"|"+string(b))
	}
}

func TestMultipartUnionVariants(t *testing.T) {
	c, last := newServer(t, http.StatusOK)
	ctx := context.Background()
	if _, err := c.UploadFile(ctx, UploadFileRequest{Body: UploadFileBody{
		ContentUpload: &ContentUpload{
			File:     UploadFile{Name: "notes.txt", Content: strings.NewReader("line one\n")},
			Title:    Ptr("Notes"),
			Channels: []string{"C1", "C2"},
		},
	}}); err != nil {
		t.Fatal(err)
	}
	want := []string{"file|notes.txt|text/plain|line one\n", "title|||Notes", "channels|||C1", "channels|||C2"}
	if got := parts(t, last()); !reflect.DeepEqual(got, want) {
		t.Errorf("parts = %q, want %q", got, want)
	}

	if _, err := c.UploadFile(ctx, UploadFileRequest{Body: UploadFileBody{
		LinkUpload: &LinkUpload{URL: "https://files.test/a.pdf"},
	}}); err != nil {
		t.Fatal(err)
	}
	if got, want := parts(t, last()), []string{"url|||https://files.test/a.pdf"}; !reflect.DeepEqual(got, want) {
		t.Errorf("link variant parts = %q, want %q", got, want)
	}
}

func TestMultipartUnionNoVariant(t *testing.T) {
	c, _ := newServer(t, http.StatusOK)
	if _, err := c.UploadFile(context.Background(), UploadFileRequest{}); err == nil || !strings.Contains(err.Error(), "no variant") {
		t.Errorf("err = %v, want no variant set", err)
	}
}

// TestReadyMadeMultipart: the caller's body goes with the caller's boundary; without one the
// SDK refuses to send rather than sending a body no server can split.
func TestReadyMadeMultipart(t *testing.T) {
	c, last := newServer(t, http.StatusNoContent)
	ctx := context.Background()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("a", "1")
	w.Close()
	ct := strings.Replace(w.FormDataContentType(), "multipart/form-data", "multipart/mixed", 1)
	if err := c.UploadBatch(ctx, UploadBatchRequest{Body: bytes.NewReader(buf.Bytes()), BodyContentType: ct}); err != nil {
		t.Fatal(err)
	}
	got := last()
	if got.mediaType != "multipart/mixed" || got.params["boundary"] != w.Boundary() || !bytes.Equal(got.body, buf.Bytes()) {
		t.Errorf("sent %s %v %q", got.mediaType, got.params, got.body)
	}
	for _, bad := range []string{"", "multipart/mixed"} {
		err := c.UploadBatch(ctx, UploadBatchRequest{Body: strings.NewReader("x"), BodyContentType: bad})
		if err == nil || !strings.Contains(err.Error(), "boundary") {
			t.Errorf("content type %q: err = %v, want a missing boundary refused", bad, err)
		}
	}
}
