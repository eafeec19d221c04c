import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/args';
import {
  isSafeEntryName,
  progressBar,
  progressLine,
  readRowsInput,
  withDefaultFormat,
} from '../../src/commands/bulk-input';

const ID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('layercast bulk: the rows file', () => {
  it('sends a CSV as it is, and refuses an empty one', () => {
    expect(readRowsInput('rows.csv', 'title.text\nHello\n')).toEqual({ kind: 'csv', text: 'title.text\nHello\n' });
    expect(() => readRowsInput('rows.csv', ' \n')).toThrow(/rows\.csv: the file is empty/);
  });

  it('takes JSON as a list of rows or as the request envelope', () => {
    expect(readRowsInput('rows.json', '[{"layers":{"title":{"text":"A"}}}]')).toEqual({
      kind: 'json',
      body: { rows: [{ layers: { title: { text: 'A' } } }] },
    });
    const envelope = JSON.stringify({
      templateId: ID,
      rows: [{}],
      format: 'webp',
      defaults: { variables: { a: 'b' } },
    });
    expect(readRowsInput('rows.json', envelope, ID)).toEqual({
      kind: 'json',
      body: { rows: [{}], format: 'webp', defaults: { variables: { a: 'b' } } },
    });
  });

  it('names the file and the JSON path of what is wrong', () => {
    const problem = (text: string, file = 'rows.json') => {
      try {
        readRowsInput(file, text, ID);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(problem('{"rows": []}')).toBe('rows.json: rows: expected at least 1 row');
    expect(problem('{"rows": [{}], "colour": "red"}')).toMatch(/^rows\.json: .*colour/);
    expect(problem('[{}')).toMatch(/^rows\.json: not valid JSON/);
    expect(problem(JSON.stringify({ templateId: 'other', rows: [{}] }))).toBe(
      `rows.json: templateId is other, but the command names template ${ID}`,
    );
    expect(problem('a,b', 'rows.txt')).toBe('rows.txt: expected a .csv or .json file of rows');
  });
});

describe('layercast bulk --format on a CSV', () => {
  it('adds a format column, keeping quoted commas and line breaks in their cells', () => {
    const csv = 'title.text,{{author}}\r\n"Hello, ""world""",Ann\r\n"two\nlines",Bob\r\n';
    const out = withDefaultFormat(csv, 'webp');
    expect(parse(out)).toEqual([
      ['title.text', '{{author}}', 'format'],
      ['Hello, "world"', 'Ann', 'webp'],
      ['two\nlines', 'Bob', 'webp'],
    ]);
  });

  it('fills only the rows whose own format cell is empty', () => {
    const out = withDefaultFormat('format,title.text\njpeg,A\n,B\n', 'png');
    expect(parse(out)).toEqual([
      ['format', 'title.text'],
      ['jpeg', 'A'],
      ['png', 'B'],
    ]);
  });
});

describe('layercast bulk progress', () => {
  it('draws a bar on a terminal and plain lines elsewhere', () => {
    expect(progressBar({ total: 40, done: 11, failed: 1 }, 10)).toBe('[###·······]  12/40  30%  1 failed');
    expect(progressBar({ total: 3, done: 3, failed: 0 }, 10)).toBe('[##########]  3/3  100%');
    expect(progressBar({ total: 0, done: 0, failed: 0 }, 4)).toBe('[····]  0/0  0%');
    expect(progressLine({ total: 40, done: 11, failed: 1 })).toBe('progress 12/40 (1 failed)');
    expect(progressLine({ total: 3, done: 1, failed: 0 })).toBe('progress 1/3');
  });

  it('writes only plain file names from the archive', () => {
    for (const name of ['0001.png', '12345.webp', 'manifest.csv']) expect(isSafeEntryName(name), name).toBe(true);
    for (const name of ['../x.png', '/etc/passwd', 'a/b.png', '..', '.hidden', 'a\\b.png', ''])
      expect(isSafeEntryName(name), name).toBe(false);
  });
});
