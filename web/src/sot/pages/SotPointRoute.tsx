import '../sot.css';
import { CreatePointPage } from './CreatePointPage.js';
import { PointPage } from './PointPage.js';

/** `/sot-punkter/ny` or `/sot-punkter/:id[/:section]`. */
export function SotPointRoute({ id, tab }: { id: number | 'new'; tab: string | null }) {
  return id === 'new' ? <CreatePointPage /> : <PointPage id={id} tab={tab} />;
}
