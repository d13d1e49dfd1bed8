import { useSession } from '../../session.js';
import '../sot.css';
import { canSeeBoard } from '../access.js';
import { BoardPage } from './BoardPage.js';
import { PointListPage } from './PointListPage.js';

/**
 * `/sot-punkter`: the readiness board for administrators, county and municipality users; the
 * list of their assigned or granted points for operators and viewers.
 */
export function SotHomePage() {
  const { user } = useSession();
  return canSeeBoard(user) ? <BoardPage /> : <PointListPage />;
}
