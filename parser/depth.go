package parser

import (
	"bytes"

	"github.com/sdkgen/sdkgen/model"
)

// MaxNesting is the deepest nesting of objects and arrays a document may
// have. libopenapi's time and memory grow with the square of the depth
// (10 000 levels take minutes and gigabytes), so deeper documents are
// refused before it sees them. Real specs stay far below: the deepest of
// the 44 in the test corpus nests under 40 levels, and inline schemas are
// cut to raw JSON at 64 levels anyway.
const MaxNesting = 500

// checkNesting scans b for nesting deeper than limit without parsing it
// and returns the position where it first goes deeper, and whether it does.
func checkNesting(b []byte, limit int) (model.Pos, bool) {
	var off int
	var deep bool
	if isJSON(b) {
		off, deep = jsonTooDeep(b, limit)
	} else {
		off, deep = yamlTooDeep(b, limit)
	}
	if !deep {
		return model.Pos{}, false
	}
	return offsetPos(b, off), true
}

// jsonTooDeep follows brackets outside strings.
func jsonTooDeep(b []byte, limit int) (int, bool) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			// The string ends at the next quote after an even run of
			// backslashes; one left open ends the scan.
			end := i + 1
			for {
				k := bytes.IndexByte(b[end:], '"')
				if k < 0 {
					return 0, false
				}
				end += k
				n := 0
				for n < end-i-1 && b[end-1-n] == '\\' {
					n++
				}
				if n%2 == 0 {
					break
				}
				end++
			}
			i = end
		case c == '{' || c == '[':
			if depth++; depth > limit {
				return i, true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return 0, false
}

// yamlTooDeep estimates YAML nesting line by line: block nesting from the
// stack of indentations (sequence dashes open a level each), plus flow
// collections ([ and {) that open where a value starts. Block scalars and
// quoted scalars spanning lines are skipped. It errs on the low side for
// odd layouts, never on the high side for ordinary ones: it is a guard
// against pathological input, not a validator.
func yamlTooDeep(b []byte, limit int) (int, bool) {
	var indents []int // block levels open, by column
	flow := 0         // open flow collections
	var quote byte    // quote of a scalar continuing on the next line
	blockScalar := -1 // indentation of the key holding a block scalar, -1 if none
	for off := 0; off < len(b); {
		end := bytes.IndexByte(b[off:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += off
		}
		line := b[off:end]
		lineOff := off
		off = end + 1

		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		rest := bytes.TrimRight(line[ind:], " \t\r")
		if blockScalar >= 0 {
			if len(rest) == 0 || ind > blockScalar {
				continue
			}
			blockScalar = -1
		}
		i := ind
		if quote == 0 && flow == 0 {
			if len(rest) == 0 || rest[0] == '#' || bytes.HasPrefix(rest, []byte("---")) || bytes.HasPrefix(rest, []byte("...")) {
				continue
			}
			for len(indents) > 0 && indents[len(indents)-1] >= ind {
				indents = indents[:len(indents)-1]
			}
			// "- - key: v" opens a level per dash, then one for the mapping.
			for i < len(line) && line[i] == '-' && (i+1 == len(line) || line[i+1] == ' ') {
				indents = append(indents, i)
				i++
				for i < len(line) && line[i] == ' ' {
					i++
				}
			}
			if i < len(line) {
				indents = append(indents, i)
			}
			if len(indents) > limit {
				return lineOff + i, true
			}
		}
		// Scan the rest of the line for quotes, flow brackets and a block
		// scalar indicator.
		valueStart := true // at a place where a value may start
		for ; i < len(line); i++ {
			c := line[i]
			if quote != 0 {
				switch {
				case quote == '"' && c == '\\':
					i++
				case c == quote && quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
					i++
				case c == quote:
					quote = 0
				}
				continue
			}
			switch {
			case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
				i = len(line)
			case (c == '"' || c == '\'') && (valueStart || flow > 0):
				quote = c
			case (c == '[' || c == '{') && (valueStart || flow > 0):
				flow++
				if len(indents)+flow > limit {
					return lineOff + i, true
				}
				valueStart = true
				continue
			case (c == ']' || c == '}') && flow > 0:
				flow--
			case (c == '|' || c == '>') && valueStart && flow == 0:
				blockScalar = ind
				i = len(line)
			case c == ':' && (i+1 == len(line) || line[i+1] == ' ' || flow > 0):
				valueStart = true
				continue
			case c == ',' && flow > 0:
				valueStart = true
				continue
			case c == '-' && valueStart && (i+1 == len(line) || line[i+1] == ' '):
				continue
			case c == ' ' || c == '\t':
				continue
			}
			valueStart = false
		}
	}
	return 0, false
}
