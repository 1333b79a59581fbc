/** A generated password to hand over once; the server never returns it again. */
export interface OneTimeCredentials {
  fullName: string;
  username: string;
  temporaryPassword: string;
}
