package orders

import (
	"slices"

	"charm.land/bubbles/v2/key"

	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// move is the key for one status change. Which changes an order may make is
// the server's to say (Order.AllowedTransitions); this screen keeps no copy
// of the lifecycle, only a key and a label per target status.
type move struct {
	key  string
	to   sdk.OrderStatus
	help string
	// ask, when set, is the question asked before moving (with the order's
	// reference and customer), answered with an optional note.
	ask string
	// note goes into the timeline when the move asks for none.
	note string
}

// moves are the keys of the status changes, in the order the help bar shows
// them.
var moves = []move{
	{key: "p", to: sdk.OrderStatusPaid, help: "confirmar transferencia", note: "Transferencia confirmada desde la terminal"},
	{key: "e", to: sdk.OrderStatusInPreparation, help: "preparar"},
	{key: "l", to: sdk.OrderStatusReady, help: "listo"},
	{key: "d", to: sdk.OrderStatusDelivered, help: "entregado"},
	{key: "c", to: sdk.OrderStatusCanceled, help: "cancelar", ask: "¿Cancelar el pedido %s de %s?"},
	{key: "x", to: sdk.OrderStatusRejected, help: "rechazar pago", ask: "¿Rechazar el pago del pedido %s de %s?"},
}

// allowedMoves are exactly the moves the server allows o to make now.
func allowedMoves(o sdk.Order) []move {
	var out []move
	for _, mv := range moves {
		if slices.Contains(o.AllowedTransitions, mv.to) {
			out = append(out, mv)
		}
	}
	return out
}

func moveFor(k string) (move, bool) {
	for _, mv := range moves {
		if mv.key == k {
			return mv, true
		}
	}
	return move{}, false
}

func moveKeys(o sdk.Order) []key.Binding {
	var out []key.Binding
	for _, mv := range allowedMoves(o) {
		out = append(out, session.Bind(mv.key, mv.help, mv.key))
	}
	return out
}
