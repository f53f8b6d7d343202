"use client";

import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useRef } from "react";
import { signOutAction } from "@/app/(staff)/actions";

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
  const itemClass = "block cursor-pointer rounded px-3 py-2 text-sm outline-none data-highlighted:bg-slate-100";
  // The form lives outside the menu so closing the menu can't unmount it mid-submit.
  const signOutForm = useRef<HTMLFormElement>(null);
  return (
    <>
      <form ref={signOutForm} action={signOutAction} hidden />
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          aria-label="User menu"
          className="flex items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          <span className="font-medium">{name}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{role}</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            sideOffset={4}
            className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
          >
            <div className="px-3 py-2 text-xs text-slate-600">
              <div className="font-medium text-slate-900">{email}</div>
              <div>{clinicName}</div>
            </div>
            <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
            {canManageClinic ? (
              <DropdownMenu.Item asChild className={itemClass}>
                <Link href="/settings">Settings</Link>
              </DropdownMenu.Item>
            ) : null}
            <DropdownMenu.Item asChild className={itemClass}>
              <Link href="/account">Account</Link>
            </DropdownMenu.Item>
            {hasSeveralClinics ? (
              <DropdownMenu.Item asChild className={itemClass}>
                <Link href="/choose-clinic">Switch clinic</Link>
              </DropdownMenu.Item>
            ) : null}
            <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
            <DropdownMenu.Item onSelect={() => signOutForm.current?.requestSubmit()} className={itemClass}>
              Sign out
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </>
  );
}
