package styles

// Parameter serialisation on the wire: every row of the OpenAPI
// style examples table, for a parameter named "color" with the values "blue",
// ["blue", "black", "brown"] and {"R": 100, "G": 200, "B": 150}, arrays of enums, and parameters
// described by `content` (JSON-encoded). Hand-written: the generator keeps this file.
//
// The expected strings are the table's, as OpenAPI 3.1.1 (and 3.0.4, 3.2.0) print them
// (https://spec.openapis.org/oas/v3.1.1.html#style-examples): percent-encoded as RFC 3986
// requires, so "|" is %7C and "[" "]" are %5B %5D. The server compares the raw request line
// (RequestURI), so nothing is decoded or re-encoded on the way.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// seen is what the fake server received for one call.
type seen struct {
	path   string // the escaped path, as on the request line
	query  string // the raw query, as on the request line
	header http.Header
}

// newStyleServer answers 204 to everything and keeps the last request line and headers.
func newStyleServer(t *testing.T) (*Client, func() seen) {
	t.Helper()
	var mu sync.Mutex
	var last seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, query, _ := strings.Cut(r.RequestURI, "?")
		mu.Lock()
		last = seen{path: path, query: query, header: r.Header.Clone()}
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithHTTPClient(srv.Client())), func() seen {
		mu.Lock()
		defer mu.Unlock()
		return last
	}
}

var (
	blue   = "blue"
	colors = []string{"blue", "black", "brown"}
	rgb    = Rgb{R: 100, G: 200, B: 150}
	named  = []ColorName{ColorNameBlue, ColorNameBlack, ColorNameBrown}
)

// TestPathStyles: simple, label and matrix, explode off and on; the part after the operation's
// fixed prefix is the table's cell.
func TestPathStyles(t *testing.T) {
	c, last := newStyleServer(t)
	ctx := context.Background()
	p := c.Path
	for _, r := range []struct {
		name   string
		prefix string
		call   func() error
		want   string
	}{
		{"simple/false/string", "/path/simple-noexplode-string/", func() error { return p.SimpleNoExplodeString(ctx, blue) }, "blue"},
		{"simple/false/array", "/path/simple-noexplode-array/", func() error { return p.SimpleNoExplodeArray(ctx, colors) }, "blue,black,brown"},
		{"simple/false/object", "/path/simple-noexplode-object/", func() error { return p.SimpleNoExplodeObject(ctx, rgb) }, "R,100,G,200,B,150"},
		{"simple/true/string", "/path/simple-explode-string/", func() error { return p.SimpleExplodeString(ctx, blue) }, "blue"},
		{"simple/true/array", "/path/simple-explode-array/", func() error { return p.SimpleExplodeArray(ctx, colors) }, "blue,black,brown"},
		{"simple/true/object", "/path/simple-explode-object/", func() error { return p.SimpleExplodeObject(ctx, rgb) }, "R=100,G=200,B=150"},
		{"label/false/string", "/path/label-noexplode-string/", func() error { return p.LabelNoExplodeString(ctx, blue) }, ".blue"},
		{"label/false/array", "/path/label-noexplode-array/", func() error { return p.LabelNoExplodeArray(ctx, colors) }, ".blue,black,brown"},
		{"label/false/object", "/path/label-noexplode-object/", func() error { return p.LabelNoExplodeObject(ctx, rgb) }, ".R,100,G,200,B,150"},
		{"label/true/string", "/path/label-explode-string/", func() error { return p.LabelExplodeString(ctx, blue) }, ".blue"},
		{"label/true/array", "/path/label-explode-array/", func() error { return p.LabelExplodeArray(ctx, colors) }, ".blue.black.brown"},
		{"label/true/object", "/path/label-explode-object/", func() error { return p.LabelExplodeObject(ctx, rgb) }, ".R=100.G=200.B=150"},
		{"matrix/false/string", "/path/matrix-noexplode-string/", func() error { return p.MatrixNoExplodeString(ctx, blue) }, ";color=blue"},
		{"matrix/false/array", "/path/matrix-noexplode-array/", func() error { return p.MatrixNoExplodeArray(ctx, colors) }, ";color=blue,black,brown"},
		{"matrix/false/object", "/path/matrix-noexplode-object/", func() error { return p.MatrixNoExplodeObject(ctx, rgb) }, ";color=R,100,G,200,B,150"},
		{"matrix/true/string", "/path/matrix-explode-string/", func() error { return p.MatrixExplodeString(ctx, blue) }, ";color=blue"},
		{"matrix/true/array", "/path/matrix-explode-array/", func() error { return p.MatrixExplodeArray(ctx, colors) }, ";color=blue;color=black;color=brown"},
		{"matrix/true/object", "/path/matrix-explode-object/", func() error { return p.MatrixExplodeObject(ctx, rgb) }, ";R=100;G=200;B=150"},
		// An array of enum values is written like an array of strings.
		{"simple/false/enum-array", "/path/simple-noexplode-enumArray/", func() error { return p.SimpleNoExplodeEnumArray(ctx, named) }, "blue,black,brown"},
	} {
		t.Run(r.name, func(t *testing.T) {
			if err := r.call(); err != nil {
				t.Fatal(err)
			}
			got := last()
			if got.path != r.prefix+r.want {
				t.Errorf("path = %q, want %q", got.path, r.prefix+r.want)
			}
			if got.query != "" {
				t.Errorf("query = %q, want none", got.query)
			}
		})
	}
}

