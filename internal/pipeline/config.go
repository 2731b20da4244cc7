package pipeline

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// Config is the sdkgen.yaml file. Every field is optional; the CLI's flags
// win over it.
type Config struct {
	// Package is the Go package name, like --package.
	Package string `yaml:"package"`
	// Module makes DIR a module root with this path, like --module.
	Module string `yaml:"module"`
	// SDKVersion goes into the generated User-Agent and Version constant.
	SDKVersion string `yaml:"sdkVersion"`
	// Globals names header or query parameters to make client-wide options;
	// a name starting with "-" is never a global.
	Globals []string `yaml:"globals"`
	// Ignore lists warning codes to silence. Errors cannot be silenced.
	Ignore []string `yaml:"ignore"`
	// Scopes is reserved for replacing the rule that finds scopes in prose.
	Scopes *ScopesConfig `yaml:"scopes"`
	// Names overrides the naming pass: stable key (as in sdkgen.lock) → Go
	// identifier.
	Names map[string]string `yaml:"names"`
	// ConformanceTests, true unless set to false, also generates
	// sdkgen_conformance_test.go: a test that calls every operation against
	// a recording server.
	ConformanceTests *bool `yaml:"conformanceTests"`
	// Pagination says how the operations it names page, for specs that do
	// not say so themselves: each rule names an operationId (or a pattern
	// over them) and a style, with the paths and parameters it needs.
	Pagination []parser.PaginationRule `yaml:"pagination"`
	// Templates is a folder of text/template files rendered into the SDK
	// (like --templates), relative to the config file.
	Templates string `yaml:"templates"`
	// Overlays lists OpenAPI Overlay files applied to the spec, in order,
	// before it is read; relative paths are relative to the config file.
	// The --overlay flags' files are applied after these.
	Overlays []string `yaml:"overlays"`
	// Examples, true unless set to false, also generates examples_test.go:
	// one compiled usage example per method.
	Examples *bool `yaml:"examples"`

	// file is the config's path relative to the working directory (slash
	// separated), or "" when there was no config file; diagnostics about the
	// config point at it.
	file string
	// ignorePos is where each Ignore entry was written, so an unused entry's
	// warning points at its line.
	ignorePos []model.Pos
	// scopesPos is where scopes was written.
	scopesPos model.Pos
}

// ScopesConfig is reserved: the config is meant to replace the rule that
// reads scopes from operation descriptions, but that rule's shape is not
// settled yet. It is accepted (so configs can be written ahead) and a
// warning says it is not applied.
type ScopesConfig struct {
	// Rule will describe how to find scopes in prose.
	Rule string `yaml:"rule"`
}

// configFields are the keys Config accepts, in the order the docs list them;
// scopesFields likewise for the scopes mapping. They are checked by hand,
// before decoding, so an unknown key is reported with its position and the
// list of valid ones.
var (
	configFields = []string{"package", "module", "sdkVersion", "globals", "ignore", "scopes", "names", "conformanceTests", "pagination", "templates", "overlays", "examples"}
	scopesFields = []string{"rule"}
)

// ParseConfig decodes a config file's content. file names it in messages
// and in the diagnostics about the config (as the user should see it,
// usually relative to the working directory). Every error is about the
// file's content: its position and what is wrong.
func ParseConfig(file string, data []byte) (*Config, error) {
	cfg := &Config{file: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s", file, yamlMessage(err))
	}
	if len(doc.Content) == 0 { // empty file or only comments
		return cfg, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: the config must be a mapping of fields (%s)",
			file, root.Line, root.Column, strings.Join(configFields, ", "))
	}
	if err := checkKeys(file, root, "", configFields); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "scopes":
			cfg.scopesPos = model.Pos{File: file, Line: key.Line, Col: key.Column}
			if val.Kind == yaml.MappingNode {
				if err := checkKeys(file, val, "scopes.", scopesFields); err != nil {
					return nil, err
				}
			}
		case "ignore":
			if val.Kind == yaml.SequenceNode {
				for _, item := range val.Content {
					cfg.ignorePos = append(cfg.ignorePos, model.Pos{File: file, Line: item.Line, Col: item.Column})
				}
			}
		}
	}
	// Known fields were checked above, with positions; WithKnownFields is
	// a backstop. Type errors (globals: 5) are reported by the decoder.
	if err := root.Load(cfg, yaml.WithKnownFields()); err != nil {
		return nil, fmt.Errorf("%s: %s", file, yamlMessage(err))
	}
	for i, o := range cfg.Overlays {
		if o == "" {
			return nil, fmt.Errorf("%s: overlays: entry %d is empty", file, i+1)
		}
		if !filepath.IsAbs(o) {
			cfg.Overlays[i] = filepath.Join(filepath.Dir(filepath.FromSlash(file)), filepath.FromSlash(o))
		}
	}
	return cfg, nil
}

// yamlMessage strips the YAML library's own prefixes from err, leaving the
// part that helps a user: where and what.
func yamlMessage(err error) string {
	msg := err.Error()
	for _, p := range []string{"yaml: ", "construct errors: ", "unmarshal errors: ", "go-yaml load error in parser "} {
		msg = strings.TrimPrefix(strings.TrimSpace(msg), p)
	}
	return msg
}

// checkKeys reports the first key of mapping m that is not in known, naming
// it with its position and the accepted keys.
func checkKeys(file string, m *yaml.Node, prefix string, known []string) error {
	for i := 0; i < len(m.Content); i += 2 {
		k := m.Content[i]
		if !slices.Contains(known, k.Value) {
			return fmt.Errorf("%s:%d:%d: unknown field %q (known fields: %s)",
				file, k.Line, k.Column, prefix+k.Value, prefix+strings.Join(known, ", "+prefix))
		}
	}
	return nil
}

// TemplatesDir is the config's templates folder made absolute: relative to
// the config file's folder, which is itself relative to wd. It is "" when
// the config names none.
func (c *Config) TemplatesDir(wd string) string {
	if c.Templates == "" {
		return ""
	}
	dir := filepath.FromSlash(c.Templates)
	if filepath.IsAbs(dir) {
		return filepath.Clean(dir)
	}
	base := filepath.Dir(filepath.FromSlash(c.file))
	if !filepath.IsAbs(base) {
		base = filepath.Join(wd, base)
	}
	return filepath.Join(base, dir)
}

// diagnostics returns the warnings the config itself deserves.
func (c *Config) diagnostics() model.Diagnostics {
	var ds model.Diagnostics
	if c.Scopes != nil {
		ds.Add(model.Warning, "unsupported-config", c.scopesPos,
			"the scopes setting is reserved and not applied yet; scopes come from the built-in rule")
	}
	return ds
}
