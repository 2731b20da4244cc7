package constenum

// Enums written as a oneOf/anyOf of const schemas are open enums with a constant per value.
// Hand-written: the generator keeps this file. The constants below are used by name, so this file
// does not compile if one is missing or has the wrong type.

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestConstants(t *testing.T) {
	strs := map[string]string{
		"text": string(MessageKindText), "image": string(MessageKindImage), "file": string(MessageKindFile),
		"email": string(ChannelEmail), "sms": string(ChannelSms),
		"public": string(MessageVisibilityPublic), "private": string(MessageVisibilityPrivate),
	}
	for want, got := range strs {
		if got != want {
			t.Errorf("constant for %q is %q", want, got)
		}
	}
	// Integer consts are named by their titles and hold their values.
	if PriorityLow != 1 || PriorityNormal != 5 || PriorityUrgent != 10 {
		t.Errorf("priorities = %d %d %d", PriorityLow, PriorityNormal, PriorityUrgent)
	}
	var p Priority = 10
	if reflect.TypeOf(p).Kind() != reflect.Int64 || !p.IsKnown() {
		t.Errorf("Priority(10): kind %s, known %v", reflect.TypeOf(p).Kind(), p.IsKnown())
	}
	if !MessageKindImage.IsKnown() || MessageKind("video").IsKnown() || Channel("fax").IsKnown() {
		t.Error("IsKnown does not tell documented values from others")
	}
}

// TestRoundTrip: documented and unknown values decode without error and are written back as
// they came; a null priority stays null.
func TestRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"kind":"image","text":"hi","channel":"sms","priority":5,"visibility":"private"}`,
		`{"kind":"video","text":"hi","channel":"pigeon","priority":7,"visibility":"friends"}`,
		`{"kind":"text","text":"hi","priority":null}`,
	} {
		var m Message
		if err := json.Unmarshal([]byte(in), &m); err != nil {
			t.Fatalf("decoding %s: %v", in, err)
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		json.Unmarshal([]byte(in), &a)
		json.Unmarshal(out, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("round trip:\n got  %s\n want %s", out, in)
		}
	}
	var m Message
	json.Unmarshal([]byte(`{"kind":"video","text":"","channel":"pigeon","priority":7}`), &m)
	if pr, ok := m.Priority.Get(); m.Kind != "video" || m.Kind.IsKnown() || *m.Channel != "pigeon" || !ok || pr != 7 || pr.IsKnown() {
		t.Errorf("unknown values not kept: %+v", m)
	}
}

// TestOnTheWire: the constants are what the request carries, in the query and the body.
func TestOnTheWire(t *testing.T) {
	var query, body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL), WithHTTPClient(srv.Client()))
	ch := ChannelEmail
	vis := MessageVisibilityPublic
	got, err := c.PostMessage(context.Background(), PostMessageRequest{
		Priority: Ptr(PriorityUrgent),
		Body: Message{Kind: MessageKindFile, Text: "report", Channel: &ch, Priority: NewNullable(PriorityLow),
			Website: Ptr(MessageWebsiteEmpty), Visibility: &vis},
	})
	if err != nil {
		t.Fatal(err)
	}
	if query != "priority=10" {
		t.Errorf("query = %q", query)
	}
	if want := `{"kind":"file","text":"report","channel":"email","priority":1,"website":"","visibility":"public"}`; body != want {
		t.Errorf("body = %s, want %s", body, want)
	}
	if got.Kind != MessageKindFile || *got.Channel != ChannelEmail {
		t.Errorf("response = %+v", got)
	}
}
