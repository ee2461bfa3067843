// Text that people type or import, made the same before any flow or database sees it. PostgreSQL
// refuses a NUL byte in text where SQLite stores it, and a name of zero-width spaces looks empty
// everywhere; cleaning once here makes both databases (and every platform) behave alike.

/** C0 and C1 control characters except TAB and LF, which multi-line text keeps. */
const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Characters that show nothing: white space, zero-width and other default-ignorable ones, format characters, the Braille blank. */
const NOTHING_VISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]*$/u;

/**
 * NFC (macOS and some exports decompose æøå); CRLF/CR → LF; NUL and the other control characters
 * removed (TAB and LF kept); text with nothing visible becomes "", so a required value is refused
 * by the usual "missing" check. Not trimmed: callers decide about white space.
 */
export function cleanText(text: string): string {
  const cleaned = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_TAB_LF, '');
  return NOTHING_VISIBLE.test(cleaned) ? '' : cleaned;
}

/** One line of text (a name, a school): cleaned, white space collapsed to single spaces, trimmed. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** Whether anything in the text would be visible. */
export function hasVisibleText(text: string): boolean {
  return !NOTHING_VISIBLE.test(text);
}

/**
 * The first control character in a value read from a file (CR, LF and TAB allowed), as "U+0000", or
 * undefined. A file is refused rather than silently changed: a NUL usually means a UTF-16 export.
 */
export function controlCharacterIn(text: string): string | undefined {
  const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

