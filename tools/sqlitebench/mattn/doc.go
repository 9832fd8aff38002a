// Package mattn benchmarks github.com/mattn/go-sqlite3 (cgo, needs a C compiler) with the shared sqlitebench workload.
// The benchmarks are in mattn_test.go.
package mattn
