/**
 * Shows `popup` (a `popover="manual"` element: the top layer, so no table frame clips it)
 * under `anchor`, its start or end edge lined up with the anchor's, flipped above when there
 * is no room below, and kept on screen.
 */
export function showUnder(popup: HTMLElement, anchor: HTMLElement, align: "start" | "end") {
  if (!popup.matches(":popover-open")) popup.showPopover();
  const box = anchor.getBoundingClientRect();
  const { offsetWidth: width, offsetHeight: height } = popup;
  const left = align === "end" ? box.right - width : box.left;
  const below = box.bottom + 4;
  const top = below + height > window.innerHeight && box.top - 4 - height > 0 ? box.top - 4 - height : below;
  popup.style.left = `${Math.max(4, Math.min(left, window.innerWidth - width - 4))}px`;
  popup.style.top = `${top}px`;
}
