package app

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/donpalito/donpalitojr/internal/store"
)

// dbCommands exports the store's command counts as
// donpalito_db_commands_total{command,collection} and their time as
// donpalito_db_command_seconds_total: divided by the requests served, they
// say how many round trips each request costs and how long it waits on them.
type dbCommands struct{ s *store.Store }

var (
	dbCommandsDesc = prometheus.NewDesc("donpalito_db_commands_total",
		"Database commands sent, by command name (find, update, insert…) and collection.", []string{"command", "collection"}, nil)
	dbCommandSecondsDesc = prometheus.NewDesc("donpalito_db_command_seconds_total",
		"Time spent waiting for database commands' replies, by command name and collection.", []string{"command", "collection"}, nil)
)

func (d dbCommands) Describe(ch chan<- *prometheus.Desc) {
	ch <- dbCommandsDesc
	ch <- dbCommandSecondsDesc
}

func (d dbCommands) Collect(ch chan<- prometheus.Metric) {
	for c, st := range d.s.Commands() {
		ch <- prometheus.MustNewConstMetric(dbCommandsDesc, prometheus.CounterValue, float64(st.Count), c.Name, c.Collection)
		ch <- prometheus.MustNewConstMetric(dbCommandSecondsDesc, prometheus.CounterValue, st.Time.Seconds(), c.Name, c.Collection)
	}
}
