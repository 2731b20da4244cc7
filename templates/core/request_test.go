package core

import (
	"context"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

type ticketStatus string // a generated enum

type level int

func (l level) String() string { return "level" } // numbers are sent as numbers, not by String

type region struct{ code string }

func (r region) String() string { return "region-" + r.code }

// textPtr implements encoding.TextMarshaler on its pointer only.
type textPtr struct{ v string }

func (p *textPtr) MarshalText() ([]byte, error) { return []byte("text-" + p.v), nil }

type Base struct {
	ID string `json:"id"`
}

type base struct {
	Kind string `json:"kind"`
}

type embedding struct {
	*Base
	base
	Name string `json:"name"`
}

func TestPathEscaping(t *testing.T) {
	tests := []struct {
		name  string
		value any
		want  string
	}{
		{"plain", "acc_1-2.3~", "/accounts/acc_1-2.3~/tickets/t"},
		{"slash stays one segment", "a/b", "/accounts/a%2Fb/tickets/t"},
		{"space", "a b", "/accounts/a%20b/tickets/t"},
		{"query and fragment", "a?b#c", "/accounts/a%3Fb%23c/tickets/t"},
		{"percent", "100%", "/accounts/100%25/tickets/t"},
		{"dot dot", "..", "/accounts/%2E%2E/tickets/t"},
		{"dot", ".", "/accounts/%2E/tickets/t"},
		{"unicode", "é", "/accounts/%C3%A9/tickets/t"},
		{"int", 42, "/accounts/42/tickets/t"},
		{"enum", ticketStatus("in_progress"), "/accounts/in_progress/tickets/t"},
		{"pointer", ptr("p"), "/accounts/p/tickets/t"},
		{"array", []string{"a", "b,c"}, "/accounts/a,b%2Cc/tickets/t"},
		{"object", map[string]string{"b": "2/3", "a": "1"}, "/accounts/a,1,b,2%2F3/tickets/t"},
		{"text marshaler on pointer", textPtr{"x"}, "/accounts/text-x/tickets/t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hc, reqs := captureClient("")
			cfg, _ := testConfig("https://api.test/v1/", WithHTTPClient(hc))
			r := NewRequest(cfg, opGet, nil)
			r.PathParam("accountID", tt.value)
			r.PathParam("ticketID", "t")
			if err := r.Do(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			if got := reqs()[0].URL.EscapedPath(); got != "/v1"+tt.want {
				t.Errorf("path = %q, want %q", got, "/v1"+tt.want)
			}
		})
	}
}

// TestPathString: the string fast path writes what PathParam writes, and
// refuses an empty value as PathParam does.
func TestPathString(t *testing.T) {
	for _, v := range []string{"acc_1-2.3~", "a/b", "a b", "a?b#c", "100%", "..", ".", "é", ""} {
		var got [2]string
		var errs [2]error
		for i, set := range []func(r *Request){
			func(r *Request) { r.PathParam("accountID", v) },
			func(r *Request) { r.PathString("accountID", v) },
		} {
			hc, reqs := captureClient("")
			cfg, _ := testConfig("https://api.test/v1/", WithHTTPClient(hc))
			r := NewRequest(cfg, opGet, nil)
			set(r)
			r.PathString("ticketID", "t")
			if errs[i] = r.Do(context.Background(), nil); errs[i] == nil {
				got[i] = reqs()[0].URL.EscapedPath()
			}
		}
		if got[0] != got[1] || (errs[0] == nil) != (errs[1] == nil) {
			t.Errorf("%q: PathParam gave %q, %v; PathString %q, %v", v, got[0], errs[0], got[1], errs[1])
		}
		if v == "" && errs[1] == nil {
			t.Error("an empty path parameter was sent")
		}
	}
}

func TestPathParamSetTwice(t *testing.T) {
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	r := NewRequest(cfg, opGet, nil)
	r.PathParam("accountID", "first")
	r.PathParam("ticketID", "t")
	r.PathParam("accountID", "second")
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := reqs()[0].URL.EscapedPath(); got != "/accounts/second/tickets/t" {
		t.Errorf("path = %q, want the last value", got)
	}
}

func TestErrorsBeforeSending(t *testing.T) {
	var nilString *string
	tests := []struct {
		name  string
		build func(r *Request)
		opts  []Option
		ropts []RequestOption
		want  string // in the error, after "getTicket: "
	}{
		{"empty path", func(r *Request) { r.PathParam("ticketID", "") }, nil, nil, "path parameter ticketID is empty"},
		{"nil path", func(r *Request) { r.PathParam("ticketID", nilString) }, nil, nil, "path parameter ticketID is empty"},
		{"null path", func(r *Request) { r.PathParam("ticketID", Null[string]()) }, nil, nil, "path parameter ticketID is empty"},
		{"unset path", func(r *Request) {}, nil, nil, "path parameter ticketID is missing"},
		{"unknown path", func(r *Request) { r.PathParam("ticketID", "t"); r.PathParam("other", "x") }, nil, nil, "path parameter other is not in the path"},
		{"required query nil", func(r *Request) { r.QueryParam("status", nilString, Required) }, nil, nil, "required query parameter status is missing"},
		{"required query empty slice", func(r *Request) { r.QueryParam("ids", []string{}, Required) }, nil, nil, "required query parameter ids is missing"},
		{"required query nil slice", func(r *Request) { r.QueryParam("ids", []int(nil), Required) }, nil, nil, "required query parameter ids is missing"},
		{"required query empty string", func(r *Request) { r.QueryParam("q", "", Required) }, nil, nil, "required query parameter q is missing"},
		{"required query absent nullable", func(r *Request) { r.QueryParam("q", Nullable[int]{}, Required) }, nil, nil, "required query parameter q is missing"},
		{"required header", func(r *Request) { r.HeaderParam("X-Account", "", Required) }, nil, nil, "required header parameter X-Account is missing"},
		{"required cookie", func(r *Request) { r.CookieParam("session", nilString, Required) }, nil, nil, "required cookie parameter session is missing"},
		{"header CR", func(r *Request) { r.HeaderParam("X-A", "a\rb", 0) }, nil, nil, "header parameter X-A: header X-A: value contains CR or LF"},
		{"header LF", func(r *Request) { r.HeaderParam("X-A", "a\nInjected: 1", 0) }, nil, nil, "value contains CR or LF"},
		{"header NUL", func(r *Request) { r.HeaderParam("X-A", "a\x00", 0) }, nil, nil, "control character"},
		{"header name", func(r *Request) { r.HeaderParam("X A", "a", 0) }, nil, nil, `invalid header name "X A"`},
		{"request header LF", func(r *Request) {}, nil, []RequestOption{WithRequestHeader("X-B", "a\nb")}, "header X-B: value contains CR or LF"},
		{"global CRLF", func(r *Request) {}, []Option{WithGlobal("x-api-version", "v1\r\nX-Evil: 1")}, nil, "header X-Api-Version: value contains CR or LF"},
		{"cookie name", func(r *Request) { r.CookieParam("a b", "x", 0) }, nil, nil, `cookie parameter a b: invalid cookie name "a b"`},
		{"cookie value", func(r *Request) { r.CookieParam("c", "a;b", 0) }, nil, nil, "cookie parameter c: cookie c: invalid character ';'"},
		{"unsupported type", func(r *Request) { r.QueryParam("ch", make(chan int), 0) }, nil, nil, "query parameter ch: unsupported type chan int"},
		{"bad map key", func(r *Request) { r.QueryParam("m", map[[1]int]int{{1}: 1}, 0) }, nil, nil, "unsupported map key type"},
		{"bad struct field", func(r *Request) {
			r.QueryParam("s", struct{ C chan int }{make(chan int)}, DeepObject)
		}, nil, nil, "query parameter s: field C: unsupported type chan int"},
		{"json body", func(r *Request) { r.JSONBody(make(chan int)) }, nil, nil, "encoding request body"},
		{"server URL", func(r *Request) {}, []Option{WithServerURL("api.test")}, nil, "invalid server URL"},
		{"unparsable server URL", func(r *Request) {}, []Option{WithServerURL("https://[::1")}, nil, "invalid server URL"},
		{"user agent CRLF", func(r *Request) {}, []Option{WithUserAgent("app/1\r\nX-Evil: 1")}, nil, "header User-Agent: value contains CR or LF"},
		{"content type LF", func(r *Request) { r.Body("text/plain\nX-Evil: 1", strings.NewReader("x")) }, nil, nil, "header Content-Type: value contains CR or LF"},
		{"first error wins", func(r *Request) {
			r.QueryParam("a", "", Required)
			r.QueryParam("b", "", Required)
		}, nil, nil, "required query parameter a is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _ := testConfig("https://api.test", append([]Option{WithHTTPClient(failClient(t))}, tt.opts...)...)
			r := NewRequest(cfg, opGet, tt.ropts)
			r.PathParam("accountID", "a")
			if !strings.HasPrefix(tt.name, "unset") && !strings.HasSuffix(tt.name, "path") {
				r.PathParam("ticketID", "t")
			}
			tt.build(r)
			err := r.Do(context.Background(), nil)
			if err == nil || !strings.HasPrefix(err.Error(), "getTicket: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestQueryStyles(t *testing.T) {
	when := time.Date(2024, 3, 1, 10, 30, 0, 500_000_000, time.FixedZone("", 3600))
	type filter struct {
		Status  string        `json:"status,omitempty"`
		Min     *int          `json:"min_amount,omitzero"`
		Skip    string        `json:"-"`
		Created *Date         `json:"created"`
		Inner   *filter       `json:"inner,omitempty"`
		Tags    []string      `json:"tags"`
		Null    Nullable[int] `json:"null"`
		NoTag   bool
	}
	tests := []struct {
		name  string
		value any
		flags ParamFlag
		want  string // RawQuery before the query global
	}{
		{"string", "a b&c=d/é", 0, "p=a+b%26c%3Dd%2F%C3%A9"},
		{"empty string not sent", "", 0, ""},
		{"int", int32(-7), 0, "p=-7"},
		{"uint", uint8(7), 0, "p=7"},
		{"float", 1.5, 0, "p=1.5"},
		{"big float", 1e21, 0, "p=1e%2B21"},
		{"float32", float32(0.1), 0, "p=0.1"},
		{"bool", true, 0, "p=true"},
		{"enum", ticketStatus("on_hold"), 0, "p=on_hold"},
		{"named int with String", level(3), 0, "p=3"},
		{"stringer", region{"eu"}, 0, "p=region-eu"},
		{"time", when, 0, "p=2024-03-01T10%3A30%3A00.5%2B01%3A00"},
		{"date", Date{2024, 3, 1}, 0, "p=2024-03-01"},
		{"pointer", ptr(5), 0, "p=5"},
		{"nil pointer", (*int)(nil), 0, ""},
		{"nil", nil, 0, ""},
		{"nullable absent", Nullable[string]{}, 0, ""},
		{"nullable null", Null[string](), 0, "p="},
		{"nullable value", NewNullable(ticketStatus("new")), 0, "p=new"},
		{"pointer to nullable", ptr(NewNullable(7)), 0, "p=7"},
		{"nullable of a struct", NewNullable(struct {
			A Nullable[string] `json:"a"`
			B string           `json:"b"`
		}{A: NewNullable("x"), B: "y"}), DeepObject, "p%5Ba%5D=x&p%5Bb%5D=y"},
		{"bytes", []byte("hi"), 0, "p=aGk%3D"},
		{"array explode", []string{"a", "b c"}, 0, "p=a&p=b+c"},
		{"array of pointers", []*int{ptr(1), nil, ptr(2)}, 0, "p=1&p=2"},
		{"array no explode", []string{"a", "b,c"}, NoExplode, "p=a,b%2Cc"},
		{"array space", []int{1, 2, 3}, SpaceDelimited, "p=1%202%203"},
		{"array pipe", []string{"a", "b"}, PipeDelimited, "p=a%7Cb"},
		{"array required", []string{"a"}, Required | NoExplode, "p=a"},
		{"map explode", map[string]int{"b": 2, "a": 1}, 0, "a=1&b=2"},
		{"map no explode", map[string]int{"b": 2, "a": 1}, NoExplode, "p=a,1,b,2"},
		{"map deep", map[string]any{"z": "last", "a": []int{1, 2}, "m": map[string]bool{"x": true}}, DeepObject, "p%5Ba%5D%5B0%5D=1&p%5Ba%5D%5B1%5D=2&p%5Bm%5D%5Bx%5D=true&p%5Bz%5D=last"},
		{"struct deep", filter{Status: "new", Min: ptr(10), Skip: "x", Created: &Date{2024, 1, 2},
			Inner: &filter{Status: "in"}, Null: Null[int](), NoTag: true}, DeepObject,
			"p%5Bstatus%5D=new&p%5Bmin_amount%5D=10&p%5Bcreated%5D=2024-01-02&p%5Binner%5D%5Bstatus%5D=in&p%5Binner%5D%5BNoTag%5D=false&p%5Bnull%5D=&p%5BNoTag%5D=true"},
		{"struct explode", struct {
			A string `json:"a"`
			B int
		}{"x", 2}, 0, "a=x&B=2"},
		{"empty map not sent", map[string]int{}, 0, ""},
		{"embedded structs", embedding{Base: &Base{ID: "i"}, base: base{Kind: "k"}, Name: "n"}, DeepObject, "p%5Bid%5D=i&p%5Bkind%5D=k&p%5Bname%5D=n"},
		{"nil embedded pointer", embedding{Name: "n"}, 0, "name=n"},
		{"map with int keys", map[int]string{10: "b", 2: "a"}, DeepObject, "p%5B10%5D=b&p%5B2%5D=a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hc, reqs := captureClient("")
			cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
			r := getTicket(cfg)
			r.QueryParam("p", tt.value, tt.flags)
			if err := r.Do(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			want := "tenant=acme"
			if tt.want != "" {
				want = tt.want + "&" + want
			}
			if got := reqs()[0].URL.RawQuery; got != want {
				t.Errorf("query = %q, want %q", got, want)
			}
		})
	}
}

func TestQueryOrder(t *testing.T) {
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	r := getTicket(cfg)
	r.QueryParam("z", 1, 0)
	r.QueryParam("a", []int{2, 3}, 0)
	r.QueryParam("m", 4, 0)
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := reqs()[0].URL.RawQuery; got != "z=1&a=2&a=3&m=4&tenant=acme" {
		t.Errorf("query = %q", got)
	}
}

func TestHeaders(t *testing.T) {
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc), WithUserAgent("app/1"), WithUserAgent("extra"),
		WithGlobal("TENANT", ""), WithCredential("key", APIKey("header", "X-Key", "k")))
	op := *opGet
	op.Security = [][]string{{"key"}}
	r := NewRequest(cfg, &op, []RequestOption{
		WithRequestHeader("X-Api-Version", "v2"), WithRequestHeader("x-key", "mine"), WithRequestHeader("X-Multi", "1"),
		WithRequestHeader("X-Multi", "2"), nil,
	})
	r.PathParam("accountID", "a")
	r.PathParam("ticketID", "t")
	r.HeaderParam("X-Ids", []int{1, 2}, 0)
	r.HeaderParam("X-Obj", map[string]string{"b": "2", "a": "1"}, 0)
	r.HeaderParam("X-When", Date{2024, 3, 1}, Required)
	r.HeaderParam("X-None", (*string)(nil), 0)
	r.CookieParam("c1", "v1", 0)
	r.CookieParam("c2", []string{"a", "b"}, 0)
	r.JSONBody(struct{ A int }{1})
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	h := reqs()[0].Header
	want := map[string]string{
		"Accept":        "application/json",
		"User-Agent":    "testsdk/1.2.3 go/" + strings.TrimPrefix(runtime.Version(), "go") + " app/1 extra",
		"X-Api-Version": "v2", // the caller's header wins over the global
		"X-Key":         "mine",
		"X-Ids":         "1,2",
		"X-Obj":         "a,1,b,2",
		"X-When":        "2024-03-01",
		"X-None":        "",
		"X-Undeclared":  "", // a global the operation does not declare
		"Cookie":        `c1=v1; c2=a,b`,
		"Content-Type":  "application/json",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if got := h.Values("X-Multi"); len(got) != 2 {
		t.Errorf("X-Multi = %q", got)
	}
	if q := reqs()[0].URL.RawQuery; q != "" {
		t.Errorf("query = %q, want no empty global", q)
	}
}

// TestDeclaredContentType: a Content-Type the operation fixes goes on a
// request without a body; a body's own media type wins over it.
func TestDeclaredContentType(t *testing.T) {
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	op := *opGet
	op.ContentType = "application/json"
	op.Accept = "application/vnd.api+json;version=2"
	for _, body := range []bool{false, true} {
		r := getTicket(cfg)
		r.op = &op
		if body {
			r.FormBody(map[string]string{"a": "b"}, nil)
		}
		if err := r.Do(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	got := reqs()
	if ct := got[0].Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("without a body: Content-Type = %q", ct)
	}
	if ct := got[1].Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("with a form body: Content-Type = %q", ct)
	}
	if a := got[0].Header.Get("Accept"); a != op.Accept {
		t.Errorf("Accept = %q", a)
	}
	bad := op
	bad.ContentType = "a\nb"
	r := NewRequest(cfg, &bad, nil)
	r.PathParam("accountID", "a")
	r.PathParam("ticketID", "t")
	if err := r.Do(context.Background(), nil); err == nil {
		t.Error("a Content-Type with a newline was sent")
	}
}

func TestBodyContentType(t *testing.T) {
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	r := NewRequest(cfg, &Operation{ID: "up", Method: "POST", Path: "/f"}, nil)
	r.Body("text/csv", strings.NewReader("a,b"))
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	req := reqs()[0]
	if req.Header.Get("Content-Type") != "text/csv" || req.ContentLength != 3 {
		t.Errorf("Content-Type %q, length %d", req.Header.Get("Content-Type"), req.ContentLength)
	}
	r = NewRequest(cfg, &Operation{ID: "up", Method: "POST", Path: "/f"}, nil)
	r.Body("text/csv", nil)
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if req := reqs()[1]; req.Header.Get("Content-Type") != "" || req.Body != nil && req.ContentLength != 0 {
		t.Errorf("nil body sent %q, length %d", req.Header.Get("Content-Type"), req.ContentLength)
	}
}

func TestToParamDepth(t *testing.T) {
	type node struct {
		Next *node `json:"next"`
		V    int   `json:"v"`
	}
	n := &node{V: 1}
	n.Next = n
	_, err := toParam(reflect.ValueOf(n), 0)
	if err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("err = %v", err)
	}
}
