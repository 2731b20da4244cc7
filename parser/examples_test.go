package parser

import (
	"strings"
	"testing"

	"github.com/pb33f/go-yaml"
)

// TestExampleJSON pins how example nodes become JSON text: key order kept,
// scalars by their YAML type, and nothing kept that is too deep or that
// aliases blow up past the size bound.
func TestExampleJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{b: 1, a: [true, null, "x"]}`, `{"b":1,"a":[true,null,"x"]}`},
		{`1.50`, `1.50`},
		{`.5`, `0.5`},
		{`0x1F`, `31`},
		{`.inf`, `".inf"`},
		{`"12"`, `"12"`},
		{`<a> & "b"`, `"<a> & \"b\""`},
		{`2024-01-02`, `"2024-01-02"`},
		{"a: &x [1]\nb: *x", `{"a":[1],"b":[1]}`},
		{`{"json": {"input": [1.0e3]}}`, `{"json":{"input":[1.0e3]}}`},
	} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(c.in), &n); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		got, ok := exampleJSON(&n)
		if !ok || got != c.want {
			t.Errorf("%s: got %s (%v), want %s", c.in, got, ok, c.want)
		}
	}

	// A billion-laughs document: each level doubles the previous one nine
	// times over, far past the size bound.
	var b strings.Builder
	b.WriteString("a0: &a0 [" + strings.Repeat("x,", 9) + "x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [" + strings.Repeat("*a"+itoa(i-1)+",", 9) + "*a" + itoa(i-1) + "]\n")
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &n); err != nil {
		t.Fatal(err)
	}
	if got, ok := exampleJSON(&n); ok || got != "" {
		t.Errorf("an alias bomb was kept (%d bytes)", len(got))
	}

	deep := strings.Repeat("[", 200) + strings.Repeat("]", 200)
	if err := yaml.Unmarshal([]byte(deep), &n); err != nil {
		t.Fatal(err)
	}
	if _, ok := exampleJSON(&n); ok {
		t.Errorf("a 200-deep example was kept")
	}
	if _, ok := exampleJSON(nil); ok {
		t.Errorf("no example, yet one was kept")
	}
}
