"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { signOutAction } from "@/app/(staff)/actions";
import { MENU_ITEM_CLASS, Menu } from "@/components/ui/menu";

export function UserMenu({
  name,
  email,
  role,
  clinicName,
  canManageClinic,
  hasSeveralClinics,
}: {
  name: string;
  email: string;
  role: string;
  clinicName: string;
  /** Admins see "Settings"; the server still refuses the page to anyone else. */
  canManageClinic: boolean;
  hasSeveralClinics: boolean;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // The form lives outside the menu so closing the menu can't unmount it mid-submit.
  const signOutForm = useRef<HTMLFormElement>(null);
  return (
    <>
      <form ref={signOutForm} action={signOutAction} hidden />
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {/* Named by what it shows, prefixed for screen readers (WCAG 2.5.3). */}
        <span className="sr-only">User menu:</span>
        <span className="font-medium">{name}</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{role}</span>
      </button>
      {open ? (
        <Menu anchor={button} label="User menu" onClose={() => setOpen(false)} className="min-w-56">
          <div className="px-3 py-2 text-xs text-slate-600">
            <div className="font-medium text-slate-900">{email}</div>
            <div>{clinicName}</div>
          </div>
          <hr className="my-1 border-slate-200" />
          {canManageClinic ? (
            <Link role="menuitem" tabIndex={-1} href="/settings" className={MENU_ITEM_CLASS}>
              Settings
            </Link>
          ) : null}
          <Link role="menuitem" tabIndex={-1} href="/account" className={MENU_ITEM_CLASS}>
            Account
          </Link>
          {hasSeveralClinics ? (
            <Link role="menuitem" tabIndex={-1} href="/choose-clinic" className={MENU_ITEM_CLASS}>
              Switch clinic
            </Link>
          ) : null}
          <hr className="my-1 border-slate-200" />
          <button
            role="menuitem"
            tabIndex={-1}
            type="button"
            onClick={() => signOutForm.current?.requestSubmit()}
            className={MENU_ITEM_CLASS}
          >
            Sign out
          </button>
        </Menu>
      ) : null}
    </>
  );
}
