package main

import (
	"fmt"

	"github.com/sdkgen/sdkgen/internal/pipeline"
)

// lockName is the lock file's name inside DIR.
const lockName = pipeline.LockName

// lockFile is DIR/sdkgen.lock, as the pipeline reads and writes it.
type lockFile = pipeline.Lock

// specHash is the lock's spec field for the given spec bytes.
func specHash(spec []byte) string { return pipeline.SpecHash(spec) }

// parseLock reads a lock file's content and checks it: a known version and
// only local, clean file paths (a lock is user-editable, and its paths
// decide what sdkgen may remove).
func parseLock(data []byte) (*lockFile, error) {
	l, err := pipeline.ParseLock(data)
	if err != nil {
		return nil, err
	}
	for _, f := range l.Files {
		if err := checkRelPath(f); err != nil {
			return nil, fmt.Errorf("%s lists %q: %v", lockName, f, err)
		}
	}
	return l, nil
}

// sameLock reports whether two locks record the same state, ignoring the
// generator version (upgrading sdkgen alone is no drift).
func sameLock(a, b *lockFile) bool { return pipeline.SameLock(a, b) }
