package session

import "github.com/donpalito/donpalitojr/sdk"

// StatusLabel is the Spanish name of an order status.
func StatusLabel(s sdk.OrderStatus) string {
	switch s {
	case sdk.OrderStatusPending:
		return "Pendiente"
	case sdk.OrderStatusPaid:
		return "Pagado"
	case sdk.OrderStatusInPreparation:
		return "En preparación"
	case sdk.OrderStatusReady:
		return "Listo"
	case sdk.OrderStatusDelivered:
		return "Entregado"
	case sdk.OrderStatusCanceled:
		return "Cancelado"
	case sdk.OrderStatusRejected:
		return "Rechazado"
	}
	return string(s)
}

// OrderStatuses are the statuses in the order an order goes through them.
var OrderStatuses = []sdk.OrderStatus{
	sdk.OrderStatusPending, sdk.OrderStatusPaid, sdk.OrderStatusInPreparation, sdk.OrderStatusReady,
	sdk.OrderStatusDelivered, sdk.OrderStatusCanceled, sdk.OrderStatusRejected,
}
