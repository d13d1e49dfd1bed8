/**
 * Import issues in the user's language: the server sends an English `reason` plus, for the common
 * problems, a stable `code` and `params`; known codes are translated here, anything else falls
 * back to the English reason so no issue is ever hidden.
 */
import { formatNumber, isMessageKey, kindLabel, type Lang, type Params, translate } from '../i18n.js';

/** The parts of an import issue that make up its text. */
export interface IssueText {
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** Ids and codes are identifiers, not quantities: never digit-grouped. */
const VERBATIM = new Set(['id', 'code', 'given', 'ref', 'stored', 'char']);

/** `at` is a line number, a list of them (`6, 7`) or an OSM element (`node/123`). */
function atText(lang: Lang, at: string | number): string {
  const s = String(at);
  if (!/^\d+(, \d+)*$/.test(s)) return s;
  return translate(lang, s.includes(',') ? 'importIssue.atLines' : 'importIssue.atLine', { at: s });
}

/** The text of `issue` in `lang`: the translated code when known, else the server's reason. */
export function importIssueText(lang: Lang, issue: IssueText): string {
  const key = issue.code ? `importIssue.${issue.code}` : '';
  if (!isMessageKey(key)) return issue.reason;
  const params: Params = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (name === 'allowed')
      params[name] = String(value)
        .split(/,\s*/)
        .map((kind) => kindLabel(lang, kind))
        .join(', ');
    else if (name === 'at') params[name] = atText(lang, value);
    else if (typeof value === 'number' && !VERBATIM.has(name)) params[name] = formatNumber(value, true);
    else params[name] = value;
  }
  return translate(lang, key, params);
}
