package sdkdiff

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
)

// sdk builds a one-file SDK package from Go source.
func sdk(src string) Side {
	return Side{Files: []gen.File{{Path: "client.go", Content: []byte("package pets\n\n" + src)}}}
}

// TestCompareGoRules checks how apidiff's findings are classified and
// sorted into sections, without a model (so no wire comparison).
func TestCompareGoRules(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string // "section kind symbol"
		bump     Bump
	}{
		{"identical", "type Pet struct{ ID string }", "type Pet struct{ ID string }", nil, BumpNone},
		{"doc only", "// A pet.\ntype Pet struct{ ID string }", "// One pet.\ntype Pet struct{ ID string }",
			[]string{"other changed-code "}, BumpPatch},
		{"field removed and added",
			"type Pet struct{ ID string; Age *int64 }", "type Pet struct{ ID string; Name *string }",
			[]string{"breaking removed-field Pet.Age", "compatible added-field Pet.Name"}, BumpMajor},
		{"field type", "type Pet struct{ Age *int32 }", "type Pet struct{ Age *float64 }",
			[]string{"breaking changed-field-type Pet.Age"}, BumpMajor},
		{"no longer comparable", "type Pet struct{ ID string }", "type Pet struct{ ID string; Tags []string }",
			[]string{"compatible added-field Pet.Tags", "compatible no-longer-comparable Pet"}, BumpMinor},
		{"methods",
			"type S struct{}\nfunc (s *S) Get(id string) error { return nil }\nfunc (s *S) Del() {}",
			"type S struct{}\nfunc (s *S) Get(id int64) error { return nil }\nfunc (s *S) List() {}",
			[]string{"breaking removed-method S.Del", "breaking changed-signature S.Get", "compatible added-method S.List"}, BumpMajor},
		{"enum values", "type St string\nconst (StA St = \"a\"; StB St = \"b\")", "type St string\nconst (StA St = \"a\"; StC St = \"c\")",
			[]string{"breaking removed-enum-value StB", "compatible added-enum-value StC"}, BumpMajor},
		{"enum value respelled", "type St string\nconst StInProgress St = \"in-progress\"", "type St string\nconst StInProgress St = \"in_progress\"",
			[]string{"wire changed-enum-value StInProgress"}, BumpMajor},
		{"enum removed whole", "type St string\nconst (StA St = \"a\"; StB St = \"b\")", "",
			[]string{"breaking removed-type St"}, BumpMajor},
		{"server URL and version", "const Version = \"1.0.0\"\nconst DefaultServerURL = \"https://a\"",
			"const Version = \"2.0.0\"\nconst DefaultServerURL = \"https://b\"",
			[]string{"other changed-constant DefaultServerURL"}, BumpPatch},
		{"option added", "", "func WithKey(k string) {}", []string{"compatible added-func WithKey"}, BumpMinor},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Compare(sdk(tc.old), sdk(tc.new), Options{Module: "example.com/pets"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range []struct {
				name string
				cs   []Change
			}{{"breaking", r.Breaking}, {"compatible", r.Compatible}, {"wire", r.Wire}, {"other", r.Other}} {
				for _, c := range s.cs {
					got = append(got, s.name+" "+c.Kind+" "+c.Symbol)
				}
			}
			if !slices.Equal(got, tc.want) || r.Bump != tc.bump {
				t.Errorf("got %s %q, want %s %q", r.Bump, got, tc.bump, tc.want)
			}
			if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "wire changes were not compared") {
				t.Errorf("notes %q: want one saying the wire was not compared", r.Notes)
			}
		})
	}
}

// TestEnumFoldCounts checks that a removed enum type's entry counts its
// values, and that a type error in an SDK is reported, not ignored.
func TestEnumFoldCounts(t *testing.T) {
	r, err := Compare(sdk("type St string\nconst (StA St = \"a\"; StB St = \"b\")"), sdk(""), Options{Module: "example.com/pets"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Breaking) != 1 || r.Breaking[0].Message != "type removed with its 2 value(s)" {
		t.Errorf("got %+v", r.Breaking)
	}
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b); err != nil || !strings.Contains(b.String(), "### Breaking changes\n\n- **Removed types** (1)\n  - `St`: type removed with its 2 value(s)\n") {
		t.Errorf("markdown:\n%s", b.String())
	}
	if _, err := Compare(sdk("var x int = \"s\""), sdk(""), Options{Module: "example.com/pets"}); err == nil || !strings.Contains(err.Error(), "the old SDK") {
		t.Errorf("a type error: got %v", err)
	}
}
