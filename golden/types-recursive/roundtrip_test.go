package recursive

// JSON round trips of recursive and deeply nested types, readOnly and writeOnly fields. Hand-written: the generator keeps this file.

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
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

func TestNodeSelfRecursive(t *testing.T) {
	wantField[Node, []Node](t, "Children", "children,omitzero")
	wantField[Node, *Node](t, "Parent", "parent,omitzero")
	wantField[Node, map[string]Node](t, "ByName", "byName,omitzero")

	runRoundTrips(t, []rtCase[Node]{
		{
			name: "tree",
			in: `{"name":"root","children":[{"name":"a","children":[{"name":"a1"},{"name":"a2","children":[]}]},{"name":"b"}],` +
				`"parent":{"name":"up","parent":{"name":"upup"}},"byName":{"x":{"name":"x","children":[{"name":"x1"}]}}}`,
			check: func(t *testing.T, n Node) {
				if n.Name != "root" || len(n.Children) != 2 || len(n.Children[0].Children) != 2 || n.Children[0].Children[1].Name != "a2" {
					t.Errorf("children = %+v", n.Children)
				}
				if c := n.Children[0].Children[1].Children; c == nil || len(c) != 0 {
					t.Errorf("a2 children = %#v, want empty, not nil", c)
				}
				if n.Parent == nil || n.Parent.Parent == nil || n.Parent.Parent.Name != "upup" || n.Parent.Parent.Parent != nil {
					t.Errorf("parent chain = %+v", n.Parent)
				}
				if x := n.ByName["x"]; x.Name != "x" || len(x.Children) != 1 || x.Children[0].Name != "x1" {
					t.Errorf("ByName = %+v", n.ByName)
				}
			},
		},
		{name: "leaf", in: `{"name":"leaf"}`},
	})
}

// Employee → Department → Employee, both required: the cycle is broken by pointers, and null ends
// it in JSON.
func TestMutualRecursion(t *testing.T) {
	wantField[Employee, *Department](t, "Department", "department")
	wantField[Department, *Employee](t, "Head", "head")

	runRoundTrips(t, []rtCase[Employee]{
		{
			name: "two levels",
			in:   `{"name":"Ann","department":{"title":"R&D","head":{"name":"Bob","department":{"title":"Board","head":null}}}}`,
			check: func(t *testing.T, e Employee) {
				if e.Department == nil || e.Department.Title != "R&D" || e.Department.Head == nil {
					t.Fatalf("employee = %+v", e)
				}
				bob := e.Department.Head
				if bob.Name != "Bob" || bob.Department == nil || bob.Department.Title != "Board" || bob.Department.Head != nil {
					t.Errorf("head = %+v", bob)
				}
			},
		},
	})
	// A cycle of Go values is not JSON; a finite chain is.
	b, err := json.Marshal(Department{Title: "Solo", Head: &Employee{Name: "Cy"}})
	if want := `{"title":"Solo","head":{"name":"Cy","department":null}}`; err != nil || !sameJSON(t, b, []byte(want)) {
		t.Errorf("Marshal = %s, %v; want %s", b, err, want)
	}
}

// A named array that contains itself.
func TestNestedArray(t *testing.T) {
	runRoundTrips(t, []rtCase[Nested]{
		{name: "lists of lists", in: `[[[],[[]]],[]]`, check: func(t *testing.T, n Nested) {
			if len(n) != 2 || len(n[0]) != 2 || len(n[0][1]) != 1 || len(n[0][1][0]) != 0 || len(n[1]) != 0 {
				t.Errorf("Nested = %#v", n)
			}
		}},
		{name: "empty", in: `[]`},
	})
}

// Inline objects nested in objects and arrays are named from their path.
func TestDeepInlineNames(t *testing.T) {
	for _, c := range []struct {
		typ  reflect.Type
		name string
	}{
		{reflect.TypeFor[AccountSettings](), "AccountSettings"},
		{reflect.TypeFor[AccountSettingsNotifications](), "AccountSettingsNotifications"},
		{reflect.TypeFor[AccountSettingsNotificationsChannelsItem](), "AccountSettingsNotificationsChannelsItem"},
		{reflect.TypeFor[AccountSettingsNotificationsChannelsItemTarget](), "AccountSettingsNotificationsChannelsItemTarget"},
	} {
		if c.typ.Name() != c.name {
			t.Errorf("type %v, want %s", c.typ, c.name)
		}
	}
	wantField[Account, *AccountSettings](t, "Settings", "settings,omitzero")
	wantField[AccountSettings, *AccountSettingsNotifications](t, "Notifications", "notifications,omitzero")
	wantField[AccountSettingsNotifications, []AccountSettingsNotificationsChannelsItem](t, "Channels", "channels,omitzero")
	wantField[AccountSettingsNotificationsChannelsItem, string](t, "Kind", "kind")
	wantField[AccountSettingsNotificationsChannelsItem, *AccountSettingsNotificationsChannelsItemTarget](t, "Target", "target,omitzero")
}

