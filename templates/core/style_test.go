package core

import (
	"context"
	"strings"
	"testing"
)

// rgb is an object parameter; the struct keeps the spec's key order.
type rgb struct {
	R int `json:"R"`
	G int `json:"G"`
	B int `json:"B"`
}

// TestStyleTable checks every row of the OpenAPI style examples table
// (parameter "color": blue; [blue, black, brown]; {R:100, G:200, B:150}).
func TestStyleTable(t *testing.T) {
	str, arr, obj := "blue", []string{"blue", "black", "brown"}, rgb{100, 200, 150}
	type row struct {
		in    string
		flags ParamFlag
		value any
		want  string
	}
	rows := []row{
		{"path", 0, str, "blue"},
		{"path", 0, arr, "blue,black,brown"},
		{"path", 0, obj, "R,100,G,200,B,150"},
		{"path", Explode, str, "blue"},
		{"path", Explode, arr, "blue,black,brown"},
		{"path", Explode, obj, "R=100,G=200,B=150"},
		{"path", Label, str, ".blue"},
		{"path", Label, arr, ".blue,black,brown"},
		{"path", Label, obj, ".R,100,G,200,B,150"},
		{"path", Label | Explode, str, ".blue"},
		{"path", Label | Explode, arr, ".blue.black.brown"},
		{"path", Label | Explode, obj, ".R=100.G=200.B=150"},
		{"path", Matrix, str, ";color=blue"},
		{"path", Matrix, arr, ";color=blue,black,brown"},
		{"path", Matrix, obj, ";color=R,100,G,200,B,150"},
		{"path", Matrix | Explode, str, ";color=blue"},
		{"path", Matrix | Explode, arr, ";color=blue;color=black;color=brown"},
		{"path", Matrix | Explode, obj, ";R=100;G=200;B=150"},
		{"query", NoExplode, str, "color=blue"},
		{"query", NoExplode, arr, "color=blue,black,brown"},
		{"query", NoExplode, obj, "color=R,100,G,200,B,150"},
		{"query", 0, str, "color=blue"},
		{"query", 0, arr, "color=blue&color=black&color=brown"},
		{"query", 0, obj, "R=100&G=200&B=150"},
		{"query", SpaceDelimited | NoExplode, arr, "color=blue%20black%20brown"},
		{"query", PipeDelimited | NoExplode, arr, "color=blue%7Cblack%7Cbrown"},
		{"query", TabDelimited | NoExplode, arr, "color=blue%09black%09brown"},
		{"query", DeepObject, obj, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"},
	}
	for _, r := range rows {
		hc, sent := captureClient(`{}`)
		cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
		path := "/x"
		if r.in == "path" {
			path = "/x/{color}"
		}
		req := NewRequest(cfg, &Operation{ID: "op", Method: "GET", Path: path}, nil)
		if r.in == "path" {
			req.StyledPathParam("color", r.value, r.flags)
		} else {
			req.QueryParam("color", r.value, r.flags)
		}
		if err := req.Do(context.Background(), nil); err != nil {
			t.Errorf("%s %v %v: %v", r.in, r.flags, r.value, err)
			continue
		}
		u := sent()[0].URL
		got := u.RawQuery
		if r.in == "path" {
			got = strings.TrimPrefix(u.EscapedPath(), "/x/")
		}
		if got != r.want {
			t.Errorf("%s flags=%b %v: got %q, want %q", r.in, r.flags, r.value, got, r.want)
		}
	}
}

func TestHeaderStyles(t *testing.T) {
	for _, r := range []struct {
		flags ParamFlag
		value any
		want  string
	}{
		{0, []string{"blue", "black"}, "blue,black"},
		{0, rgb{100, 200, 150}, "R,100,G,200,B,150"},
		{Explode, rgb{100, 200, 150}, "R=100,G=200,B=150"},
	} {
		hc, sent := captureClient(`{}`)
		cfg, _ := testConfig("https://api.test", WithHTTPClient(hc))
		req := NewRequest(cfg, &Operation{ID: "op", Method: "GET", Path: "/x"}, nil)
		req.HeaderParam("X-Color", r.value, r.flags)
		if err := req.Do(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if got := sent()[0].Header.Get("X-Color"); got != r.want {
			t.Errorf("flags %b: X-Color = %q, want %q", r.flags, got, r.want)
		}
	}
}
