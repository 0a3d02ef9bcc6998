/**
 * Django's `EmailValidator` (the one DRF's `EmailField` runs): dot-atom or quoted local part,
 * a domain of labels (or `localhost`, or an IP literal), IDN domains through punycode.
 */

const USER =
  /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"$/i;
const DOMAIN = /^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$/i;
const LITERAL = /^\[([A-f0-9:.]+)\]$/i;

function isIpLiteral(address: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(address)) return true;
  if (!address.includes(':')) return false;
  try {
    return new URL(`http://[${address}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

function validDomain(domain: string): boolean {
  if (DOMAIN.test(domain)) return true;
  const literal = LITERAL.exec(domain);
  return literal !== null && isIpLiteral(literal[1]!);
}

/** True when Django's `EmailValidator()` accepts the (already stripped) value. */
export function isValidEmail(value: string): boolean {
  if (!value.includes('@') || value.length > 320) return false;
  const at = value.lastIndexOf('@');
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!USER.test(user)) return false;
  if (domain === 'localhost' || validDomain(domain)) return true;
  try {
    // The IDN attempt: the domain in punycode.
    const ascii = new URL(`http://${domain}/`).hostname;
    return ascii !== domain && validDomain(ascii);
  } catch {
    return false;
  }
}
