import { parseCommandArgs } from '../../src/cli/args';
import { memoryIo } from '../helpers/cli-io';

const io = memoryIo;

const HELP = 'Usage: support-bot demo --data FILE [--fast]\n';

describe('parseCommandArgs', () => {
  it('returns the parsed values and flags', () => {
    const t = io();
    const args = parseCommandArgs(['--data', 'x.csv', '--fast'], t.io, HELP, ['data'], ['fast']);
    expect(args).toEqual({ values: { data: 'x.csv' }, flags: new Set(['fast']) });
    expect(t.out() + t.err()).toBe('');
  });

  it('gives 64 for a usage error, with the reason and the help on stderr', () => {
    const t = io();
    expect(parseCommandArgs(['--nope'], t.io, HELP, ['data'])).toBe(64);
    expect(t.err()).toBe(`unknown option --nope\n\n${HELP}`);
    expect(t.out()).toBe('');
    expect(parseCommandArgs(['--data'], io().io, HELP, ['data'])).toBe(64);
  });

  it('gives 0 for --help and -h, with the help on stdout', () => {
    for (const flag of ['--help', '-h']) {
      const t = io();
      expect(parseCommandArgs([flag], t.io, HELP, ['data'])).toBe(0);
      expect(t.out()).toBe(HELP);
      expect(t.err()).toBe('');
    }
  });
});
