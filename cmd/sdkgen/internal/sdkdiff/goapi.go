package sdkdiff

import (
	"fmt"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/exp/apidiff"
)

// The Go API kinds. A kind is what changed and to what sort of symbol;
// reports group by it.
const (
	kindRemovedMethod    = "removed-method"
	kindRenamedMethod    = "renamed-method"
	kindChangedSignature = "changed-signature"
	kindRemovedField     = "removed-field"
	kindChangedFieldType = "changed-field-type"
	kindRemovedEnumValue = "removed-enum-value"
	kindRemovedType      = "removed-type"
	kindRenamedType      = "renamed-type"
	kindChangedType      = "changed-type"
	kindRemovedFunc      = "removed-func"
	kindRemovedConst     = "removed-const"
	kindRemovedVar       = "removed-var"
	kindChangedAPI       = "changed-api" // anything apidiff says that no rule above names

	kindAddedMethod    = "added-method"
	kindAddedField     = "added-field"
	kindAddedEnumValue = "added-enum-value"
	kindAddedType      = "added-type"
	kindAddedFunc      = "added-func"
	kindAddedConst     = "added-const"
	kindAddedVar       = "added-var"
	kindNotComparable  = "no-longer-comparable"

	// kindConstValue is a constant whose value changed (DefaultServerURL,
	// Version): behaviour, not API, so it is reported under Other.
	kindConstValue = "changed-constant"
)

// goChanges compares the two type-checked SDK packages with apidiff and
// classifies each finding. Where the wire comparison matched an operation
// whose Go name changed (same HTTP method and path), the removal and the
// addition it causes are reported as one rename.
func goChanges(oldPkg, newPkg *types.Package, w *wireDiff) []Change {
	var out []Change
	for _, c := range apidiff.Changes(oldPkg, newPkg).Changes {
		ch := classify(c, oldPkg, newPkg, w)
		if ch.Kind == kindConstValue && ch.Symbol == "Version" {
			// The SDK's own version (from the config) is what the report
			// helps choose, not a change to report.
			continue
		}
		out = append(out, ch)
	}
	out = foldEnumConstants(out, kindRemovedType, kindRemovedEnumValue, oldPkg)
	out = foldEnumConstants(out, kindAddedType, kindAddedEnumValue, newPkg)
	return w.foldRenames(out)
}

// foldEnumConstants drops the constant changes of enum types that were
// removed (or added) whole and counts them in the type's entry instead: a
// removed enum's values are removed with it, and listing each would bury
// the changes that need reading.
func foldEnumConstants(cs []Change, typeKind, constKind string, pkg *types.Package) []Change {
	whole := map[string]bool{}
	for _, c := range cs {
		if c.Kind == typeKind {
			whole[c.Symbol] = true
		}
	}
	enumOf := func(c Change) string {
		if k, ok := pkg.Scope().Lookup(c.Symbol).(*types.Const); ok {
			if named, ok := types.Unalias(k.Type()).(*types.Named); ok && whole[named.Obj().Name()] {
				return named.Obj().Name()
			}
		}
		return ""
	}
	counts := map[string]int{}
	var out []Change
	for _, c := range cs {
		if c.Kind == constKind {
			if t := enumOf(c); t != "" {
				counts[t]++
				continue
			}
		}
		out = append(out, c)
	}
	for i, c := range out {
		if n := counts[c.Symbol]; c.Kind == typeKind && n > 0 {
			out[i].Message += fmt.Sprintf(" with its %d value(s)", n)
		}
	}
	return out
}

