/**
 * A link into the console, for email. Tokens go in the fragment, which browsers neither send to a
 * server nor pass on as a referrer.
 */
export function consoleLink(publicUrl: string, page: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${publicUrl.replace(/\/+$/, '')}/app/#/${page}${query ? `?${query}` : ''}`;
}
