// Package modernc benchmarks modernc.org/sqlite (pure Go, C translated by ccgo) with the shared sqlitebench workload.
// The benchmarks are in modernc_test.go.
package modernc
