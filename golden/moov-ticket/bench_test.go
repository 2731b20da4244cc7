package moov

// The cost of one GetTicket through the generated client against the same request written by hand
// with net/http and encoding/json. Run them interleaved, in separate
// processes, and compare with benchstat (a tool of the sdkgen module):
//
//	GOWORK=off go test -c -o /tmp/moov.test .
//	for i in $(seq 10); do for b in 'GetTicket$' 'GetTicketByHand$'; do
//		/tmp/moov.test -test.run '^$' -test.bench "$b" -test.benchmem >> bench.txt
//	done; done
//	go tool benchstat -col .name bench.txt

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

// memoryTransport answers every request with ticketJSON without a network.
type memoryTransport struct{}

func (memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	return &http.Response{
		StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Request: req, ContentLength: int64(len(ticketJSON)),
		Header: http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"rid-bench"}},
		Body:   io.NopCloser(strings.NewReader(ticketJSON)),
	}, nil
}

// BenchmarkClientOverhead makes the same comparison without the network, which dominates the
// benchmarks above: both clients get the response from memory, so what remains is the client-side
// cost (building the request, headers, credentials, decoding). The sub-benchmarks alternate.
func BenchmarkClientOverhead(b *testing.B) {
	hc := &http.Client{Transport: memoryTransport{}}
	ctx := context.Background()
	b.Run("impl=sdk", func(b *testing.B) {
		c := New(WithServerURL("https://api.moov.test"), WithBasicAuth("user", "pass"), WithHTTPClient(hc))
		b.ReportAllocs()
		for b.Loop() {
			if t, err := c.Support.GetTicket(ctx, "acct-1", "a/b"); err != nil || t.Number != 42 {
				b.Fatal(t, err)
			}
		}
	})
	b.Run("impl=hand", func(b *testing.B) {
		userAgent := "moov-go/" + Version + " go/" + strings.TrimPrefix(runtime.Version(), "go")
		b.ReportAllocs()
		for b.Loop() {
			if t, err := getTicketByHand(ctx, hc, "https://api.moov.test", userAgent, "acct-1", "a/b"); err != nil || t.Number != 42 {
				b.Fatal(t, err)
			}
		}
	})
}

// tenThousandTickets is a list response of 10,000 tickets, date-times in
// RFC 3339 as Moov sends them.
func tenThousandTickets() []byte {
	var b strings.Builder
	b.WriteByte('[')
	for i := range 10_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(ticketJSON)
	}
	b.WriteByte(']')
	return []byte(b.String())
}

// BenchmarkDecodeTickets decodes the list into the SDK's Ticket, whose
// UnmarshalJSON falls back to lenient date-times only when a date-time
// fails to parse; BenchmarkDecodeTicketsPlain decodes the same bytes
// with encoding/json into the same fields without that method. Their
// ratio is the price of the fallback when the server sends RFC 3339.
func BenchmarkDecodeTickets(b *testing.B) {
	data := tenThousandTickets()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var out []Ticket
		if err := json.Unmarshal(data, &out); err != nil || len(out) != 10_000 {
			b.Fatal(err, len(out))
		}
	}
}

func BenchmarkDecodeTicketsPlain(b *testing.B) {
	type plainTicket Ticket // the same fields, no UnmarshalJSON
	data := tenThousandTickets()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var out []plainTicket
		if err := json.Unmarshal(data, &out); err != nil || len(out) != 10_000 {
			b.Fatal(err, len(out))
		}
	}
}
