package extract

import "sort"

// sortByLen orders candidate indexes by descending title length, then by
// position.
func sortByLen(order []int, cands []candidate) {
	sort.SliceStable(order, func(i, j int) bool {
		a, b := cands[order[i]], cands[order[j]]
		if len(a.title) != len(b.title) {
			return len(a.title) > len(b.title)
		}
		return a.span.start < b.span.start
	})
}

// sortFilms orders films by their first mention.
func sortFilms(films []*film) {
	sort.SliceStable(films, func(i, j int) bool { return films[i].order < films[j].order })
}

// sortRefs orders film references by position.
func sortRefs(refs []filmRef) {
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].start < refs[j].start })
}
