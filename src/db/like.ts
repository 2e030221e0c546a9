/** A LIKE pattern finding `text` anywhere, its `%`, `_` and `\` taken as letters (an address may hold them). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
