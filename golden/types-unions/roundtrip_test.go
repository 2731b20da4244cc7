package unions

// JSON round trips of the union types. Hand-written: the generator
// keeps this file. Each case decodes a document, asserts which variant was picked, encodes it
// again and compares the two as JSON.

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

// variants lists the exported pointer fields of a union value that are set, and whether Unknown
// holds JSON.
func variants(u any) []string {
	v := reflect.ValueOf(u)
	var set []string
	for i := range v.NumField() {
		if f := v.Field(i); v.Type().Field(i).IsExported() && !f.IsNil() {
			set = append(set, v.Type().Field(i).Name)
		}
	}
	return set
}

// wantVariant asserts that exactly the named variant is set ("" for none) and that Unknown holds
// JSON only when no variant is set.
func wantVariant(t *testing.T, u interface{ Unknown() json.RawMessage }, want string) {
	t.Helper()
	got := variants(u)
	switch {
	case want == "" && len(got) != 0:
		t.Errorf("%T: variants %v set, want none", u, got)
	case want != "" && (len(got) != 1 || got[0] != want):
		t.Errorf("%T: variants %v set, want only %s", u, got, want)
	}
	if (want == "") != (u.Unknown() != nil) {
		t.Errorf("%T: Unknown() = %s with variant %q", u, u.Unknown(), want)
	}
}

// Discriminator with an explicit mapping; two tags ("dog", "puppy") select Dog.
func TestPetMapping(t *testing.T) {
	runRoundTrips(t, []rtCase[Pet]{
		{name: "cat", in: `{"petType":"cat","name":"Tom","indoor":true}`, check: func(t *testing.T, p Pet) {
			wantVariant(t, p, "Cat")
			if p.Cat != nil && (p.Cat.Name != "Tom" || p.Cat.Indoor == nil || !*p.Cat.Indoor) {
				t.Errorf("Cat = %+v", p.Cat)
			}
		}},
		{name: "dog", in: `{"petType":"dog","name":"Rex","goodBoy":true}`, check: func(t *testing.T, p Pet) {
			wantVariant(t, p, "Dog")
			if p.Dog != nil && (p.Dog.Name != "Rex" || p.Dog.GoodBoy == nil || !*p.Dog.GoodBoy) {
				t.Errorf("Dog = %+v", p.Dog)
			}
		}},
		{name: "second tag of dog", in: `{"petType":"puppy","name":"Bit"}`, check: func(t *testing.T, p Pet) {
			wantVariant(t, p, "Dog")
			if p.Dog != nil && p.Dog.PetType != "puppy" {
				t.Errorf("Dog.PetType = %q", p.Dog.PetType)
			}
		}},
		// An unknown tag never fails: the JSON is kept as it came and written back as it was.
		{name: "unknown tag", in: `{"petType":"bird","name":"Tweety","wings":2}`, check: func(t *testing.T, p Pet) {
			wantVariant(t, p, "")
			if !sameJSON(t, p.Unknown(), []byte(`{"petType":"bird","name":"Tweety","wings":2}`)) {
				t.Errorf("Unknown() = %s", p.Unknown())
			}
		}},
		{name: "no tag", in: `{"name":"Tom"}`, check: func(t *testing.T, p Pet) { wantVariant(t, p, "") }},
	})
}

// Encoding writes the variant that is set; decoding what was written picks the same variant.
func TestPetEncode(t *testing.T) {
	for _, c := range []struct {
		name string
		pet  Pet
		want string
	}{
		{"cat", Pet{Cat: &Cat{PetType: "cat", Name: "Tom"}}, `{"petType":"cat","name":"Tom"}`},
		{"dog", Pet{Dog: &Dog{PetType: "dog", Name: "Rex", GoodBoy: Ptr(false)}}, `{"petType":"dog","name":"Rex","goodBoy":false}`},
		{"none", Pet{}, `null`},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := json.Marshal(c.pet)
			if err != nil || !sameJSON(t, b, []byte(c.want)) {
				t.Errorf("Marshal = %s, %v; want %s", b, err, c.want)
			}
		})
	}
	// A caller who sets the variant but not its tag property: what is sent should still say
	// which variant it is, or this SDK (and the server) cannot tell it apart from an unknown one.
	t.Run("tag left empty", func(t *testing.T) {
		b, err := json.Marshal(Pet{Dog: &Dog{Name: "Rex"}})
		if err != nil {
			t.Fatal(err)
		}
		var back Pet
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if back.Dog == nil {
			t.Errorf("Pet{Dog: &Dog{Name: \"Rex\"}} encodes as %s, which decodes to variants %v (unknown %s), not Dog", b, variants(back), back.Unknown())
		}
	})
}

