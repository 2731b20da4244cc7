package core

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"path"
	"reflect"
	"strings"
)

// UploadFile is a file to upload in a multipart body. Content is streamed, never
// read into memory; a body holding an UploadFile is sent once and not retried
// after any of it went out.
type UploadFile struct {
	Name        string    // the file name sent with the part
	ContentType string    // the part's media type; by default taken from the spec or Name
	Content     io.Reader // the bytes; the SDK reads it but does not close it
}

// MarshalJSON writes a file's content as a JSON string. Only schemas that
// put binary data inside JSON need it; it reads Content to the end.
func (f UploadFile) MarshalJSON() ([]byte, error) {
	if f.Content == nil {
		return []byte(`""`), nil
	}
	b, err := io.ReadAll(f.Content)
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(b))
}

// UnmarshalJSON reads a JSON string as a file's content.
func (f *UploadFile) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*f = UploadFile{Content: strings.NewReader(s)}
	return nil
}

// FormBody encodes v, a struct (json tags name the keys), a map or a
// generated union (the variant that is set), as
// application/x-www-form-urlencoded: scalars as key=value, arrays of
// scalars as repeated keys, and anything nested in the bracket notation of
// the deepObject style, to any depth: objects as key[inner]=value, arrays
// inside them, and arrays of objects, indexed as key[0][inner]=value (as
// form APIs such as Stripe's read them). styles gives a property the style
// and explode its encoding object declares, as query parameter flags; a
// deepObject array is indexed too (key[0]=value).
func (r *Request) FormBody(v any, styles map[string]ParamFlag) {
	p, err := toParam(reflect.ValueOf(v), 0)
	if err != nil {
		r.fail(fmt.Errorf("encoding form body: %w", err))
		return
	}
	var pairs []string
	switch p.kind {
	case objectParam:
		for _, f := range p.fields {
			key := url.QueryEscape(f.key)
			if flags, ok := styles[f.key]; ok {
				enc, err := encodeQuery(f.key, f.val, flags)
				if err != nil {
					r.fail(fmt.Errorf("encoding form body: %s: %w", f.key, err))
					return
				}
				pairs = append(pairs, enc...)
				continue
			}
			if f.val.kind == listParam && f.val.list != nil {
				// An array of scalars: the form style's repeated key=value.
				for _, s := range f.val.list {
					pairs = append(pairs, key+"="+url.QueryEscape(s))
				}
				continue
			}
			pairs = append(pairs, deepPairs(key, f.val)...)
		}
	case absentParam:
	default:
		r.fail(errors.New("encoding form body: the body must be an object"))
		return
	}
	r.body = &requestBody{kind: bytesBody, data: []byte(strings.Join(pairs, "&"))}
	r.contentType = "application/x-www-form-urlencoded"
}

// MultipartBody streams v, a struct, as multipart/form-data: UploadFile fields
// (and lists of them) as file parts, scalars as fields, other values as
// JSON parts. partTypes gives a property's media type from the spec's
// encoding object (a list allowed: "image/png, image/jpeg"); an UploadFile's own
// ContentType wins. Nothing is buffered: parts are read as they are sent.
func (r *Request) MultipartBody(v any, partTypes map[string]string) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		r.fail(errors.New("encoding multipart body: the body must be a struct"))
		return
	}
	var b [24]byte
	if err := readRand(r.cfg.random(), b[:]); err != nil {
		r.fail(fmt.Errorf("multipart boundary: %w", err))
		return
	}
	mp := &multipartBody{boundary: "sdkgen" + hex.EncodeToString(b[:]), types: partTypes}
	if err := mp.addStruct(rv); err != nil {
		r.fail(fmt.Errorf("encoding multipart body: %w", err))
		return
	}
	mp.parts = append(mp.parts, strings.NewReader("--"+mp.boundary+"--\r\n"))
	r.body = &requestBody{kind: streamBody, reader: io.MultiReader(mp.parts...)}
	r.contentType = "multipart/form-data; boundary=" + mp.boundary
}

// multipartBody collects the readers that make up a multipart body, so
// io.MultiReader can stream it without a goroutine or a buffer.
type multipartBody struct {
	boundary string
	types    map[string]string
	parts    []io.Reader
}

var fileType = reflect.TypeFor[UploadFile]()

