package order

// Label is the status as the shop's Spanish screens and documents say it.
func (s Status) Label() string {
	switch s {
	case Pending:
		return "Pendiente"
	case Paid:
		return "Pagado"
	case InPreparation:
		return "En preparación"
	case Ready:
		return "Listo para entrega"
	case Delivered:
		return "Entregado"
	case Canceled:
		return "Cancelado"
	case Rejected:
		return "Rechazado"
	}
	return string(s)
}

// Label is the payment method in Spanish.
func (m PaymentMethod) Label() string {
	switch m {
	case Card:
		return "Tarjeta de crédito o débito"
	case Transfer:
		return "Transferencia bancaria"
	}
	return string(m)
}
