export { EditProfileScreen as default } from "@/features/account/EditProfileScreen";
