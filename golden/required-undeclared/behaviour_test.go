package requndeclared

// A property a schema lists in required but never declares gets a field of any JSON value, always
// sent; one that another allOf part declares keeps its declared type. Hand-written: the generator
// keeps this file; the fields below are used by name, so it does not compile if one is missing.

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestUndeclaredRequiredSent(t *testing.T) {
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":"f1","type":"FRAME","children":["a"],"extra":1}`))
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()))

	// Set: sent as given, any JSON value.
	frame, err := c.CreateFrame(context.Background(), CreateFrameRequest{Body: NewFrame{
		Width: 10, Name: "Header", LayoutMode: map[string]any{"axis": "horizontal"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"width":10,"name":"Header","layoutMode":{"axis":"horizontal"}}`; body != want {
		t.Errorf("body = %s, want %s", body, want)
	}
	// The allOf declares id and type in another part: typed and required.
	if frame.ID != "f1" || frame.Type != "FRAME" {
		t.Errorf("frame = %+v", frame)
	}

	// Unset: still sent, as null, since the property is required.
	if _, err := c.CreateFrame(context.Background(), CreateFrameRequest{Body: NewFrame{Width: 1}}); err != nil {
		t.Fatal(err)
	}
	if want := `{"width":1,"name":null,"layoutMode":null}`; body != want {
		t.Errorf("body = %s, want %s", body, want)
	}
}

// TestAdditionalHolds: with additional properties, the map carries the required property.
func TestAdditionalHolds(t *testing.T) {
	b, err := json.Marshal(Style{Name: "Primary", AdditionalProperties: map[string]string{"color": "#fff"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"name":"Primary","color":"#fff"}`; string(b) != want {
		t.Errorf("style = %s, want %s", b, want)
	}
}

// TestDecode: an undeclared field decodes whatever the server sends.
func TestDecode(t *testing.T) {
	var e Effect
	if err := json.Unmarshal([]byte(`{"radius":2,"visible":true}`), &e); err != nil {
		t.Fatal(err)
	}
	if e.Visible != true || e.Radius != 2 {
		t.Errorf("effect = %+v", e)
	}
	var g Group
	if err := json.Unmarshal([]byte(`{"id":"g","locked":true}`), &g); err != nil {
		t.Fatal(err)
	}
	var meta ComponentMeta
	if err := json.Unmarshal([]byte(`{"key":[1,2]}`), &meta); err != nil {
		t.Fatal(err)
	}
	if g.ID != "g" || !g.Locked || len(meta.Key.([]any)) != 2 {
		t.Errorf("group = %+v, meta = %+v", g, meta)
	}
}
