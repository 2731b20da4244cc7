package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestExported(t *testing.T) {
	for in, want := range map[string]string{
		"getTicket":         "GetTicket",
		"ticketID":          "TicketID",
		"ticket_id":         "TicketID",
		"X-Moov-Version":    "XMoovVersion",
		"HTTPServer":        "HTTPServer",
		"userIDs":           "UserIDs",
		"url":               "URL",
		"type":              "Type",
		"1st-place":         "X1stPlace",
		"+1":                "Plus1",
		"-1":                "Minus1",
		"StartTime":         "StartTime",
		"StartTime<":        "StartTimeLt",
		"StartTime>":        "StartTimeGt",
		"in-progress":       "InProgress",
		"café":              "Café",
		"日本":                "X日本",
		"":                  "X",
		"***":               "StarStarStar",
		"v2026.01.00":       "V2026_01_00",
		"repos/get-content": "ReposGetContent",
	} {
		if got := Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnexported(t *testing.T) {
	for in, want := range map[string]string{
		"accountID": "accountID",
		"ID":        "id",
		"URLPath":   "urlPath",
		"type":      "type_",
		"string":    "string_",
		"len":       "len_",
		"Sid":       "sid",
	} {
		if got := Unexported(in); got != want {
			t.Errorf("Unexported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuffix(t *testing.T) {
	for in, want := range map[string]string{"1": "1", "1.5": "1_5", "": "Empty", "+1": "Plus1", "x1": "X1", "in-progress": "InProgress"} {
		if got := Suffix(in); got != want {
			t.Errorf("Suffix(%q) = %q, want %q", in, got, want)
		}
	}
}

// namingAPI builds a model with the collision kinds real specs have.
func namingAPI() *API {
	str := &Type{Kind: KindString}
	enum := &Type{Kind: KindEnum, Name: "SourceType", Key: "#/components/schemas/SourceType", EnumBase: str,
		Enum: []*EnumValue{{Value: "card"}, {Value: "bank"}}}
	types := []*Type{
		{Kind: KindStruct, Name: "m", Key: "#/components/schemas/m"},
		{Kind: KindStruct, Name: "M", Key: "#/components/schemas/M"},
		{Kind: KindStruct, Name: "Client", Key: "#/components/schemas/Client"}, // a runtime name
		{Kind: KindStruct, Name: "SourceTypeCard", Key: "#/components/schemas/SourceTypeCard"},
		{Kind: KindStruct, Name: "type", Key: "#/components/schemas/type"},
		enum,
		{Kind: KindStruct, Name: "Call", Key: "#/components/schemas/Call", Fields: []*Field{
			{Name: "StartTime", Type: str}, {Name: "StartTime<", Type: str}, {Name: "StartTime>", Type: str},
			{Name: "m", Type: str}, {Name: "M", Type: str}, {Name: "String", Type: str},
		}},
	}
	op := &Operation{ID: "repos/get-content", Method: "GET", Path: "/repos/{type}", Params: []*Param{
		{Name: "type", In: InPath, Required: true, Type: str},
		{Name: "ctx", In: InQuery, Type: str},
	}}
	return &API{
		Types:    types,
		Services: []*Service{{Tag: "repos", Operations: []*Operation{op}}},
	}
}

func TestAssignNamesCollisions(t *testing.T) {
	api := namingAPI()
	AssignNames(api, NameOptions{})
	got := map[string]string{}
	for _, ty := range api.Types {
		got[ty.Key] = ty.GoName
	}
	for key, want := range map[string]string{
		"#/components/schemas/M":              "M", // the exact name wins the case-only clash…
		"#/components/schemas/m":              "M2",
		"#/components/schemas/Client":         "ClientModel", // a runtime name is never taken
		"#/components/schemas/SourceTypeCard": "SourceTypeCard",
		"#/components/schemas/type":           "Type",
	} {
		if got[key] != want {
			t.Errorf("%s = %q, want %q", key, got[key], want)
		}
	}
	// An enum constant never takes a type's name: SourceType + card
	// collides with the SourceTypeCard schema.
	enum := api.Types[5]
	if c := enum.Enum[0].GoName; c == "SourceTypeCard" || c == "" {
		t.Errorf("enum constant = %q, want a name distinct from the SourceTypeCard type", c)
	}
	fields := map[string]string{}
	for _, f := range api.Types[6].Fields {
		fields[f.Name] = f.GoName
	}
	for name, want := range map[string]string{"StartTime": "StartTime", "StartTime<": "StartTimeLt", "StartTime>": "StartTimeGt", "M": "M", "m": "M2", "String": "String"} {
		if fields[name] != want {
			t.Errorf("field %q = %q, want %q", name, fields[name], want)
		}
	}
	op := api.Services[0].Operations[0]
	if op.GoName != "GetContent" {
		t.Errorf("method = %q, want GetContent (the service name dropped)", op.GoName)
	}
	if p := op.Params[0]; p.ArgName != "type_" {
		t.Errorf("path argument = %q, want type_", p.ArgName)
	}
	if p := op.Params[1]; p.GoName != "Ctx" {
		t.Errorf("request field = %q, want Ctx", p.GoName)
	}
}

// TestAssignNamesOrderIndependent shuffles everything a spec's maps could
// order differently: the names must not change.
func TestAssignNamesOrderIndependent(t *testing.T) {
	ref := namingAPI()
	AssignNames(ref, NameOptions{})
	for i := range 20 {
		api := namingAPI()
		r := rand.New(rand.NewPCG(uint64(i), 7))
		r.Shuffle(len(api.Types), func(a, b int) { api.Types[a], api.Types[b] = api.Types[b], api.Types[a] })
		for _, ty := range api.Types {
			r.Shuffle(len(ty.Fields), func(a, b int) { ty.Fields[a], ty.Fields[b] = ty.Fields[b], ty.Fields[a] })
		}
		AssignNames(api, NameOptions{})
		for k, v := range ref.Names {
			if api.Names[k] != v {
				t.Fatalf("shuffle %d: %s = %q, want %q", i, k, api.Names[k], v)
			}
		}
		fieldNames := func(a *API) map[string]string {
			m := map[string]string{}
			for _, ty := range a.Types {
				for _, f := range ty.Fields {
					m[ty.Key+"/"+f.Name] = f.GoName
				}
			}
			return m
		}
		want, got := fieldNames(ref), fieldNames(api)
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("shuffle %d: field %s = %q, want %q", i, k, got[k], v)
			}
		}
	}
}

// TestAssignNamesHonoursLock shows that a schema added to a newer spec
// renames nothing that existed: without the lock, an exact "M" would take
// the name the old "m" type had.
func TestAssignNamesHonoursLock(t *testing.T) {
	old := &API{Types: []*Type{{Kind: KindStruct, Name: "m", Key: "#/components/schemas/m"}}, Services: []*Service{}}
	AssignNames(old, NameOptions{})
	if got := old.Types[0].GoName; got != "M" {
		t.Fatalf("old name = %q", got)
	}
	newer := func() *API {
		return &API{Types: []*Type{
			{Kind: KindStruct, Name: "m", Key: "#/components/schemas/m"},
			{Kind: KindStruct, Name: "M", Key: "#/components/schemas/M"},
		}}
	}
	fresh := newer()
	AssignNames(fresh, NameOptions{})
	if fresh.Types[0].GoName == "M" {
		t.Fatal("test premise: without the lock the old type should lose its name")
	}
	locked := newer()
	AssignNames(locked, NameOptions{Previous: old.Names})
	if got := locked.Types[0].GoName; got != "M" {
		t.Errorf("with the lock, the existing type is %q, want M", got)
	}
	if got := locked.Types[1].GoName; got != "M2" {
		t.Errorf("the new type is %q, want M2", got)
	}
	// An override from the config wins over the computed name.
	over := newer()
	AssignNames(over, NameOptions{Overrides: map[string]string{"type:#/components/schemas/M": "Matrix"}})
	if got := over.Types[1].GoName; got != "Matrix" {
		t.Errorf("override: %q, want Matrix", got)
	}
}

func TestServiceSlugs(t *testing.T) {
	got := ServiceSlugs([]string{"", "Client", "SupportTickets", "ClientService"})
	want := []string{"client", "client-2", "support-tickets", "client-service"}
	if !slices.Equal(got, want) {
		t.Errorf("ServiceSlugs = %q, want %q", got, want)
	}
}
