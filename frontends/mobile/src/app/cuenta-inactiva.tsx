export { InactiveScreen as default } from "@/features/account/InactiveScreen";
