package gen

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSummary(t *testing.T) {
	cases := []struct {
		name, text, fallback string
		want                 []string
	}{
		{"GetTicket", "Retrieve a ticket", "calls getTicket.", []string{"GetTicket retrieves a ticket."}},
		{"GetTicket", "Retrieve a ticket.", "calls getTicket.", []string{"GetTicket retrieves a ticket."}},
		{"ListAccounts", "List or search accounts", "calls listAccounts.", []string{"ListAccounts lists or searches accounts."}},
		{"PutRule", "Create, update or delete a rule", "calls putRule.", []string{"PutRule creates, updates or deletes a rule."}},
		{"PutRule", "Create, update, and delete rules", "calls putRule.", []string{"PutRule creates, updates, and deletes rules."}},
		{"Make", "Create and return a ticket", "calls make.", []string{"Make creates and returns a ticket."}},
		{"Link", "Update an account and the profile", "calls link.", []string{"Link updates an account and the profile."}},
		{"Get", "Returns the account", "calls get.", []string{"Get returns the account."}},
		{"Get", "Fetch accounts:", "calls get.", []string{"Get fetches accounts:"}},
		{"Get", "Retrieve a ticket\nwith its **details**", "calls get.", []string{"Get retrieves a ticket with its details."}},
		{"Get", "Get <b>the</b> ticket<br>More.", "calls get.", []string{"Get gets the ticket.", "", "More."}},
		{"Get", "Retrieve the [account](https://example.com/a)", "calls get.",
			[]string{"Get retrieves the [account].", "", "[account]: https://example.com/a"}},
		{"Get", "Retrieve `x`", "calls get.", []string{"Get retrieves `x`."}},
		{"Ticket", "A support ticket", "is the Ticket object.", []string{"Ticket is the Ticket object.", "", "A support ticket"}},
		{"Ticket", "", "is the Ticket object.", []string{"Ticket is the Ticket object."}},
		{"Ticket", "<!-- nothing -->", "is the Ticket object.", []string{"Ticket is the Ticket object."}},
		{"Ticket", "- retrieve one", "is one of the values.", []string{"Ticket is one of the values.", "", "  - retrieve one"}},
		{"Ticket", "# Retrieve\n\ntext", "is the Ticket object.", []string{"Ticket is the Ticket object.", "", "# Retrieve", "", "text"}},
		{"Ticket", "[Retrieve](https://example.com) it", "is the Ticket object.",
			[]string{"Ticket is the Ticket object.", "", "[Retrieve] it", "", "[Retrieve]: https://example.com"}},
		{"ListAllTheAccountsOfTheUser", "List every account the user can see across all of their organizations", "calls x.",
			[]string{"ListAllTheAccountsOfTheUser lists every account the user can see across all", "of their organizations."}},
	}
	for _, c := range cases {
		t.Run(c.name+"/"+c.text, func(t *testing.T) {
			got := (&doc{}).summary(c.name, c.text, c.fallback).lines()
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("summary(%q, %q) (-want +got):\n%s", c.name, c.text, diff)
			}
		})
	}
}

// TestDoc: sdkgen's own prose is a plain wrapped paragraph whatever it
// quotes; a comment's parts are laid out together, links defined once at
// its end.
func TestDoc(t *testing.T) {
	cases := []struct {
		name string
		doc  *doc
		want []string
	}{
		{"own prose is literal",
			(&doc{}).text("Default: *_x_* <none> [a](https://example.com) `b` # c."),
			[]string{"Default: *_x_* <none> [a](https://example.com) `b` # c."}},
		{"own prose wraps",
			(&doc{}).text("Credentials are read from the environment first, when set: A_VERY_LONG_ENVIRONMENT_VARIABLE_NAME, B. Options override them."),
			[]string{"Credentials are read from the environment first, when set:", "A_VERY_LONG_ENVIRONMENT_VARIABLE_NAME, B. Options override them."}},
		{"own prose is safe",
			(&doc{}).text("a\nb\u2028c\x00d\u202ee"),
			[]string{"a b cde"}},
		{"parts and the HTTP line",
			(&doc{}).summary("GetTicket", "Retrieve a ticket", "calls getTicket.").add("See [docs](https://example.com/d).").text("Scopes: a.").code("GET /tickets/{id}"),
			[]string{"GetTicket retrieves a ticket.", "", "See [docs].", "", "Scopes: a.", "", "\tGET /tickets/{id}", "", "[docs]: https://example.com/d"}},
		{"code after a list is text",
			(&doc{}).add("Fields:\n\n- a\n- b").code("GET /x"),
			[]string{"Fields:", "", "  - a", "  - b", "", "`GET /x`"}},
		{"links across parts",
			(&doc{}).add("[docs](https://example.com/a)").add("[docs](https://example.com/b) and [docs](https://example.com/a)"),
			[]string{"[docs]", "", "docs (https://example.com/b) and [docs]", "", "[docs]: https://example.com/a"}},
		{"a lone line before a paragraph is no heading",
			(&doc{}).text("Item is the Item object.").add("An item").text("Ref: #/components/schemas/Item"),
			[]string{"Item is the Item object.", "", "An item.", "", "Ref: #/components/schemas/Item"}},
		{"lead and tail around prose",
			(&doc{}).addAround("region:", "The *region*.", "Default \"eu\"."),
			[]string{"region: The region. Default \"eu\"."}},
		{"lead and tail around a list",
			(&doc{}).addAround("region:", "- eu\n- us", "Default \"eu\"."),
			[]string{"region:", "", "  - eu", "  - us", "", "Default \"eu\"."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, c.doc.lines()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCommentLine(t *testing.T) {
	for in, want := range map[string]string{
		"":        "//",
		"/*":      "// /*",
		"*/":      "// */",
		"// x":    "// // x",
		"\tGET /": "//\tGET /",
		"text":    "// text",
	} {
		if got := commentLine(in); got != want {
			t.Errorf("commentLine(%q) = %q, want %q", in, got, want)
		}
	}
}
