// Package entity finds named entities (people, organisations, places) in
// analysed text without a neural model, and folds the spelling variants of
// one name to one key.
package entity

// Kind is the class of an entity.
type Kind string

// The kinds of entity.
const (
	Person Kind = "person"
	Org    Kind = "org"
	Place  Kind = "place"
	Other  Kind = "other"
)

// Entity is one named entity of a document, with every spelling of it seen.
// Key is the spelling-variant key: two entities with the same Key are the
// same entity, across documents and outlets. Name is the most frequent
// spelling. Count is the number of mentions.
type Entity struct {
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Variants []string `json:"variants"`
	Kind     Kind     `json:"kind"`
	Count    int      `json:"count"`
}

// Extract returns the entities of text in language lang (ISO 639-1),
// most mentioned first.
func Extract(lang, text string) []Entity {
	return nil
}
