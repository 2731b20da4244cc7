package core

import (
	"crypto/rand"
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestNewConfig(t *testing.T) {
	globals := []Global{{Name: "X-Version", In: "header", Value: "v1"}}
	cfg := NewConfig("https://api.test", "moov", "0.1.0", globals...)
	if want := "moov/0.1.0 go/" + strings.TrimPrefix(runtime.Version(), "go"); cfg.UserAgent != want {
		t.Errorf("UserAgent = %q, want %q", cfg.UserAgent, want)
	}
	if cfg.HTTPClient == nil || cfg.HTTPClient == http.DefaultClient {
		t.Error("HTTPClient is not a copy of http.DefaultClient")
	}
	if !reflect.DeepEqual(cfg.Retry, DefaultRetryPolicy()) || cfg.RetrySet || cfg.Rand != rand.Reader || cfg.Clock == nil || cfg.Credentials == nil {
		t.Errorf("defaults: %+v", cfg)
	}
	WithGlobal("x-VERSION", "v2").ApplyClient(cfg)
	WithGlobal("unknown", "x").ApplyClient(cfg)
	if cfg.Globals[0].Value != "v2" || globals[0].Value != "v1" || len(cfg.Globals) != 1 {
		t.Errorf("globals = %+v, caller's = %+v", cfg.Globals, globals)
	}
}

func TestOptions(t *testing.T) {
	cfg := NewConfig("https://api.test", "sdk", "1", Global{Name: "g", In: "query"})
	hc := &http.Client{Timeout: time.Second}
	clk := newFakeClock()
	for _, o := range []Option{
		WithServerURL("https://other.test"), WithHTTPClient(hc), WithTimeout(time.Minute),
		WithUserAgent(""), WithUserAgent("a/1"), WithUserAgent("b/2"),
		WithCredential("k", BearerToken("t")), WithClock(clk), WithRand(constRand(1)),
		WithRetryPolicy(RetryPolicy{MaxRetries: 5}),
		OptionFunc(func(c *Config) { c.Timeout *= 2 }),
	} {
		o.ApplyClient(cfg)
	}
	if cfg.ServerURL != "https://other.test" || cfg.HTTPClient != hc || cfg.Timeout != 2*time.Minute ||
		cfg.UserAgentSuffix != "a/1 b/2" || cfg.Credentials["k"] == nil || cfg.Clock != Clock(clk) ||
		cfg.Rand != constRand(1) || cfg.Retry.MaxRetries != 5 {
		t.Errorf("config = %+v", cfg)
	}
	for _, o := range []Option{WithHTTPClient(nil), WithClock(nil), WithRand(nil), WithCredential("k", nil)} {
		o.ApplyClient(cfg)
	}
	if cfg.HTTPClient == nil || cfg.HTTPClient == http.DefaultClient || cfg.Clock != Clock(systemClock{}) || cfg.Rand != rand.Reader || len(cfg.Credentials) != 0 {
		t.Errorf("reset config = %+v", cfg)
	}
	WithCredential("x", APIKey("header", "X", "y")).ApplyClient(&Config{}) // no map yet: no panic

	var co CallOptions
	var resp *http.Response
	for _, o := range []RequestOption{WithRequestHeader("X-A", "1"), WithResponseInto(&resp), WithRetryPolicy(RetryPolicy{MaxRetries: 1}),
		RequestOptionFunc(func(c *CallOptions) { c.Header.Add("X-A", "2") })} {
		o.ApplyRequest(&co)
	}
	if len(co.Header.Values("X-A")) != 2 || co.ResponseInto != &resp || co.Retry == nil || co.Retry.MaxRetries != 1 {
		t.Errorf("call options = %+v", co)
	}
}

func TestPtr(t *testing.T) {
	if p := Ptr(3); *p != 3 {
		t.Error(*p)
	}
}
