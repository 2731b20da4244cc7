package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/sdkgen/sdkgen/gen"
)

// generatedHeader starts every .go file sdkgen writes. A .go file without it
// is not sdkgen's, whatever the lock says: removing the line is how a user
// takes a file over.
const generatedHeader = gen.Header

// tempPrefix and backupPrefix name the hidden files a run creates next to
// its targets: new contents waiting to be renamed into place, and the old
// files moved aside until the run has succeeded. Generated paths may not use
// them.
const (
	tempPrefix   = ".sdkgen-tmp-"
	backupPrefix = ".sdkgen-old-"
)

// fileRole says which ownership rule a planned file follows.
type fileRole int

const (
	// roleGenerated files are replaced only when sdkgen owns them.
	roleGenerated fileRole = iota
	// roleGoMod is go.mod in a module root: written when absent, otherwise
	// only checked to be for the same module, never rewritten.
	roleGoMod
	// roleLock is sdkgen.lock: sdkgen's by name, compared by meaning.
	roleLock
)

// plannedFile is one file a run wants DIR to contain.
type plannedFile struct {
	Path    string // slash-separated, relative to DIR
	Content []byte
	Role    fileRole
	// Module is the module path go.mod must declare (roleGoMod).
	Module string
	// Lock is Content parsed (roleLock), for comparing by meaning.
	Lock *lockFile
}

// changeKind is what a run does to one path.
type changeKind int

const (
	changeAdd changeKind = iota
	changeModify
	changeRemove
)

// marker is how check prints a change.
func (k changeKind) marker() string {
	return [...]string{"+", "~", "-"}[k]
}

// change is one path a run adds, rewrites or removes.
type change struct {
	Path    string
	Kind    changeKind
	Content []byte // for add and modify
}

// writePlan is the outcome of comparing DIR with what should be there.
type writePlan struct {
	// Dir is DIR, absolute.
	Dir string
	// Changes are sorted by path; files already as wanted are left out.
	Changes []change
	// Conflicts explain every wanted path sdkgen may not write; a plan with
	// conflicts must not be applied.
	Conflicts []issue
	// Notes are things worth telling the user that change nothing, such as
	// a stale file left alone because it lost its header.
	Notes []issue
}

// issue is a message about one path (relative to DIR).
type issue struct {
	Path string
	Msg  string
}

// checkRelPath validates a path that is to be joined to DIR: relative,
// slash-separated, clean, inside DIR, and not one of the run's own hidden
// names. os.Root enforces containment again when writing; this check gives
// a clear message first and keeps a bad generator or lock from ever naming
// something outside DIR.
func checkRelPath(p string) error {
	switch {
	case p == "" || p == ".":
		return errors.New("empty path")
	case strings.ContainsAny(p, "\\\x00") || path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		return errors.New("not a relative slash-separated path")
	case path.Clean(p) != p || !filepath.IsLocal(filepath.FromSlash(p)):
		return errors.New("not a clean path inside the output folder")
	}
	for elem := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(elem, tempPrefix) || strings.HasPrefix(elem, backupPrefix) {
			return errors.New("uses a name reserved for sdkgen's temporary files")
		}
	}
	return nil
}

// ownedBy reports whether the lock's file list includes p.
func ownedBy(lock *lockFile, p string) bool {
	return lock != nil && slices.Contains(lock.Files, p)
}

