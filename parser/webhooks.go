package parser

import (
	"cmp"
	"strings"

	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"

	"github.com/sdkgen/sdkgen/model"
)

// webhooks reads the payloads of the document's webhooks and of every
// operation's callbacks: their request body types are declared like any
// other, and each becomes a model.Webhook the generator writes a decoding
// helper for.
func (p *parser) webhooks(api *model.API) {
	for name, item := range p.m.Webhooks.FromOldest() {
		if item == nil {
			continue
		}
		p.webhookItem(api, name, "", false, item, pointer("webhooks", name))
	}
	if p.m.Paths == nil {
		return
	}
	for path, item := range p.m.Paths.PathItems.FromOldest() {
		for method, op := range item.GetOperations().FromOldest() {
			if op == nil || op.Callbacks == nil {
				continue
			}
			id := cmp.Or(op.OperationId, synthID(strings.ToUpper(method), path))
			for cbName, cb := range op.Callbacks.FromOldest() {
				if cb == nil || cb.Expression == nil {
					continue
				}
				for expr, cbItem := range cb.Expression.FromOldest() {
					if cbItem == nil {
						continue
					}
					p.webhookItem(api, id+" "+cbName, expr, true, cbItem, pointer("paths", path, method, "callbacks", cbName, expr))
				}
			}
		}
	}
}

// webhookItem reads the operations of one webhook path item.
func (p *parser) webhookItem(api *model.API, name, expr string, callback bool, item *v3.PathItem, ptr string) {
	for method, op := range item.GetOperations().FromOldest() {
		if op == nil || op.RequestBody == nil {
			continue
		}
		optr := ptr + "/" + method
		w := &model.Webhook{
			Name: name, Method: strings.ToUpper(method), Callback: callback, Expression: expr,
			OperationID: op.OperationId, Summary: strings.TrimSpace(op.Summary), Description: strings.TrimSpace(op.Description),
			Pos: p.posOf(op.GoLow(), optr),
		}
		typeName := name + " Payload"
		if w.Method != "POST" {
			typeName = name + " " + w.Method + " Payload"
		}
		for _, c := range p.contents(op.RequestBody.Content, typeName, optr+"/requestBody") {
			if c.Kind == model.ContentJSON && c.Type != nil {
				w.MediaType, w.Payload = c.MediaType, c.Type
				break
			}
		}
		if w.Payload == nil {
			p.warnf(w.Pos, "webhook-payload", "webhook %s %s has no JSON payload schema; no decoding helper is generated", name, w.Method)
			continue
		}
		seen := 0
		for _, prm := range append(append([]*v3.Parameter(nil), item.Parameters...), op.Parameters...) {
			if prm == nil || !strings.EqualFold(prm.In, "header") {
				continue
			}
			switch strings.ToLower(prm.Name) {
			case "webhook-id", "webhook-timestamp", "webhook-signature":
				seen++
			}
		}
		w.Standard = seen == 3
		api.Webhooks = append(api.Webhooks, w)
	}
}
