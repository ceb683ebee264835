// Chooses the auth adapter from the server's config: dev tokens or Clerk (loaded lazily, so
// Clerk's code is fetched only by builds pointed at a Clerk server).
import { lazy, Suspense, type ReactNode } from "react";
import { ScrollView } from "react-native";

import { ErrorState, Loading } from "@/components/States";

import { useConfig } from "../config";
import { DevAuthProvider } from "./dev";
import { chooseAuthMode } from "./mode";

const ClerkAuthProvider = lazy(() => import("./clerk"));

export function AuthProvider({ children }: { children: ReactNode }) {
  const config = useConfig();
  if (config.isPending) return <Loading label="Conectando con la tienda…" rows={2} />;
  if (config.isError || !config.data) {
    return (
      <ScrollView contentContainerClassName="flex-1 justify-center">
        <ErrorState title="No pudimos conectar con la tienda" error={config.error} onRetry={() => void config.refetch()} />
      </ScrollView>
    );
  }
  const choice = chooseAuthMode(config.data);
  if (choice.mode === "misconfigured") {
    return <ErrorState title="Inicio de sesión no disponible" error={null} message={choice.message} />;
  }
  if (choice.mode === "clerk") {
    return (
      <Suspense fallback={<Loading label="Cargando inicio de sesión…" rows={1} />}>
        <ClerkAuthProvider publishableKey={choice.publishableKey}>{children}</ClerkAuthProvider>
      </Suspense>
    );
  }
  return <DevAuthProvider>{children}</DevAuthProvider>;
}
