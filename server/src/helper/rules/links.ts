import { domainToUnicode } from 'node:url';

import { LinkifyIt } from 'linkify-it';
import { parse } from 'tldts';

import { BRANDS, FREE_HOSTS, RISKY_TLDS, SHORTENERS, TRUSTED_SUFFIXES, WELL_KNOWN_DOMAINS } from './brands.js';
import { foldText } from './fold.js';

/** A link as written in the message: never fetched, never opened (the helper only reads its name). */
export interface FoundLink {
  /** Where it is in the original text, and the text itself. */
  index: number;
  lastIndex: number;
  raw: string;
  /** The host as written (Unicode), and its registrable domain (null for an IP address). */
  host: string;
  domain: string | null;
  isIp: boolean;
  tld: string;
}

export interface LinkFinding {
  code: 'SUSPICIOUS_LINK' | 'SHORTENED_LINK' | 'LOOKALIKE_DOMAIN' | 'LOOKALIKE_CHARACTERS';
  link: FoundLink;
  /** The brand it imitates, for the answer. */
  brand?: string;
}

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyIP: true, fuzzyEmail: false }).tlds(
  [...RISKY_TLDS, 'app', 'me', 'io', 'cloud', 'today', 'life', 'xn--p1ai', 'page', 'net', 'vn'],
  true,
);

export function findLinks(text: string): FoundLink[] {
  return (linkify.match(text) ?? []).flatMap((m) => {
    const host = hostOf(m.url);
    if (!host) return [];
    const parsed = parse(host);
    return [
      {
        index: m.index,
        lastIndex: m.lastIndex,
        raw: m.raw,
        host,
        domain: parsed.isIp ? null : (parsed.domain ?? host),
        isIp: parsed.isIp === true,
        tld: (parsed.publicSuffix ?? '').split('.').pop() ?? '',
      },
    ];
  });
}

function hostOf(url: string): string | null {
  const match = /^[a-z]+:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
  if (!match) return null;
  const host = match[1].toLowerCase().replace(/\.$/, '');
  // A punycode label is shown as the letters it stands for, so that the look-alike check sees them.
  return host.includes('xn--') ? domainToUnicode(host) || host : host;
}

/** Letters from other scripts and digits that pass for Latin letters in a name. */
const CONFUSABLE: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ɡ: 'g',
  ո: 'n',
  ѕ: 's',
  ο: 'o',
  α: 'a',
  ν: 'v',
  ι: 'i',
  κ: 'k',
  ρ: 'p',
  τ: 't',
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
};

/** A name as it reads to the eye: other scripts' look-alikes and digits as the letters they imitate, rn as m. */
export function skeleton(name: string): string {
  return [...foldText(name)]
    .map((c) => CONFUSABLE[c] ?? c)
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/** A word whose letters mix Latin with another script: "vietcombаnk" with a Cyrillic а. */
export function mixesScripts(word: string): boolean {
  return /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]/u.test(word);
}

const isTrusted = (domain: string) => WELL_KNOWN_DOMAINS.has(domain) || TRUSTED_SUFFIXES.some((s) => domain === s || domain.endsWith(`.${s}`));

/** One edit (a letter added, dropped or changed) or none between two names. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function imitatedBrand(link: FoundLink): string | null {
  if (!link.domain) return null;
  const labels = link.host.split('.').map(skeleton);
  const joined = labels.join('-');
  for (const brand of BRANDS) {
    if (brand.official.some((d) => link.domain === d || link.domain!.endsWith(`.${d}`))) continue;
    const named = brand.tokens.some((token) => {
      if (token.length < 4) return labels.some((label) => label.split('-').some((part) => part === token || (part.startsWith(token) && part.length > 6)));
      return joined.includes(token) || (token.length >= 6 && labels.some((label) => label.split('-').some((part) => withinOneEdit(part, token))));
    });
    if (named) return brand.name;
  }
  return null;
}

/**
 * What each link's name shows. `allowed` and `blocked` are the province's lists (registrable domains);
 * an allowed domain shows nothing; a blocked one is reported by the caller as BLOCKLISTED.
 */
export function judgeLinks(links: readonly FoundLink[], allowed: ReadonlySet<string>, asksSomething: boolean): LinkFinding[] {
  const findings: LinkFinding[] = [];
  for (const link of links) {
    if (link.domain && allowed.has(link.domain)) continue;
    if (link.domain && SHORTENERS.has(link.domain)) {
      findings.push({ code: 'SHORTENED_LINK', link });
      continue;
    }
    if (/[^\x20-\x7e]/.test(link.host) && mixesScripts(link.host)) findings.push({ code: 'LOOKALIKE_CHARACTERS', link });
    const brand = imitatedBrand(link);
    if (brand) findings.push({ code: 'LOOKALIKE_DOMAIN', link, brand });
    if (link.domain && isTrusted(link.domain)) continue;
    const freeHost = link.domain !== null && FREE_HOSTS.has(link.domain) && link.host !== link.domain;
    const odd =
      link.isIp ||
      RISKY_TLDS.has(link.tld) ||
      freeHost ||
      link.raw.includes('@') ||
      (link.host.match(/-/g) ?? []).length >= 2 ||
      /^http:\/\//i.test(link.raw) ||
      /\.(apk|exe|scr|bat)(?:[?#]|$)/i.test(link.raw);
    // An unknown domain in a message that asks for something is the usual shape of a phishing link (a look-alike says more already).
    if (odd || (asksSomething && !brand)) findings.push({ code: 'SUSPICIOUS_LINK', link });
  }
  return findings;
}

/** Vietnamese phone numbers as written (0912 345 678, +84 912.345.678), with their normal form 0XXXXXXXXX. */
export function findPhones(text: string): { index: number; raw: string; normal: string }[] {
  const found: { index: number; raw: string; normal: string }[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(?:\+84|84|0)(?:[\s.-]?\d){9}(?![\p{L}\p{N}])/gu)) {
    const digits = m[0].replace(/\D/g, '');
    found.push({ index: m.index, raw: m[0], normal: `0${digits.replace(/^(84|0)/, '')}` });
  }
  return found;
}

/** A list entry's normal form: a registrable domain or a phone number, or null when it is neither. */
export function normalListEntry(value: string): { kind: 'domain' | 'phone'; value: string } | null {
  const trimmed = value.trim();
  const phone = findPhones(trimmed);
  if (phone.length === 1 && phone[0].raw.length === trimmed.length) return { kind: 'phone', value: phone[0].normal };
  if (/\s/.test(trimmed) || trimmed.length > 253) return null;
  const host = hostOf(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
  if (!host) return null;
  const parsed = parse(host);
  if (parsed.isIp) return { kind: 'domain', value: host };
  if (!parsed.domain || !parsed.isIcann) return null;
  return { kind: 'domain', value: parsed.domain };
}
