package moov

// The cost of one GetTicket through the generated client against the same request written by hand
// with net/http and encoding/json (issue 3, "What must hold" 4). Run both interleaved and compare
// with benchstat:
//
//	GOWORK=off go test -run '^$' -bench GetTicket -benchmem -count 10 . | tee bench.txt
//	go tool benchstat -col .name bench.txt   (from the sdkgen module, where benchstat is a tool)

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"
)

// benchServer answers every request with ticketJSON, as a Moov server would.
func benchServer(b *testing.B) *httptest.Server {
	body := []byte(ticketJSON)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("x-request-id", "rid-bench")
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func BenchmarkGetTicket(b *testing.B) {
	srv := benchServer(b)
	c := New(WithServerURL(srv.URL), WithBasicAuth("user", "pass"))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		t, err := c.Support.GetTicket(ctx, "acct-1", "a/b")
		if err != nil || t.Number != 42 {
			b.Fatal(t, err)
		}
	}
}

// handTicket is Ticket as one would write it by hand.
type handTicket struct {
	TicketID string `json:"ticketID"`
	Number   int64  `json:"number"`
	Title    string `json:"title"`
	Contact  struct {
		Email string  `json:"email"`
		Name  *string `json:"name,omitempty"`
	} `json:"contact"`
	Status          string     `json:"status"`
	CreatedOn       time.Time  `json:"createdOn"`
	UpdatedOn       time.Time  `json:"updatedOn"`
	LatestMessageOn *time.Time `json:"latestMessageOn,omitempty"`
	ClosedOn        *time.Time `json:"closedOn,omitempty"`
	ForeignID       *string    `json:"foreignID,omitempty"`
}

// getTicketByHand is GetTicket written with net/http and encoding/json: the same request line and
// headers (Basic auth, X-Moov-Version, Accept, User-Agent), the body decoded, drained and closed.
func getTicketByHand(ctx context.Context, hc *http.Client, base, userAgent, accountID, ticketID string) (*handTicket, error) {
	u := base + "/accounts/" + url.PathEscape(accountID) + "/tickets/" + url.PathEscape(ticketID)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth("user", "pass")
	req.Header.Set("X-Moov-Version", "v2026.01.00")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, resp.Body)
		return nil, fmt.Errorf("getTicket: %s (request id %s)", resp.Status, resp.Header.Get("x-request-id"))
	}
	var t handTicket
	if err := json.NewDecoder(resp.Body).Decode(&t); err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	return &t, nil
}

func BenchmarkGetTicketByHand(b *testing.B) {
	srv := benchServer(b)
	hc := &http.Client{}
	userAgent := "moov-go/" + Version + " go/" + strings.TrimPrefix(runtime.Version(), "go")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		t, err := getTicketByHand(ctx, hc, srv.URL, userAgent, "acct-1", "a/b")
		if err != nil || t.Number != 42 {
			b.Fatal(t, err)
		}
	}
}
