package pipeline

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/sdkgen/sdkgen/model"
)

func TestDefaultPackageName(t *testing.T) {
	for _, c := range []struct{ path, title, want string }{
		{"example.com/moov", "", "moov"},
		{"github.com/moov-io/moov-go", "", "moov"},
		{"github.com/acme/go-petstore", "", "petstore"},
		{"github.com/acme/petstore/v3", "", "petstore"},
		{"gopkg.in/pets.v2", "", "pets"},
		{"example.com/Pet_Store-SDK", "", "petstoresdk"},
		{"example.com/type", "", "typesdk"},
		{"example.com/123", "Moov API", "moov"},
		{"example.com/_", "", "sdk"},
		{"v2", "", "v2"},
		{"example.com/2fa", "", "fa"},
	} {
		if got := DefaultPackageName(c.path, c.title); got != c.want {
			t.Errorf("DefaultPackageName(%q, %q) = %q, want %q", c.path, c.title, got, c.want)
		}
	}
}

func TestRelativize(t *testing.T) {
	wd := t.TempDir()
	ds := relativize(model.Diagnostics{
		{Pos: model.Pos{File: filepath.Join(wd, "specs", "a.yaml")}},
		{Pos: model.Pos{File: filepath.Join(filepath.Dir(wd), "b.yaml")}},
		{Pos: model.Pos{File: "rel.yaml"}},
		{},
	}, wd)
	var got []string
	for _, d := range ds {
		got = append(got, d.Pos.File)
	}
	if want := []string{"specs/a.yaml", "../b.yaml", "rel.yaml", ""}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
