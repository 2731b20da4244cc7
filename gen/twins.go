package gen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/internal/par"
	"github.com/sdkgen/sdkgen/model"
)

// twins finds the inline types that are the same Go type as another
// under a different name, and maps each to the one declared for them all:
// a component's when one is among them, the shortest name, then the first
// in byte order. The others become aliases (type B = A) that keep their
// own names, docs and constants, so every name a caller may use still
// exists, and values move between the fields that hold them freely.
//
// Specs repeat themselves: Stripe has 1,629 enums with 318 distinct sets
// of values ("active, inactive, pending" for each of 29 capabilities), and
// the same inline address or date range object in dozens of bodies. Each
// repeat costs the SDK a type, its methods and their wrappers, and a
// Nullable instantiation per struct.
//
//   - Enums are twins when their base (string or integer) and their set of
//     values are the same. Enums of mixed JSON kinds, which carry JSON
//     methods of their own, and enums with a Go type of the spec's choosing
//     keep their own type.
//   - Structs are twins when their declarations, field docs included, are
//     the same: the same fields in the same order, with the same names,
//     docs, tags and types, where a field's type counts as the same when
//     it is a twin of the other's. Unions are twins when their
//     discriminators and variants (field names, tags, types) are. That is
//     found by rounds until nothing changes, so two bodies that differ
//     only in which twin address they hold are twins too.
func (g *gen) twins(p *plan) map[*model.Type]*model.Type {
	canon := map[*model.Type]*model.Type{}
	// candidates are the declared types not yet made an alias.
	candidates := func() []*model.Type {
		var ts []*model.Type
		for _, t := range g.api.Types {
			if t.GoName != "" && canon[t] == nil {
				ts = append(ts, t)
			}
		}
		return ts
	}
	// group makes aliases of the types of ts that share a key with another
	// (ks[i] is ts[i]'s; ok false keys none), and reports whether it made
	// any. The groups go in the types' order.
	group := func(ts []*model.Type, ks []keyed) bool {
		groups := map[string][]*model.Type{}
		var keys []string
		for i, t := range ts {
			k, ok := ks[i].k, ks[i].ok
			if !ok {
				continue
			}
			if groups[k] == nil {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], t)
		}
		changed := false
		for _, k := range keys {
			ts := groups[k]
			if len(ts) < 2 {
				continue
			}
			c := slices.MinFunc(ts, func(a, b *model.Type) int {
				if ia, ib := inline(a), inline(b); ia != ib {
					if ib {
						return -1
					}
					return 1
				}
				if len(a.GoName) != len(b.GoName) {
					return len(a.GoName) - len(b.GoName)
				}
				return strings.Compare(a.GoName, b.GoName)
			})
			for _, t := range ts {
				if t != c && inline(t) {
					canon[t] = c
					changed = true
				}
			}
		}
		return changed
	}
	// The keys only read the model and canon, so they are worked out
	// side by side.
	ts := candidates()
	ks := make([]keyed, len(ts))
	par.Each(len(ts), func(i int) { ks[i].k, ks[i].ok = enumSetKey(ts[i]) })
	group(ts, ks)

	// Each round may make more structs twins, by making their fields'
	// types the same. A type chosen in one round may become the alias of
	// a shorter name in a later one; root follows such chains to the end.
	// What a declaration says besides its fields' types (names, docs,
	// flags) does not change from round to round: it is worked out once,
	// and stands in each round's key as a number.
	said := make([]keyed, len(g.api.Types))
	par.Each(len(g.api.Types), func(i int) {
		t := g.api.Types[i]
		if t.Kind == model.KindUnion {
			said[i].k, said[i].ok = unionSays(t)
		} else {
			said[i].k, said[i].ok = g.structSays(p, t)
		}
	})
	ids := map[string]string{}
	saidID := map[*model.Type]string{}
	for i, t := range g.api.Types {
		if said[i].ok {
			k := said[i].k
			if ids[k] == "" {
				ids[k] = strconv.Itoa(len(ids)) + "|"
			}
			saidID[t] = ids[k]
		}
	}
	// A type's key changes only when the root of a declared type its
	// fields name does: each round keys again only the types naming one
	// whose root the last round changed.
	type entry struct {
		key  string
		uses []*model.Type // the declared types the key names
	}
	entries := map[*model.Type]*entry{}
	usedBy := map[*model.Type][]*model.Type{}
	dirty := map[*model.Type]bool{}
	first := true
	for {
		ts := candidates()
		redo := make([]*entry, len(ts))
		par.Each(len(ts), func(i int) {
			t := ts[i]
			id, ok := saidID[t]
			if !ok || !first && !dirty[t] && twinsIncremental {
				return
			}
			var b strings.Builder
			b.WriteString(id)
			e := &entry{}
			fieldTypesKey(&b, t, canon, &e.uses)
			e.key = b.String()
			redo[i] = e
		})
		ks := make([]keyed, len(ts))
		for i, t := range ts {
			if e := redo[i]; e != nil {
				if first {
					for _, u := range e.uses {
						usedBy[u] = append(usedBy[u], t)
					}
				}
				entries[t] = e
			}
			if e := entries[t]; e != nil {
				ks[i] = keyed{e.key, true}
			}
		}
		first = false
		roots := map[*model.Type]*model.Type{}
		for u := range usedBy {
			roots[u] = root(canon, u)
		}
		if !group(ts, ks) {
			break
		}
		clear(dirty)
		for u, users := range usedBy {
			if root(canon, u) != roots[u] {
				for _, t := range users {
					dirty[t] = true
				}
			}
		}
	}
	for t := range canon {
		canon[t] = root(canon, t)
	}
	return canon
}

