package gen

import (
	"testing"

	"github.com/sdkgen/sdkgen/model"
)

// TestStringValueIn: a parameter's sample takes the spec's example only
// when the SDK sends that string as given where the parameter goes; a
// body value takes any example.
func TestStringValueIn(t *testing.T) {
	tests := []struct {
		example, in, want string
	}{
		{`"blue"`, model.InPath, "blue"},
		{`""`, model.InPath, "fallback"},
		{`""`, model.InQuery, "fallback"},
		{`""`, "", ""},
		{`"a\nb"`, model.InHeader, "fallback"},
		{`"a\tb"`, model.InHeader, "fallback"},
		{`"a\nb"`, "", "a\nb"},
		{`"日本"`, model.InHeader, "日本"},
		{`"日本"`, model.InCookie, "fallback"},
		{`"a;b"`, model.InCookie, "fallback"},
		{`"a\"b"`, model.InCookie, "fallback"},
		{`"a\\b"`, model.InCookie, "fallback"},
		{`"a b"`, model.InCookie, "a b"},
		{`"a;b"`, model.InQuery, "a;b"},
	}
	for _, tt := range tests {
		typ := &model.Type{Kind: model.KindString, Examples: []string{tt.example}}
		if got := stringValueIn(typ, tt.in, "fallback"); got != tt.want {
			t.Errorf("example %s in %q: got %q, want %q", tt.example, tt.in, got, tt.want)
		}
	}
	// The first example the location can carry wins over later ones.
	typ := &model.Type{Kind: model.KindString, Examples: []string{`""`, `"a;b"`, `"ok"`}}
	if got := stringValueIn(typ, model.InCookie, "fallback"); got != "ok" {
		t.Errorf("cookie with three examples: got %q, want ok", got)
	}
	// An enum parameter's sample is its first value sendable there.
	enum := &model.Type{Kind: model.KindEnum, Enum: []*model.EnumValue{{Value: ""}, {Value: "a;b"}, {Value: "c"}}}
	if got := sampleEnumIn(enum, model.InCookie).Value; got != "c" {
		t.Errorf("cookie enum: got %q, want c", got)
	}
	if got := sampleEnumIn(enum, ""); got.Value != "a;b" {
		t.Errorf("body enum: got %q, want a;b", got.Value)
	}
}
