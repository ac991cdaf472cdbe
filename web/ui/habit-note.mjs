// The playground's note on a SyntaxError that another language's habit causes: braces around a
// block, `&&`, `else if`, `n++`, `!x`. Python's own words say where its parser gave up, which is
// often not where the habit is: `if n > 0 {` makes the next line "invalid syntax. Perhaps you forgot
// a comma?" (the braces read as a set). The note is commentary shown under Python's error, never
// instead of it, and is said only where the error's line shows the habit (or, for a block opened
// with '{', the line before it, where Python gives up on the block's first statement).

/** Each habit: what it looks like in a line's code (strings and comments removed), and the note. */
const HABITS = [
  {
    looks: /^\s*(?:async\s+)?(?:if|elif|else|while|for|with|def|try|except|finally)\b.*\{\s*$/,
    onLineBefore: true,
    note: (line) =>
      `line ${line} opens a block with '{'. Python ends the line with ':' and indents the block; it has no braces around blocks`,
  },
  {
    looks: /^\s*\}/,
    note: (line) => `line ${line} closes a block with '}'. In Python a block ends where its indentation does`,
  },
  { looks: /\belse\s+if\b/, note: () => "Python writes 'elif' where C and JavaScript write 'else if'" },
  { looks: /&&|\|\|/, note: () => "Python writes 'and' and 'or' where C and JavaScript write '&&' and '||'" },
  { looks: /[\w)\]]\s*(?:\+\+|--)\s*(?:;|\)|$)/, note: () => "Python has no '++' or '--': write 'n += 1' or 'n -= 1'" },
  { looks: /(?:^|[^!=<>\w)\]])\s*!\s*[\w(]/, note: () => "Python writes 'not x' where C and JavaScript write '!x'" },
];

/**
 * The note for a program whose run ended in a SyntaxError at `line` (1-based), or null.
 * @param {string} source the program
 * @param {number | null} line where Python's SyntaxError points
 * @param {string} finalLine the error's last line ("SyntaxError: ...")
 */
export function habitNote(source, line, finalLine) {
  if (!line || !/^(?:SyntaxError|IndentationError):/.test(finalLine ?? '')) return null;
  const lines = codeOfLines(source);
  let before = line - 2;
  while (before >= 0 && lines[before].trim() === '') before -= 1;
  for (const at of [line - 1, before]) {
    if (at < 0 || at >= lines.length) continue;
    const habit = HABITS.find((h) => (at === line - 1 || h.onLineBefore) && h.looks.test(lines[at]));
    if (habit) return `Playground note: ${habit.note(at + 1)}.`;
  }
  return null;
}

/** Each line's code without its strings and comments (a string's quotes kept, empty), so that a '{' or
 * a '!' inside "..." or after '#' is not taken for code. Triple-quoted strings span lines. */
function codeOfLines(source) {
  const out = [];
  let quote = null; // the open string's quote ('"', "'", '"""' or "'''"), carried across lines when triple
  for (const text of source.split(/\r\n|\r|\n/)) {
    let code = '';
    for (let i = 0; i < text.length;) {
      if (quote) {
        if (text[i] === '\\') i += 2;
        else if (text.startsWith(quote, i)) [code, i, quote] = [code + quote, i + quote.length, null];
        else i += 1;
      } else if (text[i] === '#') {
        break;
      } else if (text[i] === '"' || text[i] === "'") {
        quote = text.startsWith(text[i].repeat(3), i) ? text[i].repeat(3) : text[i];
        [code, i] = [code + quote, i + quote.length];
      } else {
        [code, i] = [code + text[i], i + 1];
      }
    }
    if (quote && quote.length === 1) quote = null; // an unterminated one-line string ends with its line
    out.push(code);
  }
  return out;
}
