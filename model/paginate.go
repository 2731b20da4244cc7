package model

import "strings"

// PageStyle says how the request for the next page of a list is made.
type PageStyle string

// The paging styles sdkgen can drive.
const (
	// PageCursor: a cursor or token in the body goes into a query parameter.
	PageCursor PageStyle = "cursor"
	// PageHasMore: a has-more flag in the body, and the last item's id in a
	// query parameter such as starting_after.
	PageHasMore PageStyle = "hasMore"
	// PageOffset: an offset (or skip) query parameter moves on by the
	// number of items received.
	PageOffset PageStyle = "offset"
	// PageNumber: a page-number query parameter moves on by one.
	PageNumber PageStyle = "page"
	// PageLinkHeader: the response's Link header rel="next" URL.
	PageLinkHeader PageStyle = "linkHeader"
	// PageNextURL: a next-page URL in the body.
	PageNextURL PageStyle = "nextURL"
)

// Pagination sources.
const (
	PageFromExtension = "x-speakeasy-pagination"
	PageFromConfig    = "config"
	PageFromShape     = "inferred"
)

// Pagination is how a list operation pages, when sdkgen can drive it.
type Pagination struct {
	Style PageStyle
	// Source is where the rule came from: the spec's
	// x-speakeasy-pagination, the config, or inferred from the shapes of
	// the parameters and the response.
	Source string
	// Status is the success response whose body is a page.
	Status string
	// Items is the path of JSON property names from the page body to the
	// array of items; empty when the body itself is the array.
	Items []string
	// Item is the type of one item.
	Item *Type
	// Next is the path of JSON property names to the next cursor
	// (PageCursor), the has-more flag (PageHasMore) or the next page's URL
	// (PageNextURL).
	Next []string
	// Param is the query parameter (wire name) the next page's request
	// sets: the cursor, the last item's id, the offset or the page number.
	Param string
	// Limit is the page-size query parameter, "" when there is none: a page
	// shorter than a size the caller set is the last.
	Limit string
	// ItemID is the property of an item holding its id (PageHasMore).
	ItemID string

	// MethodName is the iterating method (ListTicketsAll), set by
	// AssignNames.
	MethodName string
}

// The streamed response formats.
const (
	StreamSSE       = "sse"      // text/event-stream
	StreamJSONLines = "jsonl"    // application/x-ndjson, application/jsonl and the like
	StreamJSONSeq   = "json-seq" // application/json-seq (RFC 7464)
)

// StreamFormat returns the stream format of a media type, or "" when a
// response of that type is not read as a stream of events.
func StreamFormat(mediaType string) string {
	mt, _, _ := strings.Cut(mediaType, ";")
	switch strings.ToLower(strings.TrimSpace(mt)) {
	case "text/event-stream":
		return StreamSSE
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
		"application/json-lines", "application/jsonlines", "application/x-jsonlines":
		return StreamJSONLines
	case "application/json-seq":
		return StreamJSONSeq
	}
	return ""
}

// Streams reports whether any method of the operation returns a stream of
// events: its first success body is a stream format, or it offers one
// beside JSON (one of its Downloads, which AssignNames sets).
func (o *Operation) Streams() bool {
	if bodies := o.SuccessBodies(); len(bodies) > 0 && StreamFormat(bodies[0].Contents[0].MediaType) != "" {
		return true
	}
	for _, c := range o.Downloads {
		if StreamFormat(c.MediaType) != "" {
			return true
		}
	}
	return false
}

// Webhook is a request the API sends to its users: an entry of the
// document's webhooks, or of an operation's callbacks.
type Webhook struct {
	Name        string // the webhooks key, or "<operationId> <callback name>" for a callback
	Method      string // upper case
	Callback    bool
	Expression  string // the callback's URL expression, "" for a webhook
	OperationID string // the webhook operation's operationId, or ""
	Summary     string
	Description string
	MediaType   string
	Payload     *Type // the request body's schema
	// Standard marks a webhook that declares the Standard Webhooks
	// signature headers (webhook-id, webhook-timestamp, webhook-signature).
	Standard bool
	Pos      Pos

	// DecodeName and VerifyName are the helpers' names, set by AssignNames
	// (VerifyName only for Standard webhooks).
	DecodeName string
	VerifyName string
}
