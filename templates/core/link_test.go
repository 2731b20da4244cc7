package core

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"
)

func TestParseLinks(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []Link
	}{
		{"GitHub", []string{`<https://api.github.com/repos/o/r/issues?page=2>; rel="next", <https://api.github.com/repos/o/r/issues?page=5>; rel="last"`},
			[]Link{{URL: "https://api.github.com/repos/o/r/issues?page=2", Rel: []string{"next"}},
				{URL: "https://api.github.com/repos/o/r/issues?page=5", Rel: []string{"last"}}}},
		{"rel list, case and token value", []string{`<a>; rel="Next  LAST"`, `<b>;rel=prev`},
			[]Link{{URL: "a", Rel: []string{"next", "last"}}, {URL: "b", Rel: []string{"prev"}}}},
		{"commas and semicolons in the URL", []string{`<https://x/?q=a,b;c>; rel="next", <https://x/?q=d,e>; rel=prev`},
			[]Link{{URL: "https://x/?q=a,b;c", Rel: []string{"next"}}, {URL: "https://x/?q=d,e", Rel: []string{"prev"}}}},
		{"quoted parameters with commas and escapes", []string{`<a>; title="one, \"two\"; three"; rel="next"; type=text/html`},
			[]Link{{URL: "a", Rel: []string{"next"}, Params: map[string]string{"title": `one, "two"; three`, "type": "text/html"}}}},
		{"only the first rel counts", []string{`<a>; rel=next; rel=prev; Title=x; title=y`},
			[]Link{{URL: "a", Rel: []string{"next"}, Params: map[string]string{"title": "x"}}}},
		{"spaces around", []string{`  < a >  ;  rel = "next"  ,  `},
			[]Link{{URL: "a", Rel: []string{"next"}}}},
		{"malformed entries skipped", []string{`garbage "with, comma", <a>; rel=next, <b> junk; rel=x, <c>; rel=last`},
			[]Link{{URL: "a", Rel: []string{"next"}}, {URL: "c", Rel: []string{"last"}}}},
		{"no rel", []string{`<a>; anchor="#x"`}, []Link{{URL: "a", Params: map[string]string{"anchor": "#x"}}}},
		{"unterminated", []string{`<a; rel=next`}, nil},
		{"empty", []string{"", " , "}, nil},
	}
	for _, tt := range tests {
		if got := ParseLinks(tt.values...); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %#v\nwant %#v", tt.name, got, tt.want)
		}
	}
}

func TestNextLink(t *testing.T) {
	base, _ := url.Parse("https://api.example.com/v1/things?page=1")
	tests := []struct {
		links []string
		want  string
	}{
		{[]string{`<https://api.example.com/v1/things?page=2>; rel="next"`}, "https://api.example.com/v1/things?page=2"},
		{[]string{`</v1/things?page=2>; rel="next last"`}, "https://api.example.com/v1/things?page=2"},
		{[]string{`<?page=2>; rel=next`}, "https://api.example.com/v1/things?page=2"},
		{[]string{`<https://x/1>; rel=prev`, `<https://x/3>; rel=NEXT`}, "https://x/3"},
		{[]string{`<https://x/1>; rel="prev last"`}, ""},
		{nil, ""},
	}
	for _, tt := range tests {
		h := http.Header{}
		for _, l := range tt.links {
			h.Add("Link", l)
		}
		if got := NextLink(h, base); got != tt.want {
			t.Errorf("NextLink(%q) = %q, want %q", tt.links, got, tt.want)
		}
	}
	if got := NextLink(http.Header{"Link": {`<rel/2>; rel=next`}}, nil); got != "rel/2" {
		t.Errorf("without a base: %q", got)
	}
}
