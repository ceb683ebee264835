// Browsers: the native <input type="date"> (the community date picker has no web version).
import { createElement } from "react";
import { Text, View } from "react-native";

export function DateField({ label, value, onChange, error }: { label: string; value: string | null; onChange: (day: string) => void; error?: string | undefined }) {
  return (
    <View className="gap-1">
      <Text className="font-medium text-ink">{label}</Text>
      {createElement("input", {
        type: "date",
        "aria-label": label,
        value: value ?? "",
        max: new Date().toISOString().slice(0, 10),
        onChange: (e: { target: { value: string } }) => onChange(e.target.value),
        style: { minHeight: 44, borderRadius: 8, border: "1px solid #d6d3d1", padding: "0 12px", fontSize: 16, background: "#fff" },
      })}
      {error ? <Text accessibilityRole="alert" className="text-sm text-red-800">{error}</Text> : null}
    </View>
  );
}
