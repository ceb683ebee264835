import { NavLink } from "react-router";

export function AccountNav() {
  const cls = ({ isActive }: { isActive: boolean }) => `tab ${isActive ? "tab-active" : ""}`;
  return (
    <nav aria-label="Mi cuenta" className="tabs tabs-border mt-4 overflow-x-auto">
      <NavLink end to="/perfil/pedidos" className={cls}>Pedidos</NavLink>
      <NavLink end to="/perfil" className={cls}>Perfil</NavLink>
      <NavLink end to="/perfil/direcciones" className={cls}>Direcciones</NavLink>
      <NavLink end to="/perfil/favoritos" className={cls}>Favoritos</NavLink>
    </nav>
  );
}
