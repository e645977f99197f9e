/** Shapes the config schema enforces and constructs re-check on their own props. */
export const PROJECT_PATTERN = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
/** `project` when the config has none. */
export const DEFAULT_PROJECT = 'multi-region';
export const KEY_PREFIX_PATTERN = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** A Terraform block name from free text: letters, digits, "_" and "-" stay, everything else becomes "_". */
export function terraformName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}
