// Where the API lives. EXPO_PUBLIC_API_URL is inlined by Expo at bundle time; without it the
// app talks to the dev server: on the web the origin that served it (the Go server serves the
// export at /app/), on a phone with Expo Go the computer running `expo start` (its LAN address
// is in the manifest's hostUri) on the Go server's default port 8080.
import Constants from "expo-constants";
import { Platform } from "react-native";

export type ApiUrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

/** Validates a configured API base URL: absolute http(s), no query or fragment, no /api suffix. */
export function checkApiUrl(raw: string | undefined, fallback: string): ApiUrlCheck {
  const value = (raw ?? "").trim();
  if (value === "") {
    return { ok: true, baseUrl: fallback };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      ok: false,
      message: `EXPO_PUBLIC_API_URL no es una URL válida: «${value}». Usa algo como http://192.168.1.20:8080`,
    };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, message: `EXPO_PUBLIC_API_URL debe empezar por http:// o https:// (es «${value}»).` };
  }
  if (url.search !== "" || url.hash !== "") {
    return { ok: false, message: `EXPO_PUBLIC_API_URL no debe llevar ? ni # (es «${value}»).` };
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith("/api")) {
    return {
      ok: false,
      message: `EXPO_PUBLIC_API_URL es el origen del servidor, sin /api al final (es «${value}»).`,
    };
  }
  return { ok: true, baseUrl: `${url.origin}${path}` };
}

/** The dev server's address when nothing is configured. */
export function defaultApiUrl(): string {
  if (Platform.OS === "web" && typeof window !== "undefined" && window.location?.origin) {
    return window.location.origin;
  }
  const hostUri = Constants.expoConfig?.hostUri ?? "";
  const host = hostUri.split(":")[0];
  if (host) {
    return `http://${host}:8080`;
  }
  return Platform.OS === "android" ? "http://10.0.2.2:8080" : "http://localhost:8080";
}

export const apiUrl: ApiUrlCheck = checkApiUrl(process.env.EXPO_PUBLIC_API_URL, defaultApiUrl());
