package parser_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// Big and deep inputs, built here rather than committed. Each must either
// generate or end in one of our own limits with a positioned diagnostic;
// never a crash, a stack overflow or unbounded memory. They are skipped
// under -short; the ones that take over a minute run only with
// SDKGEN_BIG=1.

const bigHead = `openapi: 3.0.3
info: {title: Big, version: "1"}
`

// bigJSON is a JSON document of about size bytes: operations, each with a
// path parameter, a query parameter, a request body and a response schema
// of its own, with descriptions.
func bigJSON(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 64<<10)
	desc := strings.Repeat("Some prose about this field, as real specs have. ", 4)
	b.WriteString(`{"openapi":"3.0.3","info":{"title":"Big","version":"1"},"paths":{`)
	var schemas bytes.Buffer
	n := 0
	for ; b.Len()+schemas.Len() < size; n++ {
		if n > 0 {
			b.WriteByte(',')
			schemas.WriteByte(',')
		}
		fmt.Fprintf(&b, `"/things%d/{id}":{"post":{"operationId":"createThing%d","tags":["Tag%d"],"summary":"Create a thing %d.","description":%q,`+
			`"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}},{"name":"limit","in":"query","schema":{"type":"integer","format":"int32"}}],`+
			`"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing%d"}}}},`+
			`"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing%d"}}}},"default":{"description":"error"}}}}`,
			n, n, n%50, n, desc, n, n)
		fmt.Fprintf(&schemas, `"Thing%d":{"type":"object","description":%q,"required":["id"],"properties":{"id":{"type":"string","description":%q},"count":{"type":"integer"},"when":{"type":"string","format":"date-time"},"tags":{"type":"array","items":{"type":"string"}},"status":{"type":"string","enum":["new","done"]}}}`,
			n, desc, desc)
	}
	b.WriteString(`},"components":{"schemas":{`)
	b.Write(schemas.Bytes())
	b.WriteString(`}}}`)
	return b.Bytes()
}

// manySchemasYAML declares n component schemas, each referring to the
// next, and one operation using the first.
func manySchemasYAML(n int) []byte {
	var b bytes.Buffer
	b.WriteString(bigHead)
	b.WriteString("paths:\n  /s:\n    get:\n      operationId: getS\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S0'}\ncomponents:\n  schemas:\n")
	for i := range n {
		fmt.Fprintf(&b, "    S%d:\n      type: object\n      properties:\n        name: {type: string}\n        next: {$ref: '#/components/schemas/S%d'}\n", i, (i+1)%n)
	}
	return b.Bytes()
}

// refChainYAML is n schemas each holding the next as a required field:
// nesting through $refs rather than inline.
func refChainYAML(n int) []byte {
	var b bytes.Buffer
	b.WriteString(bigHead)
	b.WriteString("paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S0'}\ncomponents:\n  schemas:\n")
	for i := range n {
		fmt.Fprintf(&b, "    S%d:\n      type: object\n      required: [next]\n      properties:\n        next: {$ref: '#/components/schemas/S%d'}\n", i, i+1)
	}
	fmt.Fprintf(&b, "    S%d: {type: string}\n", n)
	return b.Bytes()
}

