/** The letter an avatar shows for a name; none for a phone number ("0931 xxx 604"), which gets a person icon. */
export function initialOf(name: string): string {
  const first = name
    .trim()
    .replace(/^[^\p{L}\p{N}+]+/u, '')
    .charAt(0);
  return /\p{L}/u.test(first) ? first.toLocaleUpperCase('vi') : '';
}
