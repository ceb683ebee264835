import { NavLink } from "react-router";

export function AccountNav() {
  const cls = ({ isActive }: { isActive: boolean }) =>
    `btn btn-sm rounded-full ${isActive ? "btn-primary" : "btn-ghost text-base-content"}`;
  return (
    <nav aria-label="Mi cuenta" className="mt-4 flex gap-1 overflow-x-auto border-b border-base-300 pb-3">
      <NavLink end to="/perfil/pedidos" className={cls}>Pedidos</NavLink>
      <NavLink end to="/perfil" className={cls}>Perfil</NavLink>
      <NavLink end to="/perfil/direcciones" className={cls}>Direcciones</NavLink>
      <NavLink end to="/perfil/favoritos" className={cls}>Favoritos</NavLink>
    </nav>
  );
}