// planWrite compares DIR with want and the previous lock, without changing
// anything. It reads DIR through an os.Root, so nothing outside DIR is
// consulted, and refuses symbolic links anywhere on a path: sdkgen neither
// replaces a link nor writes through one.
//
// A wanted file may replace an existing one only when sdkgen owns it (the
// old lock lists it and, for .go files, it starts with generatedHeader), or
// when the existing content is already byte-for-byte what would be written
// (then nothing is replaced; this lets a run recover from a lost lock). Any
// other existing file, directory or link is a conflict. Files the old lock
// lists that are no longer wanted are removed when still owned.
func planWrite(dir string, want []plannedFile, old *lockFile) (*writePlan, error) {
	p := &writePlan{Dir: dir}
	root, err := openRootIfExists(dir)
	if err != nil {
		return nil, err
	}
	if root != nil {
		defer root.Close()
	}
	seen := map[string]string{} // lower-cased path → path: case-insensitive file systems
	wanted := map[string]bool{}
	for _, f := range want {
		if err := checkRelPath(f.Path); err != nil {
			return nil, fmt.Errorf("generated file %q: %v", f.Path, err)
		}
		if prev, dup := seen[strings.ToLower(f.Path)]; dup {
			return nil, fmt.Errorf("generated files %q and %q differ only in case", prev, f.Path)
		}
		seen[strings.ToLower(f.Path)] = f.Path
		wanted[f.Path] = true
		if err := p.planFile(root, f, old); err != nil {
			return nil, err
		}
	}
	if old != nil {
		for _, f := range old.Files {
			// go.mod belongs to the user once written, and the lock is
			// rewritten, not removed, even if a hand-edited lock lists them.
			if !wanted[f] && f != "go.mod" && f != lockName {
				if err := p.planStale(root, f); err != nil {
					return nil, err
				}
			}
		}
	}
	slices.SortFunc(p.Changes, func(a, b change) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(p.Conflicts, func(a, b issue) int { return strings.Compare(a.Path, b.Path) })
	return p, nil
}

// openRootIfExists opens DIR as an os.Root, or returns nil when DIR does not
// exist yet (then every wanted file is new). DIR that is not a directory is
// an error.
func openRootIfExists(dir string) (*os.Root, error) {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	return os.OpenRoot(dir)
}

// parentProblem checks the folders above p inside root: each must be a real
// directory (not a link, not a file) or not exist. It returns a conflict
// message, or "" when the path is clear; missing reports whether some
// folder does not exist (so neither does p).
func parentProblem(root *os.Root, p string) (problem string, missing bool, err error) {
	elems := strings.Split(p, "/")
	for i := 1; i < len(elems); i++ {
		dir := strings.Join(elems[:i], "/")
		fi, err := root.Lstat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return "", true, nil
		case err != nil:
			return "", false, err
		case fi.Mode()&fs.ModeSymlink != 0:
			return dir + " is a symbolic link; sdkgen does not write through links", false, nil
		case !fi.IsDir():
			return dir + " is not a directory", false, nil
		}
	}
	return "", false, nil
}

// planFile decides what to do with one wanted file.
func (p *writePlan) planFile(root *os.Root, f plannedFile, old *lockFile) error {
	add := func() { p.Changes = append(p.Changes, change{Path: f.Path, Kind: changeAdd, Content: f.Content}) }
	if root == nil {
		add()
		return nil
	}
	problem, missing, err := parentProblem(root, f.Path)
	if err != nil {
		return err
	}
	if problem != "" {
		p.Conflicts = append(p.Conflicts, issue{f.Path, problem})
		return nil
	}
	if missing {
		add()
		return nil
	}
	fi, err := root.Lstat(f.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		add()
		return nil
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		p.Conflicts = append(p.Conflicts, issue{f.Path, "is a symbolic link; sdkgen does not replace links"})
		return nil
	case !fi.Mode().IsRegular():
		p.Conflicts = append(p.Conflicts, issue{f.Path, "exists and is not a regular file"})
		return nil
	}
	cur, err := root.ReadFile(f.Path)
	if err != nil {
		return err
	}
	modify := func() {
		p.Changes = append(p.Changes, change{Path: f.Path, Kind: changeModify, Content: f.Content})
	}
	switch f.Role {
	case roleGoMod:
		if got := modfile.ModulePath(cur); got != f.Module {
			p.Conflicts = append(p.Conflicts, issue{f.Path, fmt.Sprintf("is for module %q, not %q; sdkgen never rewrites go.mod", got, f.Module)})
		}
	case roleLock:
		if l, err := parseLock(cur); err != nil || !sameLock(l, f.Lock) {
			modify()
		}
	default:
		switch {
		case bytes.Equal(cur, f.Content):
			// already as wanted (possibly adopted after a lost lock)
		case ownedBy(old, f.Path) && (path.Ext(f.Path) != ".go" || bytes.HasPrefix(cur, []byte(generatedHeader))):
			modify()
		case ownedBy(old, f.Path):
			p.Conflicts = append(p.Conflicts, issue{f.Path, fmt.Sprintf(
				"sdkgen.lock lists it but it no longer starts with %q, so it is yours now; move it away or restore the header to let sdkgen replace it",
				generatedHeader)})
		default:
			p.Conflicts = append(p.Conflicts, issue{f.Path,
				"exists and sdkgen does not own it (sdkgen.lock does not list it); move it away to let sdkgen write it"})
		}
	}
	return nil
}

