package story

// Test helpers shared with the external tests (package story_test) that
// run the clusterer on the real SQLite store.
var (
	TestComparer = testComparer
	SeedDocs     = seedDocs
	DevExamples  = devExamples
	UniqueDocs   = uniqueDocs
	T0           = t0
	BenchAssign  = benchAssign
)
