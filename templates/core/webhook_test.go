package core

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The Standard Webhooks example: this secret, id, timestamp and body give this signature (also
// computed independently with Python's hmac module).
const (
	vectorSecret    = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID        = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTimestamp = 1614265330
	vectorBody      = `{"test": 2432232314}`
	vectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func vectorHeader(sig string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", vectorID)
	h.Set("webhook-timestamp", strconv.Itoa(vectorTimestamp))
	h.Set("webhook-signature", sig)
	return h
}

// changed returns the example's headers with one header set, or removed when value is "".
func changed(name, value string) http.Header {
	h := vectorHeader(vectorSignature)
	h.Del(name)
	if value != "" {
		h.Set(name, value)
	}
	return h
}

func TestSignWebhookVector(t *testing.T) {
	ts := time.Unix(vectorTimestamp, 0)
	for _, secret := range []string{vectorSecret, strings.TrimPrefix(vectorSecret, "whsec_")} {
		sig, err := SignWebhook(secret, vectorID, ts, []byte(vectorBody))
		if err != nil || sig != vectorSignature {
			t.Errorf("SignWebhook(%q) = %q, %v; want %q", secret, sig, err, vectorSignature)
		}
	}
}

func TestVerifyWebhook(t *testing.T) {
	now := time.Unix(vectorTimestamp, 0)
	body := []byte(vectorBody)
	other, _ := SignWebhook("whsec_"+"c2VjcmV0LXR3bw==", vectorID, now, body)
	tests := []struct {
		name    string
		secret  string
		header  http.Header
		body    []byte
		now     time.Time
		wantErr error // nil: valid
	}{
		{"valid", vectorSecret, vectorHeader(vectorSignature), body, now, nil},
		{"secret without prefix", strings.TrimPrefix(vectorSecret, "whsec_"), vectorHeader(vectorSignature), body, now, nil},
		{"one of several signatures", vectorSecret, vectorHeader("v1,bm9wZQ== v1a,xxx " + vectorSignature + " v2,abc"), body, now, nil},
		{"extra spaces", vectorSecret, vectorHeader("  " + vectorSignature + "  "), body, now, nil},
		{"within tolerance, past", vectorSecret, vectorHeader(vectorSignature), body, now.Add(5 * time.Minute), nil},
		{"within tolerance, future", vectorSecret, vectorHeader(vectorSignature), body, now.Add(-5 * time.Minute), nil},
		{"too old", vectorSecret, vectorHeader(vectorSignature), body, now.Add(5*time.Minute + time.Second), ErrWebhookTooOld},
		{"too new", vectorSecret, vectorHeader(vectorSignature), body, now.Add(-5*time.Minute - time.Second), ErrWebhookTooNew},
		{"tampered body", vectorSecret, vectorHeader(vectorSignature), []byte(`{"test": 2432232315}`), now, ErrWebhookNoSignature},
		{"body re-encoded", vectorSecret, vectorHeader(vectorSignature), []byte(`{"test":2432232314}`), now, ErrWebhookNoSignature},
		{"other secret's signature", vectorSecret, vectorHeader(other), body, now, ErrWebhookNoSignature},
		{"wrong version", vectorSecret, vectorHeader("v2," + strings.TrimPrefix(vectorSignature, "v1,")), body, now, ErrWebhookNoSignature},
		{"no version", vectorSecret, vectorHeader(strings.TrimPrefix(vectorSignature, "v1,")), body, now, ErrWebhookNoSignature},
		{"bad base64", vectorSecret, vectorHeader("v1,!!!"), body, now, ErrWebhookNoSignature},
		{"missing id", vectorSecret, changed("webhook-id", ""), body, now, ErrWebhookHeader},
		{"missing timestamp", vectorSecret, changed("webhook-timestamp", ""), body, now, ErrWebhookHeader},
		{"missing signature", vectorSecret, changed("webhook-signature", ""), body, now, ErrWebhookHeader},
		{"timestamp not a number", vectorSecret, changed("webhook-timestamp", "2021-02-25"), body, now, ErrWebhookTimestamp},
		{"timestamp signed", vectorSecret, changed("webhook-timestamp", "+1614265330"), body, now, ErrWebhookTimestamp},
		{"timestamp in milliseconds", vectorSecret, changed("webhook-timestamp", "1614265330000"), body, now, ErrWebhookTooNew},
		{"timestamp huge", vectorSecret, changed("webhook-timestamp", "99999999999999999999"), body, now, ErrWebhookTimestamp},
		{"secret not base64", "whsec_!!!", vectorHeader(vectorSignature), body, now, ErrWebhookSecret},
		{"empty secret", "", vectorHeader(vectorSignature), body, now, ErrWebhookSecret},
		{"prefix only", "whsec_", vectorHeader(vectorSignature), body, now, ErrWebhookSecret},
	}
	for _, tt := range tests {
		err := VerifyWebhook(tt.secret, tt.header, tt.body, 0, tt.now)
		if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.wantErr)
		}
	}
	// The errors tell the one from the other.
	h := vectorHeader(vectorSignature)
	h.Del("webhook-timestamp")
	if err := VerifyWebhook(vectorSecret, h, body, 0, now); err == nil || err.Error() != "missing webhook header Webhook-Timestamp" {
		t.Errorf("message %q", err)
	}
	// A tolerance given replaces the default.
	if err := VerifyWebhook(vectorSecret, vectorHeader(vectorSignature), body, time.Minute, now.Add(2*time.Minute)); !errors.Is(err, ErrWebhookTooOld) {
		t.Errorf("one minute tolerance, two minutes old: %v", err)
	}
	if err := VerifyWebhook(vectorSecret, vectorHeader(vectorSignature), body, time.Hour, now.Add(50*time.Minute)); err != nil {
		t.Errorf("one hour tolerance, 50 minutes old: %v", err)
	}
}

