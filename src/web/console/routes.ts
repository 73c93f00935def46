/** Pure routing helpers for the console's sections (`#/chats`, `#/chats/<id>`, `#/training`). */

/** The roles the protocol knows, as plain strings so this file stays free of DOM and protocol types. */
export type RoleName = 'agent' | 'operator' | 'admin';

/** The sections a role sees, in registration order. */
export function visibleSections(sections: readonly { id: string; roles?: readonly RoleName[] }[], role: RoleName): string[] {
  return sections.filter((s) => !s.roles || s.roles.includes(role)).map((s) => s.id);
}

/** The section id for a location hash, falling back to the first visible one. */
export function sectionFromHash(hash: string, visible: readonly string[]): string | undefined {
  const id = /^#\/([a-z0-9-]+)/.exec(hash)?.[1];
  return id && visible.includes(id) ? id : visible[0];
}
