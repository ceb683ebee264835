import { useLocalSearchParams } from "expo-router";

import { RequireSignIn } from "@/features/account/RequireSignIn";
import { OrderPlacedScreen } from "@/features/orders/OrderPlacedScreen";

export default function Route() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return (
    <RequireSignIn next={`/pedido/${id}`} message="Inicia sesión para ver tu pedido.">
      <OrderPlacedScreen key={id} id={id} />
    </RequireSignIn>
  );
}
