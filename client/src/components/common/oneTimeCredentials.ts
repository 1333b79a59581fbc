/** A generated password to hand over once; the server never returns it again. */
export interface OneTimeCredentials {
  fullName: string;
  username: string;
  temporaryPassword: string;
  /** A line under the password, e.g. that the class's login cards now print it. */
  hint?: string;
}
