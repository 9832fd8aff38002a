package evaluate

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/marquee-film/marquee/internal/extract"
)

// ArticleReport is the score of one article.
type ArticleReport struct {
	Name   string
	Report Report
}

// CorpusReport is the score of a corpus: per article and in total.
type CorpusReport struct {
	Articles []ArticleReport
	Total    Report
}

// RunCorpus extracts every DIR/articles/NAME.txt with x and scores it
// against DIR/labels/NAME.json. Articles without labels are skipped.
func RunCorpus(dir string, x *extract.Extractor) (*CorpusReport, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "articles", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("evaluate: no articles in %s", filepath.Join(dir, "articles"))
	}
	sort.Strings(paths)
	out := &CorpusReport{Total: NewReport()}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		gold, err := readLabels(filepath.Join(dir, "labels", name+".json"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		pred, err := predict(x, p)
		if err != nil {
			return nil, fmt.Errorf("evaluate: %s: %w", name, err)
		}
		rep := Score(gold, pred)
		out.Articles = append(out.Articles, ArticleReport{Name: name, Report: rep})
		out.Total.Add(rep)
	}
	return out, nil
}

func readLabels(path string) (extract.Labels, error) {
	var l extract.Labels
	b, err := os.ReadFile(path)
	if err != nil {
		return l, err
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return l, fmt.Errorf("evaluate: %s: %w", path, err)
	}
	return l, nil
}

func predict(x *extract.Extractor, path string) (extract.Labels, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return extract.Labels{}, err
	}
	res, err := x.Extract(b, extract.Options{})
	if err != nil {
		return extract.Labels{}, err
	}
	return extract.ToLabels(res), nil
}

// WriteTable prints precision, recall and F1 per fact type and the
// micro-average.
func WriteTable(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s %5s %5s %5s  %6s %6s %6s\n", "type", "tp", "fp", "fn", "P", "R", "F1")
	row := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-12s %5d %5d %5d  %6.3f %6.3f %6.3f\n", name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	for _, t := range FactTypes {
		row(t, r.ByType[t])
	}
	row("micro", r.Micro())
	_, err := io.WriteString(w, b.String())
	return err
}
