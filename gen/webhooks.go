package gen

import (
	"github.com/dave/jennifer/jen"
)

// emitWebhooks writes a helper per webhook and callback payload: Decode…
// reads and decodes an incoming request, and, where the spec declares the
// Standard Webhooks headers, Verify… checks its signature first.
//
//	func DecodeNewPetWebhook(r *http.Request) (Pet, error) { return core.DecodeWebhook[Pet](r) }
func (g *gen) emitWebhooks() *jen.File {
	if len(g.api.Webhooks) == 0 {
		return nil
	}
	f := g.newFile()
	for _, w := range g.api.Webhooks {
		if w.DecodeName == "" || w.Payload == nil {
			continue
		}
		t := g.typ(w.Payload)
		what := "the " + w.Name + " webhook"
		if w.Callback {
			what = "the " + w.Name + " callback (" + w.Expression + ")"
		}
		d := &doc{}
		d.text(w.DecodeName + " reads the body of an incoming " + w.Method + " request of " + what + " (" + w.MediaType + ") and decodes it, without checking any signature.")
		if w.Summary != "" {
			d.add(w.Summary)
		}
		if w.Description != "" {
			d.add(w.Description)
		}
		f.Add(d.render())
		f.Func().Id(w.DecodeName).Params(jen.Id("r").Op("*").Qual("net/http", "Request")).Params(t.Clone(), jen.Error()).Block(
			jen.Return(jen.Qual(g.core, "DecodeWebhook").Types(t.Clone()).Call(jen.Id("r"))),
		)
		f.Line()
		if w.VerifyName == "" {
			continue
		}
		d = &doc{}
		d.text(w.VerifyName + " verifies the Standard Webhooks signature of an incoming request of " + what + " and decodes its body. secret is the endpoint's signing secret (base64, with or without its whsec_ prefix); the webhook-timestamp header must be within tolerance of now (5 minutes when tolerance is 0), and one of the webhook-signature values must match.")
		f.Add(d.render())
		f.Func().Id(w.VerifyName).Params(jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("secret").String(), jen.Id("tolerance").Qual("time", "Duration")).Params(t.Clone(), jen.Error()).Block(
			jen.Return(jen.Qual(g.core, "ReadWebhook").Types(t.Clone()).Call(jen.Id("r"), jen.Id("secret"), jen.Id("tolerance"))),
		)
		f.Line()
	}
	return f
}
