package model

import (
	"slices"
	"testing"
)

// envelope is a whole-event schema whose event property is ev and whose
// data is data.
func envelope(ev, data *Type) *Type {
	return &Type{Kind: KindStruct, Fields: []*Field{{Name: "event", Type: ev}, {Name: "id", Type: &Type{Kind: KindString}}, {Name: "data", Type: data}}}
}

func named(name string) *Type { return &Type{Kind: KindString, Const: name} }

func sse(t *Type) *Content { return &Content{MediaType: "text/event-stream", Type: t} }

func union(ts ...*Type) *Type {
	u := &Type{Kind: KindUnion, Name: "U", Key: "#/components/schemas/U"}
	for _, t := range ts {
		u.Variants = append(u.Variants, &Variant{Type: t})
	}
	return u
}

func TestEventsOf(t *testing.T) {
	run := &Type{Kind: KindStruct, Name: "Run", Key: "#/components/schemas/Run"}
	delta := &Type{Kind: KindStruct, Name: "Delta", Key: "#/components/schemas/Delta"}
	one := &Type{Kind: KindEnum, EnumBase: &Type{Kind: KindString}, Enum: []*EnumValue{{Value: "delta"}}}
	two := &Type{Kind: KindEnum, EnumBase: &Type{Kind: KindString}, Enum: []*EnumValue{{Value: "a"}, {Value: "b"}}}
	plain := &Type{Kind: KindString}

	created := envelope(named("run.created"), run)
	e := EventsOf(sse(union(created, envelope(one, delta))))
	if e == nil || len(e.Variants) != 2 || !slices.Equal(e.Variants[0].Names, []string{"run.created"}) || e.Variants[0].Data != run ||
		!slices.Equal(e.Variants[1].Names, []string{"delta"}) || e.Variants[1].Data != delta {
		t.Fatalf("const and single enum: %+v", e)
	}

	// A union of such unions is flattened; one event schema reached twice counts once.
	if e := EventsOf(sse(union(union(created, envelope(one, delta)), created))); e == nil || len(e.Variants) != 2 {
		t.Errorf("nested: %+v", e)
	}

	// A discriminator on event names its variants through their tags.
	d := union(envelope(plain, run), envelope(plain, delta))
	d.Discriminator = "event"
	d.Variants[0].Tags, d.Variants[1].Tags = []string{"started", "resumed"}, []string{"delta"}
	if e := EventsOf(sse(d)); e == nil || !slices.Equal(e.Variants[0].Names, []string{"started", "resumed"}) {
		t.Errorf("discriminator: %+v", e)
	}

	for name, c := range map[string]*Content{
		"an event not named":        sse(union(created, envelope(plain, delta))),
		"an enum of two names":      sse(union(created, envelope(two, delta))),
		"one name for two variants": sse(union(created, envelope(named("run.created"), delta))),
		"a variant not an event":    sse(union(created, run)),
		"JSON lines":                {MediaType: "application/x-ndjson", Type: union(created)},
		"not a union":               sse(created),
		"no schema":                 sse(nil),
	} {
		if e := EventsOf(c); e != nil {
			t.Errorf("%s: typed events %+v, want none", name, e)
		}
	}

	// A union containing itself is not a union of events.
	self := union(created)
	self.Variants = append(self.Variants, &Variant{Type: self})
	if e := EventsOf(sse(self)); e != nil {
		t.Errorf("recursive union: %+v", e)
	}
}

// TestEventTypeNames: the event type is named after the operation, yields to
// a schema of that name, and its fields follow the event names.
func TestEventTypeNames(t *testing.T) {
	run := &Type{Kind: KindStruct, Name: "Run", Key: "#/components/schemas/Run"}
	taken := &Type{Kind: KindStruct, Name: "StreamRunEvent", Key: "#/components/schemas/StreamRunEvent"}
	u := union(envelope(named("run.created"), run), envelope(named("run_created"), run), envelope(named("unknown"), run), envelope(named("event"), run))
	op := &Operation{ID: "streamRun", Method: "GET", Path: "/runs", Responses: []*Response{{Status: "200", Contents: []*Content{sse(u)}}}}
	api := &API{Types: []*Type{run, taken, u}, Services: []*Service{{Tag: "runs", Operations: []*Operation{op}}}}
	AssignNames(api, NameOptions{})
	e := op.Responses[0].Contents[0].Events
	if e == nil {
		t.Fatal("no typed events")
	}
	if taken.GoName != "StreamRunEvent" || e.GoName != "StreamRunEvent2" {
		t.Errorf("schema %q, event type %q; want StreamRunEvent and StreamRunEvent2", taken.GoName, e.GoName)
	}
	var fields []string
	for _, v := range e.Variants {
		fields = append(fields, v.GoName)
	}
	// Event and Unknown are the type's methods: their events get a word, as a union variant does.
	if want := []string{"RunCreated", "RunCreated2", "UnknownModel", "EventModel"}; !slices.Equal(fields, want) {
		t.Errorf("fields %q, want %q", fields, want)
	}
	if api.Names["events:streamRun"] != "StreamRunEvent2" {
		t.Errorf("lock names %v", api.Names)
	}
}
