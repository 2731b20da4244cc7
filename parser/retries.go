package parser

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/sdkgen/sdkgen/model"
)

// x-speakeasy-retries, on the document (the client's default policy) or on
// an operation (that method's own, replacing the document's as a whole):
//
//	x-speakeasy-retries:
//	  strategy: backoff            # or none: no retries
//	  backoff:
//	    initialInterval: 500       # ms: bound of the first wait
//	    maxInterval: 60000         # ms: bound of any wait
//	    maxElapsedTime: 3600000    # ms: no wait past this since the call began
//	    exponent: 1.5              # growth of the bound per retry
//	  statusCodes: [5XX, 429]
//	  retryConnectionErrors: true
//
// A field left out keeps the SDK's default (500ms, 8s, no time limit, 2,
// 408/429/500/502/503/504, connection errors retried), not Speakeasy's.
// The SDK counts retries where Speakeasy only has a time limit, so with
// maxElapsedTime the count is as many retries as the waits' bounds fit in
// it (at most maxDerivedRetries); without it, the default 2.

// defaultRetries is the SDK's DefaultRetryPolicy count, used when the
// extension gives no time limit to derive one from.
const defaultRetries = 2

// maxDerivedRetries bounds the count derived from maxElapsedTime, so tiny
// waits within a long limit do not make a retry storm.
const maxDerivedRetries = 100

// retries reads an x-speakeasy-retries value; nil when there is none or it
// cannot be read (a warning says so).
func (p *parser) retries(exts *orderedmap.Map[string, *yaml.Node], ptr string) *model.Retry {
	n := ext(exts, "x-speakeasy-retries")
	if n == nil {
		return nil
	}
	ptr += "/x-speakeasy-retries"
	pos := p.nodePos(n, ptr)
	if n.Kind == yaml.ScalarNode && n.Value == "false" {
		return &model.Retry{Pos: pos} // retries off
	}
	if n.Kind != yaml.MappingNode {
		p.warnf(pos, "bad-extension", "x-speakeasy-retries is not an object; it is ignored")
		return nil
	}
	r := &model.Retry{Pos: pos}
	var elapsed bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		vptr := ptr + "/" + k
		switch k {
		case "strategy":
			switch v.Value {
			case "backoff":
			case "none":
				return &model.Retry{Pos: pos}
			default:
				p.warnf(p.nodePos(v, vptr), "bad-extension", "x-speakeasy-retries strategy %q is not backoff or none; the extension is ignored", v.Value)
				return nil
			}
		case "backoff":
			if v.Kind != yaml.MappingNode {
				p.warnf(p.nodePos(v, vptr), "bad-extension", "x-speakeasy-retries backoff is not an object; the SDK's default backoff stays")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				bk, bv := v.Content[j].Value, v.Content[j+1]
				bpos := p.nodePos(bv, vptr+"/"+bk)
				f, err := strconv.ParseFloat(bv.Value, 64)
				ok := bv.Kind == yaml.ScalarNode && err == nil && f >= 0 && !math.IsInf(f, 0)
				ms := time.Duration(min(f, float64(math.MaxInt64/int64(time.Millisecond)))) * time.Millisecond
				switch bk {
				case "initialInterval", "maxInterval", "maxElapsedTime":
					if !ok {
						p.warnf(bpos, "bad-extension", "x-speakeasy-retries backoff %s is not a number of milliseconds; the SDK's default stays", bk)
						continue
					}
					switch bk {
					case "initialInterval":
						r.InitialBackoff = ms
					case "maxInterval":
						r.MaxBackoff = ms
					default:
						r.MaxElapsed, elapsed = ms, ms > 0
					}
				case "exponent":
					if !ok || f == 0 {
						p.warnf(bpos, "bad-extension", "x-speakeasy-retries backoff exponent is not a positive number; the SDK's default stays")
						continue
					}
					r.Exponent = f
				}
			}
		case "statusCodes":
			if v.Kind != yaml.SequenceNode {
				p.warnf(p.nodePos(v, vptr), "bad-extension", "x-speakeasy-retries statusCodes is not a list; the SDK's default statuses stay")
				continue
			}
			r.Statuses = []string{}
			for j, c := range v.Content {
				s := strings.ToUpper(strings.TrimSpace(c.Value))
				if c.Kind != yaml.ScalarNode || !retryStatus(s) {
					p.warnf(p.nodePos(c, vptr+"/"+strconv.Itoa(j)), "bad-extension", "x-speakeasy-retries status %q is not a status code (503) or class (5XX); it is left out", c.Value)
					continue
				}
				r.Statuses = append(r.Statuses, s)
			}
		case "retryConnectionErrors":
			switch v.Value {
			case "true":
			case "false":
				r.NoConnectionRetries = true
			default:
				p.warnf(p.nodePos(v, vptr), "bad-extension", "x-speakeasy-retries retryConnectionErrors is not true or false; connection errors are retried")
			}
		}
	}
	r.MaxRetries = defaultRetries
	if elapsed {
		r.MaxRetries = retriesWithin(r)
	}
	return r
}

// retryStatus reports whether s is a status code from 100 to 599 or a
// class (1XX to 5XX).
func retryStatus(s string) bool {
	if len(s) != 3 || s[0] < '1' || s[0] > '5' {
		return false
	}
	if s[1:] == "XX" {
		return true
	}
	_, err := strconv.Atoi(s)
	return err == nil && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

// retriesWithin counts the retries whose waits, each at its bound, fit in
// r.MaxElapsed, with the SDK's defaults for what r leaves out; at least
// one, so a time limit alone never turns retries off.
func retriesWithin(r *model.Retry) int {
	initial, maxWait, exp := r.InitialBackoff, r.MaxBackoff, r.Exponent
	if initial <= 0 {
		initial = 500 * time.Millisecond
	}
	if maxWait <= 0 {
		maxWait = 8 * time.Second
	}
	if exp == 0 {
		exp = 2
	}
	exp = max(exp, 1)
	wait := float64(min(initial, maxWait))
	var total float64
	n := 0
	for n < maxDerivedRetries {
		if total += wait; total > float64(r.MaxElapsed) {
			break
		}
		n++
		wait = min(wait*exp, float64(maxWait))
	}
	return max(n, 1)
}
