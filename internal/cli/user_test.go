package cli

import (
	"strings"
	"testing"
)

func TestUserCommand(t *testing.T) {
	db := tempDB(t)
	env := map[string]string{"MARQUEE_DB": db, "MARQUEE_USER_PASSWORD": "correct horse battery"}
	code, out, errOut := run(t, env, "user", "create", "ana", "--admin")
	if code != 0 || !strings.Contains(out, `created admin 1 "ana"`) {
		t.Fatalf("user create: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, env, "user", "create", "ANA"); code != 1 || !strings.Contains(errOut, "taken") {
		t.Errorf("duplicate user: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, map[string]string{"MARQUEE_DB": db, "MARQUEE_USER_PASSWORD": "short"}, "user", "create", "bob"); code != 1 || !strings.Contains(errOut, "at least 10") {
		t.Errorf("short password: %d %q", code, errOut)
	}
	code, out, _ = run(t, env, "user", "list")
	if code != 0 || !strings.Contains(out, "ana") || !strings.Contains(out, "true") {
		t.Errorf("user list: %d %q", code, out)
	}
	if code, out, _ := run(t, env, "user", "passwd", "ana"); code != 0 || !strings.Contains(out, "changed") {
		t.Errorf("user passwd: %d %q", code, out)
	}
	if code, _, _ := run(t, env, "user", "create"); code != 2 {
		t.Errorf("user create without a name: %d", code)
	}
}
