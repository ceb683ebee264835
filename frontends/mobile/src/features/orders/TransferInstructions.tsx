// How to pay a transfer order: the bank account from GET /api/config, the order's reference, and
// a WhatsApp hint to send the receipt.
import * as Linking from "expo-linking";
import { Text, View } from "react-native";

import type { Schema } from "@donpalito/api-client";

import { Button } from "@/components/Button";
import { useConfig, whatsappLink } from "@/lib/config";
import { formatMoney } from "@/lib/money";

export function TransferInstructions({ order }: { order: Schema<"Order"> }) {
  const config = useConfig();
  const bank = config.data?.bankTransfer;
  const whatsapp = config.data?.contact?.whatsapp;
  return (
    <View className="gap-2 rounded-xl border border-sky-300 bg-sky-50 p-4" testID="transfer-instructions">
      <Text accessibilityRole="header" className="text-lg font-bold text-ink">
        Paga por transferencia
      </Text>
      <Text className="text-ink">
        Transfiere {formatMoney(order.total, order.currency)} y escribe la referencia <Text className="font-bold">{order.reference}</Text> en la
        descripción.
      </Text>
      {bank ? (
        <View className="gap-0.5">
          <Text className="text-ink">Banco: {bank.bank}</Text>
          <Text className="text-ink">Cuenta {bank.accountType}: {bank.accountNumber}</Text>
          <Text className="text-ink">Titular: {bank.holder}</Text>
          <Text className="text-ink">NIT: {bank.nit}</Text>
          {bank.instructions ? <Text className="text-ink-soft">{bank.instructions}</Text> : null}
        </View>
      ) : (
        <Text className="text-ink-soft">La tienda te enviará los datos de la cuenta por correo.</Text>
      )}
      {whatsapp ? (
        <>
          <Text className="text-ink">Cuando transfieras, envía el comprobante por WhatsApp al {whatsapp}.</Text>
          <Button
            label="Enviar comprobante por WhatsApp"
            variant="secondary"
            onPress={() => void Linking.openURL(whatsappLink(whatsapp, `Hola, pagué el pedido ${order.reference} por transferencia.`))}
          />
        </>
      ) : (
        <Text className="text-ink-soft">Cuando transfieras, envía el comprobante por WhatsApp a la tienda.</Text>
      )}
    </View>
  );
}
