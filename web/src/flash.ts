/**
 * A one-shot message carried across a navigation ("Servicepunkten är skapad" after the create
 * form moves to the new point's page). Read once, then gone.
 */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
