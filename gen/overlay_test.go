package gen_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/parser"
)

// applySamples builds the samples overlay of a spec, applies it by the
// Overlay rules (libopenapi's engine) and returns the resulting document's
// operations: operationId → its x-codeSamples as decoded YAML.
func applySamples(t *testing.T, spec string) (map[string][]map[string]string, int) {
	t.Helper()
	api, diags := parser.Parse(spec, parser.Config{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", spec, diags)
	}
	ov, err := gen.SamplesOverlay(api, gen.Config{Package: "moov", Module: "example.com/moov"})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := libopenapi.ApplyOverlayFromBytesToSpecBytes(src, ov)
	if err != nil {
		t.Fatalf("applying the overlay: %v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("overlay warning: %v", w)
	}
	model, err := res.OverlayDocument.BuildV3Model()
	if err != nil {
		t.Fatalf("the document with samples does not build: %v", err)
	}
	out := map[string][]map[string]string{}
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method, op := range item.GetOperations().FromOldest() {
			var samples []map[string]string
			if n, ok := op.Extensions.Get("x-codeSamples"); ok {
				if err := n.Decode(&samples); err != nil {
					t.Errorf("%s %s: x-codeSamples: %v", method, path, err)
				}
			}
			out[op.OperationId] = samples
		}
	}
	return out, len(api.Operations())
}

// TestSamplesOverlay applies the samples overlay of the seed operation and
// checks its cURL sample: method, URL template, the X-Moov-Version header
// and basic auth from the environment.
func TestSamplesOverlay(t *testing.T) {
	ops, n := applySamples(t, "../testdata/moov-ticket/openapi.yaml")
	if len(ops) != n || n != 1 {
		t.Fatalf("%d operations after the overlay, want %d", len(ops), n)
	}
	samples := ops["getTicket"]
	if len(samples) != 2 || samples[0]["lang"] != "go" || samples[1]["lang"] != "shell" {
		t.Fatalf("getTicket samples = %v", samples)
	}
	if !strings.Contains(samples[0]["source"], "client.Support.GetTicket(ctx, ") {
		t.Errorf("Go sample: %s", samples[0]["source"])
	}
	curl := samples[1]["source"]
	for _, want := range []string{
		"curl -X GET ",
		`"https://api.moov.io/accounts/{accountID}/tickets/{ticketID}"`,
		"-H 'X-Moov-Version: v2026.01.00'",
		`-u "$MOOV_BASIC_AUTH_USERNAME:$MOOV_BASIC_AUTH_PASSWORD"`,
	} {
		if !strings.Contains(curl, want) {
			t.Errorf("cURL sample lacks %s:\n%s", want, curl)
		}
	}
}

// TestMoovSamplesOverlay applies the overlay to the whole Moov API: one
// action per operation, each adding a Go and a cURL sample per method,
// and the result is a valid document.
func TestMoovSamplesOverlay(t *testing.T) {
	if _, err := os.Stat(moovSpec); err != nil {
		t.Skipf("skipping: %s is absent", moovSpec)
	}
	ops, n := applySamples(t, moovSpec)
	if len(ops) != n || n != 171 {
		t.Errorf("%d operations, want %d (171)", len(ops), n)
	}
	total := 0
	for id, samples := range ops {
		langs := map[string]int{}
		for _, s := range samples {
			langs[s["lang"]]++
			if strings.TrimSpace(s["source"]) == "" || s["label"] == "" {
				t.Errorf("%s: empty sample %v", id, s)
			}
		}
		if langs["go"] == 0 || langs["go"] != langs["shell"] {
			t.Errorf("%s: samples by language %v", id, langs)
		}
		total += langs["go"]
	}
	if total != 175 {
		t.Errorf("%d Go samples, want 175 (one per method)", total)
	}
}
