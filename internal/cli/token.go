package cli

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/marquee-film/marquee/internal/app"
)

func runToken(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "token", "create NAME | list | revoke ID")
	db := dbFlag(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	rest := fs.Args()
	if !validTokenArgs(rest) {
		fs.Usage()
		return errUsage
	}
	st, err := openStore(ctx, *db, migrateNew)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := app.New(st, nil, nil)
	switch rest[0] {
	case "create":
		nt, err := svc.CreateToken(ctx, rest[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "Created token %d %q. It is shown only once; keep it secret:\n", nt.Token.ID, nt.Token.Name)
		fmt.Fprintln(env.Stdout, nt.Secret)
		return nil
	case "list":
		toks, err := svc.ListTokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tCREATED\tLAST USED\tSTATE")
		for _, t := range toks {
			state := "active"
			if !t.Active() {
				state = "revoked " + t.RevokedAt.Format(time.DateOnly)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s…\t%s\t%s\t%s\n", t.ID, t.Name, t.Prefix, t.CreatedAt.Format(time.DateOnly), dateOrNever(t.LastUsedAt), state)
		}
		return tw.Flush()
	case "revoke":
		id, err := strconv.ParseInt(rest[1], 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a token ID", rest[1])
		}
		if err := svc.RevokeToken(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "revoked token %d\n", id)
		return nil
	default:
		return errUsage // validTokenArgs has ruled this out
	}
}

func validTokenArgs(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "create", "revoke":
		return len(args) == 2
	case "list":
		return len(args) == 1
	}
	return false
}

func dateOrNever(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Format(time.DateOnly)
}
