package fixed

import (
	"slices"
	"testing"
)

func TestRequiredScopes(t *testing.T) {
	scopes = map[string][][]string{"getTicket": {{"a.read"}, {"b.read", "c.read"}}}
	got := RequiredScopes("getTicket")
	if len(got) != 2 || !slices.Equal(got[1], []string{"b.read", "c.read"}) {
		t.Fatalf("got %q", got)
	}
	got[0][0] = "changed"
	if scopes["getTicket"][0][0] != "a.read" {
		t.Error("the result shares the table")
	}
	if RequiredScopes("none") != nil {
		t.Error("unknown operation: want nil")
	}
}

func TestExpandScope(t *testing.T) {
	got := ExpandScope("/accounts/{accountID}/x/{other}", map[string]string{"accountID": "42"})
	if got != "/accounts/42/x/{other}" {
		t.Errorf("got %q", got)
	}
}