func (m *multipartBody) addStruct(v reflect.Value) error {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if err := m.addValue(name, v.Field(i)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func (m *multipartBody) addValue(name string, v reflect.Value) error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == fileType:
		m.addFile(name, v.Interface().(UploadFile))
		return nil
	case (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) && v.Type().Elem() == fileType:
		for i := range v.Len() {
			m.addFile(name, v.Index(i).Interface().(UploadFile))
		}
		return nil
	}
	if _, state, ok := nullableOf(v); ok && state == absentValue {
		return nil
	}
	p, err := toParam(v, 0)
	if err != nil {
		return err
	}
	switch p.kind {
	case absentParam:
		return nil
	case scalarParam:
		if p.missing() {
			return nil
		}
		m.addField(name, m.partType(name, "", ""), strings.NewReader(p.s))
		return nil
	case listParam:
		if p.list != nil {
			for _, s := range p.list {
				m.addField(name, m.partType(name, "", ""), strings.NewReader(s))
			}
			return nil
		}
		// An array of objects or arrays goes as one JSON part, as objects do.
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	m.addField(name, "application/json", strings.NewReader(string(b)))
	return nil
}

// partType picks a part's media type: the file's own, else the spec's
// (the entry matching the file name's extension when it lists several,
// else its first), else by extension for files.
func (m *multipartBody) partType(name, own, filename string) string {
	if own != "" {
		return own
	}
	byExt := ""
	if filename != "" {
		byExt, _, _ = strings.Cut(mime.TypeByExtension(path.Ext(filename)), ";")
	}
	spec := strings.Split(m.types[name], ",")
	for _, s := range spec {
		if s = strings.TrimSpace(s); s != "" && strings.EqualFold(s, byExt) {
			return s
		}
	}
	if first := strings.TrimSpace(spec[0]); first != "" && !strings.Contains(first, "*") {
		return first
	}
	if byExt != "" {
		return byExt
	}
	if filename != "" {
		return "application/octet-stream"
	}
	return ""
}

func (m *multipartBody) addFile(name string, f UploadFile) {
	content := f.Content
	if content == nil {
		content = strings.NewReader("")
	}
	filename := f.Name
	if filename == "" {
		filename = name
	}
	m.addPart(name, filename, m.partType(name, f.ContentType, filename), content)
}

func (m *multipartBody) addField(name, contentType string, content io.Reader) {
	m.addPart(name, "", contentType, content)
}

func (m *multipartBody) addPart(name, filename, contentType string, content io.Reader) {
	var h strings.Builder
	h.WriteString("--" + m.boundary + "\r\n")
	h.WriteString(`Content-Disposition: form-data; name="` + quoteEscaper.Replace(name) + `"`)
	if filename != "" {
		h.WriteString(`; filename="` + quoteEscaper.Replace(filename) + `"`)
	}
	h.WriteString("\r\n")
	if contentType != "" {
		h.WriteString("Content-Type: " + stripCRLF(contentType) + "\r\n")
	}
	h.WriteString("\r\n")
	m.parts = append(m.parts, strings.NewReader(h.String()), content, strings.NewReader("\r\n"))
}

// quoteEscaper escapes a quoted header parameter as mime/multipart does,
// and drops line breaks so no value can start a header of its own.
var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

func stripCRLF(s string) string { return strings.NewReplacer("\r", "", "\n", "").Replace(s) }

// MultipartUnion streams the body of a union of object schemas as
// multipart/form-data: variants are the union's fields, one per variant,
// and the first that is set (a non-nil pointer) is encoded as
// MultipartBody encodes a struct. A discriminator property the variant
// leaves empty is not filled in. None set is an error, as a multipart body
// cannot be empty.
func (r *Request) MultipartUnion(partTypes map[string]string, variants ...any) {
	for _, v := range variants {
		if rv := reflect.ValueOf(v); rv.IsValid() && !(rv.Kind() == reflect.Pointer && rv.IsNil()) {
			r.MultipartBody(v, partTypes)
			return
		}
	}
	r.fail(errors.New("encoding multipart body: no variant of the union is set"))
}

// EncodedMultipart sends a multipart body the caller encoded, such as with
// mime/multipart.Writer. contentType is its full media type with the
// boundary the body uses (what Writer.FormDataContentType returns for
// multipart/form-data): a multipart body without its boundary is unreadable,
// so a content type that is not multipart or lacks one is an error and
// nothing is sent. A nil body sends none.
func (r *Request) EncodedMultipart(contentType string, body io.Reader) {
	if body == nil {
		return
	}
	mt, params, err := mime.ParseMediaType(contentType)
	switch {
	case err != nil && contentType == "":
		r.fail(errors.New("multipart body: no content type given; it must name the body's boundary (multipart.Writer.FormDataContentType)"))
		return
	case err != nil:
		r.fail(fmt.Errorf("multipart body: content type %q: %w", contentType, err))
		return
	case !strings.HasPrefix(mt, "multipart/") || params["boundary"] == "":
		r.fail(fmt.Errorf("multipart body: content type %q has no boundary; give the one the body uses (multipart.Writer.FormDataContentType)", contentType))
		return
	}
	r.Body(contentType, body)
}
