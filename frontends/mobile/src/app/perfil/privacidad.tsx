import { PrivacyScreen } from "@/features/account/PrivacyScreen";
import { RequireSignIn } from "@/features/account/RequireSignIn";

export default function Route() {
  return (
    <RequireSignIn next="/perfil/privacidad" message="Inicia sesión para cambiar tus preferencias.">
      <PrivacyScreen />
    </RequireSignIn>
  );
}
