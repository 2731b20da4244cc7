package parser

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/model/dump"
)

// TestWarmSchemas: the model and the diagnostics are the same whether
// or not a second goroutine builds the schemas ahead of the parser.
// The corpus specs, when present, add documents big enough for both
// walks to meet.
func TestWarmSchemas(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/*/openapi.*", "../../shared/specs/corpus/*.json", "../../shared/specs/corpus/*.yaml",
		"../../shared/specs/corpus/*/*-api.yaml", "../../shared/specs/swagger2/*.*", "../../shared/specs/moov/openapi.yaml"} {
		m, _ := filepath.Glob(g)
		for _, f := range m {
			if !strings.HasSuffix(f, ".md") {
				files = append(files, f)
			}
		}
	}
	defer func(on bool) { warmOn = on }(warmOn)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parse := func(on bool) ([]byte, model.Diagnostics) {
			warmOn = on
			api, diags := ParseBytes(f, b, Config{})
			if api == nil {
				return nil, diags
			}
			d, err := dump.Build(api, dump.Options{}).Marshal()
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			return d, diags
		}
		plainModel, plainDiags := parse(false)
		warmModel, warmDiags := parse(true)
		if !bytes.Equal(plainModel, warmModel) {
			t.Errorf("%s: the model differs with the schemas built ahead", f)
		}
		if d := cmp.Diff(plainDiags, warmDiags); d != "" {
			t.Errorf("%s: diagnostics differ with the schemas built ahead (-without +with):\n%s", f, d)
		}
	}
}
