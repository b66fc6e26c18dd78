package story

import (
	"context"
	"errors"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/represent"
)

func (cl *Clusterer) assign(ctx context.Context, st Store, articleID int64, doc *analysis.Doc, p *represent.Profile) (int64, error) {
	return 0, errors.New("story: not implemented yet")
}
