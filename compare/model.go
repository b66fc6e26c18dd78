package compare

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/pivot"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/model"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
)

// ModelVersion is the version of the model file format this build reads.
const ModelVersion = 1

// Model is what `newsim train` fits and the binary embeds: the background
// term statistics and one regression per SemEval dimension.
type Model struct {
	Version  int                       `json:"version"`
	Features []string                  `json:"features"`
	Lambda   float64                   `json:"lambda"`
	Pairs    int                       `json:"pairs"`
	Dims     map[string]model.Ensemble `json:"dims"`
	// Langs are the languages with their own intercept and slopes (see
	// design); other languages use the shared part only.
	Langs []string `json:"langs"`
	// Interacted is how many leading features have a per-language slope.
	Interacted int              `json:"interacted"`
	Stats      *represent.Stats `json:"stats"`
	// Data are the fingerprints of the data analysis read when the model
	// was learned (analysis.DataFingerprints); see CheckData.
	Data map[string]string `json:"data,omitempty"`
	// Training describes the labelled pairs the model was fitted on; nil
	// in a model written before newsim recorded it.
	Training *TrainingData `json:"training,omitempty"`

	// SHA256 is the hex SHA-256 of the model file's bytes (as stored,
	// gzip-compressed), set when the model is read; Source is where it was
	// read from: "embedded" or the file's path. Neither is stored.
	SHA256 string `json:"-"`
	Source string `json:"-"`
	// Cross holds one regression per dimension for pairs of two
	// different languages, fitted on the cross-language training pairs
	// alone (their signals come from the pivot layer and are distributed
	// differently), each same-script pair also as its script-blind copy
	// (see scriptBlind); nil when there were fewer than MinCrossPairs of
	// them, and Dims serve every pair. Dims are fitted on same-language
	// pairs only, so cross-language training never moves same-language
	// scores.
	Cross map[string]model.Ensemble `json:"cross,omitempty"`
	// CrossPairs is the number of cross-language pairs Cross was fitted on.
	CrossPairs int `json:"cross_pairs,omitempty"`
	// Dictionaries are the pivot dictionaries installed when the model
	// was trained (pivot.Installed); Differences reports a different set
	// at load time.
	Dictionaries []pivot.Source `json:"dictionaries,omitempty"`
}

// MinCrossPairs is the number of cross-language training pairs needed to
// fit Model.Cross.
const MinCrossPairs = 100

// Differences describes how the pivot dictionaries installed now differ
// from those the model was trained with (nil when they agree): scores of
// cross-language pairs may then differ from the evaluated ones.
func (m *Model) Differences() []string {
	if m.Cross == nil {
		return nil
	}
	return pivot.Differences(m.Dictionaries)
}

// CheckData reports whether the model was learned with the data this
// build analyses with (analysis.DataFingerprints): an error naming each
// data set whose fingerprint differs or that the model does not record.
// A model learned with other data still works, but its features are
// computed differently, so its scores shift: retrain it.
func (m *Model) CheckData() error {
	now := analysis.DataFingerprints()
	var diff []string
	for _, k := range slices.Sorted(maps.Keys(now)) {
		switch had, ok := m.Data[k]; {
		case !ok:
			diff = append(diff, fmt.Sprintf("%s: not recorded in the model, this build has %s", k, now[k]))
		case had != now[k]:
			diff = append(diff, fmt.Sprintf("%s: model %s, this build %s", k, had, now[k]))
		}
	}
	if len(diff) > 0 {
		return fmt.Errorf("model learned with other data than this build analyses with (%s): its scores shift; retrain it with newsim train", strings.Join(diff, "; "))
	}
	return nil
}