// planStale decides about a file the old lock lists that is not wanted any
// more: removed when sdkgen still owns it, else left alone with a note.
func (p *writePlan) planStale(root *os.Root, f string) error {
	if root == nil {
		return nil
	}
	problem, missing, err := parentProblem(root, f)
	if err != nil || missing {
		return err
	}
	if problem != "" {
		p.Notes = append(p.Notes, issue{f, "kept: no longer generated, but " + problem})
		return nil
	}
	fi, err := root.Lstat(f)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.Mode().IsRegular():
		p.Notes = append(p.Notes, issue{f, "kept: no longer generated, but it is not a regular file"})
		return nil
	}
	if path.Ext(f) == ".go" {
		cur, err := root.ReadFile(f)
		if err != nil {
			return err
		}
		if !bytes.HasPrefix(cur, []byte(generatedHeader)) {
			p.Notes = append(p.Notes, issue{f, "kept: no longer generated, but it lost its generated header, so it is yours now"})
			return nil
		}
	}
	p.Changes = append(p.Changes, change{Path: f, Kind: changeRemove})
	return nil
}

// apply carries out a conflict-free plan as a transaction:
//
//  1. create DIR (and missing parents) if needed, then open it as an os.Root
//     (so no write escapes DIR or follows a link out of it);
//  2. write every new content to a hidden temp file in its target's folder,
//     creating folders as needed;
//  3. only when all are written, move each replaced or stale file aside to a
//     hidden backup name and rename its temp file into place;
//  4. when everything is in place, delete the backups and the folders that
//     removing stale files emptied.
//
// Any failure before step 4 undoes what was done, in reverse (backups are
// renamed back, temp files, new files and new folders removed, a DIR this run
// created removed), so a failed run leaves DIR as it was.
func (p *writePlan) apply() (err error) {
	if len(p.Conflicts) > 0 {
		return fmt.Errorf("refusing to apply a plan with conflicts")
	}
	if len(p.Changes) == 0 {
		return nil
	}
	var undo []func() error
	var root *os.Root
	defer func() {
		if err != nil {
			for i := len(undo) - 1; i >= 0; i-- {
				if uerr := undo[i](); uerr != nil {
					err = fmt.Errorf("%w; undoing it also failed: %v", err, uerr)
				}
			}
		}
		if root != nil { // closed after the undo steps, which use it
			root.Close()
		}
	}()

	created, err := mkdirAllTracked(p.Dir)
	if err != nil {
		return err
	}
	for _, d := range created { // outermost first, so undone innermost first
		undo = append(undo, func() error { return os.Remove(d) })
	}
	root, err = os.OpenRoot(p.Dir)
	if err != nil {
		return err
	}

	// Step 2: temp files.
	temps := map[string]string{} // target → temp
	for _, c := range p.Changes {
		if c.Kind == changeRemove {
			continue
		}
		dirs, err := mkdirsInRoot(root, path.Dir(c.Path))
		if err != nil {
			return err
		}
		for _, d := range dirs { // outermost first, so undone innermost first
			undo = append(undo, func() error { return root.Remove(d) })
		}
		if err := hook("temp", c.Path); err != nil {
			return err
		}
		tmp, err := writeTemp(root, path.Dir(c.Path), c.Content)
		if err != nil {
			return err
		}
		temps[c.Path] = tmp
		undo = append(undo, func() error { return ignoreNotExist(root.Remove(tmp)) })
	}

	// Step 3: move old files aside, new ones into place.
	var backups []string
	for _, c := range p.Changes {
		stage := "rename"
		if c.Kind == changeRemove {
			stage = "remove"
		}
		if err := hook(stage, c.Path); err != nil {
			return err
		}
		if c.Kind != changeAdd {
			bak := hiddenName(path.Dir(c.Path), backupPrefix)
			if err := root.Rename(c.Path, bak); err != nil {
				return err
			}
			backups = append(backups, bak)
			undo = append(undo, func() error { return root.Rename(bak, c.Path) })
		}
		if c.Kind == changeRemove {
			continue
		}
		if c.Kind == changeAdd {
			// The plan saw nothing here; if something appeared since, do
			// not replace it.
			if _, err := root.Lstat(c.Path); !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s: appeared while generating; not replacing it", c.Path)
			}
		}
		if err := root.Rename(temps[c.Path], c.Path); err != nil {
			return err
		}
		undo = append(undo, func() error { return root.Rename(c.Path, temps[c.Path]) })
	}

	// Step 4: commit. Failures from here on cannot be undone and are
	// reported, but DIR already holds the new SDK.
	var errs []error
	for _, b := range backups {
		errs = append(errs, root.Remove(b))
	}
	for _, c := range p.Changes {
		if c.Kind == changeRemove {
			removeEmptyParents(root, c.Path)
		}
	}
	if err := errors.Join(errs...); err != nil {
		undo = nil // nothing to roll back: the new files are in place
		return &cleanupError{err}
	}
	return nil
}

