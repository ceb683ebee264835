import { useRouteError } from "react-router";

import { ErrorState } from "../components/states";

export function RouteError() {
  const error = useRouteError();
  return (
    <main className="p-8">
      <ErrorState error={error} retry={() => window.location.reload()} />
    </main>
  );
}
