package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// ClientCredentials authenticates with an OAuth2 access token obtained by
// the client-credentials grant from tokenURL (relative URLs resolve against
// the server URL). The token is fetched on first use, cached, and fetched
// again shortly before it expires; concurrent calls share one fetch.
func ClientCredentials(tokenURL, clientID, clientSecret string, scopes ...string) Credential {
	return &clientCredentials{tokenURL: tokenURL, id: clientID, secret: clientSecret, scopes: scopes}
}

type clientCredentials struct {
	tokenURL, id, secret string
	scopes               []string

	mu       sync.Mutex
	token    string
	expiry   time.Time     // zero: the token does not expire
	inflight chan struct{} // closed when the fetch in progress ends
	lastErr  error
}

// preparer is a Credential that must do work before it can be applied,
// such as fetching a token.
type preparer interface {
	prepare(ctx context.Context, cfg *Config) error
}

// prepareCredentials readies the credentials of alt before an attempt.
func prepareCredentials(ctx context.Context, cfg *Config, alt []string) error {
	for _, scheme := range alt {
		if p, ok := cfg.Credentials[scheme].(preparer); ok {
			if err := p.prepare(ctx, cfg); err != nil {
				return fmt.Errorf("obtaining credentials for %s: %w", scheme, err)
			}
		}
	}
	return nil
}

func (c *clientCredentials) target() (string, string) { return "header", "Authorization" }

// Apply sets the cached token; prepare has fetched it for this attempt.
func (c *clientCredentials) Apply(req *http.Request) {
	c.mu.Lock()
	token := c.token
	c.mu.Unlock()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
}

// String hides the secret from logs.
func (c *clientCredentials) String() string {
	return "ClientCredentials(" + c.tokenURL + ", " + c.id + ", ****)"
}

// fresh reports whether the cached token can still be used at now. The
// expiry recorded is early by a fifth of the token's lifetime (at most a
// minute), so a token is renewed before the server would refuse it.
func (c *clientCredentials) fresh(now time.Time) bool {
	return c.token != "" && (c.expiry.IsZero() || now.Before(c.expiry))
}

func (c *clientCredentials) prepare(ctx context.Context, cfg *Config) error {
	clock := cfg.clock()
	for {
		c.mu.Lock()
		if c.fresh(clock.Now()) {
			c.mu.Unlock()
			return nil
		}
		if wait := c.inflight; wait != nil {
			c.mu.Unlock()
			select {
			case <-wait:
				c.mu.Lock()
				err := c.lastErr
				ok := c.fresh(clock.Now())
				c.mu.Unlock()
				if ok {
					return nil
				}
				if err != nil {
					return err
				}
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		done := make(chan struct{})
		c.inflight = done
		c.mu.Unlock()

		token, lifetime, err := c.fetch(ctx, cfg)
		now := clock.Now()
		c.mu.Lock()
		c.inflight, c.lastErr = nil, err
		if err == nil {
			c.token, c.expiry = token, time.Time{}
			if lifetime > 0 {
				c.expiry = now.Add(lifetime - min(lifetime/5, time.Minute))
			}
		}
		c.mu.Unlock()
		close(done)
		return err
	}
}

// tokenResponse is RFC 6749's access token response.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// fetch runs the client-credentials grant: client id and secret in HTTP
// Basic (RFC 6749 §2.3.1), scopes space-separated in the form.
func (c *clientCredentials) fetch(ctx context.Context, cfg *Config) (string, time.Duration, error) {
	u, err := url.Parse(c.tokenURL)
	if err != nil {
		return "", 0, fmt.Errorf("token URL: %w", err)
	}
	if !u.IsAbs() {
		// RFC 3986 resolution: "/oauth/token" is from the host's root,
		// "oauth/token" below the server URL's path.
		base, err := url.Parse(strings.TrimRight(cfg.ServerURL, "/") + "/")
		if err != nil {
			return "", 0, fmt.Errorf("server URL: %w", err)
		}
		u = base.ResolveReference(u)
	}
	form := url.Values{"grant_type": {"client_credentials"}}
	if len(c.scopes) > 0 {
		form.Set("scope", strings.Join(c.scopes, " "))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(url.QueryEscape(c.id), url.QueryEscape(c.secret))
	hc := cfg.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return "", 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
	if err != nil {
		return "", 0, err
	}
	if resp.StatusCode/100 != 2 {
		return "", 0, fmt.Errorf("token endpoint answered %s: %s", resp.Status, strings.TrimSpace(string(body)))
	}
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil {
		return "", 0, fmt.Errorf("decoding token response: %w", err)
	}
	if tr.AccessToken == "" {
		return "", 0, errors.New("token response has no access_token")
	}
	return tr.AccessToken, time.Duration(tr.ExpiresIn) * time.Second, nil
}
