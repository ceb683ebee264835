import { ActivityIndicator, Pressable, Text } from "react-native";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const styles: Record<Variant, { box: string; text: string }> = {
  primary: { box: "bg-brand", text: "text-white" },
  secondary: { box: "bg-white border border-brand", text: "text-brand-dark" },
  danger: { box: "bg-red-700", text: "text-white" },
  ghost: { box: "bg-transparent", text: "text-brand-dark" },
};

export interface ButtonProps {
  label: string;
  onPress: () => void;
  variant?: Variant;
  disabled?: boolean;
  loading?: boolean;
  /** What a screen reader says when the visible label is not enough. */
  accessibilityLabel?: string;
  accessibilityHint?: string;
  className?: string;
  testID?: string;
}

/** A button at least 44 pt tall, with a spinner while its action runs. */
export function Button({
  label,
  onPress,
  variant = "primary",
  disabled,
  loading,
  accessibilityLabel,
  accessibilityHint,
  className = "",
  testID,
}: ButtonProps) {
  const s = styles[variant];
  const inactive = disabled || loading;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityHint={accessibilityHint}
      accessibilityState={{ disabled: !!inactive, busy: !!loading }}
      disabled={inactive}
      onPress={onPress}
      testID={testID}
      className={`min-h-[44px] flex-row items-center justify-center rounded-xl px-4 py-2 ${s.box} ${inactive ? "opacity-50" : ""} ${className}`}
    >
      {loading ? <ActivityIndicator color={variant === "primary" || variant === "danger" ? "#fff" : "#92400e"} /> : null}
      <Text className={`text-base font-semibold ${s.text} ${loading ? "ml-2" : ""}`}>{label}</Text>
    </Pressable>
  );
}
