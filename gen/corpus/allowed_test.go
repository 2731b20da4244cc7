package corpus

// allowance is how many recorded requests and responses of one spec may
// fail validation, and why. A spec not listed must validate cleanly.
type allowance struct {
	requests, responses int
	reason              string
}

// allowedFailures: corpusmoovapi and corpusresendapi are triaged spec
// defects. The others are a ratchet at the counts of the first full run
// (their failures not yet triaged into spec defects and SDK bugs): a spec
// may not get worse, and each count should fall to 0 or gain a reason.
// Stripe and Kong, whose documents only recently became readable by the
// validator (circular references), and PagerDuty REST have no count yet.
var allowedFailures = map[string]allowance{
	"corpusmoovapi": {3, 4, "oneOf of objects that require nothing (termsOfService, generatedBy): every object matches both; " +
		"`type: object` beside allOf of a string schema (email, statementDescriptor, payment method IDs): only null is valid"},
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
// name as go test prints it) expected to fail per package. TEMPORARY: the
// all-optional cases below fail on bugs other changes fix (Stripe's
// deepObject and form nesting of arrays of objects, "unsupported nested
// value"; an enum whose first value is empty, GitHub's per=""; and the
// rest not yet triaged); empty this list once those are merged.
var knownFailures = map[string][]string{
	"benchgithub": {
		`repos/get-clones/all_optional`,
		`repos/get-views/all_optional`,
	},
	"benchgithubogenpatched": {
		`repos/get-clones/all_optional`,
		`repos/get-views/all_optional`,
	},
	"benchstripe": {
		`PostBillingPortalConfigurations/all_optional`,
		`PostBillingPortalConfigurationsConfiguration/all_optional`,
		`PostCheckoutSessions/all_optional`,
		`PostCreditNotes/all_optional`,
		`GetCreditNotesPreview/all_optional`,
		`GetCreditNotesPreviewLines/all_optional`,
		`PostCustomers/all_optional`,
		`PostCustomersCustomer/all_optional`,
		`PostCustomersCustomerSubscriptions/all_optional`,
		`PostCustomersCustomerSubscriptionsSubscriptionExposedId/all_optional`,
		`PostInvoiceitems/all_optional`,
		`PostInvoiceitemsInvoiceitem/all_optional`,
		`PostInvoices/all_optional`,
		`GetInvoicesUpcoming/all_optional`,
		`GetInvoicesUpcomingLines/all_optional`,
		`PostInvoicesInvoice/all_optional`,
		`PostIssuingCardholders/all_optional`,
		`PostIssuingCardholdersCardholder/all_optional`,
		`PostIssuingCards/all_optional`,
		`PostIssuingCardsCard/all_optional`,
		`PostOrders/all_optional`,
		`PostOrdersIdReturns/all_optional`,
		`PostPaymentLinks/all_optional`,
		`PostPaymentLinksPaymentLink/all_optional`,
		`PostPlans/all_optional`,
		`PostPrices/all_optional`,
		`PostQuotes/all_optional`,
		`PostQuotesQuote/all_optional`,
		`PostSources/all_optional`,
		`PostSourcesSource/all_optional`,
		`PostSubscriptionSchedules/all_optional`,
		`PostSubscriptionSchedulesSchedule/all_optional`,
		`PostSubscriptions/all_optional`,
		`PostSubscriptionsSubscriptionExposedId/all_optional`,
		`PostTerminalReadersReaderSetReaderDisplay/all_optional`,
	},
	"benchstripe2023": {
		`PostBillingPortalConfigurations/all_optional`,
		`PostBillingPortalConfigurationsConfiguration/all_optional`,
		`PostBillingPortalSessions/all_optional`,
		`PostCheckoutSessions/all_optional`,
		`PostCreditNotes/all_optional`,
		`GetCreditNotesPreview/all_optional`,
		`GetCreditNotesPreviewLines/all_optional`,
		`PostCustomers/all_optional`,
		`PostCustomersCustomer/all_optional`,
		`PostCustomersCustomerSubscriptions/all_optional`,
		`PostCustomersCustomerSubscriptionsSubscriptionExposedId/all_optional`,
		`PostInvoiceitems/all_optional`,
		`PostInvoiceitemsInvoiceitem/all_optional`,
		`PostInvoices/all_optional`,
		`GetInvoicesUpcoming/all_optional`,
		`GetInvoicesUpcomingLines/all_optional`,
		`PostInvoicesInvoice/all_optional`,
		`PostIssuingCardholders/all_optional`,
		`PostIssuingCardholdersCardholder/all_optional`,
		`PostIssuingCards/all_optional`,
		`PostIssuingCardsCard/all_optional`,
		`PostPaymentLinks/all_optional`,
		`PostPaymentLinksPaymentLink/all_optional`,
		`PostPlans/all_optional`,
		`PostPrices/all_optional`,
		`PostPricesPrice/all_optional`,
		`PostProducts/all_optional`,
		`PostProductsId/all_optional`,
		`PostQuotes/all_optional`,
		`PostQuotesQuote/all_optional`,
		`PostSources/all_optional`,
		`PostSourcesSource/all_optional`,
		`PostSubscriptionSchedules/all_optional`,
		`PostSubscriptionSchedulesSchedule/all_optional`,
		`PostSubscriptions/all_optional`,
		`PostSubscriptionsSubscriptionExposedId/all_optional`,
		`PostTaxCalculations/all_optional`,
		`PostTaxTransactionsCreateReversal/all_optional`,
		`PostTerminalReadersReaderSetReaderDisplay/all_optional`,
		`PostTestHelpersIssuingAuthorizationsAuthorizationCapture/all_optional`,
		`PostTestHelpersIssuingTransactionsCreateForceCapture/all_optional`,
		`PostTestHelpersIssuingTransactionsCreateUnlinkedRefund/all_optional`,
	},
	"corpusboxplatform": {
		`get_search/all_optional`,
	},
	"corpusgithubrestapi": {
		`repos/get-clones/all_optional`,
		`repos/get-views/all_optional`,
	},
	"corpusorykratos": {
		`listIdentities/all_optional`,
	},
	"corpuspaypalcheckoutordersv2": {
		`orders\.get/all_optional`,
	},
	"corpussentryapiderefed": {
		`getOrganizationStatsSummary/all_optional`,
		`listOrganizationStatsV2/all_optional`,
		`listOrganizationIssues/all_optional`,
	},
	"corpusswaggerpetstorev3": {
		`updatePet/Form/all_optional`,
		`addPet/Form/all_optional`,
	},
}
