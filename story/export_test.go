package story

// Test helpers shared with the external tests (package story_test) that
// run the clusterer on the real SQLite store.
var (
	TestComparer = testComparer
	SeedDocs     = seedDocs
	T0           = t0
)
