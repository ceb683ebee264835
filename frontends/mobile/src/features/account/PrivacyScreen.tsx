// Privacidad: email preferences and deactivating the account (with confirmation).
import { useRouter } from "expo-router";
import { useState } from "react";
import { ScrollView, Switch, Text, View } from "react-native";

import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Screen } from "@/components/Screen";
import { ErrorState, InlineError, Loading } from "@/components/States";
import { problemMessage } from "@/components/problem";
import { useAuth } from "@/lib/auth/context";

import { useDeactivate, useProfile, useUpdatePreferences } from "./profile";

function Toggle({ label, detail, value, onChange, disabled }: { label: string; detail: string; value: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  return (
    <View className="min-h-[56px] flex-row items-center gap-3 rounded-xl bg-white p-3">
      <View className="flex-1">
        <Text className="font-semibold text-ink">{label}</Text>
        <Text className="text-ink-soft">{detail}</Text>
      </View>
      <Switch accessibilityLabel={label} value={value} onValueChange={onChange} disabled={disabled} trackColor={{ true: "#b45309" }} />
    </View>
  );
}

export function PrivacyScreen() {
  const router = useRouter();
  const auth = useAuth();
  const profile = useProfile();
  const prefs = useUpdatePreferences();
  const deactivate = useDeactivate();
  const [asking, setAsking] = useState(false);

  if (profile.isPending) return <Screen edges={[]}><Loading label="Cargando preferencias…" /></Screen>;
  if (profile.isError) return <Screen edges={[]}><ErrorState error={profile.error} onRetry={() => void profile.refetch()} /></Screen>;
  const p = profile.data;
  const optimistic = prefs.isPending ? { ...p, ...prefs.variables } : p;

  return (
    <Screen edges={[]}>
      <ScrollView contentContainerClassName="gap-3 p-4 pb-10">
        <Text accessibilityRole="header" className="text-lg font-bold text-ink">Correos</Text>
        <Toggle
          label="Avisos de mis pedidos"
          detail="Confirmaciones, pagos y entregas."
          value={optimistic.emailNotifications}
          onChange={(v) => prefs.mutate({ emailNotifications: v })}
          disabled={prefs.isPending}
        />
        <Toggle
          label="Promociones"
          detail="Cupones y novedades de la tienda."
          value={optimistic.marketingEmails}
          onChange={(v) => prefs.mutate({ marketingEmails: v })}
          disabled={prefs.isPending}
        />
        <InlineError message={prefs.isError ? problemMessage(prefs.error) : null} />
        <Text accessibilityRole="header" className="mt-6 text-lg font-bold text-ink">Desactivar cuenta</Text>
        <Text className="text-ink-soft">Tu cuenta quedará inactiva: no podrás comprar ni ver tus pedidos hasta que la tienda la reactive.</Text>
        <Button label="Desactivar mi cuenta" variant="danger" onPress={() => setAsking(true)} />
        <InlineError message={deactivate.isError ? problemMessage(deactivate.error) : null} />
      </ScrollView>
      <ConfirmDialog
        visible={asking}
        title="¿Desactivar tu cuenta?"
        message="No podrás comprar ni ver tus pedidos. Para volver, tendrás que escribirle a la tienda."
        confirmLabel="Desactivar"
        busy={deactivate.isPending}
        onCancel={() => setAsking(false)}
        onConfirm={() =>
          deactivate.mutate(undefined, {
            onSuccess: () => {
              setAsking(false);
              auth.markInactive();
              router.replace("/cuenta-inactiva");
            },
            onError: () => setAsking(false),
          })
        }
      />
    </Screen>
  );
}
