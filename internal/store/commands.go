package store

import (
	"context"
	"sync"
	"sync/atomic"

	"go.mongodb.org/mongo-driver/v2/event"
)

// commandCounts counts the commands the driver sends, by name (find,
// update, insert…) and collection. Each one is a round trip, and on the embedded database
// a round trip is most of a request's cost, so operators and benchmarks
// read the counts to see what a request really costs.
type commandCounts struct {
	m sync.Map // command name → *atomic.Int64
}

func (c *commandCounts) monitor() *event.CommandMonitor {
	return &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		k := Command{Name: e.CommandName}
		// A command's first element names it, and its value is the
		// collection for those that have one.
		if v, err := e.Command.Index(0).ValueErr(); err == nil {
			k.Collection, _ = v.StringValueOK()
		}
		n, ok := c.m.Load(k)
		if !ok {
			n, _ = c.m.LoadOrStore(k, new(atomic.Int64))
		}
		n.(*atomic.Int64).Add(1)
	}}
}

// Command is one kind of database command: find on orders, insert on carts…
type Command struct{ Name, Collection string }

// Commands returns how many database commands of each kind this store's
// connection has sent since it opened.
func (s *Store) Commands() map[Command]int64 {
	out := map[Command]int64{}
	if s.commands == nil {
		return out
	}
	s.commands.m.Range(func(k, v any) bool {
		out[k.(Command)] = v.(*atomic.Int64).Load()
		return true
	})
	return out
}
