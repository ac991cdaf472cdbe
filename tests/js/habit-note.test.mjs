// The playground's note under a SyntaxError that another language's habit causes (web/ui/habit-note.mjs).
// Each case: a program, and the line and last line python3 3.11 reports for it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { habitNote } from '../../web/ui/habit-note.mjs';

const OPENS = "opens a block with '{'. Python ends the line with ':' and indents the block; it has no braces around blocks.";

test('a block opened with a brace is named, at its own line or the first statement after it', () => {
  const cases = [
    ['if x > 0 {\n    print(x)\n', 1, "SyntaxError: '{' was never closed", 1],
    ['x = 1\nwhile x < 3 {\n    x = x + 1\n}\n', 3, "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 2],
    [
      'async def f():\n    async with sem {\n\n        print(1)\n        await g()\n    }\n',
      4,
      'SyntaxError: invalid syntax. Perhaps you forgot a comma?',
      2,
    ],
    ['def f() {\n  return 1\n}\n', 1, "SyntaxError: expected ':'", 1],
  ];
  for (const [source, line, finalLine, at] of cases) {
    assert.equal(habitNote(source, line, finalLine), `Playground note: line ${at} ${OPENS}`, source);
  }
});

test("'}', '&&', 'else if', '++' and '!' are named at the error's line", () => {
  assert.equal(
    habitNote('if x:\n    print(1)\n}\n', 3, "SyntaxError: unmatched '}'"),
    "Playground note: line 3 closes a block with '}'. In Python a block ends where its indentation does.",
  );
  const notes = [
    ['if x == 1 && x < 2:\n    pass\n', 'SyntaxError: invalid syntax', "'and' and 'or'"],
    ['if x:\n    pass\nelse if y:\n    pass\n', "SyntaxError: expected ':'", "'elif'"],
    ['n = 0\nn++\n', 'SyntaxError: invalid syntax', "'n += 1'"],
    ['if !done:\n    pass\n', 'SyntaxError: invalid syntax', "'not x'"],
  ];
  for (const [source, finalLine, says] of notes) {
    const line = source.split('\n').findIndex((l) => /&&|else if|\+\+|!/.test(l)) + 1;
    assert.match(habitNote(source, line, finalLine) ?? '', new RegExp(says.replace(/[+]/g, '\\+')), source);
  }
});

test('no note where the habit is only in a string or a comment, nor for other errors or lines', () => {
  const none = [
    ['print("a { b")\nprint(1 2)\n', 2, 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'],
    ['print(f"{x!r}" 2)\n', 1, 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'],
    ['x = 1  # if x {\nprint(1 2)\n', 2, 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'],
    ['if x != 1:\n    pass\nprint(1 2)\n', 3, 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'],
    // a dict's closing brace on the line before an error is Python, not a block
    ['d = {\n  "a": 1\n}\nprint(d\n', 4, "SyntaxError: '(' was never closed"],
    ['s = """\nif x {\n"""\nprint(1 2)\n', 4, 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'],
    // not a SyntaxError: the note is for what stops a program from being read
    ['if x {\n', 1, "NameError: name 'x' is not defined"],
    ['if x {\n', null, "SyntaxError: '{' was never closed"],
  ];
  for (const [source, line, finalLine] of none) assert.equal(habitNote(source, line, finalLine), null, source);
});
