// Clerk auth (production): ClerkProvider with the publishable key from GET /api/config, the
// session token sent as the bearer, sign-in by email code or Google. Loaded only in clerk mode,
// so dev builds and tests never reach Clerk's servers.
import { ClerkProvider, useAuth as useClerkAuth, useSSO } from "@clerk/expo";
import { useSignIn, useSignUp } from "@clerk/expo/legacy";
import { tokenCache } from "@clerk/expo/token-cache";
import { useQueryClient } from "@tanstack/react-query";
import * as Linking from "expo-linking";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Text, View } from "react-native";

import { Button } from "@/components/Button";
import { InlineError } from "@/components/States";
import { TextField } from "@/components/TextField";

import { setTokenGetter } from "../api";
import { setQueryClientHooks } from "../query";
import { AuthContext, type Auth, type SignInFormProps } from "./context";
import { isPrivateKey } from "./dev";

function ClerkBridge({ children }: { children: ReactNode }) {
  const clerk = useClerkAuth();
  const client = useQueryClient();
  const [inactive, setInactive] = useState(false);

  useEffect(() => {
    setTokenGetter(() => (clerk.isSignedIn ? clerk.getToken() : null));
  }, [clerk]);

  const auth = useMemo<Auth>(() => {
    const signOut = async () => {
      await clerk.signOut();
      setInactive(false);
      client.removeQueries({ predicate: (q) => isPrivateKey(q.queryKey) });
    };
    return {
      mode: "clerk",
      status: !clerk.isLoaded ? "loading" : clerk.isSignedIn ? "signedIn" : "signedOut",
      inactive,
      email: null,
      SignInForm: ClerkSignInForm,
      signOut,
      markInactive: () => setInactive(true),
    };
  }, [clerk, client, inactive]);

  useEffect(() => {
    setQueryClientHooks({ onAccountInactive: () => setInactive(true), onUnauthenticated: () => void auth.signOut() });
  }, [auth]);

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export default function ClerkAuthProvider({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={publishableKey} tokenCache={tokenCache}>
      <ClerkBridge>{children}</ClerkBridge>
    </ClerkProvider>
  );
}

function clerkMessage(err: unknown): string {
  const e = err as { errors?: { longMessage?: string; message?: string }[] };
  return e.errors?.[0]?.longMessage ?? e.errors?.[0]?.message ?? "No pudimos iniciar sesión. Inténtalo de nuevo.";
}

function ClerkSignInForm({ onSignedIn }: SignInFormProps) {
  const { signIn, setActive, isLoaded } = useSignIn();
  const { signUp } = useSignUp();
  const { startSSOFlow } = useSSO();
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"email" | "code">("email");
  const [flow, setFlow] = useState<"signIn" | "signUp">("signIn");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const sendCode = async () => {
    if (!isLoaded || !signIn) return;
    setBusy(true);
    setError(null);
    try {
      const attempt = await signIn.create({ identifier: email.trim() });
      const factor = attempt.supportedFirstFactors?.find((f) => f.strategy === "email_code") as
        | { emailAddressId: string }
        | undefined;
      if (!factor) throw new Error("sin código por correo");
      await signIn.prepareFirstFactor({ strategy: "email_code", emailAddressId: factor.emailAddressId });
      setFlow("signIn");
      setStep("code");
    } catch (err) {
      const codeName = (err as { errors?: { code?: string }[] }).errors?.[0]?.code;
      if (codeName === "form_identifier_not_found" && signUp) {
        try {
          await signUp.create({ emailAddress: email.trim() });
          await signUp.prepareEmailAddressVerification({ strategy: "email_code" });
          setFlow("signUp");
          setStep("code");
        } catch (e2) {
          setError(clerkMessage(e2));
        }
      } else {
        setError(clerkMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    if (!signIn || !setActive) return;
    setBusy(true);
    setError(null);
    try {
      const result =
        flow === "signIn"
          ? await signIn.attemptFirstFactor({ strategy: "email_code", code: code.trim() })
          : await signUp!.attemptEmailAddressVerification({ code: code.trim() });
      if (result.status === "complete" && result.createdSessionId) {
        await setActive({ session: result.createdSessionId });
        onSignedIn();
      } else {
        setError("Falta un paso para completar el ingreso.");
      }
    } catch (err) {
      setError(clerkMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const google = async () => {
    setError(null);
    try {
      const { createdSessionId, setActive: activate } = await startSSOFlow({
        strategy: "oauth_google",
        redirectUrl: Linking.createURL("/"),
      });
      if (createdSessionId && activate) {
        await activate({ session: createdSessionId });
        onSignedIn();
      }
    } catch (err) {
      setError(clerkMessage(err));
    }
  };

  return (
    <View className="gap-4">
      {step === "email" ? (
        <>
          <TextField label="Correo" value={email} onChangeText={setEmail} autoCapitalize="none" keyboardType="email-address" />
          <Button label="Enviarme un código" onPress={() => void sendCode()} loading={busy} />
          <Text className="text-center text-ink-soft">o</Text>
          <Button label="Continuar con Google" variant="secondary" onPress={() => void google()} />
        </>
      ) : (
        <>
          <Text className="text-ink">Te enviamos un código a {email}.</Text>
          <TextField label="Código" value={code} onChangeText={setCode} keyboardType="number-pad" />
          <Button label="Entrar" onPress={() => void verify()} loading={busy} />
          <Button label="Cambiar de correo" variant="ghost" onPress={() => setStep("email")} />
        </>
      )}
      <InlineError message={error} />
    </View>
  );
}
