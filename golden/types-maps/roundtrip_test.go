package maps

// JSON round trips of maps and objects with additional properties.
// Hand-written: the generator keeps this file. Extra keys of an object that declares properties
// must survive decoding and encoding.

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

// rtCase is one round trip: in is decoded into a T, check asserts the typed value, and the value
// encoded again must equal want (in when want is empty) as JSON.
type rtCase[T any] struct {
	name  string
	in    string
	want  string
	check func(t *testing.T, v T)
}

func runRoundTrips[T any](t *testing.T, cases []rtCase[T]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v T
			if err := json.Unmarshal([]byte(c.in), &v); err != nil {
				t.Fatalf("decoding %s: %v", c.in, err)
			}
			if c.check != nil {
				c.check(t, v)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("encoding: %v", err)
			}
			want := c.want
			if want == "" {
				want = c.in
			}
			if !sameJSON(t, out, []byte(want)) {
				t.Errorf("encoded again:\n got  %s\n want %s", out, want)
			}
		})
	}
}

// sameJSON compares two documents as values; numbers are compared as written.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	return reflect.DeepEqual(decodeAny(t, a), decodeAny(t, b))
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	return v
}

// wantField asserts the Go type and JSON tag of a field of S. It goes through reflection so that
// the test compiles whatever the generator made of the field, and fails with what it made.
func wantField[S, F any](t *testing.T, field, tag string) {
	t.Helper()
	sf, ok := reflect.TypeFor[S]().FieldByName(field)
	if !ok {
		t.Errorf("%v has no field %s", reflect.TypeFor[S](), field)
		return
	}
	if want := reflect.TypeFor[F](); sf.Type != want {
		t.Errorf("%v.%s is %v, want %v", reflect.TypeFor[S](), field, sf.Type, want)
	}
	if got := sf.Tag.Get("json"); got != tag {
		t.Errorf("%v.%s has json tag %q, want %q", reflect.TypeFor[S](), field, got, tag)
	}
}

func TestInventoryFields(t *testing.T) {
	wantField[Inventory, map[string]Stock](t, "Stock", "stock")                     // $ref values
	wantField[Inventory, map[string]InventoryBinsValue](t, "Bins", "bins,omitzero") // inline object values, named from the path
	wantField[Inventory, map[string][]float64](t, "Readings", "readings,omitzero")
	wantField[Inventory, map[string]map[string]bool](t, "Matrix", "matrix,omitzero")
	wantField[Inventory, map[string]string](t, "Labels", "labels,omitzero")  // a component that is only a map is written inline
	wantField[Inventory, map[string]any](t, "Metadata", "metadata,omitzero") // type: object
	wantField[Inventory, map[string]any](t, "Extra", "extra,omitzero")       // additionalProperties: true
	wantField[Inventory, any](t, "Anything", "anything,omitzero")            // {}: any JSON value
	wantField[Counter, map[string]int64](t, "AdditionalProperties", "-")
	wantField[Envelope, map[string]any](t, "AdditionalProperties", "-")
	wantField[Warehouse, map[string]Stock](t, "AdditionalProperties", "-")
	// additionalProperties: false: a plain struct, no field for extra keys.
	if _, ok := reflect.TypeFor[Closed]().FieldByName("AdditionalProperties"); ok {
		t.Error("Closed has an AdditionalProperties field")
	}
	if n := reflect.TypeFor[Nothing]().NumField(); n != 0 {
		t.Errorf("Nothing has %d fields, want none", n)
	}
}

