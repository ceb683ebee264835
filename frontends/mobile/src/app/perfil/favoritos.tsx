import { FavoritesScreen } from "@/features/account/FavoritesScreen";
import { RequireSignIn } from "@/features/account/RequireSignIn";

export default function Route() {
  return (
    <RequireSignIn next="/perfil/favoritos" message="Inicia sesión para ver tus favoritos.">
      <FavoritesScreen />
    </RequireSignIn>
  );
}
