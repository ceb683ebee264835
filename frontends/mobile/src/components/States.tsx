// The three non-data states every screen shows: loading (a skeleton), empty and error (with retry).
import { Text, View } from "react-native";

import { Button } from "./Button";
import { problemMessage } from "./problem";

export function Loading({ label = "Cargando…", rows = 3 }: { label?: string; rows?: number }) {
  return (
    <View accessibilityRole="progressbar" accessibilityLabel={label} className="gap-3 p-4" testID="loading">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="h-20 rounded-xl bg-stone-200" />
      ))}
      <Text className="text-center text-ink-soft">{label}</Text>
    </View>
  );
}

export function EmptyState({
  title,
  message,
  actionLabel,
  onAction,
}: {
  title: string;
  message?: string;
  actionLabel?: string;
  onAction?: () => void;
}) {
  return (
    <View className="items-center gap-2 p-8" testID="empty">
      <Text accessibilityRole="header" className="text-center text-lg font-semibold text-ink">
        {title}
      </Text>
      {message ? <Text className="text-center text-ink-soft">{message}</Text> : null}
      {actionLabel && onAction ? <Button label={actionLabel} onPress={onAction} className="mt-2" /> : null}
    </View>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = "No pudimos cargar esto",
  message,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
  message?: string;
}) {
  return (
    <View accessibilityRole="alert" className="items-center gap-2 p-8" testID="error">
      <Text className="text-center text-lg font-semibold text-red-800">{title}</Text>
      <Text className="text-center text-ink-soft">{message ?? problemMessage(error)}</Text>
      {onRetry ? <Button label="Reintentar" variant="secondary" onPress={onRetry} className="mt-2" /> : null}
    </View>
  );
}

export function InlineError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <Text accessibilityRole="alert" className="text-red-800">
      {message}
    </Text>
  );
}

export function Notice({ message, tone = "info" }: { message: string; tone?: "info" | "warning" | "success" }) {
  const box = tone === "warning" ? "bg-amber-100 border-amber-400" : tone === "success" ? "bg-green-100 border-green-500" : "bg-sky-50 border-sky-300";
  return (
    <View accessibilityRole="alert" className={`rounded-lg border p-3 ${box}`}>
      <Text className="text-ink">{message}</Text>
    </View>
  );
}
