// Dev auth: tokens minted by the server's POST /api/dev/token (AUTH_MODE=dev only), kept in the
// secure store (the browser's sessionStorage on the web) and sent as the bearer.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Text, View } from "react-native";

import { isApiProblem } from "@donpalito/api-client";

import { Button } from "@/components/Button";
import { InlineError } from "@/components/States";
import { TextField } from "@/components/TextField";
import { problemMessage } from "@/components/problem";

import { api, setTokenGetter } from "../api";
import { setQueryClientHooks } from "../query";
import { sessionStorage } from "../session-storage";
import { AuthContext, type Auth, type AuthStatus, type SignInFormProps } from "./context";

const TOKEN_KEY = "donpalito.devToken";
const EMAIL_KEY = "donpalito.devEmail";

interface DevSession {
  signIn: (email: string, name: string) => Promise<void>;
}

let devSession: DevSession | null = null;

/** Signs in through POST /api/dev/token, then checks the account with GET /api/users/me. */
export async function requestDevToken(email: string, name: string): Promise<string> {
  const { data } = await api.POST("/api/dev/token", { body: { email, name: name || undefined, role: "customer" } });
  if (!data) throw new Error("respuesta vacía");
  return data.token;
}

export function DevAuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>("loading");
  const [inactive, setInactive] = useState(false);
  const [email, setEmail] = useState<string | null>(null);
  const token = useRef<string | null>(null);

  useEffect(() => {
    setTokenGetter(() => token.current);
    let alive = true;
    void (async () => {
      const saved = await sessionStorage.get(TOKEN_KEY);
      const savedEmail = await sessionStorage.get(EMAIL_KEY);
      if (!alive) return;
      token.current = saved;
      setEmail(savedEmail);
      setStatus(saved ? "signedIn" : "signedOut");
    })();
    return () => {
      alive = false;
    };
  }, []);

  const signOut = useCallback(async () => {
    token.current = null;
    await sessionStorage.remove(TOKEN_KEY);
    await sessionStorage.remove(EMAIL_KEY);
    setEmail(null);
    setInactive(false);
    setStatus("signedOut");
    client.removeQueries({ predicate: (q) => isPrivateKey(q.queryKey) });
  }, [client]);

  const signIn = useCallback(
    async (mail: string, name: string) => {
      const t = await requestDevToken(mail, name);
      token.current = t;
      await sessionStorage.set(TOKEN_KEY, t);
      await sessionStorage.set(EMAIL_KEY, mail);
      setEmail(mail);
      try {
        await api.GET("/api/users/me");
        setInactive(false);
      } catch (err) {
        if (isApiProblem(err, "account_inactive")) setInactive(true);
        else throw err;
      }
      client.removeQueries({ predicate: (q) => isPrivateKey(q.queryKey) });
      setStatus("signedIn");
    },
    [client],
  );

  useEffect(() => {
    devSession = { signIn };
    setQueryClientHooks({
      onAccountInactive: () => setInactive(true),
      onUnauthenticated: () => void signOut(),
    });
  }, [signIn, signOut]);

  const auth = useMemo<Auth>(
    () => ({ mode: "dev", status, inactive, email, SignInForm: DevSignInForm, signOut, markInactive: () => setInactive(true) }),
    [status, inactive, email, signOut],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

/** Queries that belong to the signed-in person (dropped on sign-in and sign-out). */
export function isPrivateKey(key: readonly unknown[]): boolean {
  const path = key[1];
  return typeof path === "string" && /^\/api\/(users|cart|orders|coupons\/validate)/.test(path);
}

export function DevSignInForm({ onSignedIn }: SignInFormProps) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) {
      setError("Escribe un correo válido, por ejemplo ana@example.com.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await devSession?.signIn(email.trim().toLowerCase(), name.trim());
      onSignedIn();
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="gap-4">
      <View className="rounded-lg border border-amber-400 bg-amber-100 p-3">
        <Text className="font-semibold text-ink">Modo desarrollo</Text>
        <Text className="text-ink-soft">
          Este servidor firma sesiones de prueba: escribe cualquier correo para entrar como cliente.
        </Text>
      </View>
      <TextField
        label="Correo"
        value={email}
        onChangeText={setEmail}
        autoCapitalize="none"
        autoComplete="email"
        keyboardType="email-address"
        placeholder="ana@example.com"
      />
      <TextField label="Nombre (opcional)" value={name} onChangeText={setName} placeholder="Ana Gómez" />
      <InlineError message={error} />
      <Button label="Entrar (modo desarrollo)" onPress={() => void submit()} loading={busy} />
    </View>
  );
}
