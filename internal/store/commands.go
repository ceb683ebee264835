package store

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/event"
)

// commandCounts counts the commands the driver sends, by name (find,
// update, insert…) and collection, and the time they took. Each one is a
// round trip, and on the embedded database a round trip is most of a
// request's cost, so operators and benchmarks read the counts and times to
// see what a request really costs and where it waits.
type commandCounts struct {
	m        sync.Map // Command → *commandTotals
	inFlight sync.Map // request id → *commandTotals, from start to finish
}

type commandTotals struct {
	n     atomic.Int64
	nanos atomic.Int64
}

func (c *commandCounts) monitor() *event.CommandMonitor {
	finish := func(id int64, d time.Duration) {
		if t, ok := c.inFlight.LoadAndDelete(id); ok {
			t.(*commandTotals).nanos.Add(int64(d))
		}
	}
	return &event.CommandMonitor{
		Started: func(_ context.Context, e *event.CommandStartedEvent) {
			k := Command{Name: e.CommandName}
			// A command's first element names it, and its value is the
			// collection for those that have one.
			if v, err := e.Command.Index(0).ValueErr(); err == nil {
				k.Collection, _ = v.StringValueOK()
			}
			t, ok := c.m.Load(k)
			if !ok {
				t, _ = c.m.LoadOrStore(k, new(commandTotals))
			}
			t.(*commandTotals).n.Add(1)
			c.inFlight.Store(e.RequestID, t)
		},
		Succeeded: func(_ context.Context, e *event.CommandSucceededEvent) { finish(e.RequestID, e.Duration) },
		Failed:    func(_ context.Context, e *event.CommandFailedEvent) { finish(e.RequestID, e.Duration) },
	}
}

// Command is one kind of database command: find on orders, insert on carts…
type Command struct{ Name, Collection string }

// CommandStats is how many commands of one kind were sent and the time
// they took, from the driver's send to its reply.
type CommandStats struct {
	Count int64
	Time  time.Duration
}

// Commands returns how many database commands of each kind this store's
// connection has sent since it opened, and their total time.
func (s *Store) Commands() map[Command]CommandStats {
	out := map[Command]CommandStats{}
	if s.commands == nil {
		return out
	}
	s.commands.m.Range(func(k, v any) bool {
		t := v.(*commandTotals)
		out[k.(Command)] = CommandStats{Count: t.n.Load(), Time: time.Duration(t.nanos.Load())}
		return true
	})
	return out
}