// TrainingData describes the pairs file a model was fitted on: its base
// name (not the path, so that the same data gives the same model bytes
// wherever it lies), the hex SHA-256 of its bytes and its size in bytes.
type TrainingData struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// DescribeTrainingData fingerprints the pairs file at path for
// Model.Training. Cost: one read of the file.
func DescribeTrainingData(path string) (*TrainingData, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &TrainingData{File: filepath.Base(path), SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

//go:embed model.json.gz
var embedded []byte

// DefaultModel returns the model embedded in the binary.
func DefaultModel() (*Model, error) {
	m, err := DecodeModel(bytes.NewReader(embedded))
	if m != nil {
		m.Source = "embedded"
	}
	return m, err
}

// MaxModelBytes is the largest model DecodeModel reads, in bytes of JSON
// after decompression (the shipped model is about 1 MiB).
const MaxModelBytes = 256 << 20

// DecodeModel reads a gzip-compressed JSON model as written by Encode and
// validates it as a whole (see Model.Validate), so that a damaged or
// foreign file is refused with the problem named, never used.
func DecodeModel(r io.Reader) (*Model, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if len(raw) > MaxModelBytes {
		return nil, fmt.Errorf("model: more than %d MiB", MaxModelBytes>>20)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("model: not a gzip-compressed model: %w", err)
	}
	lr := &limitedReader{r: zr, n: MaxModelBytes}
	dec := json.NewDecoder(lr)
	var m Model
	if err := dec.Decode(&m); err != nil {
		var re *readError
		if errors.As(err, &re) {
			return nil, fmt.Errorf("model: %w", err)
		}
		return nil, fmt.Errorf("model: %w", article.JSONProblem(err, "byte"))
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		return nil, fmt.Errorf("model: extra data after the model")
	}
	sum := sha256.Sum256(raw)
	m.SHA256 = hex.EncodeToString(sum[:])
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if m.Stats == nil {
		m.Stats = &represent.Stats{}
	}
	for _, dims := range []map[string]model.Ensemble{m.Dims, m.Cross} {
		for d, e := range dims {
			e.Trees.Compile()
			dims[d] = e
		}
	}
	return &m, nil
}

// limitedReader reads at most n bytes of r and then fails with an error
// saying so (io.LimitReader would end the stream as if it were complete).
// Errors of r (damaged compressed data) come as *readError, to tell them
// from errors in the JSON.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, &readError{fmt.Errorf("more than %d MiB uncompressed", MaxModelBytes>>20)}
	}
	if int64(len(p)) > l.n {
		p = p[:l.n+1] // one byte more, to notice the excess
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if err != nil && err != io.EOF {
		err = &readError{fmt.Errorf("compressed data: %w (the file is cut short or damaged)", err)}
	}
	return n, err
}

// readError is a failure to read the model's bytes, not to decode them.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// Validate checks that m fits this build and is whole: the version and
// feature names of this build, a regression for each SemEval dimension
// and no other, distinct language names, every regression sized to the
// design's inputs with trees that are trees (indexes in range, no cycle;
// see model.Ensemble.Validate), and background statistics with no
// negative count and no term in more documents than its language has.
func (m *Model) Validate() error {
	if m.Version != ModelVersion {
		return fmt.Errorf("version %d, this build reads version %d", m.Version, ModelVersion)
	}
	if len(m.Features) != len(FeatureNames) {
		return fmt.Errorf("fitted on %d features, this build computes %d (retrain with newsim train)", len(m.Features), len(FeatureNames))
	}
	for i, f := range m.Features {
		if f != FeatureNames[i] {
			return fmt.Errorf("feature %d is %q, this build computes %q there (retrain with newsim train)", i, f, FeatureNames[i])
		}
	}
	if err := oneEachDimension(m.Dims, ""); err != nil {
		return err
	}
	if m.Interacted < 0 || m.Interacted > len(FeatureNames) {
		return fmt.Errorf("%d interacted features of %d", m.Interacted, len(FeatureNames))
	}
	seen := map[string]bool{}
	for _, l := range m.Langs {
		if l == "" || seen[l] {
			return fmt.Errorf("language list %q has an empty or repeated name", m.Langs)
		}
		seen[l] = true
	}
	width := len(FeatureNames) + len(m.Langs)*(1+m.Interacted)
	for _, d := range slices.Sorted(maps.Keys(m.Dims)) {
		if err := m.Dims[d].Validate(width); err != nil {
			return fmt.Errorf("dimension %s: %w (retrain with newsim train)", d, err)
		}
	}
	if m.Cross != nil {
		if err := oneEachDimension(m.Cross, "cross-language "); err != nil {
			return err
		}
		for _, d := range slices.Sorted(maps.Keys(m.Cross)) {
			if err := m.Cross[d].Validate(len(FeatureNames)); err != nil {
				return fmt.Errorf("cross-language dimension %s: %w (retrain with newsim train)", d, err)
			}
		}
	}
	if m.Stats != nil {
		if err := validStats(m.Stats); err != nil {
			return fmt.Errorf("statistics: %w", err)
		}
	}
	return nil
}

// oneEachDimension checks that dims has a regression for each SemEval
// dimension and no other; kind qualifies the regressions in errors.
func oneEachDimension(dims map[string]model.Ensemble, kind string) error {
	for _, d := range semeval.Dimensions {
		if _, ok := dims[d]; !ok {
			return fmt.Errorf("no %sregression for dimension %q", kind, d)
		}
	}
	for _, d := range slices.Sorted(maps.Keys(dims)) {
		if !slices.Contains(semeval.Dimensions, d) {
			return fmt.Errorf("unknown %sdimension %q", kind, d)
		}
	}
	return nil
}

// validStats checks the document frequencies of s against its document
// counts.
func validStats(s *represent.Stats) error {
	for _, l := range slices.Sorted(maps.Keys(s.Docs)) {
		if s.Docs[l] < 0 {
			return fmt.Errorf("language %q: %d documents", l, s.Docs[l])
		}
	}
	for _, l := range slices.Sorted(maps.Keys(s.DF)) {
		n, ok := s.Docs[l]
		if !ok && len(s.DF[l]) > 0 {
			return fmt.Errorf("language %q has document frequencies but no document count", l)
		}
		for term, df := range s.DF[l] {
			if df < 0 || df > n {
				return fmt.Errorf("language %q: term %q in %d documents of %d", l, term, df, n)
			}
		}
	}
	return nil
}

// LoadModel reads and validates a model file written by Encode. Every
// error names the file.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("model file: %w", err)
	}
	defer f.Close()
	m, err := DecodeModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m.Source = path
	return m, nil
}

