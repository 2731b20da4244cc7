package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// TestMoovEndToEnd generates the whole Moov SDK and runs, inside it, a hand-written test
// (moovE2ETest) that drives it against a fake Moov server: the
// multipart upload of uploadFile (part names, file name, per-part media types, filePurpose), the
// token request of createAccessToken as JSON and as a form, PDF downloads read through their
// io.ReadCloser, 422 validation errors and 400 GenericErrors reached with errors.As, and the
// list iterators: ListTicketsAll following nextPage.cursor, ListAccountsAll moving skip by count.
func TestMoovEndToEnd(t *testing.T) {
	if _, err := os.Stat(moovSpec); err != nil {
		t.Skipf("skipping: %s is absent (it lives in ../shared, beside the repository)", moovSpec)
	}
	if testing.Short() {
		t.Skip("skipping in -short mode: builds and tests a whole SDK")
	}
	api, diags := parser.Parse(moovSpec, parser.Config{})
	if diags.HasErrors() {
		t.Fatalf("moov spec has errors:\n%v", diags)
	}
	files, err := gen.Generate(api, gen.Config{Package: "moov", Module: "example.com/moov", GoMod: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, files)
	if err := os.WriteFile(filepath.Join(dir, "e2e_test.go"), []byte(moovE2ETest), 0o644); err != nil {
		t.Fatal(err)
	}
	out := run(t, dir, "go", "test", "-count=1", "-v", "-run", "^TestE2E", ".")
	for _, name := range []string{"TestE2EUploadFile", "TestE2ECreateAccessToken", "TestE2EPDFDownload", "TestE2EErrors", "TestE2EListTicketsAll", "TestE2EListAccountsAll"} {
		if !strings.Contains(out, "--- PASS: "+name+" ") {
			t.Errorf("%s did not pass:\n%s", name, out)
		}
	}
}

// moovE2ETest is the test written into the generated Moov SDK (package moov).
const moovE2ETest = `package moov

// End to end against a fake Moov: the multipart file upload, the
// token request as JSON and as a form, PDF downloads, and 422 validation errors and 400
// GenericErrors through errors.As. Written by gen/moov_e2e_test.go into the generated SDK.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// e2eRequest is what the fake server saw of one request.
type e2eRequest struct {
	method, path, accept, contentType, auth, version string
	body                                             []byte
	parts                                            []e2ePart
	form                                             url.Values
}

// e2ePart is one multipart part as the server read it.
type e2ePart struct {
	name, filename, contentType, content string
}

// fakeMoov records each request and answers with the handler's status and body.
type fakeMoov struct {
	mu   sync.Mutex
	reqs []e2eRequest
}

func newFakeMoov(t *testing.T, answer func(r *http.Request) (status int, contentType, body string)) (*fakeMoov, *Client) {
	t.Helper()
	f := &fakeMoov{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := e2eRequest{method: r.Method, path: r.URL.Path, accept: r.Header.Get("Accept"),
			contentType: r.Header.Get("Content-Type"), auth: r.Header.Get("Authorization"), version: r.Header.Get("X-Moov-Version")}
		mt, _, _ := mime.ParseMediaType(got.contentType)
		switch mt {
		case "multipart/form-data":
			mr, err := r.MultipartReader()
			if err != nil {
				t.Errorf("multipart: %v", err)
				break
			}
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
				got.parts = append(got.parts, e2ePart{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
			}
		case "application/x-www-form-urlencoded":
			if err := r.ParseForm(); err != nil {
				t.Errorf("form: %v", err)
			}
			got.form = r.PostForm
		default:
			got.body, _ = io.ReadAll(r.Body)
		}
		f.mu.Lock()
		f.reqs = append(f.reqs, got)
		f.mu.Unlock()
		status, ct, body := answer(r)
		w.Header().Set("x-request-id", "req-42")
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithBasicAuth("moov-user", "moov-pass"),
		WithRetryPolicy(RetryPolicy{}))
	return f, c
}

func (f *fakeMoov) last(t *testing.T) e2eRequest {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) == 0 {
		t.Fatal("no request reached the server")
	}
	return f.reqs[len(f.reqs)-1]
}

// checkCommon checks what every Moov request carries.
func checkCommon(t *testing.T, r e2eRequest, method, path string) {
	t.Helper()
	if r.method != method || r.path != path {
		t.Errorf("request = %s %s, want %s %s", r.method, r.path, method, path)
	}
	want := (&http.Request{Header: http.Header{}})
	want.SetBasicAuth("moov-user", "moov-pass")
	if r.auth != want.Header.Get("Authorization") {
		t.Errorf("Authorization = %q, want basic auth for moov-user", r.auth)
	}
	if r.version != "v2026.01.00" {
		t.Errorf("X-Moov-Version = %q, want the spec's default v2026.01.00", r.version)
	}
}

const fileDetailsJSON = "{\"fileID\":\"file-1\",\"fileName\":\"license.pdf\",\"accountID\":\"acct-1\",\"filePurpose\":\"identity_verification\"," +
	"\"fileStatus\":\"pending\",\"metadata\":\"{}\",\"fileSizeBytes\":8,\"createdOn\":\"2026-01-02T03:04:05Z\",\"updatedOn\":\"2026-01-02T03:04:05Z\"}"

// TestE2EUploadFile: uploadFile streams a multipart body whose file part carries its name, file
// name and the matching media type of the encoding object's list, and whose filePurpose part is
// text/plain as the encoding object says.
func TestE2EUploadFile(t *testing.T) {
	f, c := newFakeMoov(t, func(r *http.Request) (int, string, string) {
		return 200, "application/json", fileDetailsJSON
	})
	ctx := context.Background()
	for _, tc := range []struct{ filename, content, wantType string }{
		{"license.pdf", "%PDF-1.7", "application/pdf"},
		{"selfie.png", "\x89PNG\r\n", "image/png"},
	} {
		t.Run(tc.filename, func(t *testing.T) {
			details, err := c.Files.Upload(ctx, "acct-1", UploadFileRequest{Body: FileUploadRequestMultiPart{
				File:        UploadFile{Name: tc.filename, Content: strings.NewReader(tc.content)},
				FilePurpose: FilePurposeIdentityVerification,
				Metadata:    Ptr("{\"comment\":\"front\"}"),
			}})
			if err != nil {
				t.Fatal(err)
			}
			if details.FileID != "file-1" || details.FilePurpose != FilePurposeIdentityVerification || details.CreatedOn.IsZero() {
				t.Errorf("FileDetails = %+v", details)
			}
			r := f.last(t)
			checkCommon(t, r, "POST", "/accounts/acct-1/files")
			if mt, params, _ := mime.ParseMediaType(r.contentType); mt != "multipart/form-data" || params["boundary"] == "" {
				t.Errorf("Content-Type = %q", r.contentType)
			}
			want := []e2ePart{
				{"file", tc.filename, tc.wantType, tc.content},
				{"filePurpose", "", "text/plain", "identity_verification"},
				{"metadata", "", "", "{\"comment\":\"front\"}"},
			}
			if !reflect.DeepEqual(r.parts, want) {
				t.Errorf("parts:\n got %q\nwant %q", r.parts, want)
			}
		})
	}
}

const tokenJSON = "{\"token_type\":\"bearer\",\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"expires_in\":3600,\"scope\":\"/accounts.read\"}"

// TestE2ECreateAccessToken: createAccessToken sends its body as JSON (the plain method) or as a
// form (CreateAccessTokenForm), grant_type and the other fields under their spec names.
func TestE2ECreateAccessToken(t *testing.T) {
	f, c := newFakeMoov(t, func(r *http.Request) (int, string, string) {
		return 200, "application/json", tokenJSON
	})
	ctx := context.Background()
	wantToken := AuthToken{TokenType: "bearer", AccessToken: "at-1", RefreshToken: "rt-1", ExpiresIn: 3600, Scope: "/accounts.read"}
	body := AuthTokenRequest{
		GrantType:    GrantTypeClientCredentials,
		ClientID:     Ptr("client-1"),
		ClientSecret: Ptr("s3cr=t&x"),
		Scope:        Ptr("/accounts.read /accounts/acct-1/files.write"),
	}

	t.Run("form", func(t *testing.T) {
		tok, err := c.Authentication.CreateAccessTokenForm(ctx, CreateAccessTokenFormRequest{Body: body})
		if err != nil {
			t.Fatal(err)
		}
		if *tok != wantToken {
			t.Errorf("token = %+v, want %+v", *tok, wantToken)
		}
		r := f.last(t)
		checkCommon(t, r, "POST", "/oauth2/token")
		if mt, _, _ := mime.ParseMediaType(r.contentType); mt != "application/x-www-form-urlencoded" {
			t.Errorf("Content-Type = %q, want application/x-www-form-urlencoded", r.contentType)
		}
		want := url.Values{
			"grant_type":    {"client_credentials"},
			"client_id":     {"client-1"},
			"client_secret": {"s3cr=t&x"},
			"scope":         {"/accounts.read /accounts/acct-1/files.write"},
		}
		if !reflect.DeepEqual(r.form, want) {
			t.Errorf("form = %v, want %v", r.form, want)
		}
	})
	t.Run("form refresh_token", func(t *testing.T) {
		_, err := c.Authentication.CreateAccessTokenForm(ctx, CreateAccessTokenFormRequest{Body: AuthTokenRequest{
			GrantType: GrantTypeRefreshToken, RefreshToken: Ptr("rt-1"),
		}})
		if err != nil {
			t.Fatal(err)
		}
		if want := (url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"rt-1"}}); !reflect.DeepEqual(f.last(t).form, want) {
			t.Errorf("form = %v, want %v", f.last(t).form, want)
		}
	})
	t.Run("json", func(t *testing.T) {
		tok, err := c.Authentication.CreateAccessToken(ctx, CreateAccessTokenRequest{Body: body})
		if err != nil {
			t.Fatal(err)
		}
		if *tok != wantToken {
			t.Errorf("token = %+v, want %+v", *tok, wantToken)
		}
		r := f.last(t)
		checkCommon(t, r, "POST", "/oauth2/token")
		if mt, _, _ := mime.ParseMediaType(r.contentType); mt != "application/json" {
			t.Errorf("Content-Type = %q, want application/json", r.contentType)
		}
		var got, want map[string]any
		json.Unmarshal(r.body, &got)
		json.Unmarshal([]byte("{\"grant_type\":\"client_credentials\",\"client_id\":\"client-1\",\"client_secret\":\"s3cr=t&x\",\"scope\":\"/accounts.read /accounts/acct-1/files.write\"}"), &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("JSON body = %s", r.body)
		}
	})
}

// TestE2EPDFDownload: operations returning application/pdf hand the body over as an
// io.ReadCloser, unread; the request asks for the PDF.
func TestE2EPDFDownload(t *testing.T) {
	const pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
	f, c := newFakeMoov(t, func(r *http.Request) (int, string, string) {
		return 200, "application/pdf", pdf
	})
	ctx := context.Background()
	read := func(t *testing.T, body io.ReadCloser, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		if err := body.Close(); err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	t.Run("merchant processing agreement", func(t *testing.T) {
		body, err := c.Accounts.GetMerchantProcessingAgreement(ctx, "acct-1")
		if got := read(t, body, err); got != pdf {
			t.Errorf("PDF = %q", got)
		}
		r := f.last(t)
		checkCommon(t, r, "GET", "/accounts/acct-1/merchant-agreement")
		if r.accept != "application/pdf" {
			t.Errorf("Accept = %q, want application/pdf", r.accept)
		}
	})
	t.Run("dispute evidence data", func(t *testing.T) {
		body, err := c.Disputes.GetEvidenceData(ctx, "acct-1", "disp-1", "ev-1")
		if got := read(t, body, err); got != pdf {
			t.Errorf("PDF = %q", got)
		}
		r := f.last(t)
		checkCommon(t, r, "GET", "/accounts/acct-1/disputes/disp-1/evidence/ev-1/data")
		if !strings.Contains(r.accept, "application/pdf") {
			t.Errorf("Accept = %q, want application/pdf among the types", r.accept)
		}
	})
}

// TestE2EErrors: 422 bodies decode to each operation's validation schema, 400 to GenericError,
// whose field Error holds the message; both through errors.As, the *APIError still there.
func TestE2EErrors(t *testing.T) {
	answers := map[string]struct {
		status int
		body   string
	}{
		"/accounts/acct-422/files": {422, "{\"file\":\"file type not supported\",\"filePurpose\":\"unknown purpose\",\"error\":\"invalid upload\"}"},
		"/accounts/acct-400/files": {400, "{\"error\":\"malformed multipart body\"}"},
		"/oauth2/token":            {422, "{\"scope\":\"scope is required for client_credentials\"}"},
	}
	_, c := newFakeMoov(t, func(r *http.Request) (int, string, string) {
		a := answers[r.URL.Path]
		return a.status, "application/json", a.body
	})
	ctx := context.Background()
	upload := func(accountID string) error {
		_, err := c.Files.Upload(ctx, accountID, UploadFileRequest{Body: FileUploadRequestMultiPart{
			File:        UploadFile{Name: "notes.exe", Content: strings.NewReader("MZ")},
			FilePurpose: "unknown",
		}})
		return err
	}
	checkAPIError := func(t *testing.T, err error, status int) {
		t.Helper()
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%v is not an *APIError", err)
		}
		if apiErr.StatusCode != status || apiErr.RequestID != "req-42" {
			t.Errorf("APIError status %d request id %q, want %d req-42", apiErr.StatusCode, apiErr.RequestID, status)
		}
	}

	t.Run("uploadFile 422 FileValidationError", func(t *testing.T) {
		err := upload("acct-422")
		checkAPIError(t, err, 422)
		var eb *ErrorBody[FileValidationError]
		if !errors.As(err, &eb) {
			t.Fatalf("errors.As(%v, *ErrorBody[FileValidationError]) = false", err)
		}
		if eb.Body.File == nil || *eb.Body.File != "file type not supported" || eb.Body.FilePurpose == nil || *eb.Body.FilePurpose != "unknown purpose" ||
			eb.Body.Error == nil || *eb.Body.Error != "invalid upload" {
			t.Errorf("FileValidationError = %+v", eb.Body)
		}
		var generic *ErrorBody[GenericError]
		if errors.As(err, &generic) {
			t.Errorf("a 422 also unwraps to GenericError: %+v", generic.Body)
		}
	})
	t.Run("uploadFile 400 GenericError", func(t *testing.T) {
		err := upload("acct-400")
		checkAPIError(t, err, 400)
		var eb *ErrorBody[GenericError]
		if !errors.As(err, &eb) {
			t.Fatalf("errors.As(%v, *ErrorBody[GenericError]) = false", err)
		}
		if eb.Body.Error != "malformed multipart body" {
			t.Errorf("GenericError.Error = %q", eb.Body.Error)
		}
	})
	t.Run("createAccessToken 422 AuthTokenRequestError", func(t *testing.T) {
		_, err := c.Authentication.CreateAccessTokenForm(ctx, CreateAccessTokenFormRequest{Body: AuthTokenRequest{GrantType: GrantTypeClientCredentials}})
		checkAPIError(t, err, 422)
		var eb *ErrorBody[AuthTokenRequestError]
		if !errors.As(err, &eb) {
			t.Fatalf("errors.As(%v, *ErrorBody[AuthTokenRequestError]) = false", err)
		}
		if eb.Body.Scope == nil || *eb.Body.Scope != "scope is required for client_credentials" {
			t.Errorf("AuthTokenRequestError = %+v", eb.Body)
		}
	})
}

// The iterator keeps ListTickets's arguments: account, request, options.
var _ func(context.Context, string, ListTicketsRequest, ...RequestOption) iter.Seq2[Ticket, error] = (&SupportService{}).ListTicketsAll

// TestE2EListTicketsAll: ListTicketsAll asks for the first page as given, then feeds each
// nextPage.cursor back into the cursor parameter, and stops on the page without nextPage.
func TestE2EListTicketsAll(t *testing.T) {
	var queries []string
	var mu sync.Mutex
	_, c := newFakeMoov(t, func(r *http.Request) (int, string, string) {
		mu.Lock()
		queries = append(queries, r.URL.Path+"?"+r.URL.Query().Encode())
		mu.Unlock()
		switch r.URL.Query().Get("cursor") {
		case "":
			return 200, "application/json", "{\"items\":[{\"ticketID\":\"t1\"},{\"ticketID\":\"t2\"}],\"nextPage\":{\"cursor\":\"c2\"}}"
		case "c2":
			return 200, "application/json", "{\"items\":[{\"ticketID\":\"t3\"}]}"
		}
		return 500, "", ""
	})
	var got []string
	for ticket, err := range c.Support.ListTicketsAll(context.Background(), "acct-1", ListTicketsRequest{Count: Ptr(int64(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ticket.TicketID)
	}
	if !reflect.DeepEqual(got, []string{"t1", "t2", "t3"}) {
		t.Errorf("tickets %v", got)
	}
	want := []string{"/accounts/acct-1/tickets?count=2", "/accounts/acct-1/tickets?count=2&cursor=c2"}
	if !reflect.DeepEqual(queries, want) {
		t.Errorf("requests %q, want %q", queries, want)
	}
}

// TestE2EListAccountsAll: Accounts.ListAll, a skip/count list moves skip on by the items received and stops on a
// page shorter than count.
func TestE2EListAccountsAll(t *testing.T) {
	var queries []string
	var mu sync.Mutex
	_, c := newFakeMoov(t, func(r *http.Request) (int, string, string) {
		mu.Lock()
		queries = append(queries, r.URL.Query().Encode())
		mu.Unlock()
		switch r.URL.Query().Get("skip") {
		case "":
			return 200, "application/json", "[{\"accountID\":\"a1\"},{\"accountID\":\"a2\"}]"
		case "2":
			return 200, "application/json", "[{\"accountID\":\"a3\"}]"
		}
		return 500, "", ""
	})
	var got []string
	for acct, err := range c.Accounts.ListAll(context.Background(), ListAccountsRequest{Count: Ptr(int64(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, acct.AccountID)
	}
	if !reflect.DeepEqual(got, []string{"a1", "a2", "a3"}) {
		t.Errorf("accounts %v", got)
	}
	if want := []string{"count=2", "count=2&skip=2"}; !reflect.DeepEqual(queries, want) {
		t.Errorf("queries %q, want %q", queries, want)
	}
}
`
