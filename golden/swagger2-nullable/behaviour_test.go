package nullable

// Swagger 2.0's x-nullable in Go and on the wire: a required nullable field is a pointer sent as
// null, an optional nullable one is Nullable (absent, null or a value), x-isnullable counts too,
// a definition marked x-nullable is nullable wherever it is required, and a nullable $ref
// property is Nullable of the referenced type. Hand-written: the generator keeps this file.

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestNullableFields(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var got, want any
		json.Unmarshal(b, &got)
		json.Unmarshal([]byte(`{"id":"t1","note":null,"nickname":null,"count":3,"owner":null,"previousOwner":{"name":"Bo"}}`), &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sent %s", b)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"t1","note":"n","nickname":null,"owner":{"name":"Al"},"previousOwner":null}`)
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()), WithRetryPolicy(RetryPolicy{}))
	thing, err := c.PutThing(context.Background(), PutThingRequest{Body: Thing{
		ID:            "t1",
		Note:          nil,
		Nickname:      Null[string](),
		Count:         NewNullable[int64](3),
		PreviousOwner: NewNullable(Owner{Name: Ptr("Bo")}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if thing.Note == nil || *thing.Note != "n" || thing.Owner == nil || *thing.Owner.Name != "Al" {
		t.Errorf("decoded %+v", thing)
	}
	if !thing.Nickname.IsNull() || !thing.PreviousOwner.IsNull() || thing.Count.IsSet() {
		t.Errorf("nullable states: nickname %v, previousOwner %v, count %v", thing.Nickname, thing.PreviousOwner, thing.Count)
	}
}
