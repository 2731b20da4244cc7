package core

import (
	"context"
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"testing"
)

// Shapes as a billing API nests them: objects holding arrays of objects
// holding arrays, with optional fields left out.
type taxID struct {
	Type  string `json:"type"`
	Value string `json:"value,omitzero"`
}

type lineItem struct {
	Price    string   `json:"price,omitzero"`
	Quantity *int     `json:"quantity,omitzero"`
	TaxRates []string `json:"tax_rates,omitzero"`
	Tiers    []tier   `json:"tiers,omitzero"`
}

type tier struct {
	UpTo   *int              `json:"up_to,omitzero"`
	Labels map[string]string `json:"labels,omitzero"`
}

type details struct {
	TaxIDs   []taxID           `json:"tax_ids,omitzero"`
	Items    []*lineItem       `json:"items,omitzero"`
	Exempt   *string           `json:"exempt,omitzero"`
	Metadata map[string]string `json:"metadata,omitzero"`
	Matrix   [][]int           `json:"matrix,omitzero"`
}

// variantUnion stands for a generated union: exported pointer fields,
// one set, written by its MarshalJSON.
type variantUnion struct {
	Item *lineItem
	Text *string
}

func (u variantUnion) MarshalJSON() ([]byte, error) {
	switch {
	case u.Item != nil:
		return json.Marshal(u.Item)
	case u.Text != nil:
		return json.Marshal(u.Text)
	}
	return []byte("null"), nil
}

func sampleDetails() details {
	return details{
		TaxIDs: []taxID{{Type: "eu_vat", Value: "DE123"}, {Type: "no_value"}},
		Items: []*lineItem{
			{Price: "p_1", Quantity: ptr(2), TaxRates: []string{"tr_a", "tr_b"}},
			nil, // absent: indices stay dense
			{Tiers: []tier{{UpTo: ptr(10)}, {}, {Labels: map[string]string{"z": "last", "a": "first"}}}},
		},
		Metadata: map[string]string{"k": "v&w"},
		Matrix:   [][]int{{1, 2}, {3}},
	}
}

// wantDetails is sampleDetails under the key "d", unescaped for reading.
const wantDetails = "d[tax_ids][0][type]=eu_vat&d[tax_ids][0][value]=DE123&d[tax_ids][1][type]=no_value" +
	"&d[items][0][price]=p_1&d[items][0][quantity]=2&d[items][0][tax_rates][0]=tr_a&d[items][0][tax_rates][1]=tr_b" +
	"&d[items][1][tiers][0][up_to]=10&d[items][1][tiers][1][labels][a]=first&d[items][1][tiers][1][labels][z]=last" +
	"&d[metadata][k]=v%26w&d[matrix][0][0]=1&d[matrix][0][1]=2&d[matrix][1][0]=3"

func unbracket(s string) string {
	return strings.NewReplacer("%5B", "[", "%5D", "]").Replace(s)
}

