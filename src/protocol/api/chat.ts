/** The widget's REST: `GET /api/chat/features`, `POST /api/chat/transcript` (docs/email.md). */
import { Type } from '@sinclair/typebox';

export const ChatFeatures = Type.Object({ transcriptEmail: Type.Boolean({ description: 'Whether this server can email a transcript (SMTP configured).' }) });

export const TranscriptRequest = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'The conversation’s resume token, from the session frame.' }),
  email: Type.String({ maxLength: 254, examples: ['customer@example.com'] }),
});
export const TranscriptSent = Type.Object({ sent: Type.Literal(true) });
