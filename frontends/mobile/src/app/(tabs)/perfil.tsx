export { ProfileScreen as default } from "@/features/account/ProfileScreen";
