// Screens that only make sense with an account (Direcciones, Favoritos, a pedido…): while the
// session loads, a skeleton; signed out, an invitation to sign in that comes back here. Without it
// their queries (enabled only when signed in) would stay pending and the skeleton would never end.
import { useRouter, type Href } from "expo-router";
import type { ReactNode } from "react";

import { Screen } from "@/components/Screen";
import { EmptyState, Loading } from "@/components/States";
import { useAuth } from "@/lib/auth/context";

export function RequireSignIn({ next, message, children }: { next: string; message: string; children: ReactNode }) {
  const auth = useAuth();
  const router = useRouter();
  if (auth.status === "loading") return <Screen edges={[]}><Loading label="Cargando…" /></Screen>;
  if (auth.status === "signedOut") {
    return (
      <Screen edges={[]}>
        <EmptyState
          title="Inicia sesión"
          message={message}
          actionLabel="Iniciar sesión"
          onAction={() => router.push({ pathname: "/ingresar", params: { next } } as Href)}
        />
      </Screen>
    );
  }
  return <>{children}</>;
}