// Discriminator without a mapping: the tags are the component names.
func TestShapeInferred(t *testing.T) {
	runRoundTrips(t, []rtCase[Shape]{
		{name: "circle", in: `{"kind":"Circle","radius":1.5}`, check: func(t *testing.T, s Shape) {
			wantVariant(t, s, "Circle")
			if s.Circle != nil && s.Circle.Radius != 1.5 {
				t.Errorf("Radius = %v", s.Circle.Radius)
			}
		}},
		{name: "square", in: `{"kind":"Square","side":2}`, check: func(t *testing.T, s Shape) {
			wantVariant(t, s, "Square")
			if s.Square != nil && s.Square.Side != 2 {
				t.Errorf("Side = %v", s.Square.Side)
			}
		}},
		{name: "unknown", in: `{"kind":"Triangle","sides":[3,4,5]}`, check: func(t *testing.T, s Shape) { wantVariant(t, s, "") }},
	})
}

// Discriminator whose variants carry the tag in a single-value enum (Created) or a const
// (Deleted).
func TestEventEnumAndConstTags(t *testing.T) {
	runRoundTrips(t, []rtCase[Event]{
		{name: "enum tag", in: `{"type":"item.created","id":"i1"}`, check: func(t *testing.T, e Event) {
			wantVariant(t, e, "Created")
			if e.Created != nil && (e.Created.Type != CreatedTypeItemCreated || !e.Created.Type.IsKnown() || e.Created.ID != "i1") {
				t.Errorf("Created = %+v", e.Created)
			}
		}},
		{name: "const tag", in: `{"type":"item.deleted","id":"i2","permanent":true}`, check: func(t *testing.T, e Event) {
			wantVariant(t, e, "Deleted")
			if e.Deleted != nil && (e.Deleted.ID != "i2" || e.Deleted.Permanent == nil || !*e.Deleted.Permanent) {
				t.Errorf("Deleted = %+v", e.Deleted)
			}
		}},
		{name: "unknown tag", in: `{"type":"item.moved","id":"i3"}`, check: func(t *testing.T, e Event) { wantVariant(t, e, "") }},
	})
	// `const: item.deleted` is a string: the field should be typed as one, not `any`.
	if sf, _ := reflect.TypeFor[Deleted]().FieldByName("Type"); sf.Type.Kind() != reflect.String {
		t.Errorf("Deleted.Type (const: item.deleted) is %v, want a string type", sf.Type)
	}
}

// No discriminator: the variant whose required properties are all present wins, the one with the
// most required properties first, then the one with the most known properties.
func TestContactByShape(t *testing.T) {
	runRoundTrips(t, []rtCase[Contact]{
		{name: "email", in: `{"email":"a@example.com","verified":true}`, check: func(t *testing.T, c Contact) {
			wantVariant(t, c, "EmailContact")
			if c.EmailContact != nil && c.EmailContact.Email != "a@example.com" {
				t.Errorf("EmailContact = %+v", c.EmailContact)
			}
		}},
		{name: "phone", in: `{"phone":"+4712345678","extension":"12"}`, check: func(t *testing.T, c Contact) {
			wantVariant(t, c, "PhoneContact")
			if c.PhoneContact != nil && (c.PhoneContact.Extension == nil || *c.PhoneContact.Extension != "12") {
				t.Errorf("PhoneContact = %+v", c.PhoneContact)
			}
		}},
		// PhoneContact's one required property is present too; PostalContact requires two.
		{name: "postal with a phone", in: `{"street":"Main St 1","city":"Oslo","phone":"+47"}`, check: func(t *testing.T, c Contact) {
			wantVariant(t, c, "PostalContact")
			if c.PostalContact != nil && (c.PostalContact.City != "Oslo" || c.PostalContact.Phone == nil) {
				t.Errorf("PostalContact = %+v", c.PostalContact)
			}
		}},
		// city alone does not satisfy PostalContact; phone satisfies PhoneContact, which does not
		// declare city (nor additionalProperties), so city is not written back.
		{name: "phone and a city", in: `{"phone":"+47","city":"Oslo"}`, want: `{"phone":"+47"}`, check: func(t *testing.T, c Contact) { wantVariant(t, c, "PhoneContact") }},
		{name: "no variant fits", in: `{"fax":"+47"}`, check: func(t *testing.T, c Contact) { wantVariant(t, c, "") }},
		{name: "not an object", in: `"a@example.com"`, check: func(t *testing.T, c Contact) { wantVariant(t, c, "") }},
	})
}

