/** Every entry of a Web Storage area as a plain object (what the test reads back from the page). */
export function storageEntries(area: Storage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < area.length; i++) {
    const key = area.key(i);
    if (key !== null) out[key] = area.getItem(key) ?? '';
  }
  return out;
}
