package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"

	"github.com/sdkgen/sdkgen/templates"
)

// withFixed completes a generated file with the fixed Go of
// templates/fixed/<name>: the fixed file's imports go after the generated
// package clause and its declarations after the generated ones, so the
// code that never varies is real Go compiled and tested in package
// templates while gen writes only the tables it reads.
func withFixed(generated []byte, name string) ([]byte, error) {
	src := templates.Fixed(name)
	if src == nil {
		return nil, fmt.Errorf("no fixed file %s", name)
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("fixed file %s: %w", name, err)
	}
	// Everything after the package clause, or after the imports (which Go
	// puts before every other declaration), is the body.
	bodyStart := int(f.Name.End()) - 1
	var imports []byte
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			break
		}
		if imports == nil {
			imports = src[int(gd.Pos())-1 : int(gd.End())-1]
		} else {
			imports = src[int(f.Decls[0].Pos())-1 : int(gd.End())-1]
		}
		bodyStart = int(gd.End()) - 1
	}
	body := src[bodyStart:]

	// The generated file: header, package clause, then its own code.
	pkgEnd := bytes.Index(generated, []byte("\npackage "))
	if pkgEnd < 0 {
		return nil, fmt.Errorf("no package clause in the file %s completes", name)
	}
	nl := bytes.IndexByte(generated[pkgEnd+1:], '\n')
	if nl < 0 {
		nl = len(generated) - pkgEnd - 1
	}
	head, rest := generated[:pkgEnd+1+nl], generated[pkgEnd+1+nl:]
	var out bytes.Buffer
	out.Write(head)
	out.WriteString("\n\n")
	out.Write(imports)
	out.WriteString("\n")
	out.Write(rest)
	out.WriteString("\n")
	out.Write(body)
	return format.Source(out.Bytes())
}
