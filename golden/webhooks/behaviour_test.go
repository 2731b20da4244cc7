package webhooks

// Behaviour of the generated webhook helpers: a Standard Webhooks request signed as the
// specification says verifies and decodes; a tampered body, a wrong secret, a stale timestamp or
// missing headers do not; payloads without signature headers decode as they are.
// Hand-written: the generator keeps this file.

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/golden/internal/core"
)

const secret = "whsec_" + "c2RrZ2VuLXdlYmhvb2stdGVzdC1zZWNyZXQ=" // base64 of a test key

// signed returns an incoming request carrying body, signed with key at the given time.
func signed(t *testing.T, key, body string, at time.Time) *http.Request {
	t.Helper()
	sig, err := core.SignWebhook(key, "msg_1", at, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(body))
	r.Header.Set("webhook-id", "msg_1")
	r.Header.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
	r.Header.Set("webhook-signature", "v1,bm90IHRoaXMgb25l "+sig) // a rotated-out signature first
	return r
}

const invoice = `{"type":"invoice.paid","data":{"id":"in_1","amount":4200}}`

func TestVerifyInvoicePaidWebhook(t *testing.T) {
	ev, err := VerifyInvoicePaidWebhook(signed(t, secret, invoice, time.Now()), secret, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Type != "invoice.paid" || ev.Data.ID != "in_1" || ev.Data.Amount != 4200 {
		t.Errorf("event %+v", ev)
	}

	tampered := signed(t, secret, invoice, time.Now())
	tampered.Body = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Replace(invoice, "4200", "9999", 1))).Body
	if _, err := VerifyInvoicePaidWebhook(tampered, secret, 0); !errors.Is(err, core.ErrWebhookNoSignature) {
		t.Errorf("tampered body: %v", err)
	}
	if _, err := VerifyInvoicePaidWebhook(signed(t, secret, invoice, time.Now()), "whsec_"+"b3RoZXItc2VjcmV0", 0); !errors.Is(err, core.ErrWebhookNoSignature) {
		t.Errorf("wrong secret: %v", err)
	}
	old := signed(t, secret, invoice, time.Now().Add(-10*time.Minute))
	if _, err := VerifyInvoicePaidWebhook(old, secret, 0); !errors.Is(err, core.ErrWebhookTooOld) {
		t.Errorf("ten minutes old with the default tolerance: %v", err)
	}
	if _, err := VerifyInvoicePaidWebhook(signed(t, secret, invoice, time.Now().Add(-10*time.Minute)), secret, time.Hour); err != nil {
		t.Errorf("ten minutes old within an hour's tolerance: %v", err)
	}
	bare := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(invoice))
	if _, err := VerifyInvoicePaidWebhook(bare, secret, 0); !errors.Is(err, core.ErrWebhookHeader) {
		t.Errorf("no signature headers: %v", err)
	}
}

func TestDecodeWebhooks(t *testing.T) {
	pet, err := DecodeNewPetWebhook(httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(`{"name":"Rex","tag":"dog"}`)))
	if err != nil || pet.Name != "Rex" || pet.Tag == nil || *pet.Tag != "dog" {
		t.Errorf("pet %+v, %v", pet, err)
	}
	msg, err := DecodeSubscribeOnEventWebhook(httptest.NewRequest(http.MethodPost, "/cb", strings.NewReader(`{"message":"hi"}`)))
	if err != nil || msg.Message != "hi" {
		t.Errorf("callback %+v, %v", msg, err)
	}
	if _, err := DecodeNewPetWebhook(httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(`{"name":`))); err == nil {
		t.Error("a truncated body decoded")
	}
	// Decode checks no signature: an unsigned invoice decodes.
	if ev, err := DecodeInvoicePaidWebhook(httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(invoice))); err != nil || ev.Data.ID != "in_1" {
		t.Errorf("unsigned decode %+v, %v", ev, err)
	}
}
