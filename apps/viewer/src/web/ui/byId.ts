/**
 * The element with this id, typed.
 * @throws Error when the page lacks it (a mismatch between index.html and the code)
 */
export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el as T;
}
