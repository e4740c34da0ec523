/**
 * A connection URL fit for a message or a log: the password (and any `password` query
 * parameter) replaced by `***`. Something that does not parse as a URL is shown only up to its
 * scheme, since it might hold a secret in a form we cannot see.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    return scheme ? `${scheme}//(unparseable URL)` : '(unparseable URL)';
  }
  if (u.password) u.password = '***';
  for (const key of [...u.searchParams.keys()])
    if (/pass|secret|token/i.test(key)) u.searchParams.set(key, '***');
  return u.toString();
}
