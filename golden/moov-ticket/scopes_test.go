package moov

// RequiredScopes on the seed operation: the scopes Moov writes in
// getTicket's description, one alternative set per sentence, templates left unexpanded; and
// ExpandScope filling them. Hand-written: the generator keeps this file.

import (
	"reflect"
	"testing"
)

func TestRequiredScopesGetTicket(t *testing.T) {
	want := [][]string{
		{"/accounts/{accountID}/tickets.read"},
		{"/accounts/{partnerAccountID}/tickets.read", "/accounts/{accountID}/profile.read"},
	}
	if got := RequiredScopes("getTicket"); !reflect.DeepEqual(got, want) {
		t.Errorf("RequiredScopes(getTicket) = %q, want %q", got, want)
	}
	if got := RequiredScopes("noSuchOperation"); got != nil {
		t.Errorf("RequiredScopes(noSuchOperation) = %q, want nil", got)
	}
}

func TestExpandScope(t *testing.T) {
	for _, tc := range []struct {
		scope  string
		values map[string]string
		want   string
	}{
		{"/accounts/{accountID}/tickets.read", map[string]string{"accountID": "acct-1"}, "/accounts/acct-1/tickets.read"},
		{"/accounts/{partnerAccountID}/tickets.read", map[string]string{"accountID": "acct-1", "partnerAccountID": "partner-9"}, "/accounts/partner-9/tickets.read"},
		// A template without a value stays as it is.
		{"/accounts/{accountID}/profile.read", map[string]string{"other": "x"}, "/accounts/{accountID}/profile.read"},
	} {
		if got := ExpandScope(tc.scope, tc.values); got != tc.want {
			t.Errorf("ExpandScope(%q, %v) = %q, want %q", tc.scope, tc.values, got, tc.want)
		}
	}
	// Expanding every scope of every set gives the concrete scopes for one account.
	var got [][]string
	for _, set := range RequiredScopes("getTicket") {
		var s []string
		for _, scope := range set {
			s = append(s, ExpandScope(scope, map[string]string{"accountID": "acct-1", "partnerAccountID": "partner-9"}))
		}
		got = append(got, s)
	}
	want := [][]string{{"/accounts/acct-1/tickets.read"}, {"/accounts/partner-9/tickets.read", "/accounts/acct-1/profile.read"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("expanded = %q, want %q", got, want)
	}
}
