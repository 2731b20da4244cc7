package dump_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/sdkgen/sdkgen/model/dump"
	"github.com/sdkgen/sdkgen/parser"
)

// FuzzDump parses arbitrary specs and dumps whatever model comes out: the
// dump must never panic, must encode, and must declare every type it refers
// to.
func FuzzDump(f *testing.F) {
	specs, _ := filepath.Glob("../../testdata/*/openapi.*")
	local, _ := filepath.Glob("testdata/cases/*/openapi.*")
	for _, s := range append(specs, local...) {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters: [{name: q, in: query, schema: {type: string}, example: &x {a: [*x]}}]\n      responses: {'200': {description: d}}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		api, _ := parser.ParseBytes("openapi.yaml", b, parser.Config{})
		if api == nil {
			return
		}
		out, err := dump.Build(api, dump.Options{}).Marshal()
		if err != nil {
			t.Fatal(err)
		}
		var d dump.Dump
		if err := json.Unmarshal(out, &d); err != nil {
			t.Fatal(err)
		}
		checkRefs(t, &d)
	})
}
