package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/sdkgen/sdkgen/internal/pipeline"
)

// defaultConfigName is the config file read from the working directory when
// --config is not given.
const defaultConfigName = "sdkgen.yaml"

// loadConfig reads the config file: explicit (relative to wd) when given,
// else sdkgen.yaml in wd if present, else an empty config. Problems with the
// file's content are usage errors (exit 2); failing to read an existing file
// is an I/O failure (exit 4).
func loadConfig(wd, explicit string) (*pipeline.Config, error) {
	path := explicit
	if path == "" {
		path = defaultConfigName
	}
	abs := resolve(wd, path)
	data, err := os.ReadFile(abs)
	switch {
	case err == nil:
	case explicit == "" && errors.Is(err, fs.ErrNotExist):
		return &pipeline.Config{}, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, failf(exitUsage, "config file %s does not exist", path)
	default:
		return nil, failf(exitIOOrConf, "reading config: %v", err)
	}
	return parseConfig(displayPath(wd, abs), data)
}

// parseConfig decodes a config file's content; every problem with it is
// bad usage. file names it in messages.
func parseConfig(file string, data []byte) (*pipeline.Config, error) {
	cfg, err := pipeline.ParseConfig(file, data)
	if err != nil {
		return nil, failf(exitUsage, "%v", err)
	}
	return cfg, nil
}

// resolve makes path absolute against wd (the working directory as the
// command saw it), leaving absolute paths alone.
func resolve(wd, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(wd, path)
}

// displayPath is how messages show a path: relative to wd when it can be
// (even with "../"), slash-separated, so output does not depend on where the
// project lives on disk.
func displayPath(wd, path string) string { return pipeline.DisplayPath(wd, path) }
