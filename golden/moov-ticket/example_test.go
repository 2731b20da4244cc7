package moov_test

// One runnable example per option; the README quotes them. Each runs
// against fakeMoov, a local stand-in for https://api.moov.io.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"example.com/moov"
)

// fakeMoov answers GetTicket like api.moov.io: it wants Basic credentials username/password,
// answers 404 for the ticket "missing", 503 (Retry-After: 0) the first time it is asked for the
// ticket "flaky", and the ticket otherwise.
func fakeMoov() *httptest.Server {
	var flaky atomic.Bool
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "rid-123")
		user, pass, _ := r.BasicAuth()
		switch id := path.Base(r.URL.Path); {
		case user != "username" || pass != "password":
			w.WriteHeader(http.StatusUnauthorized)
		case id == "missing":
			w.WriteHeader(http.StatusNotFound)
		case id == "flaky" && !flaky.Swap(true):
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"ticketID":%q,"number":7,"title":"Card declined","contact":{"email":"ops@example.com"},
				"status":"in-progress","createdOn":"2026-01-02T03:04:05Z","updatedOn":"2026-01-02T03:04:05Z"}`, id)
		}
	}))
}

// The client in everyday use: credentials, server, a call and an enum.
func Example() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(
		moov.WithBasicAuth("username", "password"),
		moov.WithServerURL(srv.URL), // default: moov.DefaultServerURL
	)
	ticket, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1")
	if err != nil {
		log.Fatal(err)
	}
	if ticket.Status == moov.TicketStatusInProgress {
		fmt.Println(ticket.TicketID, ticket.Title, ticket.Status)
	}
	// Output: tk-1 Card declined in-progress
}

func ExampleWithBasicAuth() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"))
	ticket, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ticket.Title)
	// Output: Card declined
}

func ExampleWithXMoovVersion() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"),
		moov.WithXMoovVersion("v2024.01.00")) // default: v2026.01.00
	var resp *http.Response
	if _, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1", moov.WithResponseInto(&resp)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Request.Header.Get("X-Moov-Version"))
	// Output: v2024.01.00
}

func ExampleWithServerURL() {
	srv := fakeMoov() // in production: "https://api.moov.io", the default
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"))
	ticket, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ticket.TicketID)
	// Output: tk-1
}

func ExampleWithHTTPClient() {
	srv := fakeMoov()
	defer srv.Close()

	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"),
		moov.WithHTTPClient(httpClient)) // copied: httpClient itself is never modified
	ticket, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ticket.Number)
	// Output: 7
}

func ExampleWithRetryPolicy() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"),
		moov.WithRetryPolicy(moov.RetryPolicy{MaxRetries: 3, InitialBackoff: 250 * time.Millisecond, MaxBackoff: 4 * time.Second}))
	// The first attempt gets a 503; the client waits as Retry-After says and tries again.
	ticket, err := client.Support.GetTicket(context.Background(), "acct-1", "flaky")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ticket.TicketID)
	// Output: flaky
}

func ExampleWithRetryPolicy_perCall() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"))
	// No retries for this call only: the 503 comes back as it is.
	_, err := client.Support.GetTicket(context.Background(), "acct-1", "flaky",
		moov.WithRetryPolicy(moov.RetryPolicy{MaxRetries: 0}))
	fmt.Println(err)
	// Output: getTicket: 503 Service Unavailable (request id rid-123)
}

func ExampleWithTimeout() {
	srv := fakeMoov()
	defer srv.Close()

	// Each attempt may take 10s; the context bounds the whole call, retries and waits included.
	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"),
		moov.WithTimeout(10*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ticket, err := client.Support.GetTicket(ctx, "acct-1", "tk-1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ticket.Title)
	// Output: Card declined
}

func ExampleWithUserAgent() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"),
		moov.WithUserAgent("billing-service/1.4"))
	var resp *http.Response
	if _, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1", moov.WithResponseInto(&resp)); err != nil {
		log.Fatal(err)
	}
	ua := strings.Fields(resp.Request.Header.Get("User-Agent")) // moov-go/<version> go/<version> billing-service/1.4
	fmt.Println(ua[0], ua[len(ua)-1])
	// Output: moov-go/0.0.0 billing-service/1.4
}

func ExampleWithMiddleware() {
	srv := fakeMoov()
	defer srv.Close()

	logAttempts := func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		resp, err := next(req) // once per attempt, retries included
		if err == nil {
			fmt.Println(req.Method, req.URL.Path, resp.StatusCode)
		}
		return resp, err
	}
	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"),
		moov.WithMiddleware(logAttempts))
	if _, err := client.Support.GetTicket(context.Background(), "acct-1", "flaky"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// GET /accounts/acct-1/tickets/flaky 503
	// GET /accounts/acct-1/tickets/flaky 200
}

func ExampleWithRequestHeader() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"))
	var resp *http.Response
	_, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1",
		moov.WithRequestHeader("X-Trace-Id", "trace-42"), moov.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Request.Header.Get("X-Trace-Id"))
	// Output: trace-42
}

func ExampleWithResponseInto() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"))
	var resp *http.Response // set on success and on API errors
	if _, err := client.Support.GetTicket(context.Background(), "acct-1", "tk-1", moov.WithResponseInto(&resp)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, resp.Header.Get("X-Request-Id"))
	// Output: 200 rid-123
}

func ExampleAPIError() {
	srv := fakeMoov()
	defer srv.Close()

	client := moov.New(moov.WithServerURL(srv.URL), moov.WithBasicAuth("username", "password"))
	_, err := client.Support.GetTicket(context.Background(), "acct-1", "missing")
	var apiErr *moov.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.RequestID)
		fmt.Println(err)
	}
	// Output:
	// 404 rid-123
	// getTicket: 404 Not Found (request id rid-123)
}

func ExampleRequiredScopes() {
	for _, set := range moov.RequiredScopes("getTicket") { // any one set is enough
		fmt.Println(set)
	}
	fmt.Println(moov.ExpandScope("/accounts/{accountID}/tickets.read", map[string]string{"accountID": "acct-1"}))
	// Output:
	// [/accounts/{accountID}/tickets.read]
	// [/accounts/{partnerAccountID}/tickets.read /accounts/{accountID}/profile.read]
	// /accounts/acct-1/tickets.read
}
