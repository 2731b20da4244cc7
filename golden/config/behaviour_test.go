package notes

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestConfigOnTheWire drives the SDK generated from testdata/config with its
// sdkgen.yaml: the names the config and the previous lock chose are the
// ones callers use (this file would not compile otherwise), the X-Tenant
// header is a client-wide option sent with every call, and the SDK version
// from the config is in the User-Agent.
func TestConfigOnTheWire(t *testing.T) {
	type seen struct{ method, path, tenant, agent, body string }
	var mu sync.Mutex
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, seen{r.Method, r.URL.Path, r.Header.Get("X-Tenant"), r.Header.Get("User-Agent"), string(b)})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		note := `{"id":"n1","text":"buy milk","label":"home"}`
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/notes":
			io.WriteString(w, "["+note+"]")
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, note)
		default:
			io.WriteString(w, note)
		}
	}))
	defer srv.Close()

	c := New(WithServerURL(srv.URL), WithWorkspace("acme"))
	ctx := context.Background()

	// names: service:notes → MemosService (field Memos), the Note schema →
	// Memo; the lock's Label → Category with its constants.
	var svc *MemosService = c.Memos
	list, err := svc.ListNotes(ctx, ListNotesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Text != "buy milk" || list[0].Label == nil || *list[0].Label != CategoryHome {
		t.Errorf("ListNotes = %+v", list)
	}
	label := CategoryWork
	created, err := c.Memos.CreateNote(ctx, CreateNoteRequest{Body: Memo{Text: "call Ann", Label: &label}})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == nil || *created.ID != "n1" {
		t.Errorf("CreateNote = %+v", created)
	}
	// names: the operation without an operationId is Get, and with its
	// only header made global it takes no request struct.
	one, err := c.Memos.Get(ctx, "n1")
	if err != nil {
		t.Fatal(err)
	}
	if one.Text != "buy milk" {
		t.Errorf("Get = %+v", one)
	}

	if len(got) != 3 {
		t.Fatalf("server saw %d requests, want 3: %+v", len(got), got)
	}
	for _, s := range got {
		if s.tenant != "acme" {
			t.Errorf("%s %s: X-Tenant = %q, want the global's value", s.method, s.path, s.tenant)
		}
		if !strings.Contains(s.agent, "2.3.4") || Version != "2.3.4" {
			t.Errorf("%s %s: User-Agent = %q (Version %q), want the config's sdkVersion 2.3.4", s.method, s.path, s.agent, Version)
		}
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(got[1].body), &body); err != nil || body["text"] != "call Ann" || body["label"] != "work" {
		t.Errorf("CreateNote body = %s (%v)", got[1].body, err)
	}
	if got[2].path != "/notes/n1" {
		t.Errorf("Get path = %q", got[2].path)
	}
}

// TestGlobalIsPerClient: one client's global value never leaks into the
// requests of another client made without it.
func TestGlobalIsPerClient(t *testing.T) {
	var mu sync.Mutex
	var tenants []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tenants = append(tenants, r.Header.Get("X-Tenant"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "[]")
	}))
	defer srv.Close()
	ctx := context.Background()
	for _, c := range []*Client{New(WithServerURL(srv.URL), WithWorkspace("one")), New(WithServerURL(srv.URL))} {
		c.Memos.ListNotes(ctx, ListNotesRequest{})
	}
	if len(tenants) == 0 || tenants[0] != "one" {
		t.Fatalf("X-Tenant of the first client = %q, want one", tenants)
	}
	for _, v := range tenants[1:] {
		if v != "" {
			t.Errorf("the client without WithWorkspace sent X-Tenant %q", v)
		}
	}
}
