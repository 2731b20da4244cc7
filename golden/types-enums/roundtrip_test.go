package enums

// JSON round trips of enums. Hand-written: the generator keeps
// this file. Enums are open: an unknown value decodes without error, IsKnown says so, and it is
// written back as it came.

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"testing"
)

// rtCase is one round trip: in is decoded into a T, check asserts the typed value, and the value
// encoded again must equal want (in when want is empty) as JSON.
type rtCase[T any] struct {
	name  string
	in    string
	want  string
	check func(t *testing.T, v T)
}

func runRoundTrips[T any](t *testing.T, cases []rtCase[T]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v T
			if err := json.Unmarshal([]byte(c.in), &v); err != nil {
				t.Fatalf("decoding %s: %v", c.in, err)
			}
			if c.check != nil {
				c.check(t, v)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("encoding: %v", err)
			}
			want := c.want
			if want == "" {
				want = c.in
			}
			if !sameJSON(t, out, []byte(want)) {
				t.Errorf("encoded again:\n got  %s\n want %s", out, want)
			}
		})
	}
}

// sameJSON compares two documents as values; numbers are compared as written.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	return reflect.DeepEqual(decodeAny(t, a), decodeAny(t, b))
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	return v
}

// wantField asserts the Go type and JSON tag of a field of S. It goes through reflection so that
// the test compiles whatever the generator made of the field, and fails with what it made.
func wantField[S, F any](t *testing.T, field, tag string) {
	t.Helper()
	sf, ok := reflect.TypeFor[S]().FieldByName(field)
	if !ok {
		t.Errorf("%v has no field %s", reflect.TypeFor[S](), field)
		return
	}
	if want := reflect.TypeFor[F](); sf.Type != want {
		t.Errorf("%v.%s is %v, want %v", reflect.TypeFor[S](), field, sf.Type, want)
	}
	if got := sf.Tag.Get("json"); got != tag {
		t.Errorf("%v.%s has json tag %q, want %q", reflect.TypeFor[S](), field, got, tag)
	}
}

// The constants: the type name and the words of the value.
func TestConstants(t *testing.T) {
	for _, c := range []struct {
		got, want string
		known     bool
	}{
		{string(StatusNew), "new", StatusNew.IsKnown()},
		{string(StatusInProgress), "in-progress", StatusInProgress.IsKnown()},
		{string(StatusOnHold), "on_hold", StatusOnHold.IsKnown()},
		{string(StatusDone), "done", StatusDone.IsKnown()},
		{string(ReactionPlus1), "+1", ReactionPlus1.IsKnown()},
		{string(ReactionMinus1), "-1", ReactionMinus1.IsKnown()},
		{string(Reaction1), "1", Reaction1.IsKnown()},
		{string(ReactionEmpty), "", ReactionEmpty.IsKnown()},
		{string(ReactionLaugh), "laugh", ReactionLaugh.IsKnown()},
		{string(SettingAuto), "auto", SettingAuto.IsKnown()},
		{string(Setting0), "0", Setting0.IsKnown()},
		{string(Setting1_5), "1.5", Setting1_5.IsKnown()},
		{string(SettingTrue), "true", SettingTrue.IsKnown()},
		{string(SettingFalse), "false", SettingFalse.IsKnown()},
		{string(TaskVisibilityPublic), "public", TaskVisibilityPublic.IsKnown()},
		{string(TaskFlagsItemBlocked), "blocked", TaskFlagsItemBlocked.IsKnown()},
		{string(RegionNorthAmerica), "north-america", RegionNorthAmerica.IsKnown()},
		{string(RegionOceania), "oceania", RegionOceania.IsKnown()},
		{string(RegionSayHi), `say "hi"`, RegionSayHi.IsKnown()},
		{string(RegionBackSlash), `back\slash`, RegionBackSlash.IsKnown()},
		{string(RegionCafé), "café", RegionCafé.IsKnown()},
	} {
		if c.got != c.want || !c.known {
			t.Errorf("constant %q (known %v), want %q", c.got, c.known, c.want)
		}
	}
	for _, c := range []struct {
		got, want int64
		known     bool
	}{
		{int64(Priority1), 1, Priority1.IsKnown()},
		{int64(Priority2), 2, Priority2.IsKnown()},
		{int64(Priority3), 3, Priority3.IsKnown()},
		{int64(TaskLevelsValue10), 10, TaskLevelsValue10.IsKnown()},
		{int64(TaskLevelsValue20), 20, TaskLevelsValue20.IsKnown()},
		{int64(OffsetMinus2), -2, OffsetMinus2.IsKnown()},
		{int64(Offset0), 0, Offset0.IsKnown()},
		{int64(Offset2), 2, Offset2.IsKnown()},
	} {
		if c.got != c.want || !c.known {
			t.Errorf("constant %d (known %v), want %d", c.got, c.known, c.want)
		}
	}
	if Status("archived").IsKnown() || Priority(4).IsKnown() || Reaction("heart").IsKnown() || Setting("2").IsKnown() ||
		Region("cafe").IsKnown() || Region("say hi").IsKnown() || Offset(3).IsKnown() || Offset(-3).IsKnown() {
		t.Error("an unknown value is known")
	}
	// Underlying types: string enums are strings, integer enums integers, mixed enums strings.
	for typ, kind := range map[reflect.Type]reflect.Kind{
		reflect.TypeFor[Status](): reflect.String, reflect.TypeFor[Priority](): reflect.Int64,
		reflect.TypeFor[Setting](): reflect.String, reflect.TypeFor[TaskLevelsValue](): reflect.Int64,
	} {
		if typ.Kind() != kind {
			t.Errorf("%v is a %v, want %v", typ, typ.Kind(), kind)
		}
	}
}

