import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import type { EventSink } from './ports';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

/**
 * Events flow to the host (the window, the CLI) and to services that react to them inside main,
 * e.g. the search index learning of a saved document. A failing internal listener never stops the
 * event from reaching the host.
 */
export class EventBus implements EventSink {
  private listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(
    private readonly host: EventSink,
    private readonly onListenerError: (event: EventName, err: unknown) => void = () => {},
  ) {}

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as Listener<E>)(payload);
      } catch (err) {
        this.onListenerError(event, err);
      }
    }
    this.host.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }
}
