package importer

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress shows how far the current file is: on a terminal a bar
// redrawn in place every half second (rows/s, bytes read, ETA), else a
// plain line every few seconds.
type progress struct {
	w        io.Writer
	terminal bool
	every    time.Duration

	mu      sync.Mutex
	cur     *task
	quit    chan struct{}
	stopped bool
	drawn   bool
}

type task struct {
	p     *progress
	name  string
	size  int64
	read  *atomic.Int64
	rows  atomic.Int64
	start time.Time
}

func newProgress(w io.Writer, terminal bool, every time.Duration) *progress {
	p := &progress{w: w, terminal: terminal, every: every, quit: make(chan struct{})}
	if w == nil {
		return p
	}
	tick := every
	if terminal {
		tick = 500 * time.Millisecond
	}
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-p.quit:
				return
			case <-t.C:
				p.draw(false)
			}
		}
	}()
	return p
}

func (p *progress) start(name string, size int64, read *atomic.Int64) *task {
	t := &task{p: p, name: name, size: size, read: read, start: time.Now()}
	p.mu.Lock()
	p.cur = t
	p.mu.Unlock()
	return t
}

func (t *task) done() {
	t.p.draw(true)
	t.p.mu.Lock()
	t.p.cur = nil
	t.p.mu.Unlock()
}

func (p *progress) note(msg string) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, msg)
}

func (p *progress) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.stopped {
		p.stopped = true
		close(p.quit)
	}
}

// draw prints the current task's state; final marks its last line.
func (p *progress) draw(final bool) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.cur
	if t == nil {
		return
	}
	el := time.Since(t.start)
	rows, read := t.rows.Load(), t.read.Load()
	rate := float64(rows) / max(el.Seconds(), 1e-3)
	frac := 0.0
	if t.size > 0 {
		frac = min(1, float64(read)/float64(t.size))
	}
	eta := "?"
	if frac > 0.01 && !final {
		eta = (time.Duration(float64(el)/frac) - el).Round(time.Second).String()
	}
	if final {
		eta = "done in " + el.Round(100*time.Millisecond).String()
	}
	if p.terminal {
		const width = 30
		n := int(frac * width)
		bar := strings.Repeat("=", n) + strings.Repeat(" ", width-n)
		fmt.Fprintf(p.w, "\r%-17s [%s] %3.0f%% %s rows %8s rows/s %s/%s ETA %s\x1b[K",
			t.name, bar, frac*100, count(rows), count(int64(rate)), byteSize(read), byteSize(t.size), eta)
		if final {
			fmt.Fprintln(p.w)
		}
		return
	}
	fmt.Fprintf(p.w, "%s: %.0f%% %d rows, %.0f rows/s, %s of %s read, ETA %s\n",
		t.name, frac*100, rows, rate, byteSize(read), byteSize(t.size), eta)
}

// count writes 1234567 as 1.2M.
func count(n int64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}