func TestTaskFields(t *testing.T) {
	wantField[Task, Status](t, "Status", "status")
	wantField[Task, Priority](t, "Priority", "priority")
	wantField[Task, *Reaction](t, "Reaction", "reaction,omitzero")
	wantField[Task, *Setting](t, "Setting", "setting,omitzero")
	wantField[Task, *TaskVisibility](t, "Visibility", "visibility,omitzero")
	wantField[Task, []Status](t, "History", "history,omitzero")
	wantField[Task, []TaskFlagsItem](t, "Flags", "flags,omitzero")
	wantField[Task, map[string]Reaction](t, "ByUser", "byUser,omitzero")
	wantField[Task, map[string]TaskLevelsValue](t, "Levels", "levels,omitzero")
	wantField[Task, *string](t, "Kind", "kind,omitzero") // type: string, const: task
	// `const: 2` is an integer: the field should be typed as one, not `any`.
	sf, _ := reflect.TypeFor[Task]().FieldByName("Version")
	if ft := sf.Type; ft.Kind() != reflect.Pointer || ft.Elem().Kind() != reflect.Int64 {
		t.Errorf("Task.Version (const: 2) is %v, want *int64 or a pointer to an integer enum", ft)
	}
}

func TestTaskRoundTrip(t *testing.T) {
	runRoundTrips(t, []rtCase[Task]{
		{
			name: "known values",
			in: `{"status":"in-progress","priority":2,"reaction":"+1","setting":1.5,"visibility":"private",` +
				`"history":["new","on_hold","done"],"flags":["urgent"],"byUser":{"ann":"-1","bob":"","cy":"1"},` +
				`"levels":{"a":10,"b":20},"kind":"task","version":2}`,
			check: func(t *testing.T, task Task) {
				if task.Status != StatusInProgress || task.Priority != Priority2 {
					t.Errorf("Status %q, Priority %d", task.Status, task.Priority)
				}
				if task.Reaction == nil || *task.Reaction != ReactionPlus1 {
					t.Errorf("Reaction = %v", task.Reaction)
				}
				if task.Setting == nil || *task.Setting != Setting1_5 {
					t.Errorf("Setting = %v", task.Setting)
				}
				if task.Visibility == nil || *task.Visibility != TaskVisibilityPrivate {
					t.Errorf("Visibility = %v", task.Visibility)
				}
				if !reflect.DeepEqual(task.History, []Status{StatusNew, StatusOnHold, StatusDone}) {
					t.Errorf("History = %v", task.History)
				}
				if !reflect.DeepEqual(task.Flags, []TaskFlagsItem{TaskFlagsItemUrgent}) {
					t.Errorf("Flags = %v", task.Flags)
				}
				if want := map[string]Reaction{"ann": ReactionMinus1, "bob": ReactionEmpty, "cy": Reaction1}; !reflect.DeepEqual(task.ByUser, want) {
					t.Errorf("ByUser = %v", task.ByUser)
				}
				if want := map[string]TaskLevelsValue{"a": TaskLevelsValue10, "b": TaskLevelsValue20}; !reflect.DeepEqual(task.Levels, want) {
					t.Errorf("Levels = %v", task.Levels)
				}
				if task.Kind == nil || *task.Kind != "task" {
					t.Errorf("Kind = %v", task.Kind)
				}
			},
		},
		{
			// Unknown values everywhere decode, say they are unknown, and go back unchanged.
			name: "unknown values",
			in: `{"status":"archived","priority":7,"reaction":"heart","setting":"manual","visibility":"team",` +
				`"history":["new","archived"],"flags":["later"],"byUser":{"ann":"rocket"},"levels":{"a":30}}`,
			check: func(t *testing.T, task Task) {
				if task.Status != "archived" || task.Status.IsKnown() {
					t.Errorf("Status = %q (known %v)", task.Status, task.Status.IsKnown())
				}
				if task.Priority != 7 || task.Priority.IsKnown() {
					t.Errorf("Priority = %d (known %v)", task.Priority, task.Priority.IsKnown())
				}
				if task.Reaction == nil || task.Reaction.IsKnown() || task.Setting == nil || task.Setting.IsKnown() ||
					task.Visibility == nil || task.Visibility.IsKnown() {
					t.Errorf("Reaction %v, Setting %v, Visibility %v", task.Reaction, task.Setting, task.Visibility)
				}
				if len(task.History) != 2 || !task.History[0].IsKnown() || task.History[1].IsKnown() {
					t.Errorf("History = %v", task.History)
				}
				if len(task.Flags) != 1 || task.Flags[0].IsKnown() || task.ByUser["ann"].IsKnown() || task.Levels["a"].IsKnown() {
					t.Errorf("Flags %v, ByUser %v, Levels %v", task.Flags, task.ByUser, task.Levels)
				}
			},
		},
		{
			name: "empty string value",
			in:   `{"status":"","priority":0,"reaction":""}`,
			check: func(t *testing.T, task Task) {
				if task.Reaction == nil || *task.Reaction != ReactionEmpty || !task.Reaction.IsKnown() || task.Status.IsKnown() {
					t.Errorf("Reaction %v, Status %q", task.Reaction, task.Status)
				}
			},
		},
	})
}