// applyHook, when set (by tests only), runs before each step of apply that
// changes DIR and can fail it, to show that any failure is undone. stage is
// "temp", "rename" or "remove"; p is the path concerned.
var applyHook func(stage, p string) error

// hook runs applyHook if set.
func hook(stage, p string) error {
	if applyHook == nil {
		return nil
	}
	return applyHook(stage, p)
}

// cleanupError is a failure after the new files were in place (deleting
// backups): DIR holds the new SDK, plus leftover hidden files.
type cleanupError struct{ err error }

func (e *cleanupError) Error() string {
	return "the SDK was written, but removing sdkgen's hidden backup files failed: " + e.err.Error()
}

func (e *cleanupError) Unwrap() error { return e.err }

// mkdirAllTracked is os.MkdirAll that returns the folders it created,
// outermost first, so a failed run can remove them.
func mkdirAllTracked(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	if len(missing) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	return missing, nil
}

// mkdirsInRoot creates the folder dir (slash-separated, "." for DIR) and its
// missing parents inside root, returning those it created, outermost first.
// planWrite has already checked the existing ones are real directories.
func mkdirsInRoot(root *os.Root, dir string) ([]string, error) {
	if dir == "." {
		return nil, nil
	}
	var created []string
	elems := strings.Split(dir, "/")
	for i := 1; i <= len(elems); i++ {
		d := strings.Join(elems[:i], "/")
		err := root.Mkdir(d, 0o777)
		switch {
		case err == nil:
			created = append(created, d)
		case errors.Is(err, fs.ErrExist):
			if fi, lerr := root.Lstat(d); lerr != nil || !fi.IsDir() {
				return created, fmt.Errorf("%s: not a directory", d)
			}
		default:
			return created, err
		}
	}
	return created, nil
}

// hiddenName returns a fresh random hidden name in dir (slash-separated).
func hiddenName(dir, prefix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return path.Join(dir, prefix+hex.EncodeToString(b[:]))
}

// writeTemp writes content to a new hidden file in dir inside root and
// returns its path. O_EXCL guarantees it is a file this run created.
func writeTemp(root *os.Root, dir string, content []byte) (string, error) {
	name := hiddenName(dir, tempPrefix)
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(content)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = root.Remove(name)
		return "", err
	}
	return name, nil
}

// removeEmptyParents removes the folders above p (inside root, not DIR
// itself) that are now empty, innermost first, stopping at the first that
// is not.
func removeEmptyParents(root *os.Root, p string) {
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if root.Remove(d) != nil { // fails on non-empty folders
			return
		}
	}
}

// ignoreNotExist drops "does not exist" errors, for undo steps whose target
// may already be gone.
func ignoreNotExist(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
