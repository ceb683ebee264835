import type { ReactNode } from "react";

import { PageHeading, usePageTitle } from "../../components/PageTitle";

export function ProsePage({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeading>{title}</PageHeading>
      {lead && <p className="mt-3 text-lg text-base-content/80">{lead}</p>}
      <div className="prose-shop mt-8 space-y-6">{children}</div>
    </div>
  );
}