// A mixed-kind enum: strings, numbers and booleans decode into the same Go type and are written
// back in their own JSON kind.
func TestSettingMixed(t *testing.T) {
	runRoundTrips(t, []rtCase[Setting]{
		{name: "string", in: `"auto"`, check: func(t *testing.T, s Setting) { wantSetting(t, s, SettingAuto, true) }},
		{name: "integer", in: `0`, check: func(t *testing.T, s Setting) { wantSetting(t, s, Setting0, true) }},
		{name: "fraction", in: `1.5`, check: func(t *testing.T, s Setting) { wantSetting(t, s, Setting1_5, true) }},
		{name: "true", in: `true`, check: func(t *testing.T, s Setting) { wantSetting(t, s, SettingTrue, true) }},
		{name: "false", in: `false`, check: func(t *testing.T, s Setting) { wantSetting(t, s, SettingFalse, true) }},
		{name: "unknown string", in: `"manual"`, check: func(t *testing.T, s Setting) { wantSetting(t, s, "manual", false) }},
		// An unknown number is still a number: it must not come back as the string "7".
		{name: "unknown number", in: `7`, check: func(t *testing.T, s Setting) { wantSetting(t, s, "7", false) }},
	})
	var s Setting
	if err := json.Unmarshal([]byte(`{"a":1}`), &s); err == nil {
		t.Errorf("an object decoded into Setting as %q", s)
	}
}

func wantSetting(t *testing.T, got, want Setting, known bool) {
	t.Helper()
	if got != want || got.IsKnown() != known {
		t.Errorf("Setting = %q (known %v), want %q (known %v)", got, got.IsKnown(), want, known)
	}
}

// Enums as query parameters are sent as their values.
func TestListTasksQuery(t *testing.T) {
	var query url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Query()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`[{"status":"on_hold","priority":3},{"status":"frozen","priority":9}]`))
	}))
	defer srv.Close()
	out, err := New(WithServerURL(srv.URL)).ListTasks(context.Background(), ListTasksRequest{Status: Ptr(StatusInProgress), Priority: Ptr(Priority2)})
	if err != nil {
		t.Fatal(err)
	}
	if want := (url.Values{"status": {"in-progress"}, "priority": {"2"}}); !reflect.DeepEqual(query, want) {
		t.Errorf("query = %v, want %v", query, want)
	}
	if len(out) != 2 || out[0].Status != StatusOnHold || out[1].Status.IsKnown() || out[1].Priority != 9 {
		t.Errorf("tasks = %+v", out)
	}
}

// An enum with the same values as another is that type under its own name:
// its constants, IsKnown and values move between the two freely. One of
// the same digits as strings is a type of its own.
func TestEnumTwins(t *testing.T) {
	if reflect.TypeFor[TaskReview]() != reflect.TypeFor[Status]() || reflect.TypeFor[TaskRank]() != reflect.TypeFor[Priority]() {
		t.Error("TaskReview and TaskRank are not Status and Priority")
	}
	if reflect.TypeFor[TaskCode]() == reflect.TypeFor[string]() || !TaskCode1.IsKnown() || TaskCode("4").IsKnown() {
		t.Error("TaskCode is not an open enum of its own")
	}
	var task Task
	in := `{"status":"done","priority":1,"review":"on_hold","rank":2,"code":"3"}`
	if err := json.Unmarshal([]byte(in), &task); err != nil {
		t.Fatal(err)
	}
	if *task.Review != TaskReviewOnHold || !task.Review.IsKnown() || *task.Rank != TaskRank2 || !task.Rank.IsKnown() {
		t.Errorf("review %q rank %d", *task.Review, *task.Rank)
	}
	task.Status, task.Review = *task.Review, Ptr(StatusNew)
	if task.Status != TaskReviewOnHold || *task.Review != TaskReviewNew {
		t.Error("values do not move between the twins")
	}
	in = `{"status":"done","priority":1,"review":"archived","rank":7}`
	if err := json.Unmarshal([]byte(in), &task); err != nil || task.Review.IsKnown() || task.Rank.IsKnown() {
		t.Errorf("unknown values: %v %q %d", err, *task.Review, *task.Rank)
	}
}
