// Package fixed holds the Go an SDK carries word for word beside what gen
// writes for it: each file other than this one is copied into the SDK's
// package with the package clause replaced, after the tables gen generates
// for it (a file here reads them under the same names). This file stands
// in for those tables so that the package compiles and is tested here; it
// is never copied.
package fixed

// scopes is generated in scopes.go: operation id → alternative scope sets.
var scopes map[string][][]string
