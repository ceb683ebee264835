import { EditProfileScreen } from "@/features/account/EditProfileScreen";
import { RequireSignIn } from "@/features/account/RequireSignIn";

export default function Route() {
  return (
    <RequireSignIn next="/perfil/editar" message="Inicia sesión para editar tu perfil.">
      <EditProfileScreen />
    </RequireSignIn>
  );
}
