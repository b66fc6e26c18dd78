package story

import "time"

// Options tune the clusterer. The zero value means the defaults.
type Options struct {
	// Window is how far apart in time an article and a story may be for
	// the story to be a candidate: the story's [FirstSeen, LastSeen] must
	// overlap [date − Window, date + Window]. Default 3 days.
	Window time.Duration
	// Threshold is the join decision; zero means the learned default
	// (DefaultThreshold).
	Threshold *Threshold
	// Now gives the time used for articles without a date (their ingest
	// time); default time.Now.
	Now func() time.Time
	// CacheSize is how many member profiles the clusterer keeps in memory,
	// slim (represent.Profile.Slim: vectors and entities, no text);
	// default 16000, enough for the exemplars of the stories of a busy
	// window (see the ingest scale benchmark for the resulting memory).
	CacheSize int
	// Events, when set, is told what each assignment did to stories
	// (created, grew, merged), in order, as it happens — inside the
	// caller's transaction: a caller that may roll back keeps them until
	// its commit (package ingest does).
	Events func(Event)
}

// Event kinds.
const (
	Created = "created" // a new story, with its first article
	Grew    = "grew"    // an article joined an existing story
	Merged  = "merged"  // story Story was merged into story Into
)

// Event is one change to the stories, for subscribers (alerting,
// dashboards): its JSON is what newsim worker publishes on
// newsim.stories.KIND.
type Event struct {
	Kind    string `json:"kind"`
	Story   int64  `json:"story"`
	Into    int64  `json:"into,omitempty"`    // Merged: the surviving story
	Article int64  `json:"article,omitempty"` // Created, Grew: the article assigned
	Size    int    `json:"size"`              // the story's size after the change (Merged: the survivor's)
	Title   string `json:"title"`
}

func (o Options) withDefaults() Options {
	if o.Window == 0 {
		o.Window = 3 * 24 * time.Hour
	}
	if o.Threshold == nil {
		t := DefaultThreshold()
		o.Threshold = &t
	}
	if o.CacheSize <= 0 {
		o.CacheSize = 16000
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
