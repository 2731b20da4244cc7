package pipeline

import (
	"path/filepath"
	"slices"

	"github.com/sdkgen/sdkgen/model"
)

// codeUnusedIgnore is the warning for an ignore entry that silenced nothing,
// so stale entries do not pile up in configs. It can itself be ignored.
const codeUnusedIgnore = "unused-ignore"

// applyIgnore drops the warnings whose code the config ignores (errors are
// never dropped: they stop generation, and hiding them would leave the user
// with a failure and nothing to read) and adds an unused-ignore warning for
// every entry that silenced nothing.
func applyIgnore(ds model.Diagnostics, cfg *Config) model.Diagnostics {
	used := make([]bool, len(cfg.Ignore))
	var out model.Diagnostics
	keep := func(d model.Diagnostic) bool {
		if d.Severity != model.Warning {
			return true
		}
		for i, code := range cfg.Ignore {
			if code == d.Code {
				used[i] = true
				return false
			}
		}
		return true
	}
	for _, d := range ds {
		if keep(d) {
			out = append(out, d)
		}
	}
	var unused model.Diagnostics
	for i, code := range cfg.Ignore {
		if used[i] || code == codeUnusedIgnore {
			continue
		}
		pos := model.Pos{File: cfg.file}
		if i < len(cfg.ignorePos) {
			pos = cfg.ignorePos[i]
		}
		unused.Add(model.Warning, codeUnusedIgnore, pos, "ignore entry %q silenced nothing", code)
	}
	for _, d := range unused {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

// relativize rewrites absolute diagnostic file names relative to wd; the
// parser reports the path it was given, which callers make absolute so
// that it does not depend on the process's directory.
func relativize(ds model.Diagnostics, wd string) model.Diagnostics {
	out := slices.Clone(ds)
	for i := range out {
		if f := out[i].Pos.File; f != "" && filepath.IsAbs(f) {
			out[i].Pos.File = DisplayPath(wd, f)
		}
	}
	return out
}

// DisplayPath is how messages show a path: relative to wd when it can be
// (even with "../"), slash-separated, so output does not depend on where the
// project lives on disk.
func DisplayPath(wd, path string) string {
	if !filepath.IsAbs(path) {
		return filepath.ToSlash(path)
	}
	if rel, err := filepath.Rel(wd, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}
