/** The help articles of `knowledge-base/`, indexed once at start for the bot and the help centre. */
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { createKnowledgeIndex, loadArticles, type KnowledgeIndex } from '../knowledge';

declare module 'fastify' {
  interface FastifyInstance {
    knowledge: KnowledgeIndex;
  }
}

export interface KnowledgePluginOptions {
  config: Pick<Config, 'knowledgeDir' | 'brandName'>;
}

export const knowledgePlugin = fp<KnowledgePluginOptions>(
  async (app, { config }) => {
    app.decorate('knowledge', createKnowledgeIndex(loadArticles(config.knowledgeDir), { brandName: config.brandName }));
  },
  { name: 'knowledge' },
);
