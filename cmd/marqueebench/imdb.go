package main

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// imdbTargets are the targets of an -imdb run: the API's film by ID, for
// one film and for n films spread over the catalog in turn (so that
// most requests read rows the database has not just read), and a
// search.
func imdbTargets(ctx context.Context, dbPath, tmp string, n int) ([]*target, error) {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var films, maxID int64
	if err := db.QueryRowContext(ctx, "SELECT count(*), COALESCE(MAX(id), 0) FROM films").Scan(&films, &maxID); err != nil {
		return nil, err
	}
	if films < 1000 {
		return nil, fmt.Errorf("%s holds %d films; run marquee import imdb into it first", dbPath, films)
	}
	n = max(1, min(n, int(films)))
	step := max(1, maxID/int64(n))
	rows, err := db.QueryContext(ctx, "SELECT id FROM films WHERE id % ? = 0 ORDER BY id LIMIT ?", step, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var paths []string
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		paths = append(paths, "/api/v1/films/"+strconv.FormatInt(id, 10))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no films found in %s", dbPath)
	}
	fmt.Printf("IMDb catalog: %d films; the rotating target cycles through %d of them\n", films, len(paths))
	script, err := rotationScript(tmp, paths)
	if err != nil {
		return nil, err
	}
	return []*target{
		{name: "baseline", path: "/"},
		{name: "api film by id", path: paths[len(paths)/2], target: 0.30},
		{name: fmt.Sprintf("api film by id (%d in turn)", len(paths)), path: paths[0], script: script, target: 0.30},
		{name: "api search", path: "/api/v1/search?q=ghost+hou&kind=film"},
	}, nil
}
