/** `GET /health` and `GET /ready`: for load balancers and monitoring. */
import { StringEnum } from './params';
import { Type } from '@sinclair/typebox';

const parts = {
  storage: StringEnum(['ok', 'unavailable']),
  bus: StringEnum(['ok', 'down']),
};

export const Healthy = Type.Object({
  status: Type.Literal('ok'),
  ...parts,
  model: Type.Object({ id: Type.String(), intents: Type.Integer() }),
});
export const Unhealthy = Type.Object({ status: Type.Literal('error'), ...parts });
export const Readiness = Type.Object({ ready: Type.Boolean(), closing: Type.Optional(Type.Literal(true)), ...parts });
