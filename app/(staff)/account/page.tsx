import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { PasswordForm, ProfileForm } from "@/components/account/account-forms";
import { TwoFactorSetup } from "@/components/account/two-factor-setup";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { requireStaff } from "@/lib/auth/guard";
import { signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

/** The signed-in person: name, email, password, sessions, two-factor. Every role may use it. */
export default async function AccountPage() {
  const staff = await requireStaff();
  const { db } = await getDb();
  const [user] = await db.select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, staff.userId));
  return (
    <>
      <PageHeader title="Account" />
      <div className="flex max-w-3xl flex-col gap-6">
        <Card aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="mb-3 text-lg font-semibold">
            Profile
          </h2>
          <ProfileForm initial={{ name: staff.name, email: staff.email }} />
        </Card>
        <Card aria-labelledby="password-heading">
          <h2 id="password-heading" className="mb-3 text-lg font-semibold">
            Password
          </h2>
          <PasswordForm />
        </Card>
        <Card aria-labelledby="two-factor-heading">
          <h2 id="two-factor-heading" className="mb-3 text-lg font-semibold">
            Two-factor
          </h2>
          <TwoFactorSetup enabled={Boolean(user?.totpEnabledAt)} />
        </Card>
        <Card aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" className="mb-3 text-lg font-semibold">
            Sessions
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            Signed in on another computer you no longer use? This ends every session, this one too.
          </p>
          <form action={signOutEverywhereAction}>
            <Button type="submit" variant="secondary">
              Sign out everywhere
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
}
