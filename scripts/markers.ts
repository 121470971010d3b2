// Generated blocks in Markdown files: everything between a begin and an end marker is replaced, so
// figures and diagrams in READMEs come from code and a test can tell when they are stale.

/** The text with the block between `begin` and `end` replaced by `body` (markers kept). */
export function replaceBetween(text: string, begin: string, end: string, body: string, file = "the file"): string {
    const start = text.indexOf(begin);
    const stop = text.indexOf(end);
    if (start < 0 || stop < start) throw new Error(`${file} has no generated block (${begin} ... ${end}).`);
    return `${text.slice(0, start + begin.length)}\n${body}\n${text.slice(stop)}`;
}
