package swagger2

// The Swagger 2.0 pet store on the wire: the server from host, basePath and schemes (https
// first), the apiKey definition and a shared header parameter made a client global, query
// parameters from type keywords, a body parameter sent as the operation's consumes says,
// response headers, readOnly fields, the default response and an error schema from another
// file reached through errors.As, and `security: []`. Hand-written: the generator keeps this file.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"
)

// newServer starts a fake server for handler and a client for it, under the spec's basePath.
func newServer(t *testing.T, handler http.HandlerFunc, opts ...Option) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return New(append([]Option{WithServerURL(srv.URL + "/v2"), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{})}, opts...)...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// TestServer: host, basePath and schemes [http, https] give https first.
func TestServer(t *testing.T) {
	if DefaultServerURL != "https://pets.example.test/v2" {
		t.Errorf("DefaultServerURL = %q", DefaultServerURL)
	}
}

func TestListPets(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/v2/pets" {
			t.Errorf("got %s %s, want GET /v2/pets", r.Method, r.URL.Path)
		}
		if got := r.URL.RawQuery; got != "limit=5&status=sold" {
			t.Errorf("query %q", got)
		}
		if got := r.Header.Get("X-API-Key"); got != "k1" {
			t.Errorf("X-API-Key = %q, want k1", got)
		}
		// The shared X-Tenant parameter is a client global with its default.
		if got := r.Header.Get("X-Tenant"); got != "main" {
			t.Errorf("X-Tenant = %q, want the default main", got)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		w.Header().Set("X-Next", "c2")
		w.Header().Set("X-Rate-Limit", "99")
		writeJSON(w, http.StatusOK, []map[string]any{{"id": 7, "name": "Rex", "kind": "Dog", "born": "2020-02-29", "attributes": map[string]string{"color": "brown"}}})
	}, WithAPIKey("k1"))
	res, err := c.Pets.ListPets(context.Background(), ListPetsRequest{Limit: Ptr[int32](5), Status: Ptr(ListPetsStatusSold)})
	if err != nil {
		t.Fatal(err)
	}
	want := []Pet{{ID: Ptr[int64](7), Name: "Rex", Kind: "Dog", Born: &Date{Year: 2020, Month: time.February, Day: 29}, Attributes: map[string]string{"color": "brown"}}}
	if !reflect.DeepEqual(res.Body, want) {
		t.Errorf("body = %+v, want %+v", res.Body, want)
	}
	if res.XNext == nil || *res.XNext != "c2" || res.XRateLimit == nil || *res.XRateLimit != 99 {
		t.Errorf("headers %v %v", res.XNext, res.XRateLimit)
	}
}

// TestAddPet: the body parameter is the JSON body; the tenant global can be set.
func TestAddPet(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v2/pets" {
			t.Errorf("got %s %s", r.Method, r.URL.Path)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
		if got := r.Header.Get("X-Tenant"); got != "blue" {
			t.Errorf("X-Tenant = %q, want blue", got)
		}
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"name":"Rex","kind":"Dog","tag":"good"}` {
			t.Errorf("body %s", b)
		}
		writeJSON(w, http.StatusCreated, map[string]any{"id": 8, "name": "Rex", "kind": "Dog", "tag": "good"})
	}, WithXTenant("blue"))
	pet, err := c.Pets.AddPet(context.Background(), CreatePetRequest{Body: NewPet{Name: "Rex", Kind: "Dog", Label: Ptr("good")}})
	if err != nil {
		t.Fatal(err)
	}
	if pet.ID == nil || *pet.ID != 8 || pet.Name != "Rex" {
		t.Errorf("pet %+v", pet)
	}
}

// TestErrors: the default response (a shared 2.0 response) and a 404 whose schema lives in
// another file both decode through errors.As.
func TestErrors(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			writeJSON(w, http.StatusConflict, map[string]any{"code": 409, "message": "taken"})
		default:
			writeJSON(w, http.StatusNotFound, map[string]any{"resource": "pet", "detail": map[string]any{"reason": "gone"}})
		}
	})
	_, err := c.Pets.AddPet(context.Background(), CreatePetRequest{Body: NewPet{Name: "Rex", Kind: "Dog"}})
	var e *ErrorBody[Error]
	if !errors.As(err, &e) || e.Body.Code != 409 || e.Body.Message != "taken" {
		t.Errorf("AddPet: %v", err)
	}
	_, err = c.Pets.GetPet(context.Background(), 3)
	var nf *ErrorBody[NotFound]
	if !errors.As(err, &nf) || nf.Body.Detail == nil || nf.Body.Detail.Reason == nil || *nf.Body.Detail.Reason != "gone" {
		t.Errorf("GetPet: %v", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		t.Errorf("GetPet: %v is not a 404 APIError", err)
	}
}

// TestNoSecurity: `security: []` sends no credentials; the deprecated delete keeps its
// x-go-name.
func TestNoSecurity(t *testing.T) {
	c := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-API-Key") != "" && r.URL.Path == "/v2/store/inventory" {
			t.Errorf("inventory sent X-API-Key")
		}
		if r.URL.Path == "/v2/store/inventory" {
			writeJSON(w, http.StatusOK, map[string]int{"sold": 2})
			return
		}
		if r.Method != http.MethodDelete || r.URL.Path != "/v2/pets/5" || r.Header.Get("X-API-Key") != "k" {
			t.Errorf("got %s %s key %q", r.Method, r.URL.Path, r.Header.Get("X-API-Key"))
		}
		w.WriteHeader(http.StatusNoContent)
	}, WithAPIKey("k"))
	inv, err := c.Store.GetInventory(context.Background())
	if err != nil || inv["sold"] != 2 {
		t.Errorf("inventory %v, %v", inv, err)
	}
	if err := c.Pets.RemovePet(context.Background(), 5); err != nil {
		t.Error(err)
	}
}