// readOnly fields are pointers even when required, decoded from responses and left out of a
// request that does not set them; writeOnly fields are sent and are absent from responses.
func TestAccountReadWriteOnly(t *testing.T) {
	wantField[Account, *string](t, "ID", "id,omitzero")                  // required and readOnly: still a pointer
	wantField[Account, *time.Time](t, "CreatedAt", "createdAt,omitzero") // readOnly
	wantField[Account, *string](t, "Password", "password,omitzero")      // writeOnly
	wantField[Account, string](t, "Plan", "plan")                        // required, with a default
	wantField[Account, *int64](t, "Seats", "seats,omitzero")             // optional, with a default
	wantField[Account, *string](t, "Nickname", "nickname,omitzero")      // deprecated

	runRoundTrips(t, []rtCase[Account]{
		{
			name: "response",
			in: `{"id":"acc_1","createdAt":"2024-03-01 10:00:00","email":"a@example.com","plan":"free","seats":1,` +
				`"nickname":"old","displayName":"New",` +
				`"settings":{"notifications":{"channels":[{"kind":"email","target":{"address":"a@example.com","verified":true}},{"kind":"sms"}]}}}`,
			want: `{"id":"acc_1","createdAt":"2024-03-01T10:00:00Z","email":"a@example.com","plan":"free","seats":1,` +
				`"nickname":"old","displayName":"New",` +
				`"settings":{"notifications":{"channels":[{"kind":"email","target":{"address":"a@example.com","verified":true}},{"kind":"sms"}]}}}`,
			check: func(t *testing.T, a Account) {
				if a.ID == nil || *a.ID != "acc_1" || a.CreatedAt == nil || !a.CreatedAt.Equal(time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)) {
					t.Errorf("read-only fields: ID %v, CreatedAt %v", a.ID, a.CreatedAt)
				}
				if a.Password != nil {
					t.Errorf("Password = %q", *a.Password)
				}
				ch := a.Settings.Notifications.Channels
				if len(ch) != 2 || ch[0].Target == nil || ch[0].Target.Verified == nil || !*ch[0].Target.Verified || ch[1].Target != nil {
					t.Errorf("channels = %+v", ch)
				}
			},
		},
	})

	// A request built by a caller leaves the read-only fields out and sends the write-only one.
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		buf.ReadFrom(r.Body)
		body = buf.Bytes()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id":"acc_2","createdAt":"2024-03-01T10:00:00Z","email":"b@example.com","plan":"pro"}`))
	}))
	defer srv.Close()
	out, err := New(WithServerURL(srv.URL)).CreateAccount(context.Background(), withBody[CreateAccountRequest](
		Account{Email: "b@example.com", Plan: "pro", Password: Ptr("s3cret")},
	))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"email":"b@example.com","plan":"pro","password":"s3cret"}`; !sameJSON(t, body, []byte(want)) {
		t.Errorf("sent %s, want %s", body, want)
	}
	if out.ID == nil || *out.ID != "acc_2" || out.Password != nil {
		t.Errorf("response = %+v", out)
	}
}

// Deprecated types and operations still compile and work.
func TestDeprecated(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"value":"v"}`))
	}))
	defer srv.Close()
	out, err := New(WithServerURL(srv.URL)).GetLegacy(context.Background())
	if err != nil || out.Value == nil || *out.Value != "v" {
		t.Errorf("GetLegacy = %+v, %v", out, err)
	}
}

// Recursive through a union: the variants are pointers, so BinaryOp holds Expr values.
func TestExprThroughUnion(t *testing.T) {
	runRoundTrips(t, []rtCase[Expr]{
		{
			name: "(1 + 2) * 3",
			in:   `{"op":"*","left":{"op":"+","left":{"value":1},"right":{"value":2}},"right":{"value":3}}`,
			check: func(t *testing.T, e Expr) {
				if e.BinaryOp == nil || e.Literal != nil || e.BinaryOp.Op != "*" {
					t.Fatalf("root = %+v", e)
				}
				sum := e.BinaryOp.Left.BinaryOp
				if sum == nil || sum.Op != "+" || sum.Left.Literal == nil || sum.Left.Literal.Value != 1 || sum.Right.Literal == nil || sum.Right.Literal.Value != 2 {
					t.Errorf("left = %+v", e.BinaryOp.Left)
				}
				if r := e.BinaryOp.Right.Literal; r == nil || r.Value != 3 {
					t.Errorf("right = %+v", e.BinaryOp.Right)
				}
			},
		},
		{name: "literal", in: `{"value":-0.5}`, check: func(t *testing.T, e Expr) {
			if e.Literal == nil || e.Literal.Value != -0.5 || e.BinaryOp != nil {
				t.Errorf("Expr = %+v", e)
			}
		}},
	})
}

// Recursive through allOf: the merged Category refers to itself.
func TestCategoryThroughAllOf(t *testing.T) {
	wantField[Category, string](t, "Name", "name")
	wantField[Category, []Category](t, "Subcategories", "subcategories,omitzero")
	wantField[Category, *Category](t, "Parent", "parent,omitzero")
	runRoundTrips(t, []rtCase[Category]{
		{
			name: "tree",
			in:   `{"name":"books","subcategories":[{"name":"fiction","subcategories":[{"name":"crime"}]},{"name":"poetry"}],"parent":{"name":"media"}}`,
			check: func(t *testing.T, c Category) {
				if len(c.Subcategories) != 2 || c.Subcategories[0].Subcategories[0].Name != "crime" || c.Parent == nil || c.Parent.Name != "media" {
					t.Errorf("Category = %+v", c)
				}
			},
		},
	})
}

// withBody returns a request struct R whose Body is v. Through reflection, so the test does not
// depend on whether a required JSON body is generated as a T or a *T (not what this file tests).
func withBody[R, T any](v T) R {
	var r R
	f := reflect.ValueOf(&r).Elem().FieldByName("Body")
	if f.Kind() == reflect.Pointer {
		f.Set(reflect.ValueOf(&v))
	} else {
		f.Set(reflect.ValueOf(v))
	}
	return r
}
