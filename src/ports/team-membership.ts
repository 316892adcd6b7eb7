/** Team membership, asked of the code host at the time of each command (never cached). */
export interface TeamMembership {
  /** True when `username` is an active member of `@org/team`. */
  isActiveMember(team: string, username: string): Promise<boolean>;
}
