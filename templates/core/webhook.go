package core

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Standard Webhooks (standardwebhooks.com): the sender puts a message id, a Unix timestamp and
// signatures in three headers; each v1 signature is the base64 HMAC-SHA256, keyed with the
// endpoint's secret, of "{id}.{timestamp}.{body}".

// The headers of a Standard Webhooks request.
const (
	WebhookIDHeader        = "Webhook-Id"
	WebhookTimestampHeader = "Webhook-Timestamp"
	WebhookSignatureHeader = "Webhook-Signature"
)

// DefaultWebhookTolerance is how far a webhook's timestamp may be from now, in the past or the
// future, when no tolerance is given.
const DefaultWebhookTolerance = 5 * time.Minute

// MaxWebhookBody bounds the body ReadWebhook and DecodeWebhook read.
const MaxWebhookBody = 10 << 20

// The errors of webhook verification, matched with errors.Is. The error returned says more (which
// header is missing, by how much the timestamp is off).
var (
	ErrWebhookSecret       = errors.New("invalid webhook secret")
	ErrWebhookHeader       = errors.New("missing webhook header")
	ErrWebhookTimestamp    = errors.New("invalid webhook timestamp")
	ErrWebhookTooOld       = errors.New("webhook timestamp too old")
	ErrWebhookTooNew       = errors.New("webhook timestamp too new")
	ErrWebhookNoSignature  = errors.New("no matching webhook signature")
	ErrWebhookBodyTooLarge = errors.New("webhook body too large")
)

// webhookKey returns the HMAC key of a secret: base64, optionally prefixed with "whsec_" as
// Standard Webhooks secrets are.
func webhookKey(secret string) ([]byte, error) {
	s := strings.TrimPrefix(secret, "whsec_")
	if s == "" {
		return nil, fmt.Errorf("%w: empty", ErrWebhookSecret)
	}
	key, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if key, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil, fmt.Errorf("%w: not base64", ErrWebhookSecret)
		}
	}
	return key, nil
}

func webhookMAC(key []byte, id, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// SignWebhook returns the webhook-signature value ("v1,<base64>") of a message, for tests and
// fakes that send webhooks: the headers are id, the Unix seconds of timestamp and this signature.
func SignWebhook(secret, id string, timestamp time.Time, body []byte) (string, error) {
	key, err := webhookKey(secret)
	if err != nil {
		return "", err
	}
	mac := webhookMAC(key, id, strconv.FormatInt(timestamp.Unix(), 10), body)
	return "v1," + base64.StdEncoding.EncodeToString(mac), nil
}

// VerifyWebhook checks a Standard Webhooks signature: the webhook-id, webhook-timestamp and
// webhook-signature headers must be present, the timestamp (Unix seconds) within tolerance of now
// in either direction (DefaultWebhookTolerance when tolerance is 0 or less), and one of the
// space-separated v1 signatures the HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with secret
// (base64, with or without the "whsec_" prefix). body must be the raw bytes received. Signatures
// are compared in constant time; other signature versions are ignored.
func VerifyWebhook(secret string, header http.Header, body []byte, tolerance time.Duration, now time.Time) error {
	key, err := webhookKey(secret)
	if err != nil {
		return err
	}
	id, ts, sigs := header.Get(WebhookIDHeader), header.Get(WebhookTimestampHeader), header.Get(WebhookSignatureHeader)
	for _, h := range [...]struct{ name, value string }{
		{WebhookIDHeader, id}, {WebhookTimestampHeader, ts}, {WebhookSignatureHeader, sigs},
	} {
		if h.value == "" {
			return fmt.Errorf("%w %s", ErrWebhookHeader, h.name)
		}
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || secs < 0 || strings.Trim(ts, "0123456789") != "" {
		return fmt.Errorf("%w %q: not Unix seconds", ErrWebhookTimestamp, ts)
	}
	if tolerance <= 0 {
		tolerance = DefaultWebhookTolerance
	}
	// Compared in seconds, so no time.Duration overflows for a timestamp far off.
	diff, tol := now.Unix()-secs, int64(tolerance/time.Second)
	switch {
	case diff > tol:
		return fmt.Errorf("%w: sent %ds ago, tolerance %v", ErrWebhookTooOld, diff, tolerance)
	case -diff > tol:
		return fmt.Errorf("%w: sent %ds in the future, tolerance %v", ErrWebhookTooNew, -diff, tolerance)
	}
	want := webhookMAC(key, id, ts, body)
	for _, sig := range strings.Fields(sigs) {
		version, value, ok := strings.Cut(sig, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(value)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrWebhookNoSignature
}

// ReadWebhook reads the body of an incoming webhook request (at most MaxWebhookBody bytes),
// verifies it as VerifyWebhook does, against the current time, and decodes it into a T as Do
// decodes a response (JSON, or the raw body for a string or []byte T). An empty secret is an
// error: use DecodeWebhook to skip verification deliberately.
//
//	http.HandleFunc("/webhooks", func(w http.ResponseWriter, r *http.Request) {
//		event, err := core.ReadWebhook[Event](r, os.Getenv("WEBHOOK_SECRET"), 0)
//		if err != nil {
//			http.Error(w, "invalid webhook", http.StatusBadRequest)
//			return
//		}
//		…
//	})
func ReadWebhook[T any](req *http.Request, secret string, tolerance time.Duration) (T, error) {
	var v T
	body, err := readWebhookBody(req)
	if err != nil {
		return v, err
	}
	if err := VerifyWebhook(secret, req.Header, body, tolerance, time.Now()); err != nil {
		return v, err
	}
	return v, decodeWebhook(body, &v)
}

// DecodeWebhook reads the body of an incoming webhook request (at most MaxWebhookBody bytes) and
// decodes it into a T, without verifying any signature.
func DecodeWebhook[T any](req *http.Request) (T, error) {
	var v T
	body, err := readWebhookBody(req)
	if err != nil {
		return v, err
	}
	return v, decodeWebhook(body, &v)
}

func readWebhookBody(req *http.Request) ([]byte, error) {
	if req.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, MaxWebhookBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading webhook body: %w", err)
	}
	if len(body) > MaxWebhookBody {
		return nil, fmt.Errorf("%w: over %d bytes", ErrWebhookBodyTooLarge, MaxWebhookBody)
	}
	return body, nil
}

func decodeWebhook(body []byte, out any) error {
	if err := decode(body, out); err != nil {
		return fmt.Errorf("decoding webhook body: %w", err)
	}
	return nil
}
