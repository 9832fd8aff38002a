package app

// CatalogVersion returns a number that changes whenever this process
// commits a write to the catalog, for caches of what is read from it
// (see store.Store.Version). ok is false when the store does not count
// its writes; nothing read from it may then be cached.
func (s *Service) CatalogVersion() (version uint64, ok bool) {
	v, ok := s.store.(interface{ Version() uint64 })
	if !ok {
		return 0, false
	}
	return v.Version(), true
}