func TestInventoryRoundTrip(t *testing.T) {
	runRoundTrips(t, []rtCase[Inventory]{
		{
			name: "everything",
			in: `{"stock":{"apples":{"count":3,"location":"A1"},"pears":{"count":0}},` +
				`"bins":{"b1":{"capacity":5}},"readings":{"t1":[1.5,-2,0]},"matrix":{"r1":{"c1":true,"c2":false}},` +
				`"labels":{"env":"prod"},"metadata":{"n":1,"deep":{"list":[1,"a",null,true]}},"extra":{"q":"w"},` +
				`"anything":[1,"two",{"three":3}],` +
				`"counter":{"name":"c","total":3,"apples":4,"pears":5},` +
				`"envelope":{"kind":"k","trace":{"id":"t1"},"gone":null},` +
				`"warehouse":{"id":"w1","north":{"count":2,"location":"N"},"south":{"count":7}},` +
				`"stamped":{"at":"2024-03-01T10:00:00Z","k":"v"},"closed":{"a":"x"},"nothing":{}}`,
			check: func(t *testing.T, inv Inventory) {
				if s := inv.Stock["apples"]; s.Count != 3 || s.Location == nil || *s.Location != "A1" {
					t.Errorf("Stock[apples] = %+v", s)
				}
				if s, ok := inv.Stock["pears"]; !ok || s.Count != 0 || s.Location != nil {
					t.Errorf("Stock[pears] = %+v, %v", s, ok)
				}
				if inv.Bins["b1"].Capacity != 5 {
					t.Errorf("Bins = %+v", inv.Bins)
				}
				if !reflect.DeepEqual(inv.Readings, map[string][]float64{"t1": {1.5, -2, 0}}) {
					t.Errorf("Readings = %v", inv.Readings)
				}
				if !reflect.DeepEqual(inv.Matrix, map[string]map[string]bool{"r1": {"c1": true, "c2": false}}) {
					t.Errorf("Matrix = %v", inv.Matrix)
				}
				if inv.Labels["env"] != "prod" {
					t.Errorf("Labels = %v", inv.Labels)
				}
				if deep, ok := inv.Metadata["deep"].(map[string]any); !ok || len(deep["list"].([]any)) != 4 || inv.Metadata["n"] != 1.0 {
					t.Errorf("Metadata = %#v", inv.Metadata)
				}
				if list, ok := inv.Anything.([]any); !ok || len(list) != 3 || list[1] != "two" {
					t.Errorf("Anything = %#v", inv.Anything)
				}
				if inv.Counter == nil || inv.Counter.Name != "c" || inv.Counter.Total == nil || *inv.Counter.Total != 3 {
					t.Fatalf("Counter = %+v", inv.Counter)
				}
				// The extra keys, typed; the declared ones are not among them.
				if want := map[string]int64{"apples": 4, "pears": 5}; !reflect.DeepEqual(inv.Counter.AdditionalProperties, want) {
					t.Errorf("Counter.AdditionalProperties = %v, want %v", inv.Counter.AdditionalProperties, want)
				}
				if inv.Envelope == nil || inv.Envelope.Kind == nil || *inv.Envelope.Kind != "k" {
					t.Fatalf("Envelope = %+v", inv.Envelope)
				}
				extra := inv.Envelope.AdditionalProperties
				if gone, ok := extra["gone"]; len(extra) != 2 || !ok || gone != nil || extra["trace"].(map[string]any)["id"] != "t1" {
					t.Errorf("Envelope.AdditionalProperties = %#v", extra)
				}
				if inv.Warehouse == nil || inv.Warehouse.ID != "w1" || len(inv.Warehouse.AdditionalProperties) != 2 ||
					inv.Warehouse.AdditionalProperties["north"].Count != 2 || inv.Warehouse.AdditionalProperties["south"].Count != 7 {
					t.Errorf("Warehouse = %+v", inv.Warehouse)
				}
				if inv.Closed == nil || inv.Closed.A == nil || *inv.Closed.A != "x" || inv.Nothing == nil {
					t.Errorf("Closed = %+v, Nothing = %+v", inv.Closed, inv.Nothing)
				}
			},
		},
		{
			name: "only the required map",
			in:   `{"stock":{}}`,
			check: func(t *testing.T, inv Inventory) {
				if inv.Stock == nil || len(inv.Stock) != 0 || inv.Bins != nil || inv.Metadata != nil || inv.Anything != nil {
					t.Errorf("inventory = %+v", inv)
				}
			},
		},
		// {} holds any JSON value, scalars included.
		{name: "anything a string", in: `{"stock":{},"anything":"x"}`},
		{name: "anything a number", in: `{"stock":{},"anything":12.5}`},
		{name: "free-form empty", in: `{"stock":{},"metadata":{},"extra":{}}`},
	})
}

