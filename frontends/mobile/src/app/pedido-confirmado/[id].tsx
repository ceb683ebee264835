import { useLocalSearchParams } from "expo-router";

import { OrderPlacedScreen } from "@/features/orders/OrderPlacedScreen";

export default function Route() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return <OrderPlacedScreen key={id} id={id} />;
}
