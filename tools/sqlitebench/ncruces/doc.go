// Package ncruces benchmarks github.com/ncruces/go-sqlite3 (pure Go, SQLite's Wasm build translated by wasm2go) with the shared sqlitebench workload.
// The benchmarks are in ncruces_test.go.
package ncruces
