package corpus

// allowance is how many recorded requests and responses of one spec may
// fail validation, and why: each is a defect of the spec itself, never of
// the SDK. A spec not listed must validate cleanly.
type allowance struct {
	requests, responses int
	reason              string
}

var allowedFailures = map[string]allowance{}

// knownFailures are conformance cases (regular expressions over the case
// name) expected to fail per package, each for a reason outside this test.
var knownFailures = map[string][]string{}
