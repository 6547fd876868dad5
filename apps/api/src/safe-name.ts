/** True for a name that could leave its folder or end a C string early: `..`, `/`, `\` or NUL. */
export function isUnsafeName(name: string): boolean {
  return name.includes('..') || /[/\\\0]/.test(name)
}
