package server

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request
// latency histogram.
var durationBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// Metrics counts HTTP requests by route and status and their latency,
// and writes them in the Prometheus text exposition format. It is safe
// for concurrent use.
type Metrics struct {
	mu       sync.Mutex
	started  time.Time
	requests map[requestKey]uint64
	latency  map[string]*histogram // by route
}

type requestKey struct {
	method, route string
	code          int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	total  uint64
}

// NewMetrics returns empty metrics; started is the process start time.
func NewMetrics(started time.Time) *Metrics {
	return &Metrics{started: started, requests: map[requestKey]uint64{}, latency: map[string]*histogram{}}
}

// Observe records one finished request.
func (m *Metrics) Observe(method, route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{method, route, code}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets))}
		m.latency[route] = h
	}
	s := d.Seconds()
	for i, ub := range durationBuckets {
		if s <= ub {
			h.counts[i]++
			break
		}
	}
	h.sum += s
	h.total++
}

// WriteTo writes every metric in the Prometheus text format.
func (m *Metrics) WriteTo(w io.Writer, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP marquee_http_requests_total HTTP requests served, by method, route pattern and status code.")
	fmt.Fprintln(w, "# TYPE marquee_http_requests_total counter")
	keys := slices.SortedFunc(maps.Keys(m.requests), func(a, b requestKey) int {
		if a.route != b.route {
			return compareStrings(a.route, b.route)
		}
		if a.method != b.method {
			return compareStrings(a.method, b.method)
		}
		return a.code - b.code
	})
	for _, k := range keys {
		fmt.Fprintf(w, "marquee_http_requests_total{method=%q,route=%q,code=\"%d\"} %d\n", k.method, k.route, k.code, m.requests[k])
	}
	fmt.Fprintln(w, "# HELP marquee_http_request_duration_seconds Time to serve HTTP requests, by route pattern.")
	fmt.Fprintln(w, "# TYPE marquee_http_request_duration_seconds histogram")
	for _, route := range slices.Sorted(maps.Keys(m.latency)) {
		h := m.latency[route]
		var cum uint64
		for i, ub := range durationBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "marquee_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", route, strconv.FormatFloat(ub, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "marquee_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", route, h.total)
		fmt.Fprintf(w, "marquee_http_request_duration_seconds_sum{route=%q} %g\n", route, h.sum)
		fmt.Fprintf(w, "marquee_http_request_duration_seconds_count{route=%q} %d\n", route, h.total)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintln(w, "# HELP marquee_goroutines Goroutines that currently exist.")
	fmt.Fprintln(w, "# TYPE marquee_goroutines gauge")
	fmt.Fprintf(w, "marquee_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintln(w, "# HELP marquee_heap_alloc_bytes Bytes of allocated heap objects.")
	fmt.Fprintln(w, "# TYPE marquee_heap_alloc_bytes gauge")
	fmt.Fprintf(w, "marquee_heap_alloc_bytes %d\n", ms.HeapAlloc)
	fmt.Fprintln(w, "# HELP marquee_uptime_seconds Seconds since the server started.")
	fmt.Fprintln(w, "# TYPE marquee_uptime_seconds gauge")
	fmt.Fprintf(w, "marquee_uptime_seconds %g\n", now.Sub(m.started).Seconds())
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Handler serves the metrics.
func (m *Metrics) Handler(now func() time.Time) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.WriteTo(w, now())
	})
}
