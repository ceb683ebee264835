import { Text, TextInput, View, type TextInputProps } from "react-native";

export interface TextFieldProps extends Omit<TextInputProps, "onChange"> {
  label: string;
  value: string;
  onChangeText: (v: string) => void;
  error?: string | undefined;
  hint?: string;
}

/** A labelled input (44 pt tall) whose label is also what screen readers announce. */
export function TextField({ label, error, hint, className, ...props }: TextFieldProps & { className?: string }) {
  return (
    <View className={`gap-1 ${className ?? ""}`}>
      <Text className="font-medium text-ink">{label}</Text>
      <TextInput
        accessibilityLabel={label}
        accessibilityHint={hint}
        placeholderTextColor="#78716c"
        className={`min-h-[44px] rounded-lg border bg-white px-3 text-base text-ink ${error ? "border-red-700" : "border-stone-300"}`}
        {...props}
      />
      {hint && !error ? <Text className="text-sm text-ink-soft">{hint}</Text> : null}
      {error ? (
        <Text accessibilityRole="alert" className="text-sm text-red-800">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
