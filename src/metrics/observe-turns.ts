import type { ConversationService } from '../conversation/service';
import type { Metrics } from './registry';

/**
 * Times every customer turn (message or quick-reply click), from the frame reaching the service to
 * the reply being committed, including the wait behind earlier frames of the same conversation:
 * the latency a customer feels. A turn that fails is timed too (it is still a wait). Returns a
 * service with the same shape.
 * @example const service = timeTurns(createConversationService(deps), metrics);
 */
export function timeTurns(service: ConversationService, metrics: Metrics, now: () => number = () => performance.now()): ConversationService {
  const handleCustomer: ConversationService['handleCustomer'] = async (...args) => {
    const started = now();
    try {
      return await service.handleCustomer(...args);
    } finally {
      metrics.turnDuration.observe((now() - started) / 1000);
    }
  };
  return Object.assign(Object.create(service) as ConversationService, { handleCustomer });
}
