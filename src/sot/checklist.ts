/** GET …/checklist: the minimum-level checklist of one point, computed now. */
import type { DbOrTx } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import { loadPoint } from './access.js';
import { stockholmDate } from './dates.js';
import { checklistOf, loadPointFacts } from './facts.js';
import type { Checklist } from './lagstaniva.js';

export interface PointChecklist extends Checklist {
  pointId: number;
  /** The Stockholm date the facts were evaluated on (agreements in force). */
  evaluatedOn: string;
}

export async function getChecklist(db: DbOrTx, actor: Actor, pointId: number): Promise<PointChecklist> {
  const { row } = await loadPoint(db, actor, pointId);
  const facts = (await loadPointFacts(db, [row])).get(row.id)!;
  const today = stockholmDate();
  return { pointId, evaluatedOn: today, ...checklistOf(facts, today) };
}
