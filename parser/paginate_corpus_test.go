package parser_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/parser"
)

// pagingSpecs are the real specs beside the repository, by the name the
// README's table shows.
func pagingSpecs(t *testing.T) []string {
	root := "../../shared/specs"
	if _, err := os.Stat(root); err != nil {
		t.Skip("no ../shared/specs")
	}
	var specs []string
	for _, g := range []string{"corpus/*.json", "corpus/*.yaml", "corpus/*/*-api.yaml", "bench/*.json", "bench/*.yaml", "swagger2/*.*", "moov/openapi.yaml"} {
		m, _ := filepath.Glob(filepath.Join(root, g))
		for _, s := range m {
			if !strings.HasSuffix(s, ".md") {
				specs = append(specs, s)
			}
		}
	}
	slices.Sort(specs)
	return specs
}

// TestPaginationCorpus parses every real spec and counts the operations
// that got an iterator (by style) and those that look paginated but were
// left alone. With SDKGEN_PAGINATION_TABLE=1 it prints the README's table.
// It also pins what the big APIs must get: Moov's cursor and skip/count
// lists, GitHub's Link headers, Stripe's has_more.
func TestPaginationCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("parses every real spec")
	}
	specs := pagingSpecs(t)
	var table strings.Builder
	table.WriteString("| spec | operations | iterators | styles | looked paginated, left alone |\n|---|---:|---:|---|---:|\n")
	byID := map[string]map[string]*model.Operation{}
	for _, spec := range specs {
		api, diags := parser.Parse(spec, parser.Config{})
		if api == nil || diags.HasErrors() {
			continue
		}
		ops := api.Operations()
		styles := map[model.PageStyle]int{}
		n := 0
		byID[filepath.Base(spec)] = map[string]*model.Operation{}
		for _, o := range ops {
			byID[filepath.Base(spec)][o.ID] = o
			if pg := o.Pagination; pg != nil {
				if os.Getenv("SDKGEN_PAGINATION_TABLE") == "all" {
					fmt.Printf("%s\t%s\t%s\t%s\titems=%v next=%v param=%s limit=%s\n", filepath.Base(spec), o.ID, pg.Style, pg.Source, pg.Items, pg.Next, pg.Param, pg.Limit)
				}
				n++
				styles[o.Pagination.Style]++
			}
		}
		left := 0
		for _, d := range diags {
			if d.Code == "pagination" {
				if os.Getenv("SDKGEN_PAGINATION_TABLE") == "all" {
					fmt.Printf("%s\tWARN %s\n", filepath.Base(spec), d.Message)
				}
				left++
			}
		}
		var parts []string
		for _, s := range []model.PageStyle{model.PageCursor, model.PageHasMore, model.PageOffset, model.PageNumber, model.PageLinkHeader, model.PageNextURL} {
			if styles[s] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", s, styles[s]))
			}
		}
		rel, _ := filepath.Rel("../../shared/specs", spec)
		fmt.Fprintf(&table, "| %s | %d | %d | %s | %d |\n", filepath.ToSlash(rel), len(ops), n, strings.Join(parts, ", "), left)
	}
	if os.Getenv("SDKGEN_PAGINATION_TABLE") != "" {
		fmt.Print(table.String())
	}
	t.Log("\n" + table.String())

	check := func(spec, id string, style model.PageStyle, param string) {
		t.Helper()
		o := byID[spec][id]
		if o == nil {
			t.Errorf("%s: no operation %s", spec, id)
			return
		}
		if o.Pagination == nil || o.Pagination.Style != style || o.Pagination.Param != param {
			t.Errorf("%s %s: pagination %+v, want %s on %q", spec, id, o.Pagination, style, param)
		}
	}
	if byID["openapi.yaml"] != nil {
		check("openapi.yaml", "listTickets", model.PageCursor, "cursor")
		if pg := byID["openapi.yaml"]["listTickets"].Pagination; pg != nil && strings.Join(pg.Next, ".") != "nextPage.cursor" {
			t.Errorf("moov listTickets follows %v, want nextPage.cursor", pg.Next)
		}
		offset := 0
		for _, o := range byID["openapi.yaml"] {
			if pg := o.Pagination; pg != nil && pg.Style == model.PageOffset && pg.Param == "skip" && pg.Limit == "count" {
				offset++
			}
		}
		if offset < 14 {
			t.Errorf("moov: %d skip/count iterators, want at least 14", offset)
		}
	}
	if byID["github.json"] != nil {
		check("github.json", "repos/list-for-org", model.PageLinkHeader, "")
	}
	if byID["stripe.json"] != nil {
		check("stripe.json", "GetCustomers", model.PageHasMore, "starting_after")
	}
}
