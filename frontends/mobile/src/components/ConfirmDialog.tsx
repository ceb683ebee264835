// A confirmation for destructive actions. A Modal rather than Alert.alert, which does nothing on
// the web export.
import { Modal, Text, View } from "react-native";

import { Button } from "./Button";

export function ConfirmDialog({
  visible,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
}: {
  visible: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  return (
    <Modal visible={visible} transparent animationType="fade" onRequestClose={onCancel}>
      <View className="flex-1 items-center justify-center bg-black/40 p-6">
        <View accessibilityViewIsModal accessibilityRole="alert" className="w-full max-w-sm gap-3 rounded-2xl bg-white p-5">
          <Text accessibilityRole="header" className="text-lg font-bold text-ink">
            {title}
          </Text>
          <Text className="text-ink-soft">{message}</Text>
          <View className="mt-2 flex-row justify-end gap-2">
            <Button label="Cancelar" variant="ghost" onPress={onCancel} />
            <Button label={confirmLabel} variant="danger" onPress={onConfirm} loading={busy} />
          </View>
        </View>
      </View>
    </Modal>
  );
}
