import { Text, View } from "react-native";

import { Button } from "@/components/Button";
import { Screen } from "@/components/Screen";
import { useAuth } from "@/lib/auth/context";
import { useConfig } from "@/lib/config";

/** Where a deactivated account lands (403 account_inactive from any call). */
export function InactiveScreen() {
  const auth = useAuth();
  const config = useConfig();
  const email = config.data?.contact?.email;
  return (
    <Screen>
      <View className="flex-1 justify-center gap-4 p-6">
        <Text accessibilityRole="header" className="text-2xl font-bold text-ink">
          Tu cuenta está inactiva
        </Text>
        <Text className="text-base text-ink">
          No puedes comprar ni ver tus pedidos con esta cuenta. {email ? `Escríbenos a ${email} para reactivarla.` : "Escríbele a la tienda para reactivarla."}
        </Text>
        <Button label="Cerrar sesión" onPress={() => void auth.signOut()} />
      </View>
    </Screen>
  );
}
