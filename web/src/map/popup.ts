/**
 * The content of a service point's popup, built as DOM nodes with textContent only: names come
 * from imported data and must never be interpreted as HTML.
 */

/** Texts and formatters the popup needs, already in the user's language. */
export interface PopupLabels {
  kind(kind: string): string;
  power(type: string): string;
  municipality(code: string): string;
  action: string;
  chain: string;
  address: string;
  municipalityLabel: string;
  powerLabel: string;
}

/** An element with an optional class and text; text goes in as textContent, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** The power type from a GeoJSON property (an object, or a JSON string after MapLibre). */
export function powerType(value: unknown): string {
  if (value && typeof value === 'object' && 'type' in value) return String((value as { type: unknown }).type);
  if (typeof value === 'string') {
    try {
      return powerType(JSON.parse(value));
    } catch {
      return value;
    }
  }
  return 'grid';
}

/** Popup content for a point's GeoJSON properties; the button calls `onOpen`. */
export function buildPopup(
  props: Record<string, unknown>,
  labels: PopupLabels,
  onOpen: () => void,
): HTMLElement {
  const root = el('div', 'popup');
  root.appendChild(el('h2', 'popup-title', str(props.name) ?? '–'));
  root.appendChild(el('p', 'popup-kind', labels.kind(String(props.kind ?? ''))));
  const list = el('dl', 'popup-details');
  const add = (term: string, value: string | null) => {
    if (!value) return;
    list.appendChild(el('dt', undefined, term));
    list.appendChild(el('dd', undefined, value));
  };
  add(labels.chain, str(props.chain));
  add(labels.address, [str(props.address), str(props.city)].filter(Boolean).join(', ') || null);
  add(
    labels.municipalityLabel,
    str(props.municipalityCode) ? labels.municipality(String(props.municipalityCode)) : null,
  );
  add(labels.powerLabel, labels.power(powerType(props.power)));
  root.appendChild(list);
  const button = el('button', 'button button-primary button-small', labels.action);
  button.type = 'button';
  button.addEventListener('click', onOpen);
  root.appendChild(button);
  return root;
}
