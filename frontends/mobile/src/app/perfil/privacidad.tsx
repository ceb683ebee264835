export { PrivacyScreen as default } from "@/features/account/PrivacyScreen";
