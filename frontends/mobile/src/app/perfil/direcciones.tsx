export { AddressesScreen as default } from "@/features/account/AddressesScreen";
