"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/billing/overview", label: "Overview", short: "Overview" },
  { href: "/billing/invoices", label: "Billing > Invoices", short: "Invoice Management" },
  { href: "/invoices", label: "Invoices", short: "Invoices" },
  { href: "/patients", label: "Patients", short: "Patients" },
  { href: "/billing/rule-sets", label: "Rule Sets", short: "Rule Sets" },
] as const;

export function NavLinks({ extra = [] }: { extra?: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
      {[...NAV_ITEMS, ...extra].map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={item.href} aria-current={active ? "page" : undefined} className="nav-link">
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
