// Package core is the runtime shared by every generated SDK: configuration, request building,
// parameter styles, credentials, retries, errors and the value types the SDK exposes.
//
// It imports only the standard library and builds with Go 1.24.
package core

import (
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"runtime"
	"strings"
	"time"
)

// Config is the configuration of one client. It is built by NewConfig and the client options and is
// read-only once the client is returned, so a client is safe for concurrent use.
type Config struct {
	ServerURL string
	// ServerURLSet records that the caller chose ServerURL, which then
	// wins over servers an operation declares for itself.
	ServerURLSet bool
	HTTPClient   *http.Client // the caller's; never modified (each attempt uses a copy)
	Retry        RetryPolicy  // the client's default policy (the spec's, or DefaultRetryPolicy)
	// RetrySet records that the caller chose Retry (WithRetryPolicy), which
	// then wins over policies the spec gives single operations.
	RetrySet        bool
	Timeout         time.Duration         // per attempt; 0 means none
	UserAgent       string                // the SDK's own: "<sdkName>/<version> go/<go version>"
	UserAgentSuffix string                // appended by WithUserAgent, separated by a space
	Credentials     map[string]Credential // by security scheme name
	Globals         []Global              // client globals with their current values
	Middleware      []Middleware
	Clock           Clock     // injectable for tests
	Rand            io.Reader // randomness for jitter and idempotency keys; must be safe for concurrent use
	// MaxResponseBody bounds how many bytes of a success response body are
	// read into memory (JSON, text and byte results); a larger body fails
	// the call with a *BodyTooLargeError. 0 means DefaultMaxResponseBody.
	// Bodies handed over as an io.ReadCloser are streamed and not bounded.
	MaxResponseBody int64
}

// DefaultMaxResponseBody is the bound on success response bodies read into
// memory unless WithMaxResponseBody sets another.
const DefaultMaxResponseBody = 64 << 20

// maxResponseBody returns the configured bound, or the default.
func (c *Config) maxResponseBody() int64 {
	if c.MaxResponseBody <= 0 {
		return DefaultMaxResponseBody
	}
	return c.MaxResponseBody
}

// Global is a client-wide parameter (a header or query parameter most operations declare) with its
// current value.
type Global struct {
	Name  string
	In    string // "header" or "query"
	Value string // "" means not sent
}

// NewConfig returns the default configuration of an SDK: the given server and globals (copied),
// DefaultRetryPolicy, a copy of http.DefaultClient, the system clock and crypto/rand.
func NewConfig(serverURL, sdkName, sdkVersion string, globals ...Global) *Config {
	return &Config{
		ServerURL:   serverURL,
		HTTPClient:  defaultHTTPClient(),
		Retry:       DefaultRetryPolicy(),
		UserAgent:   sdkName + "/" + sdkVersion + " go/" + strings.TrimPrefix(runtime.Version(), "go"),
		Credentials: map[string]Credential{},
		Globals:     append([]Global(nil), globals...),
		Clock:       systemClock{},
		Rand:        rand.Reader,
	}
}

func defaultHTTPClient() *http.Client {
	c := *http.DefaultClient
	return &c
}

// userAgent is the User-Agent header value sent on every request.
func (c *Config) userAgent() string {
	if c.UserAgentSuffix == "" {
		return c.UserAgent
	}
	return c.UserAgent + " " + c.UserAgentSuffix
}

// clock returns the configured clock, or the system clock in a Config not made by NewConfig.
func (c *Config) clock() Clock {
	if c.Clock == nil {
		return systemClock{}
	}
	return c.Clock
}

// random returns the configured source of randomness, or crypto/rand.
func (c *Config) random() io.Reader {
	if c.Rand == nil {
		return rand.Reader
	}
	return c.Rand
}

// Option configures a client.
type Option interface{ ApplyClient(*Config) }

// OptionFunc is an Option made of a function.
type OptionFunc func(*Config)

// ApplyClient calls f(c).
func (f OptionFunc) ApplyClient(c *Config) { f(c) }

// RequestOption configures one call.
type RequestOption interface{ ApplyRequest(*CallOptions) }

// RequestOptionFunc is a RequestOption made of a function.
type RequestOptionFunc func(*CallOptions)

// ApplyRequest calls f(o).
func (f RequestOptionFunc) ApplyRequest(o *CallOptions) { f(o) }

// CallOptions holds what the request options of one call set.
type CallOptions struct {
	Header       http.Header     // extra headers; they replace any header of the same name
	ResponseInto **http.Response // receives the final raw response
	Retry        *RetryPolicy    // overrides the client's policy

	// Set by the runtime itself (pagination and streams), never by users.
	url     string                                // a full URL requested as is instead of the operation's
	observe func(url string, resp *http.Response) // sees each 2xx response before its body is read
}

