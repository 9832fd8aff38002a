package evaluate

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/extract"
)

// ArticleReport is the score of one article.
type ArticleReport struct {
	Name   string
	Report Report
	// Diff lists the facts missed ("- ") and invented ("+ ").
	Diff []string
}

// CorpusReport is the score of a corpus: per article and in total.
type CorpusReport struct {
	Articles []ArticleReport
	Total    Report
}

// HeldOut reports whether a corpus article is in the held-out part: its
// number is divisible by 3. The held-out part is only scored, never
// studied: its errors are not read and no weight is fitted to it, so its
// score says how the extractor does on text it was not shaped by.
func HeldOut(name string) bool {
	n, err := strconv.Atoi(strings.TrimLeft(name, "0"))
	if name != "" && strings.Trim(name, "0") == "" {
		return true // article 000
	}
	return err == nil && n%3 == 0
}

// Part selects corpus articles: all of them, the development part or the
// held-out part (see HeldOut).
type Part string

const (
	PartAll     Part = "all"
	PartDev     Part = "dev"
	PartHeldOut Part = "heldout"
)

// Has reports whether the article named name belongs to the part.
func (p Part) Has(name string) bool {
	switch p {
	case PartDev:
		return !HeldOut(name)
	case PartHeldOut:
		return HeldOut(name)
	}
	return true
}

// Sum adds up the reports of the articles of one part.
func (c *CorpusReport) Sum(p Part) Report {
	total := NewReport()
	for _, a := range c.Articles {
		if p.Has(a.Name) {
			total.Add(a.Report)
		}
	}
	return total
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
		out.Articles = append(out.Articles, ArticleReport{Name: name, Report: rep, Diff: Diff(gold, pred)})
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
