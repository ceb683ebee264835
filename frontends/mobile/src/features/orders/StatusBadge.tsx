import { Text } from "react-native";

import { STATUS_LABEL, STATUS_TONE, type OrderStatus } from "./status";

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <Text className={`self-start overflow-hidden rounded-full px-3 py-1 text-sm font-semibold ${STATUS_TONE[status]}`}>{STATUS_LABEL[status]}</Text>;
}
