package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/marquee-film/marquee/internal/app"
)

// runUser manages local accounts. The password is read from the first
// line of standard input (so it never appears in the process list or
// shell history), or from MARQUEE_USER_PASSWORD when that is set.
func runUser(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "user", "create NAME [--admin] | passwd NAME | list")
	db := dbFlag(fs, env)
	admin := fs.Bool("admin", false, "make the new user an administrator")
	// Flags may come after the subcommand and name: marquee user create ana --admin.
	var positional []string
	rest := args
	for len(rest) > 0 {
		if err := parse(fs, rest); err != nil {
			return err
		}
		rest = fs.Args()
		if len(rest) > 0 {
			positional = append(positional, rest[0])
			rest = rest[1:]
		}
	}
	valid := len(positional) > 0 && (positional[0] == "list" && len(positional) == 1 ||
		(positional[0] == "create" || positional[0] == "passwd") && len(positional) == 2)
	if !valid {
		fs.Usage()
		return errUsage
	}
	st, err := openStore(ctx, *db, migrateNew)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := app.New(st, nil, nil)
	switch positional[0] {
	case "list":
		users, err := svc.ListUsers(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tUSERNAME\tADMIN\tCREATED")
		for _, u := range users {
			fmt.Fprintf(tw, "%d\t%s\t%v\t%s\n", u.ID, u.Username, u.Admin, u.CreatedAt.Format(time.DateOnly))
		}
		return tw.Flush()
	case "create":
		pw, err := readPassword(env)
		if err != nil {
			return err
		}
		u, err := svc.CreateUser(ctx, positional[1], pw, *admin)
		if err != nil {
			return err
		}
		role := "user"
		if u.Admin {
			role = "admin"
		}
		fmt.Fprintf(env.Stdout, "created %s %d %q; sign in at /account/login\n", role, u.ID, u.Username)
		return nil
	default: // passwd
		pw, err := readPassword(env)
		if err != nil {
			return err
		}
		if err := svc.SetPassword(ctx, positional[1], pw); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "changed the password of %q and ended its sessions\n", positional[1])
		return nil
	}
}

func readPassword(env Env) (string, error) {
	if pw := env.Getenv("MARQUEE_USER_PASSWORD"); pw != "" {
		return pw, nil
	}
	fmt.Fprintf(env.Stderr, "Password (at least %d characters), then Enter: ", app.MinPasswordLength)
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password on standard input")
	}
	fmt.Fprintln(env.Stderr)
	return strings.TrimRight(line, "\r\n"), nil
}