// classify turns one apidiff message ("Symbol: what happened") into a
// Change, looking the symbol up in the package it refers to (the new one
// for additions, the old one otherwise) to tell what sort of thing it is.
func classify(c apidiff.Change, oldPkg, newPkg *types.Package, w *wireDiff) Change {
	sym, msg, ok := strings.Cut(c.Message, ": ")
	if !ok {
		return Change{Kind: kindChangedAPI, Message: c.Message, Breaking: !c.Compatible}
	}
	msg = qualified.ReplaceAllString(msg, "$1.")
	pkg := oldPkg
	if msg == "added" {
		pkg = newPkg
	}
	what, symbol := lookupSymbol(pkg, sym)
	out := Change{Symbol: symbol, Breaking: !c.Compatible}

	switch {
	case msg == "removed" || msg == "added":
		verb := msg
		switch what {
		case "method":
			out.Kind, out.Message = verb+"-method", "method "+verb
			w.locate(&out, verb == "added")
		case "field":
			out.Kind, out.Message = verb+"-field", "field "+verb
		case "enum":
			out.Kind, out.Message = verb+"-enum-value", "enum value "+verb+constValue(pkg, symbol)
		case "type":
			out.Kind, out.Message = verb+"-type", "type "+verb
		case "func":
			out.Kind, out.Message = verb+"-func", "function "+verb
		case "const":
			out.Kind, out.Message = verb+"-const", "constant "+verb
		case "var":
			out.Kind, out.Message = verb+"-var", "variable "+verb
		default:
			out.Kind, out.Message = kindChangedAPI, msg
		}
	case strings.HasPrefix(msg, "changed from "):
		change := strings.TrimPrefix(msg, "changed ")
		switch what {
		case "method", "func":
			out.Kind, out.Message = kindChangedSignature, "signature changed "+change
			w.locate(&out, true)
		case "field":
			out.Kind, out.Message = kindChangedFieldType, "type changed "+change
		default:
			out.Kind, out.Message = kindChangedType, "changed "+change
		}
	case strings.HasPrefix(msg, "value changed from "):
		if what == "enum" {
			// The constant names a value the API sends or accepts: its
			// value is the wire contract.
			out.Kind, out.Message, out.Breaking = kindChangedEnumValue, msg, true
			return out
		}
		out.Kind, out.Message, out.Breaking = kindConstValue, msg, false
	case msg == "old is comparable, new is not":
		// A generated struct gains a slice or map field. Strictly Go code
		// could have compared two values with ==, but an SDK's data types
		// are decoded JSON, never map keys or compared whole, and the
		// alternative (every new list field a major version) would make
		// the common, compatible change breaking.
		out.Kind, out.Breaking = kindNotComparable, false
		out.Message = "no longer comparable with == (a new field is a slice, map or Nullable)"
	default:
		out.Kind, out.Message = kindChangedAPI, msg
	}
	return out
}

// qualified matches a package path qualifying a name in a type string
// (example.com/pets/internal/core.Nullable, encoding/json.RawMessage):
// reports show the package name only, as Go source would.
var qualified = regexp.MustCompile(`(?:[\w.~-]+/)+(\w+)\.`)

// lookupSymbol tells what apidiff's object string names in pkg — "method",
// "field", "enum" (a constant of a declared type), "type", "func",
// "const", "var", or "" when it cannot tell — and returns the symbol as
// reports show it: T.M for methods whatever the receiver.
func lookupSymbol(pkg *types.Package, sym string) (what, symbol string) {
	// Methods of a pointer receiver print as (*T).M; embedded-method
	// messages add ", method set of U".
	sym, _, _ = strings.Cut(sym, ", ")
	if strings.HasPrefix(sym, "(*") {
		if i := strings.Index(sym, ")."); i > 0 {
			sym = sym[2:i] + sym[i+1:]
		}
	}
	if strings.HasPrefix(sym, "./") { // an object of internal/core
		return "", sym
	}
	base, member, hasMember := strings.Cut(sym, ".")
	obj := pkg.Scope().Lookup(base)
	if obj == nil {
		return "", sym
	}
	if hasMember {
		tn, ok := obj.(*types.TypeName)
		if !ok {
			return "", sym
		}
		o, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, member)
		switch o.(type) {
		case *types.Func:
			return "method", sym
		case *types.Var:
			return "field", sym
		}
		return "", sym
	}
	switch o := obj.(type) {
	case *types.TypeName:
		return "type", sym
	case *types.Func:
		return "func", sym
	case *types.Var:
		return "var", sym
	case *types.Const:
		if named, ok := types.Unalias(o.Type()).(*types.Named); ok && named.Obj().Pkg() == pkg {
			return "enum", sym
		}
		return "const", sym
	}
	return "", sym
}

// constValue describes an enum constant's value, " (\"in-progress\")".
func constValue(pkg *types.Package, name string) string {
	if c, ok := pkg.Scope().Lookup(name).(*types.Const); ok {
		return " (" + c.Val().ExactString() + ")"
	}
	return ""
}

// locate fills in the operation behind a method's change, from the new
// model (isNew) or the old one, when the model is known.
func (w *wireDiff) locate(c *Change, isNew bool) {
	ops := w.oldOps
	if isNew {
		ops = w.newOps
	}
	if r, ok := ops[c.Symbol]; ok {
		c.Operation, c.Method, c.Path = r.op.ID, r.op.Method, r.op.Path
	}
}
