import { Pressable, Text } from "react-native";

export function Chip({ label, selected, onPress, accessibilityLabel }: { label: string; selected: boolean; onPress: () => void; accessibilityLabel?: string }) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityState={{ selected }}
      onPress={onPress}
      className={`min-h-[44px] justify-center rounded-full border px-4 ${selected ? "border-brand bg-brand" : "border-stone-300 bg-white"}`}
    >
      <Text className={selected ? "font-semibold text-white" : "text-ink"}>{label}</Text>
    </Pressable>
  );
}
