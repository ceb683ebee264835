import { useLocalSearchParams } from "expo-router";

import { ProductScreen } from "@/features/catalog/ProductScreen";

export default function Route() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return <ProductScreen key={id} id={id} />;
}
