import "../global.css";

import { QueryClientProvider } from "@tanstack/react-query";
import { Stack, usePathname, useRouter } from "expo-router";
import { StatusBar } from "expo-status-bar";
import { useEffect, useState } from "react";
import { Text, View } from "react-native";
import { SafeAreaProvider } from "react-native-safe-area-context";

import { AuthProvider } from "@/lib/auth/AuthProvider";
import { useAuth } from "@/lib/auth/context";
import { apiUrl } from "@/lib/env";
import { createQueryClient } from "@/lib/query";

/** Sends a deactivated account to its screen, wherever the 403 account_inactive came from. */
function InactiveGuard() {
  const auth = useAuth();
  const router = useRouter();
  const path = usePathname();
  useEffect(() => {
    if (auth.inactive && path !== "/cuenta-inactiva") router.replace("/cuenta-inactiva");
  }, [auth.inactive, path, router]);
  return null;
}

function BadApiUrl({ message }: { message: string }) {
  return (
    <View accessibilityRole="alert" className="flex-1 justify-center gap-3 bg-amber-50 p-6">
      <Text className="text-2xl font-bold text-red-800">La app no sabe dónde está la tienda</Text>
      <Text className="text-base text-ink">{message}</Text>
    </View>
  );
}

export default function RootLayout() {
  const [client] = useState(() => createQueryClient({ test: process.env.NODE_ENV === "test" }));
  if (!apiUrl.ok) return <BadApiUrl message={apiUrl.message} />;
  return (
    <SafeAreaProvider>
      <QueryClientProvider client={client}>
        <StatusBar style="dark" />
        <AuthProvider>
          <InactiveGuard />
          <Stack
            screenOptions={{
              headerTintColor: "#92400e",
              headerStyle: { backgroundColor: "#fffbeb" },
              headerBackButtonDisplayMode: "minimal",
              contentStyle: { backgroundColor: "#fffbeb" },
            }}
          >
            <Stack.Screen name="(tabs)" options={{ headerShown: false, title: "Inicio" }} />
            <Stack.Screen name="producto/[id]" options={{ title: "Producto" }} />
            <Stack.Screen name="checkout" options={{ title: "Pagar" }} />
            <Stack.Screen name="pedido/[id]" options={{ title: "Pedido" }} />
            <Stack.Screen name="pedido-confirmado/[id]" options={{ title: "Pedido confirmado", headerBackVisible: false }} />
            <Stack.Screen name="ingresar" options={{ title: "Iniciar sesión", presentation: "modal" }} />
            <Stack.Screen name="cuenta-inactiva" options={{ headerShown: false }} />
            <Stack.Screen name="perfil/editar" options={{ title: "Editar perfil" }} />
            <Stack.Screen name="perfil/direcciones" options={{ title: "Direcciones" }} />
            <Stack.Screen name="perfil/favoritos" options={{ title: "Favoritos" }} />
            <Stack.Screen name="perfil/privacidad" options={{ title: "Privacidad" }} />
          </Stack>
        </AuthProvider>
      </QueryClientProvider>
    </SafeAreaProvider>
  );
}