// oneOf: [integer, string], decided by the JSON kind.
func TestItemIDPrimitives(t *testing.T) {
	runRoundTrips(t, []rtCase[ItemID]{
		{name: "integer", in: `42`, check: func(t *testing.T, id ItemID) {
			wantVariant(t, id, "Int64")
			if id.Int64 != nil && *id.Int64 != 42 {
				t.Errorf("Int64 = %d", *id.Int64)
			}
		}},
		{name: "integer beyond float64", in: `9007199254740993`, check: func(t *testing.T, id ItemID) {
			if id.Int64 == nil || *id.Int64 != 9007199254740993 {
				t.Errorf("Int64 = %v", id.Int64)
			}
		}},
		{name: "string", in: `"A-17"`, check: func(t *testing.T, id ItemID) {
			wantVariant(t, id, "String")
			if id.String != nil && *id.String != "A-17" {
				t.Errorf("String = %q", *id.String)
			}
		}},
		{name: "digits in a string stay a string", in: `"42"`, check: func(t *testing.T, id ItemID) { wantVariant(t, id, "String") }},
		{name: "a fraction is neither", in: `1.5`, check: func(t *testing.T, id ItemID) { wantVariant(t, id, "") }},
		{name: "a boolean is neither", in: `true`, check: func(t *testing.T, id ItemID) { wantVariant(t, id, "") }},
	})
}

// anyOf: [$ref: Cat, {type: string}].
func TestCatOrName(t *testing.T) {
	runRoundTrips(t, []rtCase[CatOrName]{
		{name: "cat", in: `{"petType":"cat","name":"Tom"}`, check: func(t *testing.T, c CatOrName) {
			wantVariant(t, c, "Cat")
			if c.Cat != nil && c.Cat.Name != "Tom" {
				t.Errorf("Cat = %+v", c.Cat)
			}
		}},
		{name: "name", in: `"Tom"`, check: func(t *testing.T, c CatOrName) {
			wantVariant(t, c, "String")
			if c.String != nil && *c.String != "Tom" {
				t.Errorf("String = %q", *c.String)
			}
		}},
		{name: "object that is not a cat", in: `{"name":"Tom"}`, check: func(t *testing.T, c CatOrName) { wantVariant(t, c, "") }},
	})
}

// anyOf: [{type: string}, $ref: Cat], sharing Cat's shape with CatOrName.
func TestCatOrID(t *testing.T) {
	runRoundTrips(t, []rtCase[CatOrID]{
		{name: "cat", in: `{"petType":"cat","name":"Tom"}`, check: func(t *testing.T, c CatOrID) {
			wantVariant(t, c, "Cat")
			if c.Cat != nil && c.Cat.Name != "Tom" {
				t.Errorf("Cat = %+v", c.Cat)
			}
		}},
		{name: "id", in: `"cat_1"`, check: func(t *testing.T, c CatOrID) { wantVariant(t, c, "String") }},
		{name: "object that is not a cat", in: `{"name":"Tom"}`, check: func(t *testing.T, c CatOrID) { wantVariant(t, c, "") }},
	})
}

