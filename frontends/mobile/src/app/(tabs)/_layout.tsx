import { Ionicons } from "@expo/vector-icons";
import { Tabs } from "expo-router";

import { useCart } from "@/features/cart/api";

type IconName = keyof typeof Ionicons.glyphMap;

function icon(name: IconName) {
  return function TabIcon({ color, size }: { color: string; size: number }) {
    return <Ionicons name={name} color={color} size={size} />;
  };
}

export default function TabsLayout() {
  const cart = useCart();
  const count = cart.data?.itemCount ?? 0;
  const cartLabel = count > 0 ? `Carrito (${count})` : "Carrito";
  return (
    <Tabs
      screenOptions={{
        headerShown: false,
        tabBarActiveTintColor: "#92400e",
        tabBarInactiveTintColor: "#57534e",
        tabBarStyle: { minHeight: 56 },
      }}
    >
      <Tabs.Screen name="index" options={{ title: "Inicio", tabBarAccessibilityLabel: "Inicio", tabBarIcon: icon("home-outline") }} />
      {/* The count is part of the tab's visible label (not a badge), so what a screen reader says
          contains what is shown (WCAG 2.5.3, axe's label-content-name-mismatch). */}
      <Tabs.Screen
        name="carrito"
        options={{
          title: "Carrito",
          tabBarLabel: cartLabel,
          tabBarAccessibilityLabel: count > 0 ? `${cartLabel}: ${count === 1 ? "1 producto" : `${count} productos`}` : "Carrito",
          tabBarIcon: icon("cart-outline"),
        }}
      />
      <Tabs.Screen name="pedidos" options={{ title: "Pedidos", tabBarAccessibilityLabel: "Pedidos", tabBarIcon: icon("receipt-outline") }} />
      <Tabs.Screen name="perfil" options={{ title: "Perfil", tabBarAccessibilityLabel: "Perfil", tabBarIcon: icon("person-outline") }} />
    </Tabs>
  );
}
