package model

// EventUnion is the typed events of a server-sent event stream whose schema
// is a union of whole-event schemas (objects whose only properties are
// data, event, id and retry), each of which names its event: its event
// property is a const or a single-value enum, or a discriminator on event
// maps names to it. The SDK gives such a stream a type with one field per
// variant holding that variant's data, picked by the event's name.
type EventUnion struct {
	Union    *Type // the response schema
	Variants []*EventVariant
	GoName   string // the event type, set by AssignNames
}

// EventVariant is one kind of event of an EventUnion.
type EventVariant struct {
	Names    []string // the SSE event names that select it, in document order
	Envelope *Type    // the schema of the whole event
	Data     *Type    // the type of its data property
	GoName   string   // its field in the event type, set by AssignNames
}

// EventsOf returns the typed events of a streamed response, or nil when its
// events cannot be told apart by name: it is not server-sent events, its
// schema is not a union of event schemas (unions of such unions count,
// flattened), an event schema does not name its event, or two name the same
// event.
func EventsOf(c *Content) *EventUnion {
	if c == nil || c.Type == nil || c.Type.Kind != KindUnion || StreamFormat(c.MediaType) != StreamSSE {
		return nil
	}
	e := &EventUnion{Union: c.Type}
	if !collectEvents(c.Type, e, map[*Type]bool{}) || len(e.Variants) == 0 {
		return nil
	}
	names := map[string]bool{}
	for _, v := range e.Variants {
		for _, n := range v.Names {
			if names[n] {
				return nil
			}
			names[n] = true
		}
	}
	return e
}

// collectEvents adds the event schemas of union u to e, and reports whether
// every member of u is one that names its event (or such a union).
func collectEvents(u *Type, e *EventUnion, seen map[*Type]bool) bool {
	if seen[u] || len(u.Variants) == 0 {
		return false // a union containing itself, or an empty one
	}
	seen[u] = true
	for _, v := range u.Variants {
		t := v.Type
		switch {
		case t == nil:
			return false
		case t.Kind == KindUnion:
			if !collectEvents(t, e, seen) {
				return false
			}
			continue
		case seen[t]:
			continue // the same event schema reached twice
		}
		data := SSEEnvelope(t)
		names := eventNames(u, v)
		if data == nil || len(names) == 0 {
			return false
		}
		seen[t] = true
		e.Variants = append(e.Variants, &EventVariant{Names: names, Envelope: t, Data: data.Type})
	}
	return true
}

// eventNames are the event names that select variant v of union u: the
// discriminator's values when u has one on event, else the const or single
// enum value of the variant's event property.
func eventNames(u *Type, v *Variant) []string {
	if u.Discriminator == "event" && len(v.Tags) > 0 {
		return v.Tags
	}
	for _, f := range v.Type.Fields {
		if f.Name != "event" || f.Type == nil {
			continue
		}
		switch {
		case f.Type.Const != "":
			return []string{f.Type.Const}
		case f.Type.Kind == KindEnum && len(f.Type.Enum) == 1 && f.Type.Enum[0].Value != "":
			return []string{f.Type.Enum[0].Value}
		}
	}
	return nil
}

// SSEEnvelope returns the data property of a schema that describes a whole
// server-sent event (only data, event, id and retry properties), or nil.
func SSEEnvelope(t *Type) *Field {
	if t == nil || t.Kind != KindStruct {
		return nil
	}
	var data *Field
	for _, f := range t.Fields {
		switch f.Name {
		case "data":
			data = f
		case "event", "id", "retry":
		default:
			return nil
		}
	}
	if data == nil || data.Type == nil {
		return nil
	}
	return data
}

// EventStreams lists the responses a method of o returns as a stream of
// events: the first success response when its media type is a stream
// format, and the stream formats offered beside a JSON success body. An
// operation answered through an OpResult has none.
func (o *Operation) EventStreams(requestID string) []*Content {
	if needsResult(o, requestID) {
		return nil
	}
	var out []*Content
	for _, r := range o.Responses {
		if !r.IsSuccess() && r.Status != "2XX" || len(r.Contents) == 0 {
			continue
		}
		if c := r.Contents[0]; StreamFormat(c.MediaType) != "" {
			out = append(out, c)
		}
		break
	}
	for _, c := range downloads(o) {
		if StreamFormat(c.MediaType) != "" {
			out = append(out, c)
		}
	}
	return out
}

// nameEvents finds the typed events of every stream a method returns and
// names their types (<OperationID>Event) in the package namespace, and each
// type's fields after the first event name of their variant.
func nameEvents(api *API, pkg *namespace, opt NameOptions) {
	var reqs []request
	for _, o := range api.Operations() {
		n := 0
		for _, c := range o.EventStreams(api.RequestIDHeader) {
			if c.Events = EventsOf(c); c.Events == nil {
				continue
			}
			e := c.Events
			key := "events:" + o.ID
			if n++; n > 1 {
				key += ":" + c.MediaType
			}
			reqs = append(reqs, request{key: key, want: Exported(o.ID) + "Event", set: func(n string) { e.GoName = n }})
		}
	}
	assign(pkg, reqs, opt, api.Names)
	for _, o := range api.Operations() {
		for _, c := range o.EventStreams(api.RequestIDHeader) {
			if c.Events != nil {
				nameEventFields(c.Events)
			}
		}
	}
}

// nameEventFields names an event type's fields after their first event
// name (message.delta → MessageDelta); the type's methods keep theirs.
func nameEventFields(e *EventUnion) {
	ns := newNamespace([]string{"Event", "Unknown"})
	for _, v := range e.Variants {
		v.GoName = ns.claim(Exported(v.Names[0]))
	}
}
