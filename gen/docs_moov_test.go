package gen_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// TestMoovDocs shows the Moov SDK's documentation whole: README.md indexes
// every operation and links it to a section of its service's page; each
// section has its scopes, parameters, every response status the spec
// declares, and a Go and a cURL sample; examples_test.go holds one
// example per method, the same text the pages quote.
func TestMoovDocs(t *testing.T) {
	files := moovSDK(t)
	api, diags := parser.Parse(moovSpec, parser.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	byPath := map[string]string{}
	for _, f := range files {
		byPath[f.Path] = string(f.Content)
	}
	readme, ok := byPath["README.md"]
	if !ok {
		t.Fatal("no README.md")
	}
	for _, want := range []string{"go get example.com/moov", "MOOV_BASIC_AUTH_USERNAME", "X-Moov-Version", "https://api.moov.io", "WithRetryPolicy", "WithTimeout", "errors.As", "*moov.APIError", "moov.ErrorBody[", "WithRequestHeader"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
	examples := byPath["examples_test.go"]
	if n := strings.Count(examples, "\nfunc Example"); n != 175 {
		t.Errorf("examples_test.go has %d examples, want 175 (one per method)", n)
	}
	pages := 0
	for _, s := range api.Services {
		page := "docs/" + model.ServiceSlug(s.GoName) + ".md"
		text, ok := byPath[page]
		if !ok {
			t.Errorf("no page %s for service %s", page, s.Tag)
			continue
		}
		pages++
		sections := strings.Split(text, "\n## ")
		for _, o := range s.Operations {
			link := "[" + o.ID + "](" + page + "#" + strings.ToLower(o.GoName) + ")"
			if !strings.Contains(readme, link) {
				t.Errorf("README index lacks %s", link)
			}
			var sec string
			for _, x := range sections {
				if strings.HasPrefix(x, o.GoName+"\n") {
					sec = x
				}
			}
			if sec == "" {
				t.Errorf("%s: no section %s", page, o.GoName)
				continue
			}
			for _, h := range []string{"### Scopes", "### Parameters", "### Responses", "```go\n", "```sh\ncurl -X " + o.Method + " "} {
				if !strings.Contains(sec, h) {
					t.Errorf("%s %s: no %q", page, o.GoName, h)
				}
			}
			for _, alt := range o.Scopes {
				for _, sc := range alt {
					if !strings.Contains(sec, sc) {
						t.Errorf("%s %s: scope %s missing", page, o.GoName, sc)
					}
				}
			}
			for _, p := range o.Params {
				if !p.Ignored && !strings.Contains(sec, "| `"+p.Name+"` | "+p.In+" |") {
					t.Errorf("%s %s: parameter %s missing", page, o.GoName, p.Name)
				}
			}
			for _, r := range o.Responses {
				if !regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(r.Status) + ` \|`).MatchString(sec) {
					t.Errorf("%s %s: response %s missing", page, o.GoName, r.Status)
				}
			}
			if !strings.Contains(examples, "func Example"+s.TypeName+"_"+o.GoName+"()") {
				t.Errorf("no example for %s.%s", s.TypeName, o.GoName)
			}
		}
	}
	if pages != 38 {
		t.Errorf("%d service pages, want 38", pages)
	}
}
