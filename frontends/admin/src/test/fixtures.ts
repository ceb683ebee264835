// Contract-shaped values for component tests (typed by the generated schema, so they drift with it).
import type { Order } from "../lib/api";

export function anOrder(over: Partial<Order> & { allowedTransitions?: Order["status"][] } = {}): Order {
  return {
    id: "6660b0c1d2e3f40123456789",
    reference: "23456789",
    customer: { id: "665f1c2e8b3a4d00aaaaaaaa", name: "Ana Gómez", email: "ana@example.com" },
    lines: [
      { productId: "665f1c2e8b3a4d0012345678", name: "Palito Premium Puro Queso", unitPrice: 250000, quantity: 2, lineTotal: 500000, currency: "COP" },
    ],
    subtotal: 500000,
    discount: 0,
    shipping: 1000000,
    taxIncluded: 239496,
    total: 1500000,
    currency: "COP",
    address: { fullName: "Ana Gómez", streetAddress: "Carrera 47 # 76D Sur-37", city: "Sabaneta", phoneNumber: "3148702078" },
    paymentMethod: "transfer",
    status: "pending",
    timeline: [{ status: "pending", actor: "customer", at: "2025-06-04T15:04:05Z" }],
    payment: { status: "pending", provider: "manual", amount: 1500000, currency: "COP" },
    createdAt: "2025-06-04T15:04:05Z",
    updatedAt: "2025-06-04T15:04:05Z",
    ...over,
  } as Order;
}