func TestDeepObjectNesting(t *testing.T) {
	tests := []struct {
		name  string
		value any
		flags ParamFlag
		want  string
	}{
		{"arrays of objects to any depth", sampleDetails(), DeepObject, wantDetails},
		{"pointer to it", ptr(sampleDetails()), DeepObject, wantDetails},
		{"all fields omitted", details{Items: []*lineItem{nil, {}}}, DeepObject, ""},
		{"top-level array of scalars", []string{"a", "b"}, DeepObject, "d[0]=a&d[1]=b"},
		{"top-level array of objects", []taxID{{Type: "x"}}, DeepObject, "d[0][type]=x"},
		{"map of arrays", map[string][]taxID{"b": {{Type: "t"}}, "a": nil}, DeepObject, "d[b][0][type]=t"},
		{"union: the variant set", []variantUnion{{Text: ptr("s")}, {}, {Item: &lineItem{Price: "p"}}}, DeepObject, "d[0]=s&d[1][price]=p"},
		{"union with nothing set", variantUnion{}, DeepObject, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hc, reqs := captureClient("")
			cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
			r := getTicket(cfg)
			r.QueryParam("d", tt.value, tt.flags)
			if err := r.Do(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			want := "tenant=acme"
			if tt.want != "" {
				want = tt.want + "&" + want
			}
			if got := unbracket(reqs()[0].URL.RawQuery); got != want {
				t.Errorf("query =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestNestedAsJSON: a value its style cannot write (an array of objects in
// the form style, an object holding an array in a header) is sent as its
// JSON text rather than refused or flattened into something ambiguous.
func TestNestedAsJSON(t *testing.T) {
	items := []taxID{{Type: "x", Value: "a&b"}}
	const itemsJSON = `[{"type":"x","value":"a&b"}]`
	for _, flags := range []ParamFlag{0, NoExplode, PipeDelimited} {
		hc, reqs := captureClient("")
		cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
		r := getTicket(cfg)
		r.QueryParam("d", items, flags)
		r.QueryParam("m", map[string][]int{"a": {1, 2}}, flags)
		r.HeaderParam("X-Filter", map[string][]int{"a": {1}}, 0)
		if err := r.Do(context.Background(), nil); err != nil {
			t.Fatalf("flags %d: %v", flags, err)
		}
		req := reqs()[0]
		q := req.URL.Query()
		if got := q.Get("d"); got != itemsJSON {
			t.Errorf("flags %d: d = %s, want %s", flags, got, itemsJSON)
		}
		if got := q.Get("m"); flags != 0 && got != `{"a":[1,2]}` { // exploded, it is a=1,2
			t.Errorf("flags %d: m = %s", flags, got)
		}
		if got := req.Header.Get("X-Filter"); got != `{"a":[1]}` {
			t.Errorf("X-Filter = %s", got)
		}
	}
	hc, reqs := captureClient("")
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	r := getTicket(cfg)
	r.PathParam("ticketID", [][]string{{"a/b"}})
	if err := r.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got, want := reqs()[0].URL.EscapedPath(), "/tickets/%5B%5B%22a%2Fb%22%5D%5D"; !strings.HasSuffix(got, want) {
		t.Errorf("path = %s, want suffix %s", got, want)
	}
}

func TestFormBodyNesting(t *testing.T) {
	type form struct {
		Customer string     `json:"customer"`
		Details  *details   `json:"customer_details,omitzero"`
		Expand   []string   `json:"expand,omitzero"`
		Tags     []string   `json:"tags,omitzero"`
		Lines    []lineItem `json:"lines,omitzero"`
		Skipped  *details   `json:"skipped,omitzero"`
	}
	d := sampleDetails()
	v := form{Customer: "cus_1", Details: &d, Expand: []string{"a", "b"}, Tags: []string{"x", "y"},
		Lines: []lineItem{{Price: "p", TaxRates: []string{"t"}}}}
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "f", Method: "POST", Path: "/f"}, nil)
	req.FormBody(v, map[string]ParamFlag{"expand": DeepObject, "customer_details": DeepObject})
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(sent()[0].Body)
	want := "customer=cus_1&" + strings.ReplaceAll(wantDetails, "d[", "customer_details[") +
		"&expand[0]=a&expand[1]=b&tags=x&tags=y&lines[0][price]=p&lines[0][tax_rates][0]=t"
	if unbracket(string(got)) != want {
		t.Errorf("form =\n%s\nwant\n%s", unbracket(string(got)), want)
	}
	// The encoded form parses back to the same keys.
	vals, err := url.ParseQuery(string(got))
	if err != nil || vals.Get("customer_details[tax_ids][0][type]") != "eu_vat" || vals.Get("customer_details[metadata][k]") != "v&w" {
		t.Errorf("parsed %v, %v", vals, err)
	}
}

// TestFormBodyUnion: a union body sends the fields of the variant set.
func TestFormBodyUnion(t *testing.T) {
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "f", Method: "POST", Path: "/f"}, nil)
	req.FormBody(variantUnion{Item: &lineItem{Price: "p", Quantity: ptr(3), TaxRates: []string{"a", "b"}}}, nil)
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(sent()[0].Body)
	if want := "price=p&quantity=3&tax_rates=a&tax_rates=b"; string(got) != want {
		t.Errorf("form = %s, want %s", got, want)
	}
}

type linkUpload struct {
	URL   string `json:"url"`
	Title string `json:"title,omitzero"`
}

type contentUpload struct {
	File  UploadFile `json:"file"`
	Title string     `json:"title,omitzero"`
}

func TestMultipartUnion(t *testing.T) {
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "up", Method: "POST", Path: "/up"}, nil)
	req.MultipartUnion(nil, (*contentUpload)(nil), &linkUpload{URL: "https://x.test/a", Title: "a"})
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	r := sent()[0]
	mr, err := r.MultipartReader()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		b, _ := io.ReadAll(p)
		got[p.FormName()] = string(b)
	}
	if len(got) != 2 || got["url"] != "https://x.test/a" || got["title"] != "a" {
		t.Errorf("parts = %v", got)
	}

	req = NewRequest(cfg, &Operation{ID: "up", Method: "POST", Path: "/up"}, nil)
	req.MultipartUnion(nil, (*contentUpload)(nil), (*linkUpload)(nil))
	if err := req.Do(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "no variant") {
		t.Errorf("no variant set: err = %v", err)
	}
}

func TestEncodedMultipart(t *testing.T) {
	for _, ct := range []string{"", "multipart/form-data", "text/plain; boundary=x", "multipart/mixed; boundary="} {
		cfg, _ := testConfig("https://api.test", WithHTTPClient(failClient(t)))
		req := NewRequest(cfg, &Operation{ID: "up", Method: "POST", Path: "/up"}, nil)
		req.EncodedMultipart(ct, strings.NewReader("--x--\r\n"))
		if err := req.Do(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "multipart body") {
			t.Errorf("content type %q: err = %v", ct, err)
		}
	}
	hc, sent := captureClient(`{}`)
	cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
	req := NewRequest(cfg, &Operation{ID: "up", Method: "POST", Path: "/up"}, nil)
	req.EncodedMultipart("multipart/mixed; boundary=b1", strings.NewReader("--b1--\r\n"))
	if err := req.Do(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if ct := sent()[0].Header.Get("Content-Type"); ct != "multipart/mixed; boundary=b1" {
		t.Errorf("Content-Type = %q", ct)
	}
}
