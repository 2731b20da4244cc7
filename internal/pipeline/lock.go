package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// LockName is the lock file's name inside the SDK's folder (DIR).
const LockName = "sdkgen.lock"

// LockVersion is the format version written into new locks. A lock with
// another version is refused rather than misread.
const LockVersion = 1

// Lock is DIR/sdkgen.lock: what sdkgen owns in DIR and what it decided,
// committed by users so that the next run (by anyone) honours it.
//
//	{
//	  "version": 1,
//	  "spec": "sha256:<hex of the spec file's bytes>",
//	  "generator": "<sdkgen version>",
//	  "files": ["client.go", ...],   // sorted, slash-separated, relative to DIR
//	  "names": {"<stable key>": "GoName", ...}
//	}
//
// files never lists sdkgen.lock itself nor go.mod: go.mod is written once
// and then belongs to the user (who may add requires or tool lines), so
// sdkgen never rewrites or removes it.
type Lock struct {
	// Version is the lock format version, LockVersion.
	Version int `json:"version"`
	// Spec is "sha256:" and the hex digest of the spec file's bytes (the
	// root document only; files it references are not hashed).
	Spec string `json:"spec"`
	// Generator is the sdkgen version that last changed the lock. It is
	// informational: check ignores it, so upgrading sdkgen alone is no drift.
	Generator string `json:"generator"`
	// Files are the generated files sdkgen owns, sorted.
	Files []string `json:"files"`
	// Names is the naming pass's result, fed back as parser PreviousNames.
	Names map[string]string `json:"names"`
}

// SpecHash is the lock's spec field for the given spec bytes.
func SpecHash(spec []byte) string {
	sum := sha256.Sum256(spec)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Marshal renders the lock deterministically: sorted files, sorted names
// (encoding/json sorts map keys), two-space indent, no HTML escaping, empty
// collections as [] and {} rather than null, and a trailing newline.
func (l *Lock) Marshal() []byte {
	c := *l
	c.Files = slices.Sorted(slices.Values(l.Files))
	if c.Files == nil {
		c.Files = []string{}
	}
	if c.Names == nil {
		c.Names = map[string]string{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		panic(err) // strings, ints and string maps always encode
	}
	return buf.Bytes()
}

// ParseLock reads a lock file's content and checks its version. The file
// paths it lists are not checked here: what is a safe path depends on what
// the caller does with them (the CLI removes files the lock lists).
func ParseLock(data []byte) (*Lock, error) {
	var l Lock
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("%s is not valid: %v", LockName, err)
	}
	if l.Version != LockVersion {
		return nil, fmt.Errorf("%s has version %d; this sdkgen reads version %d", LockName, l.Version, LockVersion)
	}
	return &l, nil
}

// SameLock reports whether two locks record the same state, ignoring
// Generator (see Lock.Generator).
func SameLock(a, b *Lock) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Version == b.Version && a.Spec == b.Spec &&
		slices.Equal(slices.Sorted(slices.Values(a.Files)), slices.Sorted(slices.Values(b.Files))) &&
		maps.Equal(a.Names, b.Names)
}
