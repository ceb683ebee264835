package orders

import (
	"charm.land/bubbles/v2/key"

	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// lifecycle mirrors the server's transition table, so that only the moves an
// order can make are offered. The server keeps the last word: a move made
// from a stale status is refused there and its problem shown.
var lifecycle = map[sdk.OrderStatus][]sdk.OrderStatus{
	sdk.OrderStatusPending:       {sdk.OrderStatusPaid, sdk.OrderStatusCanceled, sdk.OrderStatusRejected},
	sdk.OrderStatusPaid:          {sdk.OrderStatusInPreparation, sdk.OrderStatusCanceled},
	sdk.OrderStatusInPreparation: {sdk.OrderStatusReady, sdk.OrderStatusCanceled},
	sdk.OrderStatusReady:         {sdk.OrderStatusDelivered},
}

// move is one status change the staff can make, with its key.
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

// allowedMoves are the moves o can make from its status. Card payments are
// confirmed by the payment provider, so only a transfer is confirmed by hand.
func allowedMoves(o sdk.Order) []move {
	var out []move
	for _, mv := range moves {
		if !canMove(o.Status, mv.to) {
			continue
		}
		if mv.to == sdk.OrderStatusPaid && o.PaymentMethod != sdk.Transfer {
			continue
		}
		out = append(out, mv)
	}
	return out
}

func canMove(from, to sdk.OrderStatus) bool {
	for _, s := range lifecycle[from] {
		if s == to {
			return true
		}
	}
	return false
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