// TestQueryStyles: form (explode off and on), spaceDelimited, pipeDelimited and deepObject; the
// raw query is the table's cell without its leading "?".
func TestQueryStyles(t *testing.T) {
	c, last := newStyleServer(t)
	ctx := context.Background()
	q := c.Query
	for _, r := range []struct {
		name string
		call func() error
		want string
	}{
		{"form/false/string", func() error { return q.FormNoExplodeString(ctx, QueryFormNoExplodeStringRequest{Color: blue}) }, "color=blue"},
		{"form/false/array", func() error { return q.FormNoExplodeArray(ctx, QueryFormNoExplodeArrayRequest{Color: colors}) }, "color=blue,black,brown"},
		{"form/false/object", func() error { return q.FormNoExplodeObject(ctx, QueryFormNoExplodeObjectRequest{Color: rgb}) }, "color=R,100,G,200,B,150"},
		{"form/true/string", func() error { return q.FormExplodeString(ctx, QueryFormExplodeStringRequest{Color: blue}) }, "color=blue"},
		{"form/true/array", func() error { return q.FormExplodeArray(ctx, QueryFormExplodeArrayRequest{Color: colors}) }, "color=blue&color=black&color=brown"},
		{"form/true/object", func() error { return q.FormExplodeObject(ctx, QueryFormExplodeObjectRequest{Color: rgb}) }, "R=100&G=200&B=150"},
		{"spaceDelimited/false/array", func() error {
			return q.SpaceDelimitedNoExplodeArray(ctx, QuerySpaceDelimitedNoExplodeArrayRequest{Color: colors})
		}, "color=blue%20black%20brown"},
		{"spaceDelimited/false/object", func() error {
			return q.SpaceDelimitedNoExplodeObject(ctx, QuerySpaceDelimitedNoExplodeObjectRequest{Color: rgb})
		}, "color=R%20100%20G%20200%20B%20150"},
		{"pipeDelimited/false/array", func() error {
			return q.PipeDelimitedNoExplodeArray(ctx, QueryPipeDelimitedNoExplodeArrayRequest{Color: colors})
		}, "color=blue%7Cblack%7Cbrown"},
		{"pipeDelimited/false/object", func() error {
			return q.PipeDelimitedNoExplodeObject(ctx, QueryPipeDelimitedNoExplodeObjectRequest{Color: rgb})
		}, "color=R%7C100%7CG%7C200%7CB%7C150"},
		{"deepObject/true/object", func() error {
			return q.DeepObjectExplodeObject(ctx, QueryDeepObjectExplodeObjectRequest{Color: rgb})
		}, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"},
		// Arrays of enum values, exploded and not.
		{"form/true/enum-array", func() error { return q.FormExplodeEnumArray(ctx, QueryFormExplodeEnumArrayRequest{Color: named}) }, "color=blue&color=black&color=brown"},
		{"form/false/enum-array", func() error {
			return q.FormNoExplodeEnumArray(ctx, QueryFormNoExplodeEnumArrayRequest{Color: named})
		}, "color=blue,black,brown"},
	} {
		t.Run(r.name, func(t *testing.T) {
			if err := r.call(); err != nil {
				t.Fatal(err)
			}
			if got := last().query; got != r.want {
				t.Errorf("query = %q, want %q", got, r.want)
			}
		})
	}
}

// TestHeaderStyles: the simple style, explode off and on. The header name is not part of the
// serialisation; the value is the table's simple row.
func TestHeaderStyles(t *testing.T) {
	c, last := newStyleServer(t)
	ctx := context.Background()
	h := c.Header
	for _, r := range []struct {
		name string
		call func() error
		want string
	}{
		{"simple/false/string", func() error { return h.SimpleNoExplodeString(ctx, HeaderSimpleNoExplodeStringRequest{Color: blue}) }, "blue"},
		{"simple/false/array", func() error { return h.SimpleNoExplodeArray(ctx, HeaderSimpleNoExplodeArrayRequest{Color: colors}) }, "blue,black,brown"},
		{"simple/false/object", func() error { return h.SimpleNoExplodeObject(ctx, HeaderSimpleNoExplodeObjectRequest{Color: rgb}) }, "R,100,G,200,B,150"},
		{"simple/true/string", func() error { return h.SimpleExplodeString(ctx, HeaderSimpleExplodeStringRequest{Color: blue}) }, "blue"},
		{"simple/true/array", func() error { return h.SimpleExplodeArray(ctx, HeaderSimpleExplodeArrayRequest{Color: colors}) }, "blue,black,brown"},
		{"simple/true/object", func() error { return h.SimpleExplodeObject(ctx, HeaderSimpleExplodeObjectRequest{Color: rgb}) }, "R=100,G=200,B=150"},
		{"simple/false/enum-array", func() error {
			return h.SimpleNoExplodeEnumArray(ctx, HeaderSimpleNoExplodeEnumArrayRequest{Color: named})
		}, "blue,black,brown"},
	} {
		t.Run(r.name, func(t *testing.T) {
			if err := r.call(); err != nil {
				t.Fatal(err)
			}
			if got := last().header.Values("color"); !reflect.DeepEqual(got, []string{r.want}) {
				t.Errorf("color header = %q, want [%q]", got, r.want)
			}
		})
	}
}

// TestCookieStyles: the form style, as a Cookie header "name=value" (the table's form row without
// "?"). Arrays are sent with explode off, as one comma-separated value.
func TestCookieStyles(t *testing.T) {
	c, last := newStyleServer(t)
	ctx := context.Background()
	for _, r := range []struct {
		name string
		call func() error
		want string
	}{
		{"form/true/string", func() error {
			return c.Cookie.FormExplodeString(ctx, CookieFormExplodeStringRequest{Color: blue})
		}, "color=blue"},
		{"form/false/array", func() error {
			return c.Cookie.FormNoExplodeArray(ctx, CookieFormNoExplodeArrayRequest{Color: colors})
		}, "color=blue,black,brown"},
	} {
		t.Run(r.name, func(t *testing.T) {
			if err := r.call(); err != nil {
				t.Fatal(err)
			}
			if got := last().header.Values("Cookie"); !reflect.DeepEqual(got, []string{r.want}) {
				t.Errorf("Cookie = %q, want [%q]", got, r.want)
			}
		})
	}
}

// TestContentParameters: a parameter described by `content: {application/json: …}` is the JSON
// encoding of its value (percent-encoded in a query), not a style serialisation.
func TestContentParameters(t *testing.T) {
	c, last := newStyleServer(t)
	ctx := context.Background()
	f := Filter{Color: "blue", Size: 3}
	wantJSON := `{"color":"blue","size":3}`
	sameJSON := func(t *testing.T, got string) {
		t.Helper()
		var a, b any
		if err := json.Unmarshal([]byte(got), &a); err != nil {
			t.Fatalf("value %q is not JSON: %v", got, err)
		}
		json.Unmarshal([]byte(wantJSON), &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("value = %s, want %s", got, wantJSON)
		}
	}

	t.Run("query", func(t *testing.T) {
		if err := c.Content.Query(ctx, ContentQueryRequest{Filter: f}); err != nil {
			t.Fatal(err)
		}
		raw := last().query
		vals, err := url.ParseQuery(raw)
		if err != nil {
			t.Fatalf("query %q: %v", raw, err)
		}
		if len(vals) != 1 || len(vals["filter"]) != 1 {
			t.Fatalf("query = %q, want the one parameter filter=<JSON>", raw)
		}
		sameJSON(t, vals.Get("filter"))
	})
	t.Run("header", func(t *testing.T) {
		if err := c.Content.Header(ctx, ContentHeaderRequest{XFilter: f}); err != nil {
			t.Fatal(err)
		}
		got := last().header.Values("X-Filter")
		if len(got) != 1 {
			t.Fatalf("X-Filter = %q, want one value", got)
		}
		sameJSON(t, got[0])
	})
}
