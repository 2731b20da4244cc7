package allof

// JSON round trips of the allOf types. Hand-written: the generator
// keeps this file. Each case decodes a document, asserts the typed value, encodes it again and
// compares the two as JSON.

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
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

// fieldNames lists the fields of S in order.
func fieldNames[S any]() []string {
	st := reflect.TypeFor[S]()
	var names []string
	for i := range st.NumField() {
		names = append(names, st.Field(i).Name)
	}
	return names
}

// fieldDoc returns the doc comment of a field of a struct declared in models.go.
func fieldDoc(t *testing.T, typeName, field string) string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "models.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range gd.Specs {
			ts, ok := s.(*ast.TypeSpec)
			if !ok || ts.Name.Name != typeName {
				continue
			}
			for _, fl := range ts.Type.(*ast.StructType).Fields.List {
				for _, n := range fl.Names {
					if n.Name == field {
						return fl.Doc.Text()
					}
				}
			}
		}
	}
	t.Fatalf("no field %s.%s in models.go", typeName, field)
	return ""
}

var utc10 = time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)

// Pet merges Base, Audited, an inline member and its own properties; its own `required` makes
// Audited's optional updatedBy required and adds tag.
func TestPetMerged(t *testing.T) {
	if got, want := fieldNames[Pet](), []string{"ID", "CreatedAt", "Status", "CreatedBy", "UpdatedBy", "Name", "Age", "Tag", "Weight"}; !slices.Equal(got, want) {
		t.Errorf("Pet fields = %v, want %v", got, want)
	}
	wantField[Pet, string](t, "ID", "id")
	wantField[Pet, *time.Time](t, "CreatedAt", "createdAt,omitzero")
	// Base's enum and the inline member's plain string both apply: the enum.
	wantField[Pet, *BaseStatus](t, "Status", "status,omitzero")
	wantField[Pet, string](t, "CreatedBy", "createdBy")
	wantField[Pet, string](t, "UpdatedBy", "updatedBy") // optional in Audited, required by Pet
	wantField[Pet, string](t, "Name", "name")           // required by the inline member
	wantField[Pet, *int32](t, "Age", "age,omitzero")
	wantField[Pet, string](t, "Tag", "tag") // own property, required by Pet
	wantField[Pet, *float64](t, "Weight", "weight,omitzero")

	runRoundTrips(t, []rtCase[Pet]{
		{
			name: "every field",
			in:   `{"id":"p1","createdAt":"2024-03-01T10:00:00Z","createdBy":"ann","updatedBy":"bob","name":"Rex","age":3,"tag":"dog","weight":4.5}`,
			check: func(t *testing.T, p Pet) {
				if p.ID != "p1" || p.CreatedBy != "ann" || p.UpdatedBy != "bob" || p.Name != "Rex" || p.Tag != "dog" {
					t.Errorf("strings = %+v", p)
				}
				if p.CreatedAt == nil || !p.CreatedAt.Equal(utc10) {
					t.Errorf("CreatedAt = %v, want %v", p.CreatedAt, utc10)
				}
				if p.Age == nil || *p.Age != 3 {
					t.Errorf("Age = %v, want 3", p.Age)
				}
				if p.Weight == nil || *p.Weight != 4.5 {
					t.Errorf("Weight = %v, want 4.5", p.Weight)
				}
			},
		},
		{
			// Required fields are written even when empty; optional ones are left out.
			name: "required only, empty values",
			in:   `{"id":"","createdBy":"","updatedBy":"","name":"","tag":""}`,
			check: func(t *testing.T, p Pet) {
				if p.CreatedAt != nil || p.Age != nil || p.Weight != nil {
					t.Errorf("optional fields set: %+v", p)
				}
			},
		},
		{
			// The merged struct keeps Base's lenient date-time decoding.
			name: "lenient createdAt",
			in:   `{"id":"p1","createdAt":"2024-03-01 10:00:00","createdBy":"a","updatedBy":"b","name":"n","tag":"t"}`,
			want: `{"id":"p1","createdAt":"2024-03-01T10:00:00Z","createdBy":"a","updatedBy":"b","name":"n","tag":"t"}`,
			check: func(t *testing.T, p Pet) {
				if p.CreatedAt == nil || !p.CreatedAt.Equal(utc10) {
					t.Errorf("CreatedAt = %v, want %v", p.CreatedAt, utc10)
				}
			},
		},
	})
}

