import { loadConfig } from '../config';
import type { IntentModel } from '../nlu/model';
import { loadModelFile, resolveCliModel } from '../nlu/model-cache';
import { createStorage } from '../storage/create';
import { loadActiveModel } from '../training/active-model';

/**
 * The model a CLI command uses: the file given with --model; else the version operators activated
 * (in the same storage the server uses: DATA_DIR's SQLite file or DATABASE_URL); else the model
 * trained from ./intents, as the server would start with.
 */
export async function modelForCli(modelFile: string | undefined): Promise<{ model: IntentModel; source: string }> {
  if (modelFile) return { model: await loadModelFile(modelFile), source: modelFile };
  const storage = await createStorage(loadConfig());
  try {
    const active = await loadActiveModel(storage.training);
    if (active) return { model: active, source: `active version ${active.meta.id}` };
  } finally {
    await storage.close();
  }
  return { model: await resolveCliModel(undefined, process.env, process.cwd()), source: 'intents/' };
}
