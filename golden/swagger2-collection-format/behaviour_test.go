package lists

// Swagger 2.0 collectionFormat on the wire: csv (written, and by default) comma-joins, ssv joins
// with spaces, tsv with tabs, pipes with "|", multi repeats the name; a csv path array is
// comma-joined in one segment; header arrays are comma-joined (pipes has no OpenAPI 3 header
// style: the conversion warns and sends commas). Hand-written: the generator keeps this file.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"testing"
)

func TestCollectionFormats(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.EscapedPath(); got != "/items/1,2,3" {
			t.Errorf("path %q, want /items/1,2,3", got)
		}
		const want = "csv=a,b&plain=c,d&ssv=e%20f&tsv=g%09h&pipes=i%7Cj&multi=a&multi=c"
		if got := r.URL.RawQuery; got != want {
			t.Errorf("query\n %s\nwant\n %s", got, want)
		}
		q, _ := url.ParseQuery(r.URL.RawQuery)
		decoded := map[string][]string{"csv": {"a,b"}, "plain": {"c,d"}, "ssv": {"e f"}, "tsv": {"g\th"}, "pipes": {"i|j"}, "multi": {"a", "c"}}
		if !reflect.DeepEqual(map[string][]string(q), decoded) {
			t.Errorf("decoded query %v, want %v", q, decoded)
		}
		if got := r.Header.Get("X-Tags"); got != "k,l" {
			t.Errorf("X-Tags = %q, want k,l", got)
		}
		if got := r.Header.Get("X-Piped"); got != "m,n" {
			t.Errorf("X-Piped = %q, want m,n", got)
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
	err := c.ListItems(context.Background(), []int64{1, 2, 3}, ListItemsRequest{
		CSV:    []string{"a", "b"},
		Plain:  []string{"c", "d"},
		Ssv:    []string{"e", "f"},
		Tsv:    []string{"g", "h"},
		Pipes:  []string{"i", "j"},
		Multi:  []ListItemsMultiItem{ListItemsMultiItemA, ListItemsMultiItemC},
		XTags:  []string{"k", "l"},
		XPiped: []string{"m", "n"},
	})
	if err != nil {
		t.Fatal(err)
	}
}
