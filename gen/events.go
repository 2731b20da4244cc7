package gen

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
)

// Typed events of server-sent event streams. A stream whose schema is a
// union of whole-event schemas, each naming its event, gets a type like a
// union's, one field per kind of event, and a decoder that picks the field
// by the event's name (model.EventsOf says when). The SSE event name is
// the only reliable tag: the data of two kinds of event may well have the
// same shape, so decoding by shape, as unions do, is not used.

// emitEvents writes the event types of the streams o's methods return.
//
//	type StreamRunEvent struct {
//		RunCreated *Run
//		MessageDelta *MessageDelta
//
//		event   string
//		unknown json.RawMessage
//	}
//	func decodeStreamRunEvent(name string, data []byte) (StreamRunEvent, error)
func (g *gen) emitEvents(f *jen.File, o *model.Operation) {
	for _, c := range o.EventStreams(g.api.RequestIDHeader) {
		if c.Events != nil && c.Events.GoName != "" {
			g.emitEventUnion(f, g.streamMethod(o, c), c.Events)
		}
	}
}

// streamMethod is the name of the method returning the stream of c.
func (g *gen) streamMethod(o *model.Operation, c *model.Content) string {
	if slices.Contains(o.Downloads, c) && c.MethodName != "" {
		return c.MethodName
	}
	return o.GoName
}

func (g *gen) emitEventUnion(f *jen.File, method string, e *model.EventUnion) {
	d := &doc{}
	d.text(e.GoName + " is one event of the stream " + method + " returns. Exactly one field is set, picked by the event's name (the SSE event field). An event of a name this SDK does not know sets none and is not an error: Event returns its name and Unknown its data.")
	var fields []jen.Code
	for _, v := range e.Variants {
		vd := &doc{}
		vd.text(v.GoName + " is the data of " + quoteNames(v.Names, " or ") + " events.")
		fields = append(fields, vd.render(), jen.Id(v.GoName).Add(g.eventFieldType(v)))
	}
	fields = append(fields, jen.Line(), jen.Id("event").String(), jen.Id("unknown").Qual("encoding/json", "RawMessage"))
	f.Add(d.render())
	f.Type().Id(e.GoName).Struct(fields...)
	f.Line()

	f.Add(prose("Event returns the event's name, \"message\" when the server sent none."))
	f.Func().Params(jen.Id("e").Id(e.GoName)).Id("Event").Params().String().Block(jen.Return(jen.Id("e").Dot("event")))
	f.Line()
	f.Add(prose("Unknown returns the data of an event whose name this SDK does not know, as sent, or nil."))
	f.Func().Params(jen.Id("e").Id(e.GoName)).Id("Unknown").Params().Qual("encoding/json", "RawMessage").Block(jen.Return(jen.Id("e").Dot("unknown")))
	f.Line()

	var cases []jen.Code
	for _, v := range e.Variants {
		var names []jen.Code
		for _, n := range v.Names {
			names = append(names, jen.Lit(n))
		}
		field := jen.Id("e").Dot(v.GoName)
		var body []jen.Code
		if isNilable(v.Data) {
			body = []jen.Code{jen.Return(jen.Id("e"), jen.Qual(g.core, "DecodeEvent").Call(jen.Id("data"), jen.Op("&").Add(field)))}
		} else {
			body = []jen.Code{
				field.Clone().Op("=").New(g.typ(v.Data)),
				jen.Return(jen.Id("e"), jen.Qual(g.core, "DecodeEvent").Call(jen.Id("data"), field.Clone())),
			}
		}
		cases = append(cases, jen.Case(names...).Block(body...))
	}
	f.Add(prose(decoderName(e) + " decodes the data of one event of " + method + " by the event's name; the stream calls it."))
	f.Func().Id(decoderName(e)).Params(jen.Id("name").String(), jen.Id("data").Index().Byte()).Params(jen.Id(e.GoName), jen.Error()).Block(
		jen.Id("e").Op(":=").Id(e.GoName).Values(jen.Id("event").Op(":").Id("name")),
		jen.Switch(jen.Id("name")).Block(cases...),
		jen.Id("e").Dot("unknown").Op("=").Qual(g.core, "Clone").Call(jen.Id("data")),
		jen.Return(jen.Id("e"), jen.Nil()),
	)
	f.Line()
}

// eventFieldType is the type of an event type's field: the data's type
// when it has a nil state, a pointer to it otherwise.
func (g *gen) eventFieldType(v *model.EventVariant) *jen.Statement {
	if isNilable(v.Data) {
		return g.typ(v.Data)
	}
	return jen.Op("*").Add(g.typ(v.Data))
}

// decoderName is the unexported function decoding the events of e: named
// after its exported type, so it is unique too.
func decoderName(e *model.EventUnion) string {
	return "decode" + e.GoName
}

// eventOptions are the StreamOptions fields a stream of c needs beyond its
// sentinel: the decoder of its typed events.
func (g *gen) eventOptions(c *model.Content) []jen.Code {
	if c.Events == nil || c.Events.GoName == "" {
		return nil
	}
	return []jen.Code{jen.Id("Decode").Op(":").Id(decoderName(c.Events))}
}

// eventsDoc says in a method's comment what its stream's events are, when
// its schema is a union of events: which events exist and where each is
// found, or why the events are raw JSON.
func (g *gen) eventsDoc(d *doc, c *model.Content) {
	if e := c.Events; e != nil && e.GoName != "" {
		var parts []string
		for _, v := range e.Variants {
			parts = append(parts, quoteNames(v.Names, ", ")+" ("+v.GoName+")")
		}
		d.text("Each event is a " + e.GoName + " with the field for its name set: " + strings.Join(parts, "; ") + ". An event of another name sets no field and is not an error: its Unknown method returns the data.")
		return
	}
	if rawEventUnion(c) {
		d.text("The response's schema is a union of events that their names do not tell apart (an event schema whose event property is not a single value), so each event's data is raw JSON: decode it by the event's name, which Events gives.")
	}
}

// rawEventUnion reports whether the events of c are raw JSON because its
// schema is a union of whole-event schemas that are not all named.
func rawEventUnion(c *model.Content) bool {
	t := c.Type
	if c.Events != nil || t == nil || t.Kind != model.KindUnion || len(t.Variants) == 0 || model.StreamFormat(c.MediaType) != model.StreamSSE {
		return false
	}
	for _, v := range t.Variants {
		if v.Type == nil || model.SSEEnvelope(v.Type) == nil {
			return false
		}
	}
	return true
}

// quoteNames quotes event names and joins them with sep.
func quoteNames(names []string, sep string) string {
	qs := make([]string, len(names))
	for i, n := range names {
		qs[i] = strconv.Quote(n)
	}
	return strings.Join(qs, sep)
}
