package ncruces

import (
	"fmt"
	"os"
	"testing"

	_ "github.com/ncruces/go-sqlite3/driver"

	"github.com/marquee-film/marquee/tools/sqlitebench"
)

var drv = sqlitebench.Driver{
	Module:  "github.com/ncruces/go-sqlite3",
	Version: "v0.37.0",
	Name:    "sqlite3",
	DSN: func(path string) string {
		return "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	},
}

func TestMain(m *testing.M) {
	if err := sqlitebench.Banner(drv); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func TestConfig(t *testing.T) { sqlitebench.CheckConfig(t, drv) }

func BenchmarkBulkInsert(b *testing.B)         { sqlitebench.BulkInsert(b, drv) }
func BenchmarkSmallTx(b *testing.B)            { sqlitebench.SmallTx(b, drv) }
func BenchmarkPointRead(b *testing.B)          { sqlitebench.PointRead(b, drv) }
func BenchmarkPointReadParallel4(b *testing.B) { sqlitebench.PointReadParallel(b, drv) }
func BenchmarkSlugRead(b *testing.B)           { sqlitebench.SlugRead(b, drv) }
