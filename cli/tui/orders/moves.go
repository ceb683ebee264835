package orders

import (
	"charm.land/bubbles/v2/key"

	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// move is one status change. Which changes an order may make is the
// server's to say (Order.AllowedTransitions); this screen keeps no copy of
// the lifecycle, only a key and a label per target status.
type move struct {
	to sdk.OrderStatus
	// ask, when set, is the question asked before moving (with the order's
	// reference and customer), answered with an optional note.
	ask string
}

// MoveKeys are the keys of the status changes, one per target status.
type MoveKeys struct {
	Pay, Prepare, Ready, Deliver, Cancel, Reject key.Binding
}

func defaultMoveKeys() MoveKeys {
	b := session.Bind
	return MoveKeys{
		Pay: b("p", "pagado", "p"), Prepare: b("e", "preparar", "e"), Ready: b("l", "listo", "l"),
		Deliver: b("d", "entregado", "d"), Cancel: b("c", "cancelar", "c"), Reject: b("x", "rechazar pago", "x"),
	}
}

// moves pairs each key with its status change, in the order the help bar
// shows them.
func (k *MoveKeys) moves() []struct {
	key *key.Binding
	mv  move
} {
	return []struct {
		key *key.Binding
		mv  move
	}{
		{&k.Pay, move{to: sdk.OrderStatusPaid}},
		{&k.Prepare, move{to: sdk.OrderStatusInPreparation}},
		{&k.Ready, move{to: sdk.OrderStatusReady}},
		{&k.Deliver, move{to: sdk.OrderStatusDelivered}},
		{&k.Cancel, move{to: sdk.OrderStatusCanceled, ask: "¿Cancelar el pedido %s de %s?"}},
		{&k.Reject, move{to: sdk.OrderStatusRejected, ask: "¿Rechazar el pago del pedido %s de %s?"}},
	}
}

// payLabel says what moving o to paid means: for a transfer, that staff saw
// the money arrive; for a card, that they record a payment the gateway did
// not report.
func payLabel(o sdk.Order) (help, note string) {
	if o.PaymentMethod == sdk.Card {
		return "marcar pago con tarjeta", "Pago con tarjeta registrado desde la terminal"
	}
	return "confirmar transferencia", "Transferencia confirmada desde la terminal"
}
