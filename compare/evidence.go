package compare

import (
	"github.com/newsim/newsim/represent"
)

// Evidence explains a comparison.
type Evidence struct {
	// Entities lists people, organisations and other names, each once with
	// every spelling seen on either side.
	Entities []EntityEvidence `json:"entities"`
	// Places lists the places named, likewise.
	Places []EntityEvidence `json:"places"`
	// Dates lists the calendar references of each side.
	Dates DateEvidence `json:"dates"`
	// Aligned are the sentence pairs that say the same thing, best first.
	Aligned []AlignedPair `json:"aligned"`
	// OnlyA and OnlyB are sentences with no counterpart on the other side:
	// facts only one side reports.
	OnlyA []string `json:"only_a"`
	OnlyB []string `json:"only_b"`
	// Framing lists loaded words and phrases each side uses and the other
	// does not.
	Framing FramingEvidence `json:"framing"`
	// Signals are the named pairwise signals the scores were computed from.
	Signals map[string]float64 `json:"signals"`
}

// EntityEvidence is one entity of the pair. In is "both", "a" or "b".
type EntityEvidence struct {
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Variants []string `json:"variants"`
	In       string   `json:"in"`
}

// DateEvidence holds the dates of each side, as written, and the shared
// ones in canonical form.
type DateEvidence struct {
	A      []string `json:"a"`
	B      []string `json:"b"`
	Shared []string `json:"shared"`
}

// AlignedPair is two sentences, one from each side, that say the same
// thing. A and B are the sentence indexes; Similarity is their cosine.
type AlignedPair struct {
	A          int     `json:"a"`
	B          int     `json:"b"`
	TextA      string  `json:"text_a"`
	TextB      string  `json:"text_b"`
	Similarity float64 `json:"similarity"`
}

// FramingEvidence holds the framing phrases found on one side only.
type FramingEvidence struct {
	A []string `json:"a"`
	B []string `json:"b"`
}

func gather(a, b *represent.Profile, f []float64) Evidence {
	ev := Evidence{Signals: map[string]float64{}}
	for i, n := range FeatureNames {
		ev.Signals[n] = f[i]
	}
	return ev
}