// Encode writes m as gzip-compressed JSON. The output is deterministic:
// the same model gives the same bytes.
func (m *Model) Encode(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	b, err := json.Marshal(m) // map keys are sorted by encoding/json
	if err != nil {
		return err
	}
	if _, err := zw.Write(b); err != nil {
		return err
	}
	return zw.Close()
}

// Predict returns the seven scores for a feature vector, each clamped to
// the task's 1–4 scale.
func (m *Model) Predict(f []float64, lang string) semeval.Scores {
	if lang == CrossLang && m.Cross != nil {
		return predictWith(m.Cross, f)
	}
	return predictWith(m.Dims, design(f, lang, m.Langs, m.Interacted))
}

// predictWith predicts the seven scores with dims from their inputs x.
func predictWith(dims map[string]model.Ensemble, x []float64) semeval.Scores {
	v := make([]float64, len(semeval.Dimensions))
	for i, d := range semeval.Dimensions {
		v[i] = clamp(dims[d].Predict(x))
	}
	return semeval.ScoresOf(v)
}

func clamp(x float64) float64 {
	if math.IsNaN(x) {
		return 2.5
	}
	return math.Max(1, math.Min(4, x))
}

// TrainOptions control Train.
type TrainOptions struct {
	// Lambda is the ridge penalty on standardised features.
	Lambda float64
	// Trees configures the boosted trees; TreeWeight is their share of the
	// prediction (0: ridge regression alone).
	Trees      model.TreeOptions
	TreeWeight float64
	// CalibrationFolds is the number of inner folds whose out-of-fold
	// predictions calibrate each dimension's scale (see model.Ensemble).
	CalibrationFolds int
	// MinDF drops terms seen in fewer documents from the shipped
	// statistics (they then weigh as unseen terms).
	MinDF int
}

// DefaultTrainOptions are the options `newsim train` uses.
var DefaultTrainOptions = TrainOptions{Lambda: 10, MinDF: 2, Trees: model.DefaultTreeOptions, TreeWeight: 0.5, CalibrationFolds: 3}

// Labelled is one training example: two analysed articles and the human
// scores.
type Labelled struct {
	A, B *analysis.Doc
	Gold semeval.Scores
}

// FitStats counts the background statistics of the given documents (see
// StatsDocs for which documents of labelled pairs to give).
func FitStats(docs []*analysis.Doc, minDF int) *represent.Stats {
	st := &represent.Stats{}
	for _, d := range docs {
		st.Add(d.Lang, append(d.Terms(), d.TitleTerms...))
	}
	if minDF > 1 {
		st.Prune(minDF)
	}
	return st
}

// StatsDocs returns the documents of pairs the background statistics are
// counted on: both articles of every same-language pair, and the articles
// of cross-language pairs only in languages no same-language pair has
// (machine-translated training texts would otherwise shift the statistics
// of the languages they are written in, and with them same-language
// scores).
func StatsDocs(pairs []Labelled) []*analysis.Doc {
	var docs []*analysis.Doc
	mono := map[string]bool{}
	for _, p := range pairs {
		if p.A.Lang == p.B.Lang {
			docs = append(docs, p.A, p.B)
			mono[p.A.Lang] = true
		}
	}
	for _, p := range pairs {
		if p.A.Lang != p.B.Lang {
			for _, d := range []*analysis.Doc{p.A, p.B} {
				if !mono[d.Lang] {
					docs = append(docs, d)
				}
			}
		}
	}
	return docs
}

