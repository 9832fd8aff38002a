package importer

// WithChunkBytes returns o cutting its input into chunks of n bytes, so
// that a small test file spans several chunks, batches and commits.
func WithChunkBytes(o Options, n int) Options {
	o.chunkBytes = n
	return o
}
