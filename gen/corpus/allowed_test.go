package corpus

// allowance is how many recorded requests and responses of one spec may
// fail validation, and why. A spec not listed must validate cleanly.
type allowance struct {
	requests, responses int
	reason              string
}

// allowedFailures: entries with a reason are triaged spec (or validator)
// defects. "not yet triaged" entries are a ratchet at the counts of the
// first full run: a spec may not get worse, and each count should fall to
// 0 or gain a reason.
var allowedFailures = map[string]allowance{
	"corpusmoovapi": {3, 4, "oneOf of objects that require nothing (termsOfService, generatedBy): every object matches both; " +
		"`type: object` beside allOf of a string schema (email, statementDescriptor, payment method IDs): only null is valid"},
	"benchstripe":                  {4, 4, "validator: it reads a deepObject array of objects (lines[0][amount]=…) as scalars; Stripe and the SDK write it so"},
	"benchstripe2023":              {4, 4, "validator: it reads a deepObject array of objects (lines[0][amount]=…) as scalars; Stripe and the SDK write it so"},
	"corpuskongkonnect":            {226, 710, "an OpenAPI 3.1 document using the 3.0 `nullable` keyword: its schemas do not compile"},
	"corpuspagerdutyrest":          {557, 68, "not yet triaged; first: Content-Type declared as a required header parameter"},
	"corpusresendapi":              {0, 16, "an OpenAPI 3.1 document using the 3.0 `nullable` keyword: its schemas do not compile"},
	"benchgithub":                  {9, 34, "not yet triaged"},
	"benchgithubogenpatched":       {9, 32, "not yet triaged"},
	"corpus2chimageboard":          {0, 2, "not yet triaged"},
	"corpusadyenbalanceplatformv2": {1, 2, "not yet triaged"},
	"corpusadyencheckoutv72":       {1, 2, "not yet triaged"},
	"corpusapachesuperset":         {17, 2, "not yet triaged"},
	"corpusasanaapi":               {195, 494, "not yet triaged"},
	"corpusboxplatform":            {8, 84, "not yet triaged"},
	"corpusclerkbackendapi":        {0, 22, "not yet triaged"},
	"corpusclerkfrontendapi":       {0, 324, "not yet triaged"},
	"corpuscriblapi":               {6, 16, "not yet triaged"},
	"corpusgithubrestapi":          {9, 32, "not yet triaged"},
	"corpusgrafanatempo":           {0, 6, "not yet triaged"},
	"corpuslaunchdarklyapi":        {8, 26, "not yet triaged"},
	"corpusmeilisearchapi":         {0, 20, "not yet triaged"},
	"corpusoailinkexample":         {2, 2, "not yet triaged"},
	"corpusopenrouterapi":          {5, 4, "not yet triaged"},
	"corpusoryhydra":               {6, 12, "not yet triaged"},
	"corpusorykratos":              {12, 2, "not yet triaged"},
	"corpussentryapiderefed":       {14, 0, "not yet triaged"},
	"corpustelegrambotapi":         {6, 6, "not yet triaged"},
	"corpustemporalapiv3":          {8, 8, "not yet triaged"},
	"corpustinkoffinvest":          {2, 0, "not yet triaged"},
	"lichessapi":                   {20, 72, "not yet triaged"},
}

// knownFailures are conformance cases (regular expressions over the case
// name as go test prints it) expected to fail, per package: a place to
// hold a failure while its fix lands, kept empty otherwise.
var knownFailures = map[string][]string{}
