// Perfil: who is signed in, links to the account's screens, sign out and the app's version.
import Constants from "expo-constants";
import { useRouter, type Href } from "expo-router";
import { Pressable, ScrollView, Text, View } from "react-native";

import { Button } from "@/components/Button";
import { Screen } from "@/components/Screen";
import { EmptyState, ErrorState, Loading } from "@/components/States";
import { useAuth } from "@/lib/auth/context";

import { useProfile } from "./profile";

function Row({ label, href }: { label: string; href: Href }) {
  const router = useRouter();
  return (
    <Pressable accessibilityRole="link" accessibilityLabel={label} onPress={() => router.push(href)} className="min-h-[52px] flex-row items-center justify-between border-b border-stone-200 bg-white px-4">
      <Text className="text-base text-ink">{label}</Text>
      <Text className="text-xl text-ink-soft">›</Text>
    </Pressable>
  );
}

export function appVersion(): string {
  return Constants.expoConfig?.version ?? "1.0.0";
}

export function ProfileScreen() {
  const router = useRouter();
  const auth = useAuth();
  const profile = useProfile();
  const version = <Text className="p-4 text-center text-ink-soft">Don Palito Jr · versión {appVersion()}</Text>;

  if (auth.status === "loading") return <Screen><Loading label="Cargando perfil…" /></Screen>;
  if (auth.status === "signedOut") {
    return (
      <Screen>
        <EmptyState
          title="Tu cuenta"
          message="Inicia sesión para ver tus datos, direcciones y favoritos."
          actionLabel="Iniciar sesión"
          onAction={() => router.push({ pathname: "/ingresar", params: { next: "/perfil" } })}
        />
        {version}
      </Screen>
    );
  }
  return (
    <Screen>
      <ScrollView>
        <Text accessibilityRole="header" className="px-4 pb-2 pt-3 text-2xl font-bold text-ink">
          Perfil
        </Text>
        {profile.isPending ? (
          <Loading label="Cargando perfil…" rows={1} />
        ) : profile.isError ? (
          <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
        ) : (
          <View className="px-4 pb-4">
            <Text className="text-lg font-semibold text-ink">{profile.data.name}</Text>
            <Text className="text-ink-soft">{profile.data.email}</Text>
          </View>
        )}
        <Row label="Editar perfil" href="/perfil/editar" />
        <Row label="Direcciones" href="/perfil/direcciones" />
        <Row label="Favoritos" href="/perfil/favoritos" />
        <Row label="Privacidad" href="/perfil/privacidad" />
        <View className="p-4">
          <Button label="Cerrar sesión" variant="secondary" onPress={() => void auth.signOut()} />
        </View>
        {version}
      </ScrollView>
    </Screen>
  );
}
