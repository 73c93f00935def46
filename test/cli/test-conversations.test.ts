import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTestConversations } from '../../src/cli/test-conversations';
import { memoryIo } from '../helpers/cli-io';

describe('cli test-conversations', () => {
  it('--help says what it does, its options and its exit codes', async () => {
    const { io, out } = memoryIo();
    expect(await runTestConversations(['--help'], io)).toBe(0);
    expect(out()).toMatch(/--dir D/);
    expect(out()).toMatch(/--only TEXT/);
    expect(out()).toMatch(/Exit code: 0 when every conversation passed, 1 when one failed/);
  });

  it('refuses an unknown option with the help and exit code 64', async () => {
    const { io, err } = memoryIo();
    expect(await runTestConversations(['--colour', 'red'], io)).toBe(64);
    expect(err()).toMatch(/unknown option --colour/);
  });

  it('says so when the folder holds no conversation files (66), and when it does not exist (1 via main)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'no-conversations-'));
    try {
      const { io, err } = memoryIo();
      expect(await runTestConversations(['--dir', dir], io)).toBe(66);
      expect(err()).toContain(`no conversation files (*.yml) in ${dir}`);
      await expect(runTestConversations(['--dir', path.join(dir, 'missing')], memoryIo().io)).rejects.toThrow(/cannot read the conversations folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