func TestSignThenVerify(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	secret := "whsec_" + "dGVzdC1zZWNyZXQtZm9yLXNka2dlbg=="
	body := []byte(`{"type":"transfer.created","data":{"id":"t1"}}`)
	sig, err := SignWebhook(secret, "msg_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set(WebhookIDHeader, "msg_1")
	h.Set(WebhookTimestampHeader, strconv.FormatInt(now.Unix(), 10))
	h.Set(WebhookSignatureHeader, sig)
	if err := VerifyWebhook(secret, h, body, 0, now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	h.Set(WebhookIDHeader, "msg_2") // the id is signed
	if err := VerifyWebhook(secret, h, body, 0, now); !errors.Is(err, ErrWebhookNoSignature) {
		t.Errorf("other id: %v", err)
	}
}

// webhookRequest returns an incoming webhook request signed now.
func webhookRequest(t *testing.T, secret string, body []byte) *http.Request {
	t.Helper()
	req := httptest.NewRequest("POST", "/webhooks", bytes.NewReader(body))
	now := time.Now()
	sig, err := SignWebhook(secret, "msg_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(WebhookIDHeader, "msg_1")
	req.Header.Set(WebhookTimestampHeader, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(WebhookSignatureHeader, sig)
	return req
}

func TestReadWebhook(t *testing.T) {
	type event struct {
		Type string `json:"type"`
	}
	body := []byte(`{"type":"transfer.created"}`)
	got, err := ReadWebhook[event](webhookRequest(t, vectorSecret, body), vectorSecret, 0)
	if err != nil || got.Type != "transfer.created" {
		t.Fatalf("got %+v, %v", got, err)
	}
	raw, err := ReadWebhook[string](webhookRequest(t, vectorSecret, body), vectorSecret, 0)
	if err != nil || raw != string(body) {
		t.Errorf("string: %q, %v", raw, err)
	}
	if _, err := ReadWebhook[event](webhookRequest(t, vectorSecret, body), "whsec_c2VjcmV0LXR3bw==", 0); !errors.Is(err, ErrWebhookNoSignature) {
		t.Errorf("wrong secret: %v", err)
	}
	if _, err := ReadWebhook[event](webhookRequest(t, vectorSecret, body), "", 0); !errors.Is(err, ErrWebhookSecret) {
		t.Errorf("empty secret: %v", err)
	}
	if _, err := ReadWebhook[event](webhookRequest(t, vectorSecret, []byte(`{"type":`)), vectorSecret, 0); err == nil ||
		!strings.HasPrefix(err.Error(), "decoding webhook body: ") {
		t.Errorf("bad JSON: %v", err)
	}
	big := bytes.Repeat([]byte(" "), MaxWebhookBody+1)
	if _, err := ReadWebhook[event](webhookRequest(t, vectorSecret, big), vectorSecret, 0); !errors.Is(err, ErrWebhookBodyTooLarge) {
		t.Errorf("large body: %v", err)
	}
	// Without verification.
	req := httptest.NewRequest("POST", "/webhooks", bytes.NewReader(body))
	if got, err := DecodeWebhook[event](req); err != nil || got.Type != "transfer.created" {
		t.Errorf("DecodeWebhook: %+v, %v", got, err)
	}
}

// ExampleVerifyWebhook checks the signature of a Standard Webhooks request.
func ExampleVerifyWebhook() {
	header := http.Header{}
	header.Set("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
	header.Set("webhook-timestamp", "1614265330")
	header.Set("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
	body := []byte(`{"test": 2432232314}`)
	sent := time.Unix(1614265330, 0)

	fmt.Println(VerifyWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", header, body, 0, sent.Add(time.Minute)))
	err := VerifyWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", header, body, 0, sent.Add(time.Hour))
	fmt.Println(errors.Is(err, ErrWebhookTooOld))
	// Output:
	// <nil>
	// true
}
