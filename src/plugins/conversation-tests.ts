/**
 * The console's conversation tests (conversations/*.yml), played against a private copy of this
 * app built with `build`, understanding customers with the model this server answers with now.
 * A run still going when the app closes is waited for.
 */
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { createConversationTestRuns, type ConversationTestRuns } from '../conversation-tests/runs';
import { startRunTarget, type BuildApp } from '../conversation-tests/target';

declare module 'fastify' {
  interface FastifyInstance {
    conversationTests: ConversationTestRuns;
  }
}

export interface ConversationTestsPluginOptions {
  config: Config;
  /** `buildApp` (passed in, so this file does not import app.ts). */
  build: BuildApp;
}

export const conversationTestsPlugin = fp<ConversationTestsPluginOptions>(
  async (app, { config, build }) => {
    const runs = createConversationTestRuns({
      dir: config.conversationsDir,
      startTarget: () => startRunTarget({ build, config, model: app.nlu.parser.model }),
    });
    app.addHook('onClose', () => runs.idle());
    app.decorate('conversationTests', runs);
  },
  { name: 'conversation-tests', dependencies: ['nlu'] },
);
