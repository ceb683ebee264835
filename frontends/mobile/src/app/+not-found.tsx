import { useRouter } from "expo-router";

import { Screen } from "@/components/Screen";
import { EmptyState } from "@/components/States";

export default function NotFound() {
  const router = useRouter();
  return (
    <Screen>
      <EmptyState title="No encontramos esta página" actionLabel="Ir a Inicio" onAction={() => router.replace("/")} />
    </Screen>
  );
}
