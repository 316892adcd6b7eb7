/** The app's installations, as the code host lists them. */
export interface InstallationSummary {
  readonly id: number;
  readonly contentsAccess: "read" | "write" | "none";
}

/** What an installation can reach, asked of the code host rather than taken from a webhook payload. */
export interface Installations {
  /** Every installation of the app (with the app's own credentials). */
  listInstallations(): Promise<readonly InstallationSummary[]>;
}

/** The repositories one installation can reach. */
export interface InstallationRepositories {
  /** `owner/name` of every repository the installation can reach, all pages. */
  listRepositories(): Promise<readonly string[]>;
}
