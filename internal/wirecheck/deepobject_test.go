package wirecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/gen"
)

// nestedSpec has deepObject parameters as Stripe writes them: an array of
// objects, and an object holding one.
const nestedSpec = `openapi: 3.0.3
info: {title: Nested, version: "1"}
paths:
  /preview:
    get:
      parameters:
        - name: lines
          in: query
          style: deepObject
          explode: true
          schema:
            type: array
            items:
              type: object
              required: [amount]
              properties:
                amount: {type: integer, minimum: 1}
                period:
                  type: object
                  properties:
                    start: {type: integer}
        - name: details
          in: query
          required: true
          style: deepObject
          explode: true
          schema:
            type: object
            properties:
              tax_ids:
                anyOf:
                  - type: array
                    items:
                      type: object
                      required: [type]
                      properties:
                        type: {type: string, enum: [eu_vat, us_ein]}
                  - type: string
                    enum: [""]
      responses:
        "204": {description: ok}
`

func TestDeepObjectNesting(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(spec, []byte(nestedSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query string
		fails string // a substring of the failure, or "" for none
	}{
		{"lines[0][amount]=5&lines[0][period][start]=7&lines[1][amount]=2&details[tax_ids][0][type]=eu_vat", ""},
		{"details[tax_ids]=", ""},
		{"lines[0][amount]=0&details[tax_ids]=", "minimum"},
		{"lines[0][amount]=x&details[tax_ids]=", "got string, want integer"},
		{"lines[0][period][start]=1&details[tax_ids]=", "missing property 'amount'"},
		{"details[tax_ids][0][type]=other", "value must be one of"},
		{"lines[0][amount]=5", "details is required"},
	} {
		st, err := Validate(spec, []gen.Record{{Case: c.query, Method: "GET", URL: "/preview?" + c.query, Status: 204}})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, f := range st.Failures {
			got += f.String()
		}
		switch {
		case c.fails == "" && got != "":
			t.Errorf("%s: %s", c.query, got)
		case c.fails != "" && !strings.Contains(got, c.fails):
			t.Errorf("%s: failures %q, want one with %q", c.query, got, c.fails)
		}
	}
}
