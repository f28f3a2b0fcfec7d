// A TransportFactory whose every request is also aborted by one signal (SIGINT/SIGTERM, or --run-timeout): probes
// sent to a server that never answers must end with the command, not each after its own --timeout.
import type { TransportFactory } from './types.js';

export function boundBy(factory: TransportFactory, signal: AbortSignal): TransportFactory {
  return (target) => {
    const made = factory(target);
    return {
      transport: (request, own) => made.transport(request, own === undefined ? signal : AbortSignal.any([own, signal])),
      close: () => made.close(),
    };
  };
}
