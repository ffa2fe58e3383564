// Drops sources from a source map (v3): the second pass of fold-static-chunks.mjs names its
// own virtual modules and, for a chunk whose first-pass map was empty, the staged file
// itself, and neither exists once the build is done. The code they mapped becomes unmapped.
import { readFileSync, writeFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One `mappings` line's segments, each its VLQ fields (relative, as in the map). */
function decodeLine(line) {
  const segments = [];
  for (const text of line.split(',').filter(Boolean)) {
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const char of text) {
      const digit = BASE64.indexOf(char);
      value += (digit & 31) << shift;
      shift += 5;
      if (digit < 32) {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    segments.push(fields);
  }
  return segments;
}

function encodeField(field) {
  let value = field < 0 ? (-field << 1) | 1 : field << 1;
  let text = '';
  do {
    const digit = value & 31;
    value >>>= 5;
    text += BASE64[value > 0 ? digit | 32 : digit];
  } while (value > 0);
  return text;
}

/** The map at `path` without the sources `drop` picks, rewritten in place. */
export function dropMapSources(path, drop) {
  const map = JSON.parse(readFileSync(path, 'utf8'));
  const kept = map.sources.map((source) => !drop(source));
  if (kept.every(Boolean)) return;
  const newIndex = [];
  let next = 0;
  for (const keep of kept) newIndex.push(keep ? next++ : -1);
  // Absolute source, line, column and name carry on across lines; the generated column does not.
  const previous = [0, 0, 0, 0];
  const emitted = [0, 0, 0, 0];
  map.mappings = map.mappings
    .split(';')
    .map((line) => {
      let column = 0;
      let emittedColumn = 0;
      return decodeLine(line)
        .map((fields) => {
          column += fields[0];
          const out = [column - emittedColumn];
          emittedColumn = column;
          if (fields.length === 1) return out.map(encodeField).join('');
          for (let i = 1; i < fields.length; i++) previous[i - 1] += fields[i];
          const source = newIndex[previous[0]];
          if (source < 0) return out.map(encodeField).join('');
          const absolute = [source, previous[1], previous[2], previous[3]];
          for (let i = 0; i < fields.length - 1; i++) {
            out.push(absolute[i] - emitted[i]);
            emitted[i] = absolute[i];
          }
          return out.map(encodeField).join('');
        })
        .join(',');
    })
    .join(';');
  map.sources = map.sources.filter((_, i) => kept[i]);
  if (map.sourcesContent) map.sourcesContent = map.sourcesContent.filter((_, i) => kept[i]);
  writeFileSync(path, JSON.stringify(map));
}
