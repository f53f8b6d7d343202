import { expect, test } from "@playwright/test";
import { signInAs } from "../support/staff";
import { setRows } from "./support";

// A working day's table at 1440×900: rows stay one line tall so a screenful shows many sets.
test.use({ viewport: { width: 1440, height: 900 } });

test("rows stay about one line tall at 1440 px (median ≤ 56 px)", async ({ page }, testInfo) => {
  await signInAs(page, "biller");
  await expect(setRows(page).first()).toBeVisible();
  const boxes = await setRows(page).evaluateAll((rows) =>
    rows.map((row) => {
      const { top, height } = row.getBoundingClientRect();
      return { top, height };
    }),
  );
  const heights = boxes.map((box) => box.height).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)] ?? 0;
  const visible = boxes.filter((box) => box.top + box.height <= 900).length;
  // Rows a screen holds once the table is scrolled to its top.
  const firstTop = boxes[0]?.top ?? 0;
  const perScreen = boxes.filter((box) => box.top + box.height - firstTop <= 900).length;
  await page.screenshot({ path: testInfo.outputPath("invoice-management-1440x900.png") });
  const description = `median row height ${median}px; ${visible} rows visible on load; ${perScreen} per screen`;
  testInfo.annotations.push({ type: "rows", description });
  console.log(`Invoice Management at 1440×900: ${description}`);
  expect(median).toBeLessThanOrEqual(56);
});
