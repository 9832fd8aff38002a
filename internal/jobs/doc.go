// Package jobs runs Marquee's periodic jobs inside `marquee serve`.
//
// ReleaseDay emits "out today" events: a release's day begins at
// different instants around the world (2022-03-15 is "today" in Tokyo
// hours before it is in Los Angeles), so the job runs every few minutes
// and asks, for each time zone a follower lives in, which followed
// releases fall on that zone's current date. Each (release, date, zone)
// is emitted once (the event's dedupe key), so running often, on several
// servers or after a restart never repeats an alert. Time comes from the
// service's injected clock.
package jobs