// RetryOption sets a retry policy. It is both an Option (client-wide) and a RequestOption (one call).
type RetryOption struct{ policy RetryPolicy }

// ApplyClient sets the client's retry policy.
func (o RetryOption) ApplyClient(c *Config) { c.Retry, c.RetrySet = o.policy, true }

// ApplyRequest sets the retry policy of one call.
func (o RetryOption) ApplyRequest(c *CallOptions) {
	p := o.policy
	c.Retry = &p
}

// WithRetryPolicy sets the retry policy, for the client or, passed to a method, for one call.
func WithRetryPolicy(p RetryPolicy) RetryOption { return RetryOption{policy: p} }

// WithServerURL sets the base URL requests are sent to.
func WithServerURL(u string) Option {
	return OptionFunc(func(c *Config) { c.ServerURL, c.ServerURLSet = u, true })
}

// WithHTTPClient sets the HTTP client requests go through. The client is never modified; nil restores
// the default.
func WithHTTPClient(hc *http.Client) Option {
	return OptionFunc(func(c *Config) {
		if hc == nil {
			hc = defaultHTTPClient()
		}
		c.HTTPClient = hc
	})
}

// WithMaxResponseBody bounds how many bytes of a success response body are
// read into memory; a larger body fails the call with a *BodyTooLargeError.
// n <= 0 restores DefaultMaxResponseBody. Downloads returned as an
// io.ReadCloser stream and are not bounded.
func WithMaxResponseBody(n int64) Option {
	return OptionFunc(func(c *Config) { c.MaxResponseBody = n })
}

// WithTimeout bounds each attempt (not the whole call, which the context bounds); 0 means none.
func WithTimeout(d time.Duration) Option { return OptionFunc(func(c *Config) { c.Timeout = d }) }

// WithUserAgent appends s to the User-Agent header, after a space.
func WithUserAgent(s string) Option {
	return OptionFunc(func(c *Config) {
		switch {
		case s == "":
		case c.UserAgentSuffix == "":
			c.UserAgentSuffix = s
		default:
			c.UserAgentSuffix += " " + s
		}
	})
}

// WithMiddleware adds middleware around each attempt; the first added is the outermost.
func WithMiddleware(m ...Middleware) Option {
	return OptionFunc(func(c *Config) { c.Middleware = append(c.Middleware, m...) })
}

// WithGlobal sets the value of the client global named name (matched case-insensitively); an empty
// value stops it being sent. A name the SDK does not declare is ignored.
func WithGlobal(name, value string) Option {
	return OptionFunc(func(c *Config) {
		for i := range c.Globals {
			if strings.EqualFold(c.Globals[i].Name, name) {
				c.Globals[i].Value = value
			}
		}
	})
}

// WithCredential sets the credential of a security scheme; nil removes it.
func WithCredential(scheme string, cred Credential) Option {
	return OptionFunc(func(c *Config) {
		if c.Credentials == nil {
			c.Credentials = map[string]Credential{}
		}
		if cred == nil {
			delete(c.Credentials, scheme)
			return
		}
		c.Credentials[scheme] = cred
	})
}

// WithClock sets the clock used for retry waits and Retry-After dates (for tests); nil restores the
// system clock.
func WithClock(clk Clock) Option {
	return OptionFunc(func(c *Config) {
		if clk == nil {
			clk = systemClock{}
		}
		c.Clock = clk
	})
}

// WithRand sets the source of randomness for jitter and idempotency keys (for tests); nil restores
// crypto/rand.
func WithRand(r io.Reader) Option {
	return OptionFunc(func(c *Config) {
		if r == nil {
			r = rand.Reader
		}
		c.Rand = r
	})
}

// WithRequestHeader sets a header on one call; it replaces any header of that name the SDK would send.
func WithRequestHeader(name, value string) RequestOption {
	return RequestOptionFunc(func(o *CallOptions) {
		if o.Header == nil {
			o.Header = http.Header{}
		}
		o.Header.Add(name, value)
	})
}

// WithResponseInto stores the final raw response of a call in *dst, on success and on API errors.
// Its body has been read and closed; Body holds the bytes read, except for streamed results.
func WithResponseInto(dst **http.Response) RequestOption {
	return RequestOptionFunc(func(o *CallOptions) { o.ResponseInto = dst })
}

// Clock tells the time and waits; tests inject a fake one.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or returns ctx.Err() if ctx ends first.
	Sleep(ctx context.Context, d time.Duration) error
}

// systemClock is the real clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Middleware wraps each attempt of a call: it may change the request, call next (or not) and inspect
// or replace the response.
type Middleware func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error)

// Ptr returns a pointer to v, for optional fields and parameters.
func Ptr[T any](v T) *T { return &v }
