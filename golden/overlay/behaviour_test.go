package overlay

// Behaviour of an SDK generated from a vendor spec patched by an overlay.
// Hand-written: the generator keeps this file. What the overlay changed
// must be visible on the wire: the added operation and field, the renamed
// operation, and the removed header and internal operation.

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

type seen struct {
	method, path, body string
	header             http.Header
}

func server(t *testing.T, status int, reply string) (*Client, *[]seen) {
	t.Helper()
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, seen{r.Method, r.URL.RequestURI(), string(b), r.Header.Clone()})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL), WithHTTPClient(srv.Client())), &got
}

func TestOverlayAddedOperationAndField(t *testing.T) {
	c, got := server(t, 201, `{"id":"p1","name":"Rex","tag":"good"}`)
	pet, err := c.Pets.CreatePet(context.Background(), CreatePetRequest{Body: Pet{ID: "p1", Name: "Rex", Tag: Ptr("good")}})
	if err != nil {
		t.Fatal(err)
	}
	if pet.Tag == nil || *pet.Tag != "good" {
		t.Errorf("tag not decoded: %+v", pet)
	}
	if len(*got) != 1 || (*got)[0].method != "POST" || (*got)[0].path != "/pets" {
		t.Fatalf("requests: %+v", *got)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte((*got)[0].body), &body); err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"id": "p1", "name": "Rex", "tag": "good"}; !reflect.DeepEqual(body, want) {
		t.Errorf("body %v, want %v", body, want)
	}
}

func TestOverlayRenamedOperation(t *testing.T) {
	c, got := server(t, 200, `{"id":"a/b","name":"Rex"}`)
	if _, err := c.Pets.GetPet(context.Background(), "a/b"); err != nil {
		t.Fatal(err)
	}
	if p := (*got)[0].path; p != "/pets/a%2Fb" {
		t.Errorf("path %s", p)
	}
}

func TestOverlayRemovedParts(t *testing.T) {
	// The debug header is gone from the request type, and nothing sends it.
	if _, ok := reflect.TypeOf(ListPetsRequest{}).FieldByName("XInternalDebug"); ok {
		t.Error("ListPetsRequest still has the header the overlay removed")
	}
	c, got := server(t, 200, `[]`)
	if _, err := c.Pets.ListPets(context.Background(), ListPetsRequest{Limit: Ptr(int64(5))}); err != nil {
		t.Fatal(err)
	}
	if p := (*got)[0].path; p != "/pets?limit=5" {
		t.Errorf("path %s", p)
	}
	if h := (*got)[0].header.Get("X-Internal-Debug"); h != "" {
		t.Errorf("debug header sent: %q", h)
	}
	// The internal service is gone with its only operation.
	if _, ok := reflect.TypeOf(Client{}).FieldByName("Internal"); ok {
		t.Error("Client still has the Internal service the overlay removed")
	}
}
