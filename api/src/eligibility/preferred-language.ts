/** The first language of an Accept-Language header, ignoring weights: `nl-BE,nl;q=0.9` → `nl-BE`. */
export function preferredLanguage(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  return first && first !== '*' ? first : undefined;
}
