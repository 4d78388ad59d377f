// Vite's import.meta.glob, as vitest provides it to the tests (only the eager form the tests use), without
// bringing vite/client's other globals into the whole program.
interface ImportMeta {
  glob<T>(pattern: string | string[], options: { eager: true; import?: string }): Record<string, T>;
}
