// A birth-date field with the platform's date picker (Android dialog, iOS spinner).
import DateTimePicker, { type DateTimePickerEvent } from "@react-native-community/datetimepicker";
import { useState } from "react";
import { Platform, Pressable, Text, View } from "react-native";

import { formatCalendarDay, toCalendarDay } from "@/lib/dates";

export function DateField({ label, value, onChange, error }: { label: string; value: string | null; onChange: (day: string) => void; error?: string | undefined }) {
  const [open, setOpen] = useState(false);
  const current = value ? new Date(`${value}T12:00:00`) : new Date(1990, 0, 1);
  return (
    <View className="gap-1">
      <Text className="font-medium text-ink">{label}</Text>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={`${label}: ${value ? formatCalendarDay(value) : "sin elegir"}. Cambiar`}
        onPress={() => setOpen(true)}
        className="min-h-[44px] justify-center rounded-lg border border-stone-300 bg-white px-3"
      >
        <Text className="text-base text-ink">{value ? formatCalendarDay(value) : "Elegir fecha"}</Text>
      </Pressable>
      {open ? (
        <DateTimePicker
          value={current}
          mode="date"
          maximumDate={new Date()}
          display={Platform.OS === "ios" ? "spinner" : "default"}
          onChange={(e: DateTimePickerEvent, d?: Date) => {
            setOpen(Platform.OS === "ios" && e.type !== "dismissed");
            if (e.type === "set" && d) onChange(toCalendarDay(d));
          }}
        />
      ) : null}
      {error ? <Text accessibilityRole="alert" className="text-sm text-red-800">{error}</Text> : null}
    </View>
  );
}
