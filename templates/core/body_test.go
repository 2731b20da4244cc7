package core

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type upload struct {
	File    UploadFile       `json:"file"`
	Extra   *UploadFile      `json:"extra,omitzero"`
	Purpose string           `json:"purpose"`
	Count   *int64           `json:"count,omitzero"`
	Tags    []string         `json:"tags,omitzero"`
	Meta    map[string]bool  `json:"meta,omitzero"`
	Note    Nullable[string] `json:"note,omitzero"`
}

// zeros is a reader of n zero bytes that holds nothing in memory.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), z.n)
	clear(p[:k])
	z.n -= k
	return int(k), nil
}

func TestMultipartBody(t *testing.T) {
	type part struct{ name, filename, ctype, body string }
	var got []part
	var total int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil {
			t.Errorf("content type: %v", err)
		}
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("next part: %v", err)
				break
			}
			if p.FormName() == "big" {
				n, _ := io.Copy(io.Discard, p)
				total += n
				continue
			}
			b, _ := io.ReadAll(p)
			got = append(got, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
		}
		w.WriteHeader(204)
	}))
	defer srv.Close()
	cfg, _ := testConfig(srv.URL)
	n := int64(3)
	req := NewRequest(cfg, &Operation{ID: "upload", Method: "POST", Path: "/files"}, nil)
	req.MultipartBody(upload{
		File:    UploadFile{Name: "scan.png", Content: strings.NewReader("PNG")},
		Purpose: "identity",
		Count:   &n,
		Tags:    []string{"a", "b"},
		Meta:    map[string]bool{"x": true},
		Note:    Null[string](),
	}, map[string]string{"file": "image/jpeg, image/png", "purpose": "text/plain"})
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	want := []part{
		{"file", "scan.png", "image/png", "PNG"}, // the listed type matching the extension
		{"purpose", "", "text/plain", "identity"},
		{"count", "", "", "3"},
		{"tags", "", "", "a"},
		{"tags", "", "", "b"},
		{"meta", "", "application/json", `{"x":true}`},
		{"note", "", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("parts = %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("part %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	// A file far larger than anything the test could buffer streams through.
	type bigUpload struct {
		Big UploadFile `json:"big"`
	}
	req = NewRequest(cfg, &Operation{ID: "upload", Method: "POST", Path: "/files"}, nil)
	req.MultipartBody(bigUpload{Big: UploadFile{Name: "big.bin", Content: &zeros{n: 256 << 20}}}, nil)
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if total != 256<<20 {
		t.Errorf("streamed %d bytes, want %d", total, 256<<20)
	}
}

func TestMultipartHeaderInjection(t *testing.T) {
	m := &multipartBody{boundary: "b", types: map[string]string{"f": "text/plain\r\nX-Evil: 1"}}
	m.addFile("f\"\r\nX-Evil: 2", UploadFile{Name: "a\"b\r\n.txt", Content: strings.NewReader("x")})
	b, _ := io.ReadAll(io.MultiReader(m.parts...))
	if strings.Contains(string(b), "\r\nX-Evil") {
		t.Errorf("a header was injected:\n%q", b)
	}
}

func TestMultipartRejectsNonStruct(t *testing.T) {
	cfg, _ := testConfig("https://api.test", WithHTTPClient(failClient(t)))
	req := NewRequest(cfg, &Operation{ID: "upload", Method: "POST", Path: "/files"}, nil)
	req.MultipartBody("not a struct", nil)
	if err := req.Do(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "must be a struct") {
		t.Errorf("err = %v", err)
	}
}

func TestFormBody(t *testing.T) {
	type address struct {
		City string `json:"city"`
		Zip  string `json:"zip,omitzero"`
	}
	type token struct {
		GrantType string            `json:"grant_type"`
		Scope     []string          `json:"scope,omitzero"`
		Limit     *int              `json:"limit,omitzero"`
		Address   *address          `json:"address,omitzero"`
		Metadata  map[string]string `json:"metadata,omitzero"`
		Empty     string            `json:"empty,omitzero"`
	}
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "token", Method: "POST", Path: "/oauth2/token"}, nil)
	req.FormBody(token{
		GrantType: "client_credentials",
		Scope:     []string{"a b", "c"},
		Address:   &address{City: "Zürich"},
		Metadata:  map[string]string{"k2": "v2", "k1": "v&1"},
	}, nil)
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	r := sent()[0]
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type = %s", ct)
	}
	body, _ := io.ReadAll(r.Body)
	want := "grant_type=client_credentials&scope=a+b&scope=c&address%5Bcity%5D=Z%C3%BCrich&metadata%5Bk1%5D=v%261&metadata%5Bk2%5D=v2"
	if string(body) != want {
		t.Errorf("form body =\n%s\nwant\n%s", body, want)
	}
}

// TestFormBodyEncoding applies the encoding object's style and explode
// per property.
func TestFormBodyEncoding(t *testing.T) {
	type body struct {
		Colors []string `json:"colors"`
		Pipe   []string `json:"pipe"`
		Plain  []string `json:"plain"`
		Point  struct {
			X int `json:"x"`
			Y int `json:"y"`
		} `json:"point"`
	}
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "f", Method: "POST", Path: "/f"}, nil)
	v := body{Colors: []string{"red", "green"}, Pipe: []string{"a", "b"}, Plain: []string{"1", "2"}}
	v.Point.X, v.Point.Y = 1, 2
	req.FormBody(v, map[string]ParamFlag{"colors": NoExplode, "pipe": PipeDelimited | NoExplode, "point": NoExplode})
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(sent()[0].Body)
	if want := "colors=red,green&pipe=a%7Cb&plain=1&plain=2&point=x,1,y,2"; string(got) != want {
		t.Errorf("form = %s, want %s", got, want)
	}
}

// TestJSONBodyAs: a vendor JSON media type labels the JSON body.
func TestJSONBodyAs(t *testing.T) {
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	r := NewRequest(cfg, &Operation{ID: "op", Method: "POST", Path: "/x"}, nil)
	r.JSONBodyAs("application/vnd.api+json", map[string]int{"a": 1})
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	req := sent()[0]
	b, _ := io.ReadAll(req.Body)
	if ct := req.Header.Get("Content-Type"); ct != "application/vnd.api+json" || string(b) != `{"a":1}` {
		t.Errorf("sent %q %s", ct, b)
	}
}
