export { FavoritesScreen as default } from "@/features/account/FavoritesScreen";
