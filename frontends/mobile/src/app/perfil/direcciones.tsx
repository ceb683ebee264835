import { AddressesScreen } from "@/features/account/AddressesScreen";
import { RequireSignIn } from "@/features/account/RequireSignIn";

export default function Route() {
  return (
    <RequireSignIn next="/perfil/direcciones" message="Inicia sesión para ver y editar tus direcciones.">
      <AddressesScreen />
    </RequireSignIn>
  );
}
