/**
 * The console's top-level sections and the hash router between them (`#/chats`, `#/training`).
 * A section declares who sees it; features (the operator's training tools in
 * src/web/console/training/) register their own section here instead of editing the shell.
 */
import type { AgentRole } from '../../protocol/agent';
export { sectionFromHash, visibleSections } from './routes';

export interface SectionContext {
  role: AgentRole;
  /** State-changing REST calls need this header value (`x-csrf-token`). */
  csrfToken(): string;
}

export interface Section {
  /** Route id: `#/<id>`. */
  id: string;
  label: string;
  /** Roles that see the section in the nav; all when omitted. */
  roles?: AgentRole[];
  /** Renders into `el` when the section is shown; returns an optional cleanup. */
  mount(el: HTMLElement, ctx: SectionContext): void | (() => void);
}


const registry: Section[] = [];

/** Adds or replaces (by id) a section. Call before the console starts. */
export function registerSection(section: Section): void {
  const at = registry.findIndex((s) => s.id === section.id);
  if (at >= 0) registry[at] = section;
  else registry.push(section);
}

export function sections(): readonly Section[] {
  return registry;
}
