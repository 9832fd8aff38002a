package store_test

import (
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

func TestConformanceSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) catalog.Store { return storetest.NewSQLite(t) })
}

func TestConformancePostgres(t *testing.T) {
	storetest.SkipWithoutPostgres(t)
	storetest.Run(t, func(t *testing.T) catalog.Store { return storetest.NewPostgres(t) })
}