// Train fits a model on labelled pairs. stats are the background statistics
// the model will use (see FitStats). Deterministic.
func Train(pairs []Labelled, stats *represent.Stats, opt TrainOptions) (*Model, error) {
	if len(pairs) == 0 {
		return nil, fmt.Errorf("train: no labelled pairs")
	}
	cache := map[*analysis.Doc]*represent.Profile{}
	prof := func(d *analysis.Doc) *represent.Profile {
		if p, ok := cache[d]; ok {
			return p
		}
		p := represent.NewProfile(d, stats)
		cache[d] = p
		return p
	}
	var cross []Labelled
	var same []Labelled
	for _, p := range pairs {
		if p.A.Lang != p.B.Lang {
			cross = append(cross, p)
		} else {
			same = append(same, p)
		}
	}
	if len(cross) < MinCrossPairs || len(same) == 0 {
		same, cross = pairs, nil
	}
	m := &Model{Version: ModelVersion, Features: append([]string(nil), FeatureNames...), Lambda: opt.Lambda, Pairs: len(pairs), Dims: map[string]model.Ensemble{}, Stats: stats, Interacted: InteractedFeatures, Data: analysis.DataFingerprints()}
	if err := m.fit(same, prof, opt); err != nil {
		return nil, err
	}
	if cross != nil {
		m.CrossPairs = len(cross)
		m.Dictionaries = pivot.Installed()
		m.Cross = map[string]model.Ensemble{}
		var x [][]float64
		var rows []Labelled
		for _, p := range cross {
			f := Features(prof(p.A), prof(p.B))
			x = append(x, f)
			rows = append(rows, p)
			if f[sameScriptFeature] == 1 {
				x = append(x, scriptBlind(f))
				rows = append(rows, p)
			}
		}
		if err := fitDims(m.Cross, x, rows, opt, "cross-language "); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// fit fits m.Dims, with per-language intercepts and slopes, on pairs.
func (m *Model) fit(pairs []Labelled, prof func(*analysis.Doc) *represent.Profile, opt TrainOptions) error {
	x := make([][]float64, len(pairs))
	count := map[string]int{}
	for _, p := range pairs {
		count[pairLang(p.A, p.B)]++
	}
	for _, l := range slices.Sorted(maps.Keys(count)) {
		if count[l] >= MinLangPairs {
			m.Langs = append(m.Langs, l)
		}
	}
	for i, p := range pairs {
		x[i] = design(Features(prof(p.A), prof(p.B)), pairLang(p.A, p.B), m.Langs, m.Interacted)
	}
	return fitDims(m.Dims, x, pairs, opt, "")
}

// fitDims fits one ensemble per dimension on the rows x of pairs into dims.
func fitDims(dims map[string]model.Ensemble, x [][]float64, pairs []Labelled, opt TrainOptions, kind string) error {
	for k, d := range semeval.Dimensions {
		y := make([]float64, len(pairs))
		for i, p := range pairs {
			y[i] = p.Gold.Values()[k]
		}
		lin, err := model.FitEnsemble(x, y, model.EnsembleOptions{Lambda: opt.Lambda, Trees: opt.Trees, TreeWeight: opt.TreeWeight, CalibrationFolds: opt.CalibrationFolds})
		if err != nil {
			return fmt.Errorf("train %s%s: %w", kind, d, err)
		}
		dims[d] = lin
	}
	return nil
}

// MinLangPairs is the number of training pairs a language needs to get
// its own intercept and slopes.
const MinLangPairs = 40

// InteractedFeatures is how many leading features of FeatureNames get a
// per-language slope.
const InteractedFeatures = 1

// CrossLang is the language key of every pair of two different
// languages: they share one intercept and slopes, learned from all the
// cross-language training pairs, so that language pairs without training
// pairs (de-en, ar-en) get them too.
const CrossLang = "xx"

// pairLang is the language key of a pair: "ar", or CrossLang across
// languages.
func pairLang(a, b *analysis.Doc) string {
	if a.Lang == b.Lang {
		return a.Lang
	}
	return CrossLang
}

// design expands the pair features f with, for each of langs, an indicator
// of the pair's language and its products with the first
// k features, so that each well-represented language gets
// its own intercept and slopes (shrunk towards the shared ones by the
// ridge penalty).
func design(f []float64, lang string, langs []string, k int) []float64 {
	x := make([]float64, len(f), len(f)+len(langs)*(1+k))
	copy(x, f)
	for _, l := range langs {
		if l != lang {
			x = append(x, make([]float64, 1+k)...)
			continue
		}
		x = append(x, 1)
		x = append(x, f[:k]...)
	}
	return x
}
