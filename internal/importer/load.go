package importer

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/marquee-film/marquee/internal/store"
)

// Loading one file runs three stages, each a function below: a reader
// cuts the stream into chunks of whole lines (readChunks), parsers turn
// chunks into rows in parallel (parseChunks), and one writer commits the
// rows in file order in large batches (fileWriter). loadFile wires them
// and reports.

// parsed is a chunk after parsing.
type parsed struct {
	seq     int
	rows    [][]any
	rejects []store.IMDbReject
	end     int64
	lines   int64
	bytes   int64
	read    int64
}

// loadFile streams one file into the run (or, in a dry run, nowhere).
func loadFile(ctx context.Context, run *store.IMDbRun, name, path string, opts Options, prog *progress) (FileReport, error) {
	fr := FileReport{File: name, Path: path}
	spec := specs[name]
	var skip int64
	if run != nil {
		state, err := run.FileState(ctx, name)
		if err != nil {
			return fr, err
		}
		if state.Status == "done" || state.Status == "failed" {
			fr.Status, fr.Message, fr.IMDbCounts = "skipped", "already "+state.Status+" in the run being resumed", state.Counts
			if state.Status == "failed" {
				fr.Status, fr.Message = "failed", state.Message
			}
			return fr, nil
		}
		skip = state.LinesDone
		fr.IMDbCounts = state.Counts
		if err := run.SetFileState(ctx, name, "loading", ""); err != nil {
			return fr, err
		}
	}
	fail := func(msg string) (FileReport, error) {
		fr.Status, fr.Message = "failed", msg
		if run != nil {
			if err := run.SetFileState(ctx, name, "failed", msg); err != nil {
				return fr, err
			}
		}
		return fr, nil
	}
	var read atomic.Int64
	in, size, err := openData(path, opts.MaxDecompressed, &read)
	if err != nil {
		return fail(err.Error())
	}
	defer in.Close()
	split := newLineSplitter(in, &read, opts.MaxLine, opts.chunkBytes)
	start := time.Now()
	task := prog.start(name, size, &read)
	defer task.done()

	first, firstErr := split.next()
	if msg := checkHeader(first, firstErr, spec, name); msg != "" {
		return fail(msg)
	}
	first.lines, first.nums = first.lines[1:], first.nums[1:]

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan *chunk, opts.Workers*2)
	var readErr error
	go func() {
		defer close(chunks)
		readErr = readChunks(ctx, split, first, firstErr, chunks)
	}()
	results := make(chan *parsed, opts.Workers*2)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Go(func() { parseChunks(ctx, spec, skip, opts.MaxLine, chunks, results) })
	}
	go func() { wg.Wait(); close(results) }()

	w := &fileWriter{ctx: ctx, run: run, name: name, twoPart: len(store.IMDbTables[name].Key) == 2,
		fr: &fr, rate: newThroughput(start, size)}
	for p := range inFileOrder(results) {
		w.add(p)
		task.rows.Add(p.lines)
		if len(w.batch) >= opts.BatchRows {
			if err := w.flush(); err != nil {
				cancel()
				for range results {
				}
				return fr, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return fr, err
	}
	if err := w.flush(); err != nil {
		return fr, err
	}
	fr.Elapsed = time.Since(start)
	fr.FirstTenthRate, fr.LastTenthRate = w.rate.rates()
	if readErr != nil {
		return fail(describeReadError(readErr, w.batchEnd))
	}
	fr.Status = "done"
	if fr.Lines == 0 && skip == 0 {
		fr.Message = "header only: no rows"
	}
	if run != nil {
		if err := run.SetFileState(ctx, name, "done", fr.Message); err != nil {
			return fr, err
		}
	}
	return fr, nil
}

// checkHeader returns why the first chunk of a file (and the error that
// came with it) cannot start a file of spec, or "".
func checkHeader(first *chunk, err error, spec *fileSpec, name string) string {
	if first == nil || (len(first.lines) == 0 && len(first.long) == 0) {
		if err != nil && err != io.EOF {
			return describeReadError(err, 0)
		}
		return "the file is empty (no header line)"
	}
	if len(first.nums) == 0 || first.nums[0] != 1 {
		return "the header line is longer than the line limit"
	}
	if got := string(first.lines[0]); got != strings.Join(spec.header, "\t") {
		return fmt.Sprintf("wrong header %q; want %q (is this %s?)", truncate(got, 200), strings.Join(spec.header, "\t"), name)
	}
	return ""
}

// readChunks sends first and then every further chunk of split to
// chunks until the stream ends (nil) or fails (the error), or ctx ends.
func readChunks(ctx context.Context, split *lineSplitter, first *chunk, firstErr error, chunks chan<- *chunk) error {
	c, err := first, firstErr
	for {
		if c != nil {
			select {
			case chunks <- c:
			case <-ctx.Done():
				return nil
			}
		}
		if err != nil {
			if err != io.EOF {
				return err
			}
			return nil
		}
		c, err = split.next()
	}
}

// parseChunks parses each chunk's lines after line skip (those a resumed
// run already has) into rows or rejects, until chunks closes or ctx ends.
func parseChunks(ctx context.Context, spec *fileSpec, skip int64, maxLine int, chunks <-chan *chunk, results chan<- *parsed) {
	rp := newRowParser(spec)
	for c := range chunks {
		rp.setChunk(c.data, len(c.lines))
		p := &parsed{seq: c.seq, end: c.end, bytes: c.bytes, read: c.read, rows: make([][]any, 0, len(c.lines))}
		for _, n := range c.long {
			if n > skip {
				p.rejects = append(p.rejects, store.IMDbReject{Line: n, Reason: fmt.Sprintf("line is longer than %d bytes", maxLine)})
			}
		}
		for i, line := range c.lines {
			if c.nums[i] <= skip {
				continue
			}
			p.lines++
			row, reason := rp.parse(line)
			if reason != "" {
				p.rejects = append(p.rejects, store.IMDbReject{Line: c.nums[i], Reason: reason, Content: rejectContent(line)})
				continue
			}
			p.rows = append(p.rows, row)
		}
		select {
		case results <- p:
		case <-ctx.Done():
			return
		}
	}
}

// inFileOrder yields the parsed chunks of results in file order (by
// sequence number), holding back those that arrive early.
func inFileOrder(results <-chan *parsed) func(yield func(*parsed) bool) {
	return func(yield func(*parsed) bool) {
		pending := map[int]*parsed{}
		next := 0
		for p := range results {
			pending[p.seq] = p
			for {
				q, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if !yield(q) {
					return
				}
			}
		}
	}
}

// fileWriter gathers parsed chunks into batches and commits them (in a
// dry run, only counts them), keeping the file's report.
type fileWriter struct {
	ctx      context.Context
	run      *store.IMDbRun // nil in a dry run
	name     string
	twoPart  bool // the table's key has two columns
	fr       *FileReport
	rate     *throughput
	batch    [][]any
	rejects  []store.IMDbReject
	batchEnd int64 // the last line the batch completes
	// batchLines and batchRead mark the batch for the throughput: its
	// lines, and how far into the compressed file it reaches.
	batchLines, batchRead int64
}

// add appends a parsed chunk to the batch.
func (w *fileWriter) add(q *parsed) {
	w.batch = append(w.batch, q.rows...)
	w.rejects = append(w.rejects, q.rejects...)
	if w.run == nil {
		w.fr.Rejected += int64(len(q.rejects))
		w.fr.Inserted += int64(len(q.rows))
	}
	w.batchEnd = max(w.batchEnd, q.end)
	w.fr.Lines += q.lines
	w.fr.Bytes += q.bytes
	w.batchLines += q.lines
	w.batchRead = max(w.batchRead, q.read)
}

// flush commits the batch with its rejects and the line it completes.
func (w *fileWriter) flush() error {
	if w.run != nil && (len(w.batch) > 0 || len(w.rejects) > 0) {
		batch, extra := dedupe(w.batch, w.twoPart)
		c, err := w.run.WriteBatch(w.ctx, w.name, batch, append(w.rejects, extra...), w.batchEnd)
		if err != nil {
			return err
		}
		w.fr.IMDbCounts.Add(c)
	}
	w.batch, w.rejects = w.batch[:0], w.rejects[:0]
	w.rate.mark(w.batchLines, w.batchRead)
	w.batchLines = 0
	return nil
}

// throughput times a file's first and last tenths (by compressed bytes
// read) at each commit, so that a slowdown as tables grow shows.
type throughput struct {
	start, lastTenthStart, lastTenthAt             time.Time
	size                                           int64
	committed, firstTenthRows, lastTenthRows, base int64
	firstTenthAt                                   time.Duration
}

func newThroughput(start time.Time, size int64) *throughput {
	return &throughput{start: start, lastTenthStart: start, lastTenthAt: start, size: size}
}

// mark records a commit of lines rows that reached read bytes into the
// file.
func (t *throughput) mark(lines, read int64) {
	t.committed += lines
	if t.size <= 0 {
		return
	}
	now := time.Now()
	if read <= t.size/10 || t.firstTenthAt == 0 {
		t.firstTenthRows, t.firstTenthAt = t.committed, now.Sub(t.start)
	}
	if read < t.size-t.size/10 {
		// The last tenth is timed from the last commit before it.
		t.lastTenthStart, t.base = now, t.committed
	}
	t.lastTenthRows, t.lastTenthAt = t.committed-t.base, now
}

// rates returns the rows per second of the first and the last tenth (0
// when unmeasured).
func (t *throughput) rates() (first, last float64) {
	if t.firstTenthAt > 0 {
		first = float64(t.firstTenthRows) / t.firstTenthAt.Seconds()
	}
	if t.lastTenthRows > 0 && t.lastTenthAt.After(t.lastTenthStart) {
		last = float64(t.lastTenthRows) / t.lastTenthAt.Sub(t.lastTenthStart).Seconds()
	}
	return first, last
}