// Unions as fields, in arrays, and anyOf [Cat, null]: a nullable Cat, optional (adopted) and
// required (resident).
func TestZoo(t *testing.T) {
	wantField[Zoo, Pet](t, "Star", "star")
	wantField[Zoo, []Pet](t, "Pets", "pets,omitzero")
	wantField[Zoo, *Event](t, "LastEvent", "lastEvent,omitzero")
	wantField[Zoo, Nullable[Cat]](t, "Adopted", "adopted,omitzero")
	wantField[Zoo, *Cat](t, "Resident", "resident")

	const resident = `"resident":{"petType":"cat","name":"R"}`
	runRoundTrips(t, []rtCase[Zoo]{
		{
			name: "unions everywhere",
			in: `{"name":"z","star":{"petType":"dog","name":"Rex"},` +
				`"pets":[{"petType":"cat","name":"A"},{"petType":"puppy","name":"B"},{"petType":"bird","name":"C"}],` +
				`"shapes":[{"kind":"Square","side":1},{"kind":"Circle","radius":2}],` +
				`"lastEvent":{"type":"item.created","id":"i"},"contact":{"phone":"1"},"code":7,"mascot":"Garfield",` + resident + `}`,
			check: func(t *testing.T, z Zoo) {
				wantVariant(t, z.Star, "Dog")
				if len(z.Pets) != 3 {
					t.Fatalf("Pets = %+v", z.Pets)
				}
				wantVariant(t, z.Pets[0], "Cat")
				wantVariant(t, z.Pets[1], "Dog")
				wantVariant(t, z.Pets[2], "")
				if len(z.Shapes) != 2 {
					t.Fatalf("Shapes = %+v", z.Shapes)
				}
				wantVariant(t, z.Shapes[0], "Square")
				wantVariant(t, z.Shapes[1], "Circle")
				if z.LastEvent == nil || z.Contact == nil || z.Code == nil || z.Mascot == nil {
					t.Fatalf("zoo = %+v", z)
				}
				wantVariant(t, *z.LastEvent, "Created")
				wantVariant(t, *z.Contact, "PhoneContact")
				wantVariant(t, *z.Code, "Int64")
				wantVariant(t, *z.Mascot, "String")
			},
		},
		{name: "adopted cat", in: `{"name":"z","star":{"petType":"cat","name":"S"},"adopted":{"petType":"cat","name":"A"},` + resident + `}`},
		// null, absent and a value are three states of the optional nullable Cat.
		{name: "adopted null", in: `{"name":"z","star":{"petType":"cat","name":"S"},"adopted":null,` + resident + `}`},
		{name: "adopted absent", in: `{"name":"z","star":{"petType":"cat","name":"S"},` + resident + `}`},
		// The required nullable Cat is written as null, not as an empty cat.
		{name: "resident null", in: `{"name":"z","star":{"petType":"cat","name":"S"},"resident":null}`},
	})
}

// A union as a path parameter and as a query parameter: the set variant is written as a plain
// value (strings unquoted, escaped in the path).
func TestUnionParameters(t *testing.T) {
	var gotPath, gotQuery string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotQuery = r.URL.EscapedPath(), r.URL.RawQuery
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"street":"Main St 1","city":"Oslo"}`))
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL))

	for _, tc := range []struct {
		name      string
		id        ItemID
		limit     *GetItemLimit
		wantPath  string
		wantQuery string
	}{
		{"integers", ItemID{Int64: Ptr[int64](42)}, &GetItemLimit{Int64: Ptr[int64](10)}, "/items/42", "limit=10"},
		{"strings", ItemID{String: Ptr("a b/c")}, &GetItemLimit{String: Ptr("all")}, "/items/a%20b%2Fc", "limit=all"},
		{"no query", ItemID{String: Ptr("x")}, nil, "/items/x", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := c.GetItem(context.Background(), tc.id, GetItemRequest{Limit: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			if gotPath != tc.wantPath || gotQuery != tc.wantQuery {
				t.Errorf("request %s?%s, want %s?%s", gotPath, gotQuery, tc.wantPath, tc.wantQuery)
			}
			wantVariant(t, *out, "PostalContact")
		})
	}
}

// Properties beside a oneOf apply to every object member: the kind and
// since a Keeper declares travel with the Cat or Dog it is, and a plain
// name stays a string.
func TestPropertiesBesideOneOf(t *testing.T) {
	runRoundTrips(t, []rtCase[Keeper]{
		{name: "cat", in: `{"kind":"volunteer","since":"2024-05-01","petType":"cat","name":"Tom","indoor":true}`,
			check: func(t *testing.T, v Keeper) {
				if v.Cat == nil || v.Cat.Kind != "volunteer" || v.Cat.Name != "Tom" || v.Cat.Since == nil || v.Dog != nil {
					t.Errorf("got %+v, want the Cat variant with kind and since", v)
				}
			}},
		{name: "dog", in: `{"kind":"staff","petType":"dog","name":"Rex","goodBoy":true}`,
			check: func(t *testing.T, v Keeper) {
				if v.Dog == nil || v.Dog.Kind != "staff" || v.Cat != nil {
					t.Errorf("got %+v, want the Dog variant with kind", v)
				}
			}},
		{name: "name", in: `"Ada"`,
			check: func(t *testing.T, v Keeper) {
				if v.String == nil || *v.String != "Ada" {
					t.Errorf("got %+v, want the string variant", v)
				}
			}},
	})
	// A caller building a request can set the required kind on a member.
	out, err := json.Marshal(Keeper{Dog: &KeeperDog{Kind: "staff", PetType: "dog", Name: "Rex"}})
	if err != nil || !sameJSON(t, out, []byte(`{"kind":"staff","petType":"dog","name":"Rex"}`)) {
		t.Errorf("encoded %s, %v", out, err)
	}
	// One object member beside properties is one object.
	runRoundTrips(t, []rtCase[Sponsor]{{name: "sponsor", in: `{"level":2,"company":"Acme"}`}})
}
