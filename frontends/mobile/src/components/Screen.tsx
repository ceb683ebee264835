import type { ReactNode } from "react";
import { View } from "react-native";
import { SafeAreaView } from "react-native-safe-area-context";

import { OfflineBanner } from "./OfflineBanner";

/** A screen's frame: safe area, the offline banner on top, then the content. */
export function Screen({ children, edges = ["top"] }: { children: ReactNode; edges?: ("top" | "bottom")[] }) {
  return (
    <SafeAreaView edges={edges} className="flex-1 bg-amber-50">
      <OfflineBanner />
      <View className="flex-1">{children}</View>
    </SafeAreaView>
  );
}
