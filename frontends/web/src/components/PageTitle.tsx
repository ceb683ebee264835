import { useEffect } from "react";

const SHOP = "Don Palito Jr";

/** Sets the document title for the page (the server already filled it for the first load of a product). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · ${SHOP}`;
  }, [title]);
}

/** The page's one h1, which also receives focus after a client-side navigation (see app/Layout). */
export function PageHeading({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <h1 className={`font-display text-3xl font-bold tracking-tight text-neutral md:text-4xl ${className}`} tabIndex={-1} data-page-heading>
      {children}
    </h1>
  );
}
