import pinoPretty from 'pino-pretty';
import type { DestinationStream } from 'pino';

/**
 * Where `serve` writes its logs: readable, coloured lines when stdout is a terminal (a person is
 * watching `npm start`), pino's JSON lines otherwise (a log collector is reading). Redaction
 * happens in pino before either, so both hide the same fields.
 * @example createLogger(config.logLevel, logDestination(Boolean(process.stdout.isTTY)))
 */
export function logDestination(isTTY: boolean): DestinationStream | undefined {
  if (!isTTY) return undefined; // pino's default: JSON to stdout
  return pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true, sync: true });
}
