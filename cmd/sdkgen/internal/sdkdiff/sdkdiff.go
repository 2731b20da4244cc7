// Package sdkdiff compares two versions of a generated SDK and says what
// changed for its users and which semver bump that implies.
//
// It looks at an SDK three ways:
//
//   - Go API: both SDK packages are type-checked with go/types (the runtime
//     in internal/core served from the same file set) and compared with
//     golang.org/x/exp/apidiff; each of its findings is classified by what
//     the symbol is (method, field, enum constant, type…).
//   - Wire: what the Go API cannot show — a path, HTTP method, parameter
//     wire name or location, JSON property name, response type, security or
//     enum value that changed under the same Go name, and new requirements
//     (a required parameter or field) that compile but make old calls fail —
//     is found by comparing the two parsed models, matched by Go name.
//   - Code: generated files that differ although nothing above changed
//     (documentation, defaults, runtime behaviour).
//
// It lives under cmd/sdkgen because only the command uses it; it needs the
// model, the generated files and go/types, none of which belong in gen.
package sdkdiff

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/gen"
	"github.com/sdkgen/sdkgen/model"
)

// Side is one version of an SDK.
type Side struct {
	// API is the model the SDK was generated from, or nil when it is not
	// known (an SDK folder without its spec); wire changes then go
	// unchecked, and the report says so.
	API *model.API
	// Files are the SDK's files; only the package's own non-test Go files
	// and internal/core are read.
	Files []gen.File
}

// Bump is a semver increment.
type Bump string

// The bumps, from none to major.
const (
	BumpNone  Bump = "none"
	BumpPatch Bump = "patch"
	BumpMinor Bump = "minor"
	BumpMajor Bump = "major"
)

// Change is one finding.
type Change struct {
	// Kind names the rule that found it ("removed-method", "changed-path").
	Kind string `json:"kind"`
	// Symbol is the Go name concerned: Type, Type.Field, Type.Method,
	// Service.Method, or a package-level function or constant.
	Symbol string `json:"symbol"`
	// Message says what changed, old value then new.
	Message string `json:"message"`
	// Breaking is true when code or calls that worked before may not now.
	Breaking bool `json:"breaking"`
	// Operation, Method and Path name the operation behind a change to a
	// method or a wire change of an operation (the new version's, the old
	// one's for a removal), when the model is known; empty otherwise.
	Operation string `json:"operation,omitempty"`
	Method    string `json:"method,omitempty"`
	Path      string `json:"path,omitempty"`
}

// Report is the outcome of a comparison.
type Report struct {
	Bump Bump `json:"bump"`
	// Breaking are Go API changes that can stop code compiling.
	Breaking []Change `json:"breaking"`
	// Compatible are Go API additions and changes that cannot.
	Compatible []Change `json:"compatible"`
	// Wire are changes to what goes over the network that the Go API does
	// not show; each says whether it is breaking.
	Wire []Change `json:"wire"`
	// Other are changes outside the API and the wire contract: constant
	// values such as the default server URL, global defaults, and code that
	// differs only in documentation or runtime behaviour. They make a patch.
	Other []Change `json:"other"`
	// Notes say what could not be compared.
	Notes []string `json:"notes,omitempty"`
}

// Options say how the SDKs were generated.
type Options struct {
	// Module is the SDK package's import path, the same on both sides.
	Module string
}

// Compare type-checks both SDKs and reports every difference.
func Compare(old, new Side, opt Options) (*Report, error) {
	oldFiles, newFiles := splitFiles(old.Files), splitFiles(new.Files)
	oldPkg, err := typeCheck(opt.Module, oldFiles)
	if err != nil {
		return nil, fmt.Errorf("the old SDK: %v", err)
	}
	newPkg, err := typeCheck(opt.Module, newFiles)
	if err != nil {
		return nil, fmt.Errorf("the new SDK: %v", err)
	}
	r := &Report{}
	w := &wireDiff{old: old.API, new: new.API}
	if old.API != nil && new.API != nil {
		w.run()
	} else {
		r.Notes = append(r.Notes, "wire changes were not compared: the old SDK's spec is not known")
	}
	for _, c := range goChanges(oldPkg, newPkg, w) {
		switch {
		case c.Kind == kindConstValue:
			r.Other = append(r.Other, c)
		case c.Kind == kindChangedEnumValue:
			r.Wire = append(r.Wire, c)
		case c.Breaking:
			r.Breaking = append(r.Breaking, c)
		default:
			r.Compatible = append(r.Compatible, c)
		}
	}
	r.Wire = append(r.Wire, w.wire...)
	r.Other = append(r.Other, w.other...)
	if len(r.Breaking)+len(r.Compatible)+len(r.Wire)+len(r.Other) == 0 {
		if files := differingFiles(oldFiles, newFiles); len(files) > 0 {
			r.Other = append(r.Other, Change{Kind: kindChangedCode, Message: fmt.Sprintf(
				"the generated code differs (%s) with the same API and wire contract: documentation, defaults or runtime behaviour",
				strings.Join(files, ", "))})
		}
	}
	r.sort()
	r.Bump = r.bump()
	return r, nil
}

// bump is the semver increment the changes imply: major for anything
// breaking (Go or wire), minor for additions and compatible wire changes,
// patch for changes outside the API, none when the SDKs are the same.
func (r *Report) bump() Bump {
	switch {
	case len(r.Breaking) > 0 || slices.ContainsFunc(r.Wire, func(c Change) bool { return c.Breaking }):
		return BumpMajor
	case len(r.Compatible) > 0 || len(r.Wire) > 0:
		return BumpMinor
	case len(r.Other) > 0:
		return BumpPatch
	}
	return BumpNone
}

// IsBreaking reports whether the report has breaking changes.
func (r *Report) IsBreaking() bool { return r.Bump == BumpMajor }

// sort orders every list by kind (in the order kinds are listed in
// kindOrder), then symbol, then message, and makes empty lists non-nil so
// JSON shows [] rather than null.
func (r *Report) sort() {
	for _, l := range []*[]Change{&r.Breaking, &r.Compatible, &r.Wire, &r.Other} {
		if *l == nil {
			*l = []Change{}
		}
		slices.SortFunc(*l, func(a, b Change) int {
			return cmp.Or(cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)), cmp.Compare(a.Kind, b.Kind),
				cmp.Compare(a.Symbol, b.Symbol), cmp.Compare(a.Message, b.Message))
		})
		*l = slices.Compact(*l)
	}
}

// differingFiles lists the SDK files whose content differs between the
// sides, or that only one side has.
func differingFiles(old, new sdkFiles) []string {
	index := func(s sdkFiles) map[string][]byte {
		m := map[string][]byte{}
		for _, f := range append(slices.Clone(s.root), s.core...) {
			m[f.Path] = f.Content
		}
		return m
	}
	o, n := index(old), index(new)
	var out []string
	for _, p := range slices.Sorted(maps.Keys(o)) {
		if nc, ok := n[p]; !ok || !bytes.Equal(o[p], nc) {
			out = append(out, p)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(n)) {
		if _, ok := o[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
