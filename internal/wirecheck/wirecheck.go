// Package wirecheck validates the exchanges a generated SDK's conformance
// test recorded (see gen.RecordEnv) against the OpenAPI document, with a
// validator this project did not write. Only tests import it.
package wirecheck

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi/datamodel"

	"github.com/sdkgen/sdkgen/gen"
)

// Stats is how one spec's recorded exchanges fared.
type Stats struct {
	Spec             string
	Operations       int // methods: operations, and each extra media type
	Requests         int
	RequestFailures  int
	Responses        int
	ResponseFailures int
	// Skipped says why nothing was validated ("" when it was).
	Skipped  string
	Failures []Failure
}

// Failure is one exchange the validator rejected.
type Failure struct {
	Case     string
	Request  bool // the request failed; else the response
	Messages []string
}

func (f Failure) String() string {
	what := "response"
	if f.Request {
		what = "request"
	}
	return fmt.Sprintf("%s: %s: %s", f.Case, what, strings.Join(f.Messages, "; "))
}

// ReadRecords reads a record file and groups its lines by package.
func ReadRecords(path string) (map[string][]gen.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]gen.Record{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var r gen.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		out[r.Package] = append(out[r.Package], r)
	}
	return out, sc.Err()
}

// Validate checks every record's request and response against the
// OpenAPI 3 document at specPath. A Swagger 2.0 document is reported as
// skipped: the validator reads OpenAPI 3 only.
func Validate(specPath string, records []gen.Record) (Stats, error) {
	st := Stats{Spec: specPath}
	b, err := os.ReadFile(specPath)
	if err != nil {
		return st, err
	}
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.BasePath = filepath.Dir(specPath)
	cfg.SpecFilePath = filepath.Base(specPath)
	cfg.AllowFileReferences = true
	doc, err := libopenapi.NewDocumentWithConfiguration(b, cfg)
	if err != nil {
		return st, fmt.Errorf("loading %s: %v", specPath, err)
	}
	if v := doc.GetSpecInfo().Version; !strings.HasPrefix(v, "3.") {
		st.Skipped = "OpenAPI " + v + " is not read by the validator"
		return st, nil
	}
	// Circular references are reported as errors but leave a usable
	// model: recursive schemas are common in real specs.
	m, err := doc.BuildV3Model()
	if m == nil {
		return st, fmt.Errorf("validator for %s: %v", specPath, err)
	}
	v := validator.NewValidatorFromV3Model(&m.Model)
	deep := newDeepCheck(&m.Model)
	ops := map[string]bool{}
	for _, r := range records {
		// A method's two cases count once (operation IDs may hold "/").
		ops[strings.TrimSuffix(r.Case, "/all optional")] = true
		req, err := request(r)
		if err != nil {
			return st, err
		}
		st.Requests++
		_, verrs := v.ValidateHttpRequestSync(req)
		var msgs []string
		if nested := deep.nested(req); len(nested) > 0 {
			var names []string
			for _, p := range nested {
				names = append(names, p.Name)
				msgs = append(msgs, deep.validate(p, req.URL.Query())...)
			}
			verrs = withoutParams(verrs, names)
		}
		if msgs = append(messages(verrs), msgs...); len(msgs) > 0 {
			st.RequestFailures++
			st.Failures = append(st.Failures, Failure{Case: r.Case, Request: true, Messages: msgs})
		}
		req, _ = request(r)
		st.Responses++
		res := &http.Response{
			StatusCode: r.Status,
			Header:     http.Header(r.ResponseHeader),
			Body:       io.NopCloser(bytes.NewReader(r.ResponseBody)),
			Request:    req,
		}
		if res.Header == nil {
			res.Header = http.Header{}
		}
		if ok, verrs := v.ValidateHttpResponse(req, res); !ok {
			st.ResponseFailures++
			st.Failures = append(st.Failures, Failure{Case: r.Case, Messages: messages(verrs)})
		}
	}
	st.Operations = len(ops)
	return st, nil
}

// request rebuilds the request a record holds.
func request(r gen.Record) (*http.Request, error) {
	req, err := http.NewRequest(r.Method, "http://localhost"+r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return nil, fmt.Errorf("record %s: %v", r.Case, err)
	}
	req.Header = http.Header(r.Header)
	if req.Header == nil {
		req.Header = http.Header{}
	}
	return req, nil
}

// messages flattens validation errors into short lines.
func messages(errs []*verrors.ValidationError) []string {
	var out []string
	for _, e := range errs {
		m := e.Message
		if e.Reason != "" && !strings.Contains(m, e.Reason) {
			m += ": " + e.Reason
		}
		for i, s := range e.SchemaValidationErrors {
			if i == 3 {
				m += " …"
				break
			}
			m += fmt.Sprintf(" [%s: %s]", s.FieldPath, s.Reason)
		}
		out = append(out, m)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Table writes the stats as an aligned text table.
func Table(rows []Stats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s %5s %8s %8s %9s %8s\n", "spec", "ops", "requests", "failures", "responses", "failures")
	for _, s := range rows {
		if s.Skipped != "" {
			fmt.Fprintf(&b, "%-34s %5s (%s)\n", s.Spec, "-", s.Skipped)
			continue
		}
		fmt.Fprintf(&b, "%-34s %5d %8d %8d %9d %8d\n", s.Spec, s.Operations, s.Requests, s.RequestFailures, s.Responses, s.ResponseFailures)
	}
	return b.String()
}
