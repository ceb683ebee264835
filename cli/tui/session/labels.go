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

// PaymentMethodLabel is the Spanish name of a payment method.
func PaymentMethodLabel(m sdk.PaymentMethod) string {
	switch m {
	case sdk.Transfer:
		return "Transferencia"
	case sdk.Card:
		return "Tarjeta"
	}
	return string(m)
}

// PaymentStatusLabel is the Spanish name of a payment's state.
func PaymentStatusLabel(s sdk.PaymentStatus) string {
	switch s {
	case sdk.PaymentStatusPending:
		return "pendiente"
	case sdk.PaymentStatusProcessing:
		return "en proceso"
	case sdk.PaymentStatusSucceeded:
		return "recibido"
	case sdk.PaymentStatusFailed:
		return "fallido"
	case sdk.PaymentStatusCanceled:
		return "anulado"
	}
	return string(s)
}

// ActorLabel says who moved an order, in Spanish.
func ActorLabel(a sdk.OrderActor) string {
	switch a {
	case sdk.OrderActorCustomer:
		return "cliente"
	case sdk.OrderActorAdmin:
		return "administración"
	case sdk.OrderActorSystem:
		return "sistema"
	case sdk.OrderActorPayment:
		return "pasarela de pago"
	}
	return string(a)
}
