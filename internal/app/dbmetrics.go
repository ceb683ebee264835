package app

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/donpalito/donpalitojr/internal/store"
)

// dbCommands exports the store's command counts as
// donpalito_db_commands_total{command,collection}: divided by the requests served, it
// says how many round trips each request costs.
type dbCommands struct{ s *store.Store }

var dbCommandsDesc = prometheus.NewDesc("donpalito_db_commands_total",
	"Database commands sent, by command name (find, update, insert…) and collection.", []string{"command", "collection"}, nil)

func (d dbCommands) Describe(ch chan<- *prometheus.Desc) { ch <- dbCommandsDesc }

func (d dbCommands) Collect(ch chan<- prometheus.Metric) {
	for c, n := range d.s.Commands() {
		ch <- prometheus.MustNewConstMetric(dbCommandsDesc, prometheus.CounterValue, float64(n), c.Name, c.Collection)
	}
}
