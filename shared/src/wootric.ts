/** The Tenpoint user id of a Wootric end user: their external id when given, else their email. */
export function wootricUserId({ email, external_id }: { email?: string | null; external_id?: string | null }): string | undefined {
  const external = external_id?.trim();
  if (external) return external;
  return email?.trim() || undefined;
}
