package cli

import (
	"context"
	"fmt"

	"github.com/marquee-film/marquee/internal/store"
)

// schemaPolicy says what opening a database may do to its schema.
type schemaPolicy int

const (
	// requireCurrent refuses a database whose schema is not this build's.
	requireCurrent schemaPolicy = iota
	// migrateNew creates the schema of an empty database, and refuses an
	// older or newer one.
	migrateNew
	// migrateAny brings any older schema up to date.
	migrateAny
)

// openStore opens the database at dsn and checks (or migrates) its schema.
func openStore(ctx context.Context, dsn string, policy schemaPolicy) (*store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	current, latest, err := st.SchemaVersion(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if (policy == migrateNew && current == 0) || (policy == migrateAny && current < latest) {
		if err := st.Migrate(ctx); err != nil {
			st.Close()
			return nil, fmt.Errorf("migrating the database: %w", err)
		}
	}
	if err := st.CheckSchema(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