// twinsIncremental turns on keying again in each round only the types
// whose key may have changed; tests turn it off to key every type in
// every round.
var twinsIncremental = true

// keyed is a type's twin key; ok is false when it has none.
type keyed struct {
	k  string
	ok bool
}

// inline reports whether t is a schema written in place (a property's,
// an item's, a body's) rather than one a $ref names, such as a component.
// Only those become aliases: a schema the spec named is a type of its
// own, even with the same values or fields as another, as the API may
// well grow the two apart.
func inline(t *model.Type) bool {
	_, frag, _ := strings.Cut(t.Key, "#")
	path := strings.TrimPrefix(frag, "/")
	first, _, _ := strings.Cut(path, "/")
	switch segs := strings.Count(path, "/") + 1; {
	case frag == "":
		return false // a whole file
	case segs == 3 && first == "components":
		return false
	case segs == 2 && first == "definitions":
		return false
	}
	return true
}

// root is the type t is an alias of, following aliases of aliases.
func root(canon map[*model.Type]*model.Type, t *model.Type) *model.Type {
	for canon[t] != nil {
		t = canon[t]
	}
	return t
}

// enumSetKey is an enum's base kind and its sorted values.
func enumSetKey(t *model.Type) (string, bool) {
	if t.Kind != model.KindEnum || t.EnumMixed || t.GoType != "" {
		return "", false
	}
	vals := make([]string, len(t.Enum))
	for i, v := range t.Enum {
		vals[i] = strconv.Quote(v.Value)
	}
	slices.Sort(vals)
	vals = slices.Compact(vals)
	base := model.KindString
	if t.EnumBase != nil {
		base = t.EnumBase.Kind
	}
	return string(base) + ":" + strings.Join(vals, ","), true
}

// structSays is what a struct's declaration says apart from its name,
// its own doc and its fields' types: each field's JSON and Go names, doc,
// flags and how it is held; its additional properties' name. Together
// with its fields' types (fieldTypesKey) it keys the struct as a twin. A
// struct that refers to itself is never a twin: its fields' shapes were
// decided for it alone.
func (g *gen) structSays(p *plan, t *model.Type) (string, bool) {
	if t.Kind != model.KindStruct || t.GoType != "" {
		return "", false
	}
	var b strings.Builder
	for _, f := range t.Fields {
		if f.Type == t {
			return "", false
		}
		keyStrings(&b, f.Name, f.GoName, f.Doc, f.Type.Default, f.Type.Const)
		for _, flag := range []bool{f.Required, f.Nullable, f.ReadOnly, f.Deprecated} {
			c := byte('0')
			if flag {
				c = '1'
			}
			b.WriteByte(c)
		}
		b.WriteString(strconv.Itoa(int(p.shapes[fieldKey{t, f}])))
		b.WriteByte('\n')
	}
	if t.Additional != nil {
		keyStrings(&b, "+"+t.AdditionalName)
	}
	return b.String(), true
}

// fieldTypesKey writes the types of a struct's fields and additional
// properties, or of a union's variants, in order (see typeKey).
// The declared types it names are appended to uses.
func fieldTypesKey(b *strings.Builder, t *model.Type, canon map[*model.Type]*model.Type, uses *[]*model.Type) {
	if t.Kind == model.KindUnion {
		for _, v := range t.Variants {
			typeKey(b, v.Type, canon, 0, uses)
			b.WriteByte('\n')
		}
		return
	}
	for _, f := range t.Fields {
		typeKey(b, f.Type, canon, 0, uses)
		b.WriteByte('\n')
	}
	if t.Additional != nil {
		b.WriteByte('+')
		typeKey(b, t.Additional, canon, 0, uses)
	}
}

// keyStrings writes each of ss to a key, prefixed by its length so that
// no two lists of strings write the same (quoting each would cost a scan
// of every doc for the runes to escape).
func keyStrings(b *strings.Builder, ss ...string) {
	for _, s := range ss {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
}

// unionSays is what a union's declaration and methods say apart from its
// name, its own doc and its variants' types: the discriminator, and each
// variant's field name and tags. The shapes it decodes by follow from the
// variants' types, which fieldTypesKey adds.
func unionSays(t *model.Type) (string, bool) {
	if t.GoType != "" {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "union %q\n", t.Discriminator)
	for _, v := range t.Variants {
		if v.Type == t {
			return "", false
		}
		keyStrings(&b, v.GoName, strconv.Itoa(len(v.Tags)))
		keyStrings(&b, v.Tags...)
		b.WriteByte('\n')
	}
	return b.String(), true
}

// typeKey writes what Go type t is: a declared type's name (its twin's,
// when it has one), or an unnamed type's structure. Unnamed structs,
// enums and unions are keyed by address: their declarations are not
// compared.
func typeKey(b *strings.Builder, t *model.Type, canon map[*model.Type]*model.Type, depth int, uses *[]*model.Type) {
	switch {
	case t == nil:
		b.WriteString("nil")
	case t.GoName != "":
		*uses = append(*uses, t)
		b.WriteString("=" + root(canon, t).GoName)
	case depth > 8:
		fmt.Fprintf(b, "%p", t)
	default:
		keyStrings(b, string(t.Kind), strconv.Itoa(t.Bits), t.GoType, t.GoImport, t.Format)
		switch t.Kind {
		case model.KindStruct, model.KindEnum, model.KindUnion:
			fmt.Fprintf(b, "%p", t)
		}
		if t.Elem != nil {
			b.WriteByte('[')
			typeKey(b, t.Elem, canon, depth+1, uses)
			b.WriteByte(']')
		}
	}
}
