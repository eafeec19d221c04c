// Structured logs. Credentials never reach a log line: headers that carry them and body
// fields that name them are redacted wherever they appear.
import pino from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.key',
  '*.signingSecret',
  '*.masterSecret',
  '*.sig',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'layercast' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
