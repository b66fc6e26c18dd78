package analysis

import "github.com/newsim/newsim/analysis/entity"

// DataFingerprints names, by a fingerprint of its content, every data set
// analysis reads that changes its output and so the features a model is
// learned from: today the GeoNames city names embedded in analysis/entity
// ("geonames"). Everything else analysis uses is compiled in from Go
// source or modules pinned in go.mod. A model records these
// (compare.Model.Data) so that a model learned with other data is noticed.
// Cost: loads the gazetteer on first use (see entity.GazetteerStatus).
func DataFingerprints() map[string]string {
	return map[string]string{"geonames": entity.GazetteerFingerprint()}
}
