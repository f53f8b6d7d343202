/** "3 resume in the next 7 days" (paused sets with a "Pause until" date). */
export function resumingSoonText(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "resumes" : "resume"} in the next 7 days`;
}
