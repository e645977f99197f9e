/** The routing control of one Region (`npm run dr` turns them On and Off by this name). */
export function routingControlName(project: string, region: string): string {
  return `${project}-${region}`;
}