// Dog is an allOf whose first member is itself an allOf (Pet), and whose inline member holds an
// inline allOf (vet).
func TestDogNested(t *testing.T) {
	if got, want := fieldNames[Dog](), []string{"ID", "CreatedAt", "Status", "CreatedBy", "UpdatedBy", "Name", "Age", "Tag", "Weight", "Breed", "Vet"}; !slices.Equal(got, want) {
		t.Errorf("Dog fields = %v, want %v", got, want)
	}
	if got, want := fieldNames[DogVet](), []string{"ID", "CreatedAt", "Status", "Clinic"}; !slices.Equal(got, want) {
		t.Errorf("DogVet fields = %v, want %v", got, want)
	}
	wantField[Dog, string](t, "UpdatedBy", "updatedBy")
	wantField[Dog, string](t, "Breed", "breed")
	wantField[Dog, *DogVet](t, "Vet", "vet,omitzero")
	wantField[DogVet, string](t, "ID", "id")

	runRoundTrips(t, []rtCase[Dog]{
		{
			name: "with vet",
			in:   `{"id":"d1","createdBy":"a","updatedBy":"b","name":"Rex","tag":"t","breed":"collie","vet":{"id":"v1","createdAt":"2024-03-01T10:00:00","clinic":"North"}}`,
			want: `{"id":"d1","createdBy":"a","updatedBy":"b","name":"Rex","tag":"t","breed":"collie","vet":{"id":"v1","createdAt":"2024-03-01T10:00:00Z","clinic":"North"}}`,
			check: func(t *testing.T, d Dog) {
				if d.ID != "d1" || d.Name != "Rex" || d.Breed != "collie" || d.UpdatedBy != "b" {
					t.Errorf("dog = %+v", d)
				}
				if d.Vet == nil || d.Vet.ID != "v1" || d.Vet.Clinic == nil || *d.Vet.Clinic != "North" {
					t.Fatalf("vet = %+v", d.Vet)
				}
				if d.Vet.CreatedAt == nil || !d.Vet.CreatedAt.Equal(utc10) {
					t.Errorf("vet.CreatedAt = %v, want %v", d.Vet.CreatedAt, utc10)
				}
			},
		},
		{
			name: "without vet",
			in:   `{"id":"d2","createdBy":"a","updatedBy":"b","name":"Fido","age":2,"tag":"t","weight":10,"breed":"pug"}`,
			check: func(t *testing.T, d Dog) {
				if d.Vet != nil || d.Age == nil || *d.Age != 2 || d.Weight == nil || *d.Weight != 10 {
					t.Errorf("dog = %+v", d)
				}
			},
		},
	})
}

// The one-element `allOf: [$ref: Person]` wrappers are Person itself, and keep what they were
// written for: `nullable` (owner optional → Nullable[Person], manager required → *Person) and the
// description (on the field's doc comment).
func TestKennelWrappers(t *testing.T) {
	wantField[Kennel, Nullable[Person]](t, "Owner", "owner,omitzero")
	wantField[Kennel, *Person](t, "Manager", "manager")
	wantField[Kennel, *Person](t, "Contact", "contact,omitzero")
	wantField[Kennel, *Person](t, "Keeper", "keeper,omitzero") // Keeper: allOf [Person] + description is Person

	for field, want := range map[string]string{
		"Owner":   "The kennel's owner, null when it has none.",
		"Manager": "The manager; always sent, null when vacant.",
		"Contact": "Who to call.",
	} {
		if doc := fieldDoc(t, "Kennel", field); !strings.Contains(doc, want) {
			t.Errorf("Kennel.%s doc = %q, want it to contain the wrapper's description %q", field, doc, want)
		}
	}

	runRoundTrips(t, []rtCase[Kennel]{
		{
			name: "people set",
			in:   `{"id":"k1","owner":{"name":"Bob","email":"bob@example.com"},"manager":{"name":"Ann"},"contact":{"name":"Cy"},"keeper":{"name":"Di"}}`,
			check: func(t *testing.T, k Kennel) {
				if k.Contact == nil || k.Contact.Name != "Cy" || k.Keeper == nil || k.Keeper.Name != "Di" {
					t.Errorf("contact %+v, keeper %+v", k.Contact, k.Keeper)
				}
			},
		},
		// null survives only if the wrapper's nullable was kept.
		{name: "owner null", in: `{"id":"k1","owner":null,"manager":{"name":"Ann"}}`},
		{name: "owner absent, manager null", in: `{"id":"k1","manager":null}`},
	})
}

// allOf with a oneOf part distributes: a SearchResult is hits paged by
// page number or by offset, each alternative carrying the hits.
func TestAllOfWithOneOfPart(t *testing.T) {
	runRoundTrips(t, []rtCase[SearchResult]{
		{name: "by page", in: `{"hits":["a","b"],"page":2,"totalPages":5}`,
			check: func(t *testing.T, v SearchResult) {
				if v.ByPage == nil || v.ByPage.Page != 2 || len(v.ByPage.Hits) != 2 || v.ByOffset != nil {
					t.Errorf("got %+v, want the by-page variant with its hits", v)
				}
			}},
		{name: "by offset", in: `{"hits":[],"offset":20,"estimatedTotal":99}`,
			check: func(t *testing.T, v SearchResult) {
				if v.ByOffset == nil || v.ByOffset.Offset != 20 || v.ByOffset.Hits == nil || v.ByPage != nil {
					t.Errorf("got %+v, want the by-offset variant with its hits", v)
				}
			}},
	})
}