func TestCounterExtra(t *testing.T) {
	runRoundTrips(t, []rtCase[Counter]{
		{name: "no extra keys", in: `{"name":"c"}`, check: func(t *testing.T, c Counter) {
			if c.AdditionalProperties != nil {
				t.Errorf("AdditionalProperties = %v, want nil", c.AdditionalProperties)
			}
		}},
		{name: "extra keys", in: `{"name":"c","a":1,"z":-9223372036854775808}`, check: func(t *testing.T, c Counter) {
			if want := map[string]int64{"a": 1, "z": -9223372036854775808}; !reflect.DeepEqual(c.AdditionalProperties, want) {
				t.Errorf("AdditionalProperties = %v, want %v", c.AdditionalProperties, want)
			}
		}},
	})
	// Encoding writes the declared fields, then the extra keys in sorted order.
	b, err := json.Marshal(Counter{Name: "c", AdditionalProperties: map[string]int64{"z": 1, "b": 2}})
	if want := `{"name":"c","b":2,"z":1}`; err != nil || string(b) != want {
		t.Errorf("Marshal = %s, %v; want %s", b, err, want)
	}
	// An extra key that is a declared property is not written twice.
	b, err = json.Marshal(Counter{Name: "c", AdditionalProperties: map[string]int64{"name": 1}})
	if want := `{"name":"c"}`; err != nil || string(b) != want {
		t.Errorf("Marshal = %s, %v; want %s", b, err, want)
	}
	// Extra keys are typed: a value of the wrong type is an error, not silently dropped.
	var c Counter
	if err := json.Unmarshal([]byte(`{"name":"c","a":"not a number"}`), &c); err == nil {
		t.Errorf("decoding a string extra into map[string]int64: no error, got %+v", c)
	}
}

func TestWarehouseExtra(t *testing.T) {
	runRoundTrips(t, []rtCase[Warehouse]{
		{name: "ref values", in: `{"id":"w","east":{"count":1}}`, check: func(t *testing.T, w Warehouse) {
			if s, ok := w.AdditionalProperties["east"]; !ok || s.Count != 1 {
				t.Errorf("AdditionalProperties = %+v", w.AdditionalProperties)
			}
		}},
	})
}

// additionalProperties: false: what is not declared is not kept.
func TestClosed(t *testing.T) {
	runRoundTrips(t, []rtCase[Closed]{
		{name: "declared only", in: `{"a":"x"}`},
		{name: "undeclared dropped", in: `{"a":"x","b":"y"}`, want: `{"a":"x"}`},
	})
	runRoundTrips(t, []rtCase[Nothing]{
		{name: "empty", in: `{}`},
	})
}

// A map as a whole response body.
func TestGetLabels(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"env":"prod","team":"core"}`))
	}))
	defer srv.Close()
	out, err := New(WithServerURL(srv.URL)).GetLabels(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"env": "prod", "team": "core"}; !reflect.DeepEqual(out, want) {
		t.Errorf("GetLabels = %v, want %v", out, want)
	}
}

// Extra keys beside a date-time that is decoded leniently.
func TestStampedExtra(t *testing.T) {
	runRoundTrips(t, []rtCase[Stamped]{
		{
			name: "lenient time and extras",
			in:   `{"at":"2024-03-01 10:00:00","by":"ann","note":""}`,
			want: `{"at":"2024-03-01T10:00:00Z","by":"ann","note":""}`,
			check: func(t *testing.T, s Stamped) {
				if s.At.Format("2006-01-02T15:04:05Z07:00") != "2024-03-01T10:00:00Z" {
					t.Errorf("At = %v", s.At)
				}
				if want := map[string]string{"by": "ann", "note": ""}; !reflect.DeepEqual(s.AdditionalProperties, want) {
					t.Errorf("AdditionalProperties = %v, want %v", s.AdditionalProperties, want)
				}
			},
		},
	})
}
