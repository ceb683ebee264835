import { useQueryClient } from "@tanstack/react-query";
import { useRouter, type Href } from "expo-router";
import { ScrollView, Text } from "react-native";

import { Screen } from "@/components/Screen";
import { api } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";

import { pendingAdd } from "../cart/api";

/** Ingresar: the auth mode's form; then the add-to-cart that was waiting, then back where the shopper was. */
export function SignInScreen({ next }: { next?: string | undefined }) {
  const router = useRouter();
  const auth = useAuth();
  const client = useQueryClient();
  const Form = auth.SignInForm;
  const done = async () => {
    const waiting = pendingAdd.get();
    if (waiting) {
      pendingAdd.set(null);
      try {
        await api.POST("/api/cart", { body: waiting });
        await client.invalidateQueries({ queryKey: ["get", "/api/cart"] });
      } catch {
        // The product screen shows the cart; a failed add (sold out meanwhile) is visible there.
      }
    }
    const target = (next && next.startsWith("/") ? next : "/") as Href;
    // Back to the screen that asked for sign-in; checkout (which redirected here) is opened afresh.
    if (next !== "/checkout" && router.canGoBack()) router.back();
    else router.replace(target);
  };
  return (
    <Screen edges={[]}>
      <ScrollView contentContainerClassName="gap-4 p-6">
        <Text accessibilityRole="header" className="text-2xl font-bold text-ink">
          Inicia sesión
        </Text>
        <Text className="text-ink-soft">Para comprar, ver tus pedidos y guardar favoritos.</Text>
        <Form onSignedIn={() => void done()} />
      </ScrollView>
    </Screen>
  );
}
