// Defanged indicators (`hxxp://evil[.]example`, `user[at]example[dot]com`) are written so that nobody clicks
// them; to read them we undo the defanging while remembering, for every character of the refanged text,
// which span of the original it came from, so that each finding can point at what the user wrote.

export interface RefangedText {
  text: string;
  /** Offset in the original of the first character behind text[i]. */
  start: number[];
  /** Offset in the original just after the last character behind text[i]. */
  end: number[];
}

// One alternation, tried at each position. Word forms ([dot], (at)) may be surrounded by single spaces,
// as in `example [dot] com`; bracketed symbols are tight. hxxp is only refanged before `s://` or `://`.
const DEFANG = /(?<dot> ?[[({](?:dot|\.)[\])}] ?|\[\.\]|\(\.\)|\{\.\})|(?<at> ?[[({]at[\])}] ?|\[@\]|\(@\))|(?<colon>\[:\])|(?<scheme>\bh(?:xx|XX|\*\*|XX)p(?=s?(?:\[:\]|:)\/\/))|(?<slashes>\[:\/\/\]|\[\/\/\])/giy;

/**
 * Undoes defanging. Returns the original text unchanged (with identity offsets) when nothing is defanged.
 * `defanged` says whether anything was replaced.
 */
export function refang(original: string): RefangedText & { defanged: boolean } {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let defanged = false;
  let i = 0;
  while (i < original.length) {
    DEFANG.lastIndex = i;
    const match = DEFANG.exec(original);
    if (match?.groups) {
      const groups = match.groups;
      const replacement = groups.dot ? '.' : groups.at ? '@' : groups.colon ? ':' : groups.scheme ? 'http' : '://';
      const matchEnd = i + match[0].length;
      for (const char of replacement) {
        text += char;
        start.push(i);
        end.push(matchEnd);
      }
      defanged = true;
      i = matchEnd;
      continue;
    }
    text += original[i];
    start.push(i);
    end.push(i + 1);
    i++;
  }
  return { text, start, end, defanged };
}
