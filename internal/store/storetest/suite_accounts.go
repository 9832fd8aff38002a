package storetest

import (
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// accountCases cover users, sessions, follows, the outbox, notifications,
// channels and deliveries.
func accountCases() []testCase {
	return []testCase{
		{"UsersAndSessions", func(t *testing.T, e *env) {
			u := e.user("Ana")
			_, err := e.s.GetUserByUsername(e.ctx, "ANA")
			e.ok(err, "GetUserByUsername ignores case")
			dup := catalog.User{Username: "ana", PasswordHash: "$2a$x", CreatedAt: at(1), UpdatedAt: at(1)}
			dup.Settings.Normalize()
			e.kind(e.s.CreateUser(e.ctx, &dup), catalog.KindConflict, "a username taken in another case")
			st := catalog.UserSettings{HomeCountry: "GB", TimeZone: "Europe/London", Formats: []catalog.Format{"bluray"}, Delivery: "digest"}
			e.ok(e.s.UpdateSettings(e.ctx, u.ID, st, at(2)), "UpdateSettings")
			got, err := e.s.GetUser(e.ctx, u.ID)
			e.ok(err, "GetUser")
			e.same("settings", st, got.Settings)
			e.ok(e.s.SetFeedToken(e.ctx, u.ID, hash('f'), "mqf_abc", at(3)), "SetFeedToken")
			byFeed, err := e.s.GetUserByFeedHash(e.ctx, hash('f'))
			e.ok(err, "GetUserByFeedHash")
			if byFeed.ID != u.ID || byFeed.FeedPrefix != "mqf_abc" {
				t.Errorf("feed user %+v", byFeed)
			}
			e.ok(e.s.SetFeedToken(e.ctx, u.ID, "", "", at(4)), "remove the feed token")
			_, err = e.s.GetUserByFeedHash(e.ctx, hash('f'))
			e.kind(err, catalog.KindNotFound, "a removed feed token")

			s1 := catalog.Session{UserID: u.ID, Hash: hash('1'), CreatedAt: at(1), ExpiresAt: at(100)}
			s2 := catalog.Session{UserID: u.ID, Hash: hash('2'), CreatedAt: at(1), ExpiresAt: at(100)}
			e.ok(e.s.CreateSession(e.ctx, &s1), "CreateSession")
			e.ok(e.s.CreateSession(e.ctx, &s2), "CreateSession")
			got1, err := e.s.GetSessionByHash(e.ctx, hash('1'))
			e.ok(err, "GetSessionByHash")
			e.same("session", s1, got1)
			e.ok(e.s.DeleteSessionsOfUser(e.ctx, u.ID, hash('1')), "DeleteSessionsOfUser")
			_, err = e.s.GetSessionByHash(e.ctx, hash('2'))
			e.kind(err, catalog.KindNotFound, "an ended session")
			e.ok(e.s.DeleteSession(e.ctx, hash('1')), "DeleteSession")
			_, err = e.s.GetSessionByHash(e.ctx, hash('1'))
			e.kind(err, catalog.KindNotFound, "a signed-out session")

			tok := e.token(catalog.APIToken{Name: "mine", Hash: hash('t'), Prefix: "mqt_x", Scope: "read", UserID: u.ID})
			mine, err := e.s.ListTokensOfUser(e.ctx, u.ID)
			e.ok(err, "ListTokensOfUser")
			if len(mine) != 1 || mine[0].ID != tok.ID || mine[0].UserID != u.ID {
				t.Errorf("tokens of user: %+v", mine)
			}
		}},
		{"Follows", func(t *testing.T, e *env) {
			ana, bob := e.user("ana"), e.user("bob")
			f := e.film(catalog.Film{Title: "Red Rocket", Year: 2021})
			p := e.person(catalog.Person{Name: "Sean Baker"})
			fw := catalog.Follow{UserID: ana.ID, Kind: catalog.FollowFilm, TargetID: f.ID, Formats: []catalog.Format{"bluray"}, Countries: []string{"GB"}, CreatedAt: at(1)}
			e.ok(e.s.CreateFollow(e.ctx, &fw), "CreateFollow")
			if fw.TargetName != "Red Rocket" || fw.TargetSlug != f.Slug {
				t.Errorf("follow target %q %q", fw.TargetName, fw.TargetSlug)
			}
			again := fw
			e.kind(e.s.CreateFollow(e.ctx, &again), catalog.KindConflict, "a duplicate follow")
			missing := catalog.Follow{UserID: ana.ID, Kind: catalog.FollowPerson, TargetID: 999999, CreatedAt: at(1)}
			e.kind(e.s.CreateFollow(e.ctx, &missing), catalog.KindInvalid, "a follow of a missing person")
			pw := catalog.Follow{UserID: bob.ID, Kind: catalog.FollowPerson, TargetID: p.ID, CreatedAt: at(1)}
			e.ok(e.s.CreateFollow(e.ctx, &pw), "CreateFollow person")
			bf := catalog.Follow{UserID: bob.ID, Kind: catalog.FollowFilm, TargetID: f.ID, CreatedAt: at(1)}
			e.ok(e.s.CreateFollow(e.ctx, &bf), "CreateFollow film")

			_, err := e.s.GetFollow(e.ctx, bob.ID, fw.ID)
			e.kind(err, catalog.KindNotFound, "another user's follow")
			e.kind(e.s.DeleteFollow(e.ctx, bob.ID, fw.ID), catalog.KindNotFound, "deleting another user's follow")
			other := fw
			other.UserID = bob.ID
			e.kind(e.s.UpdateFollow(e.ctx, &other), catalog.KindNotFound, "updating another user's follow")

			fs, err := e.s.Followers(e.ctx, catalog.FollowFilm, []int64{f.ID})
			e.ok(err, "Followers")
			if len(fs) != 2 || fs[0].Follow.UserID != ana.ID || fs[0].Follow.Countries[0] != "GB" {
				t.Errorf("followers of the film: %+v", fs)
			}
			byTitle, err := e.s.FilmsByTitle(e.ctx, "RED ROCKET", 2021)
			e.ok(err, "FilmsByTitle")
			if len(byTitle) != 1 || byTitle[0].ID != f.ID {
				t.Errorf("FilmsByTitle: %+v", byTitle)
			}
			if none, err := e.s.FilmsByTitle(e.ctx, "Red Rocket", 2020); err != nil || len(none) != 0 {
				t.Errorf("FilmsByTitle of another year: %+v, %v", none, err)
			}
			zones, err := e.s.FollowedTimeZones(e.ctx)
			e.ok(err, "FollowedTimeZones")
			e.same("time zones", []string{""}, zones)
			e.ok(e.s.DeleteFollow(e.ctx, ana.ID, fw.ID), "DeleteFollow")
			list, err := e.s.ListFollows(e.ctx, ana.ID)
			e.ok(err, "ListFollows")
			if len(list) != 0 {
				t.Errorf("follows after delete: %+v", list)
			}
		}},
		{"OutboxAndDeliveries", func(t *testing.T, e *env) {
			u := e.user("ana")
			ev := catalog.Event{Kind: catalog.EventReleaseDay, FilmID: 0, DedupeKey: "k1", CreatedAt: at(1),
				Payload: catalog.EventPayload{FilmTitle: "Red Rocket", Formats: []catalog.Format{"bluray"}}}
			e.ok(e.s.WithTx(e.ctx, func(q catalog.Queries) error { return q.AddEvent(e.ctx, &ev) }), "AddEvent")
			e.checkID("event", ev.ID)
			dup := ev
			e.ok(e.s.WithTx(e.ctx, func(q catalog.Queries) error { return q.AddEvent(e.ctx, &dup) }), "AddEvent with the same dedupe key")
			if dup.ID != 0 {
				t.Errorf("a duplicate dedupe key made event %d", dup.ID)
			}
			var claimed []catalog.Event
			e.ok(e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				var err error
				claimed, err = q.ClaimEvents(e.ctx, 10)
				if err != nil {
					return err
				}
				for _, c := range claimed {
					n := catalog.Notification{UserID: u.ID, EventID: c.ID, Kind: c.Kind, Title: "t", Body: "b", URL: "/", CreatedAt: at(2)}
					if err := q.CreateNotification(e.ctx, &n); err != nil {
						return err
					}
					n2 := n
					if err := q.CreateNotification(e.ctx, &n2); err != nil || n2.ID != 0 {
						t.Errorf("second notification of an event: id %d, %v", n2.ID, err)
					}
					ch := catalog.Channel{UserID: u.ID, Kind: "webhook", Target: "https://example.com/hook", Secret: "s", Enabled: true, CreatedAt: at(2)}
					if err := q.CreateChannel(e.ctx, &ch); err != nil {
						return err
					}
					d := catalog.Delivery{NotificationID: n.ID, ChannelID: ch.ID, IdempotencyKey: "key-1", Status: catalog.DeliveryPending, NextAttemptAt: at(2), CreatedAt: at(2)}
					if err := q.CreateDelivery(e.ctx, &d); err != nil {
						return err
					}
					if err := q.MarkEventRouted(e.ctx, c.ID, at(2)); err != nil {
						return err
					}
				}
				return nil
			}), "route")
			if len(claimed) != 1 || claimed[0].Payload.FilmTitle != "Red Rocket" || claimed[0].Payload.Formats[0] != "bluray" {
				t.Fatalf("claimed %+v", claimed)
			}
			e.ok(e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				again, err := q.ClaimEvents(e.ctx, 10)
				if len(again) != 0 {
					t.Errorf("routed events claimed again: %+v", again)
				}
				return err
			}), "ClaimEvents")

			jobs, err := e.s.ClaimDeliveries(e.ctx, at(1), at(1).Add(time.Minute), 10)
			e.ok(err, "ClaimDeliveries before due")
			if len(jobs) != 0 {
				t.Errorf("a delivery claimed before it is due: %+v", jobs)
			}
			jobs, err = e.s.ClaimDeliveries(e.ctx, at(3), at(3).Add(time.Minute), 10)
			e.ok(err, "ClaimDeliveries")
			if len(jobs) != 1 || jobs[0].Delivery.Attempts != 1 || jobs[0].Channel.Secret != "s" || jobs[0].User.Username != "ana" || jobs[0].Notification.Title != "t" {
				t.Fatalf("claimed deliveries %+v", jobs)
			}
			leased, err := e.s.ClaimDeliveries(e.ctx, at(3).Add(30*time.Second), at(3).Add(2*time.Minute), 10)
			e.ok(err, "ClaimDeliveries while leased")
			if len(leased) != 0 {
				t.Errorf("a leased delivery claimed again: %+v", leased)
			}
			// The lease runs out without an acknowledgement (a crash): the
			// delivery is claimed again, same key, one more attempt.
			again, err := e.s.ClaimDeliveries(e.ctx, at(3).Add(2*time.Minute), at(3).Add(3*time.Minute), 10)
			e.ok(err, "ClaimDeliveries after the lease")
			if len(again) != 1 || again[0].Delivery.IdempotencyKey != "key-1" || again[0].Delivery.Attempts != 2 {
				t.Fatalf("reclaimed %+v", again)
			}
			e.ok(e.s.FinishDelivery(e.ctx, again[0].Delivery.ID, catalog.DeliveryPending, at(4), "boom", at(3)), "FinishDelivery retry")
			chs, err := e.s.ListChannels(e.ctx, u.ID)
			e.ok(err, "ListChannels")
			if chs[0].LastError != "boom" {
				t.Errorf("channel last error %q", chs[0].LastError)
			}
			e.ok(e.s.FinishDelivery(e.ctx, again[0].Delivery.ID, catalog.DeliveryDelivered, at(4), "", at(4)), "FinishDelivery delivered")
			done, err := e.s.ClaimDeliveries(e.ctx, at(10), at(11), 10)
			e.ok(err, "ClaimDeliveries after delivery")
			if len(done) != 0 {
				t.Errorf("a delivered delivery claimed again")
			}
			ds, err := e.s.ListDeliveries(e.ctx, u.ID, 10)
			e.ok(err, "ListDeliveries")
			if len(ds) != 1 || ds[0].Status != catalog.DeliveryDelivered || ds[0].DeliveredAt.IsZero() {
				t.Errorf("deliveries %+v", ds)
			}
			ns, err := e.s.ListNotifications(e.ctx, u.ID, true, 10)
			e.ok(err, "ListNotifications")
			other := e.user("bob")
			e.kind(e.s.MarkNotificationRead(e.ctx, other.ID, ns[0].ID, at(5)), catalog.KindNotFound, "reading another user's notification")
			e.ok(e.s.MarkNotificationRead(e.ctx, u.ID, ns[0].ID, at(5)), "MarkNotificationRead")
			ns, err = e.s.ListNotifications(e.ctx, u.ID, true, 10)
			e.ok(err, "ListNotifications unread")
			if len(ns) != 0 {
				t.Errorf("unread after reading: %+v", ns)
			}
		}},
	}
}

// user makes a user with a placeholder hash.
func (e *env) user(name string) catalog.User {
	e.t.Helper()
	u := catalog.User{Username: name, PasswordHash: "$2a$10$placeholder", CreatedAt: at(0), UpdatedAt: at(0)}
	u.Settings.Normalize()
	e.ok(e.s.CreateUser(e.ctx, &u), "CreateUser %s", name)
	return u
}
