package fixed

import "strings"

// RequiredScopes returns the scopes an operation needs, as alternative sets:
// any one set is enough. Templates such as {accountID} are left for
// ExpandScope. Scopes the spec only states in prose are read from the
// operation's description. The result is a fresh copy.
func RequiredScopes(operationID string) [][]string {
	sets := scopes[operationID]
	if sets == nil {
		return nil
	}
	out := make([][]string, len(sets))
	for i, s := range sets {
		out[i] = append([]string{}, s...)
	}
	return out
}

// ExpandScope fills the {name} templates of a scope from values; unknown names
// are left as they are.
func ExpandScope(scope string, values map[string]string) string {
	for k, v := range values {
		scope = strings.ReplaceAll(scope, "{"+k+"}", v)
	}
	return scope
}