// deepJSON nests an inline schema depth levels deep (each level is two
// levels of JSON: the schema object and its properties object).
func deepJSON(depth int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"operationId":"getA","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Deep"}}}}}}}},"components":{"schemas":{"Deep":`)
	for range depth {
		b.WriteString(`{"type":"object","properties":{"a":`)
	}
	b.WriteString(`{"type":"string"}`)
	for range depth {
		b.WriteString(`}}`)
	}
	b.WriteString(`}}}`)
	return b.Bytes()
}

// deepYAML nests array schemas depth levels deep in block-style YAML,
// one space of indentation a level (the least YAML allows), so the
// document grows with the square of the depth: 10 000 levels are 100 MB.
func deepYAML(depth int) []byte {
	var b bytes.Buffer
	b.WriteString(bigHead)
	b.WriteString("paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Deep'}\ncomponents:\n  schemas:\n    Deep:\n")
	b.Grow(depth*depth + 64*depth)
	ind := 5
	for range depth {
		ind++
		pad := bytes.Repeat([]byte(" "), ind)
		b.Write(pad)
		b.WriteString("type: array\n")
		b.Write(pad)
		b.WriteString("items:\n")
	}
	fmt.Fprintf(&b, "%s type: string\n", strings.Repeat(" ", ind))
	return b.Bytes()
}

// deepFlowYAML nests schemas depth levels deep in flow-style YAML:
// {type: object, properties: {a: {…}}}.
func deepFlowYAML(depth int) []byte {
	var b bytes.Buffer
	b.WriteString(bigHead)
	b.WriteString("paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Deep'}\ncomponents:\n  schemas:\n    Deep: ")
	for range depth {
		b.WriteString("{type: object, properties: {a: ")
	}
	b.WriteString("{type: string}")
	for range depth {
		b.WriteString("}}")
	}
	b.WriteString("\n")
	return b.Bytes()
}

// measure runs the pipeline on b once and reports how it ended, how long
// it took and the memory it used: the process's peak resident set (reset
// before the run where Linux allows it) and the bytes allocated.
type measured struct {
	diags    model.Diagnostics
	files    int
	genErr   error
	elapsed  time.Duration
	peakRSS  uint64 // bytes; 0 when /proc is unavailable
	allocs   uint64 // bytes allocated during the run
	heapPeak uint64 // HeapInuse after parsing (the model and libopenapi's tree alive)
}

func runPipeline(name string, b []byte) measured {
	debug.FreeOSMemory() // a GC, and the freed memory back to the OS
	resetPeakRSS()
	var before, mid runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	var m measured
	api, diags := parser.ParseBytes(name, b, parser.Config{})
	runtime.ReadMemStats(&mid)
	m.diags, m.heapPeak = diags, mid.HeapInuse
	if !diags.HasErrors() {
		files, err := gen.Generate(api, gen.Config{Package: "big", Module: "example.com/big", GoMod: true})
		m.files, m.genErr = len(files), err
	}
	m.elapsed = time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	m.allocs = after.TotalAlloc - before.TotalAlloc
	m.peakRSS = peakRSS()
	return m
}

// resetPeakRSS resets the kernel's high-water mark of resident memory
// (VmHWM), so peakRSS reports this run's peak.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS reads VmHWM from /proc/self/status.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func mb(n uint64) string { return fmt.Sprintf("%.0f MB", float64(n)/(1<<20)) }

// maxPeak bounds the memory a case may take: memory must grow in
// proportion to the input (libopenapi keeps about 90 bytes of node tree
// and index per byte of JSON; the 50 MB document peaks near 6.3 GB), not
// explode. 200 bytes per input byte, and 2 GB for small inputs.
func maxPeak(in int) uint64 { return max(2<<30, 200*uint64(in)) }

func TestBigAndDeep(t *testing.T) {
	if testing.Short() {
		t.Skip("big inputs: skipped under -short")
	}
	big := os.Getenv("SDKGEN_BIG") == "1"
	cases := []struct {
		name  string
		input func() []byte
		// tooDeep: the run must end in our nesting limit; otherwise
		// it must generate.
		tooDeep bool
		// slow cases take more than a minute on a 2-core machine; they
		// run only with SDKGEN_BIG=1.
		slow bool
	}{
		// Measured on the 2-core test machine, under load from other work:
		// 50 MB JSON: 80 s, peak RSS 6.3 GB (libopenapi keeps ~90 bytes
		// a byte); 100 000 schemas: 9 min 50 s, 3.1 GB (libopenapi finds
		// each $ref target by a linear scan of components.schemas, so
		// its time grows with the square of the count: 10 000 take 4 s,
		// 30 000 20 s); a 10 000-link $ref chain: 19 s.
		{name: "50MB.json", input: func() []byte { return bigJSON(50 << 20) }, slow: true},
		{name: "5MB.json", input: func() []byte { return bigJSON(5 << 20) }},
		{name: "100000-schemas.yaml", input: func() []byte { return manySchemasYAML(100_000) }, slow: true},
		{name: "10000-schemas.yaml", input: func() []byte { return manySchemasYAML(10_000) }},
		{name: "deep-10000.json", input: func() []byte { return deepJSON(10_000) }, tooDeep: true},
		{name: "deep-10000.yaml", input: func() []byte { return deepYAML(10_000) }, tooDeep: true},
		{name: "deep-flow-10000.yaml", input: func() []byte { return deepFlowYAML(10_000) }, tooDeep: true},
		{name: "deep-240.json", input: func() []byte { return deepJSON(240) }}, // just under the limit
		{name: "deep-480.yaml", input: func() []byte { return deepYAML(480) }},
		{name: "deep-flow-240.yaml", input: func() []byte { return deepFlowYAML(240) }},
		{name: "ref-chain-10000.yaml", input: func() []byte { return refChainYAML(10_000) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.slow && !big {
				t.Skip("takes over a minute: set SDKGEN_BIG=1 to run it")
			}
			b := c.input()
			m := runPipeline(c.name, b)
			t.Logf("%s: %s in, %v, peak RSS %s, allocated %s, heap after parse %s, %d files, %d diagnostics",
				c.name, mb(uint64(len(b))), m.elapsed.Round(time.Millisecond), mb(m.peakRSS), mb(m.allocs), mb(m.heapPeak), m.files, len(m.diags))
			for i, d := range m.diags {
				if i < 5 {
					t.Logf("  %.300s", d)
				}
				if d.Pos.File != "" && d.Pos.Line < 1 {
					t.Errorf("diagnostic without a line: %s", d)
				}
			}
			if m.peakRSS > maxPeak(len(b)) {
				t.Errorf("peak RSS %s, over the %s bound", mb(m.peakRSS), mb(maxPeak(len(b))))
			}
			if c.tooDeep {
				if len(m.diags) != 1 || m.diags[0].Code != "too-deep" || m.diags[0].Pos.Line < 1 {
					t.Fatalf("want one positioned too-deep error, got %v", m.diags)
				}
				return
			}
			if m.diags.HasErrors() {
				t.Fatalf("errors: %v", m.diags)
			}
			if m.genErr != nil || m.files == 0 {
				t.Fatalf("generate: %v (%d files)", m.genErr, m.files)
			}
		})
	}
}

// BenchmarkBigSpec reports time and memory for generating from large
// documents: ns/op is the whole pipeline, and peak-RSS-MB, alloc-MB and
// heap-MB (in use after parsing) its memory.
//
//	go test ./parser -run '^$' -bench BigSpec -benchtime 1x
func BenchmarkBigSpec(b *testing.B) {
	for _, c := range []struct {
		name  string
		input func() []byte
	}{
		{"5MB.json", func() []byte { return bigJSON(5 << 20) }},
		{"50MB.json", func() []byte { return bigJSON(50 << 20) }},
		{"10000-schemas.yaml", func() []byte { return manySchemasYAML(10_000) }},
		{"100000-schemas.yaml", func() []byte { return manySchemasYAML(100_000) }},
	} {
		b.Run(c.name, func(b *testing.B) { benchPipeline(b, c.name, c.input()) })
	}
}

// BenchmarkDeepSpec does the same for deep nesting: just under the limit
// (the most work a deep document can cause) and far over it (refused
// after a byte scan), and for a long chain of $refs.
//
//	go test ./parser -run '^$' -bench DeepSpec -benchtime 1x
func BenchmarkDeepSpec(b *testing.B) {
	for _, c := range []struct {
		name  string
		input func() []byte
	}{
		{"inline-240.json", func() []byte { return deepJSON(240) }},
		{"inline-480.yaml", func() []byte { return deepYAML(480) }},
		{"flow-240.yaml", func() []byte { return deepFlowYAML(240) }},
		{"inline-10000.json", func() []byte { return deepJSON(10_000) }},
		{"inline-10000.yaml", func() []byte { return deepYAML(10_000) }},
		{"flow-10000.yaml", func() []byte { return deepFlowYAML(10_000) }},
		{"ref-chain-1000.yaml", func() []byte { return refChainYAML(1000) }},
		{"ref-chain-10000.yaml", func() []byte { return refChainYAML(10_000) }},
	} {
		b.Run(c.name, func(b *testing.B) { benchPipeline(b, c.name, c.input()) })
	}
}

func benchPipeline(b *testing.B, name string, in []byte) {
	b.SetBytes(int64(len(in)))
	var peak, allocs, heap uint64
	for b.Loop() {
		m := runPipeline(name, in)
		if m.genErr != nil {
			b.Fatal(m.genErr)
		}
		peak, allocs, heap = max(peak, m.peakRSS), allocs+m.allocs, max(heap, m.heapPeak)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
	b.ReportMetric(float64(allocs)/float64(b.N)/(1<<20), "alloc-MB/op")
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}

// TestAliasBomb: YAML aliases that expand exponentially ("billion
// laughs"), in an extension and through schemas, end in one positioned
// error at once rather than in exhausted memory.
func TestAliasBomb(t *testing.T) {
	var ext, schemas strings.Builder
	ext.WriteString(bigHead + "paths: {}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	schemas.WriteString(bigHead + "paths: {}\ncomponents:\n  schemas:\n    S0: &s0 {type: object, properties: {a: {type: string}}}\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&ext, "x-a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d , ", i-1), 9), " , "))
		var props []string
		for j := range 6 {
			props = append(props, fmt.Sprintf("p%d: *s%d ", j, i-1))
		}
		fmt.Fprintf(&schemas, "    S%d: &s%d {type: object, properties: {%s}}\n", i, i, strings.Join(props, ", "))
	}
	for name, doc := range map[string]string{"ext.yaml": ext.String(), "schemas.yaml": schemas.String()} {
		t.Run(name, func(t *testing.T) {
			m := runPipeline(name, []byte(doc))
			t.Logf("%v, allocated %s", m.elapsed.Round(time.Millisecond), mb(m.allocs))
			if len(m.diags) != 1 || m.diags[0].Code != "yaml-aliases" || m.diags[0].Pos.Line < 1 {
				t.Fatalf("want one positioned yaml-aliases error, got %v", m.diags)
			}
			if m.allocs > 1<<30 {
				t.Errorf("allocated %s", mb(m.allocs))
			}
		})
	}
}

// TestMaxSpecSize: a document over the bound is refused before it is read,
// with a diagnostic at its first line; no bound reads it.
func TestMaxSpecSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.yaml")
	doc := "openapi: 3.0.3\ninfo:\n  title: Big\n  version: \"1\"\n  description: " + strings.Repeat("x", 2<<20) + "\npaths: {}\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	api, diags := parser.Parse(path, parser.Config{MaxSpecSize: 1 << 20})
	if api != nil || len(diags) != 1 || diags[0].Code != "spec-size" || diags[0].Pos.Line != 1 || diags[0].Pos.Col != 1 {
		t.Fatalf("over the bound: api %v, diagnostics %v", api != nil, diags)
	}
	if want := "the document is 2 MiB, over the limit of 1 MiB"; !strings.Contains(diags[0].Message, want) {
		t.Errorf("message %q lacks %q", diags[0].Message, want)
	}
	if api, diags := parser.Parse(path, parser.Config{}); api == nil || diags.HasErrors() {
		t.Errorf("without a bound: %v", diags)
	}
}
