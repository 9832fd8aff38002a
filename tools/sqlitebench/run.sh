#!/usr/bin/env bash
# Runs the SQLite driver benchmarks interleaved: ROUNDS rounds, each running
# every driver's test binary once (-benchtime=1x), with the driver order
# rotated each round so that slow drift of a shared machine does not favour
# whichever driver happens to run first. Raw `go test` output goes to stdout
# (benchstat-compatible); summarise it with `go run ./cmd/summary FILE`.
#
# Usage: ./run.sh [ROUNDS] > results.txt
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-5}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
drivers=(modernc mattn ncruces)
for d in "${drivers[@]}"; do
	go test -c -o "$bin/$d.test" "./$d"
done
n=${#drivers[@]}
for ((r = 0; r < rounds; r++)); do
	for ((i = 0; i < n; i++)); do
		d=${drivers[$(((r + i) % n))]}
		(cd "$bin" && "./$d.test" -test.run '^TestConfig$' -test.bench . -test.benchtime 1x -test.count 1)
	done
done
