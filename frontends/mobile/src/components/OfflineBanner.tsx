import { useQueryClient } from "@tanstack/react-query";
import { Pressable, Text, View } from "react-native";

import { useUnreachable } from "@/lib/network";

/** Shown while the API cannot be reached; "Reintentar" refetches every query that failed. */
export function OfflineBanner() {
  const unreachable = useUnreachable();
  const client = useQueryClient();
  if (!unreachable) return null;
  return (
    <View accessibilityRole="alert" className="flex-row items-center justify-between bg-stone-800 px-4 py-2" testID="offline-banner">
      <Text className="flex-1 text-white">Sin conexión con la tienda.</Text>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel="Reintentar la conexión"
        onPress={() => void client.refetchQueries({ type: "active" })}
        className="min-h-[44px] justify-center px-3"
      >
        <Text className="font-semibold text-amber-300">Reintentar</Text>
      </Pressable>
    </View>
  );
}
