import { useLocalSearchParams } from "expo-router";

import { RequireSignIn } from "@/features/account/RequireSignIn";
import { OrderDetailScreen } from "@/features/orders/OrderDetailScreen";

export default function Route() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return (
    <RequireSignIn next={`/pedido/${id}`} message="Inicia sesión para ver este pedido.">
      <OrderDetailScreen key={id} id={id} />
    </RequireSignIn>
  );
}
