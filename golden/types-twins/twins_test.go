package twins

// Behaviour of inline schemas the spec repeats. Hand-written: the
// generator keeps this file. A repeat is an alias of one declared type, so
// its values move between the fields that hold it; a repeat that differs
// (here only by a property's description) and named schemas are types of
// their own.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestTwinsAreOneType(t *testing.T) {
	same := [][2]reflect.Type{
		{reflect.TypeFor[CreateShopBodyAddress](), reflect.TypeFor[ShopAddress]()},
		{reflect.TypeFor[CreateWarehouseBodyAddress](), reflect.TypeFor[ShopAddress]()},
		{reflect.TypeFor[WarehouseAddress](), reflect.TypeFor[ShopAddress]()},
		{reflect.TypeFor[CreateShopBody](), reflect.TypeFor[Warehouse]()},
		{reflect.TypeFor[CreateWarehouseBodyStatus](), reflect.TypeFor[ShopStatus]()},
		{reflect.TypeFor[CreateShopBodyCode](), reflect.TypeFor[WarehouseCode]()},
	}
	for _, s := range same {
		if s[0] != s[1] {
			t.Errorf("%v is not the same type as %v", s[0], s[1])
		}
	}
	apart := [][2]reflect.Type{
		{reflect.TypeFor[CreateDepotBodyAddress](), reflect.TypeFor[ShopAddress]()},
		{reflect.TypeFor[Shop](), reflect.TypeFor[Warehouse]()},
		{reflect.TypeFor[WarehouseStatus](), reflect.TypeFor[string]()},
	}
	for _, s := range apart {
		if s[0].Name() == s[1].Name() {
			t.Errorf("%v and %v are one type", s[0], s[1])
		}
	}
}

// A shop's address goes into a warehouse body unchanged, and both bodies
// are sent as the spec describes them.
func TestTwinsOnTheWire(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"name":"n","address":{"city":"Lyon","line1":"1 rue"},"status":"open"}`))
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL))
	shop, err := c.CreateShop(context.Background(), CreateShopRequest{Body: CreateShopBody{
		Name:    "n",
		Address: &CreateShopBodyAddress{City: Ptr("Lyon"), Line1: Ptr("1 rue")},
		Status:  Ptr(CreateShopBodyStatusOpen),
		Code:    &CreateShopBodyCode{Int64: Ptr(int64(7))},
	}})
	if err != nil {
		t.Fatal(err)
	}
	addr, ok := shop.Address.Get()
	if !ok || !shop.Status.IsKnown() {
		t.Fatalf("shop = %+v", shop)
	}
	code := &CreateWarehouseBodyCode{String: Ptr("x")}
	var body CreateWarehouseBody = Warehouse{Name: "w", Address: &addr, Status: shop.Status, Code: code}
	if _, err := c.CreateWarehouse(context.Background(), CreateWarehouseRequest{Body: body}); err != nil {
		t.Fatal(err)
	}
	want := `{"name":"%s","address":{"city":"Lyon","line1":"1 rue"},"status":"open","code":%s}`
	for i, name := range []string{"n", "w"} {
		code := []string{"7", `"x"`}[i]
		var got, exp any
		if err := json.Unmarshal([]byte(bodies[i]), &got); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(fmt.Appendf(nil, want, name, code), &exp)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("body %d = %s", i, bodies[i])
		}
	}
}
