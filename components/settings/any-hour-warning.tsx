/** Shown on Settings and Invoice Management while "Allow any hour (testing only)" is on. */
export function AnyHourWarning() {
  return (
    <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Testing only: “Allow any hour” is on, so patients can be messaged outside 8:00–21:00, even at night. Turn it off
      in Settings before real patients are contacted.
    </p>
  );
}
