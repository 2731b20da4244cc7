package gen

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/model"
	"github.com/sdkgen/sdkgen/templates/core"
)

// runtimeRetry is the runtime policy a spec's retry policy stands for;
// nil stands for the SDK's default.
func runtimeRetry(r *model.Retry) core.RetryPolicy {
	if r == nil {
		return core.DefaultRetryPolicy()
	}
	return core.RetryPolicy{
		MaxRetries:          r.MaxRetries,
		InitialBackoff:      r.InitialBackoff,
		MaxBackoff:          r.MaxBackoff,
		Exponent:            r.Exponent,
		MaxElapsed:          r.MaxElapsed,
		Statuses:            r.Statuses,
		NoConnectionRetries: r.NoConnectionRetries,
	}
}

// retryLiteral writes a spec's retry policy as a core.RetryPolicy value,
// fields at their zero value left out:
//
//	core.RetryPolicy{MaxRetries: 3, InitialBackoff: 100 * time.Millisecond, Statuses: []string{"5XX"}}
func (g *gen) retryLiteral(r *model.Retry) *jen.Statement {
	var d []jen.Code
	kv := func(k string, v jen.Code) {
		d = append(d, jen.Line().Id(k).Op(":").Add(v))
	}
	if r.MaxRetries != 0 {
		kv("MaxRetries", jen.Lit(r.MaxRetries))
	}
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"InitialBackoff", r.InitialBackoff}, {"MaxBackoff", r.MaxBackoff}} {
		if f.d != 0 {
			kv(f.name, durationLiteral(f.d))
		}
	}
	if r.Exponent != 0 {
		kv("Exponent", jen.Lit(r.Exponent))
	}
	if r.MaxElapsed != 0 {
		kv("MaxElapsed", durationLiteral(r.MaxElapsed))
	}
	if r.Statuses != nil {
		var ss []jen.Code
		for _, s := range r.Statuses {
			ss = append(ss, jen.Lit(s))
		}
		kv("Statuses", jen.Index().String().Values(ss...))
	}
	if r.NoConnectionRetries {
		kv("NoConnectionRetries", jen.True())
	}
	if len(d) > 0 {
		d = append(d, jen.Line())
	}
	return jen.Qual(g.core, "RetryPolicy").Values(d...)
}

// durationLiteral writes d in the largest unit that divides it: 2 *
// time.Second, 150 * time.Millisecond.
func durationLiteral(d time.Duration) jen.Code {
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}} {
		if d%u.unit == 0 {
			return jen.Lit(int(d/u.unit)).Op("*").Qual("time", u.name)
		}
	}
	return jen.Qual("time", "Duration").Call(jen.Lit(int64(d)))
}

// describeRetry says in words what a policy does, for New's doc comment:
// "retrying failed requests twice with backoff from 500ms up to 8s".
func describeRetry(p core.RetryPolicy) string {
	if p.MaxRetries <= 0 {
		return "without retrying failed requests"
	}
	def := core.DefaultRetryPolicy()
	initial, maxWait := p.InitialBackoff, p.MaxBackoff
	if initial <= 0 {
		initial = def.InitialBackoff
	}
	if maxWait <= 0 {
		maxWait = def.MaxBackoff
	}
	times := map[int]string{1: "once", 2: "twice"}[p.MaxRetries]
	if times == "" {
		times = strconv.Itoa(p.MaxRetries) + " times"
	}
	s := fmt.Sprintf("retrying failed requests %s with backoff from %s up to %s", times, shortDuration(min(initial, maxWait)), shortDuration(maxWait))
	if p.MaxElapsed > 0 {
		s += fmt.Sprintf(" for at most %s", shortDuration(p.MaxElapsed))
	}
	return s
}

// retryStatuses lists the statuses a policy retries, in words: "408, 429
// and 5XX"; "" when it retries none.
func retryStatuses(p core.RetryPolicy) string {
	ss := p.Statuses
	if ss == nil {
		ss = []string{"408", "429", "500", "502", "503", "504"}
	}
	return joinWords(ss)
}

// joinWords joins a list in words: "a", "a and b", "a, b and c".
func joinWords(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

// opRetryText describes an operation's own retry policy for its docs
// page: "" when it has none (the client's applies).
func opRetryText(r *model.Retry) string {
	if r == nil {
		return ""
	}
	p := runtimeRetry(r)
	if p.MaxRetries <= 0 {
		return "The spec turns retries off for this operation (x-speakeasy-retries): a failed call is not retried, unless the caller passes a policy (WithRetryPolicy)."
	}
	s := "This operation has its own retry policy (x-speakeasy-retries): " + describeRetry(p)
	if st := retryStatuses(p); st != "" {
		s += ", on status " + st
	} else {
		s += ", on no status"
	}
	if p.NoConnectionRetries {
		s += "; connection failures are not retried"
	} else {
		s += "; connection failures are retried"
	}
	return s + ". A policy the caller passes (WithRetryPolicy) wins."
}

// shortDuration writes whole seconds as such (60s, not 1m0s).
func shortDuration(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return d.String()
}
