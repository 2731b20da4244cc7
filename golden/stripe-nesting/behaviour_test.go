package billing

// deepObject query parameters and form bodies nesting arrays of objects to any depth, in the
// bracket notation billing APIs read: key[list][0][field]=value, arrays indexed at every level
// (key[0]=value for a deepObject array of scalars), objects by property name, optional fields
// left out, map keys sorted; a form property without an encoding entry keeps the form style's
// repeated key for an array of scalars. Hand-written: the generator keeps this file.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func newServer(t *testing.T, body string) (*Client, func() *http.Request, func() string) {
	t.Helper()
	var last *http.Request
	var lastBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		last, lastBody = r, string(b)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
	return c, func() *http.Request { return last }, func() string { return lastBody }
}

// readable shows brackets unescaped, for comparing with the notation as documented.
func readable(s string) string {
	return strings.NewReplacer("%5B", "[", "%5D", "]").Replace(s)
}

func TestDeepObjectQueryNesting(t *testing.T) {
	c, last, _ := newServer(t, `{"id":"in_1","total":100}`)
	inv, err := c.PreviewInvoice(context.Background(), PreviewInvoiceRequest{
		CustomerDetails: &CustomerDetails{
			Address:   &AddressOrUnset{Address: &Address{City: Ptr("Berlin"), Country: Ptr("DE")}},
			TaxIDs:    []TaxID{{Type: "eu_vat", Value: "DE123"}, {Type: "de_stn", Value: "x/y"}},
			TaxExempt: Ptr(CustomerDetailsTaxExemptReverse),
			Metadata:  map[string]string{"b": "2", "a": "1 & 2"},
		},
		LineItems: []LineItem{
			{Price: Ptr("price_1"), Quantity: Ptr[int64](2), TaxRates: []string{"txr_1", "txr_2"}},
			{Discounts: []LineItemDiscountsItem{{Coupon: Ptr("SAVE")}, {}}},
		},
		Expand: []string{"lines", "customer"},
		Limit:  Ptr[int64](3),
	})
	if err != nil {
		t.Fatalf("PreviewInvoice: %v", err)
	}
	if inv.ID != "in_1" {
		t.Errorf("invoice = %+v", inv)
	}
	want := "customer_details[address][city]=Berlin&customer_details[address][country]=DE" +
		"&customer_details[tax_ids][0][type]=eu_vat&customer_details[tax_ids][0][value]=DE123" +
		"&customer_details[tax_ids][1][type]=de_stn&customer_details[tax_ids][1][value]=x%2Fy" +
		"&customer_details[tax_exempt]=reverse&customer_details[metadata][a]=1+%26+2&customer_details[metadata][b]=2" +
		"&line_items[0][price]=price_1&line_items[0][quantity]=2&line_items[0][tax_rates][0]=txr_1&line_items[0][tax_rates][1]=txr_2" +
		"&line_items[1][discounts][0][coupon]=SAVE" +
		"&expand[0]=lines&expand[1]=customer&limit=3"
	if got := readable(last().URL.RawQuery); got != want {
		t.Errorf("query =\n%s\nwant\n%s", got, want)
	}
	q := last().URL.Query()
	if q.Get("customer_details[tax_ids][1][value]") != "x/y" || q.Get("customer_details[metadata][a]") != "1 & 2" {
		t.Errorf("parsed query = %v", q)
	}
}

func TestDeepObjectQueryOmitted(t *testing.T) {
	c, last, _ := newServer(t, `{"id":"in_2"}`)
	if _, err := c.PreviewInvoice(context.Background(), PreviewInvoiceRequest{
		CustomerDetails: &CustomerDetails{TaxIDs: []TaxID{}},
		LineItems:       []LineItem{{}},
	}); err != nil {
		t.Fatal(err)
	}
	if got := last().URL.RawQuery; got != "" {
		t.Errorf("query = %q, want nothing for empty values", got)
	}
}

func TestFormBodyNesting(t *testing.T) {
	c, _, body := newServer(t, `{"id":"cus_1"}`)
	res, err := c.CreateCustomer(context.Background(), CreateCustomerRequest{Body: CreateCustomerBody{
		Email:            "a@b.test",
		TaxIDData:        []TaxID{{Type: "eu_vat", Value: "FR1"}},
		Address:          &AddressOrUnset{Address: &Address{Line1: Ptr("1 Rue")}},
		Metadata:         map[string]string{"k": "v"},
		PreferredLocales: []string{"fr", "en"},
		Expand:           []string{"tax_ids"},
		InvoiceSettings: &CreateCustomerBodyInvoiceSettings{
			CustomFields: []CreateCustomerBodyInvoiceSettingsCustomFieldsItem{{Name: "PO", Value: "42"}, {Name: "Ref", Value: "r"}},
			Footer:       Ptr("Thanks"),
		},
	}})
	if err != nil {
		t.Fatalf("CreateCustomer: %v", err)
	}
	if res.ID != "cus_1" {
		t.Errorf("result = %+v", res)
	}
	want := "email=a%40b.test&tax_id_data[0][type]=eu_vat&tax_id_data[0][value]=FR1&address[line1]=1+Rue&metadata[k]=v" +
		"&preferred_locales=fr&preferred_locales=en&expand[0]=tax_ids" +
		"&invoice_settings[custom_fields][0][name]=PO&invoice_settings[custom_fields][0][value]=42" +
		"&invoice_settings[custom_fields][1][name]=Ref&invoice_settings[custom_fields][1][value]=r&invoice_settings[footer]=Thanks"
	if got := readable(body()); got != want {
		t.Errorf("form =\n%s\nwant\n%s", got, want)
	}
	form, err := url.ParseQuery(body())
	if err != nil || form.Get("invoice_settings[custom_fields][1][name]") != "Ref" || len(form["preferred_locales"]) != 2 {
		t.Errorf("parsed form = %v, %v", form, err)
	}
}
