import { detectFrustration } from '../../src/nlu/frustration';

describe('detectFrustration', () => {
  it.each([
    'this is useless',
    'Worst service ever',
    "I'm furious, nobody answers",
    'what the fuck is going on with my payment',
    'where is my refund!!!',
    'WHERE IS MY MONEY YOU PEOPLE',
    'I am sick and tired of waiting',
    'this bot is a waste of time',
  ])('flags strong frustration: %s', (text) => {
    expect(detectFrustration(text)).toBe(true);
  });

  it.each([
    'my refund is late, it has been two weeks',
    'I returned the item but have not got my money back yet',
    'Why was I charged twice?',
    'I forgot my PIN for the ATM',
    'thanks!',
    'hello, can you help me with a late fee',
    'my card was declined and I am a bit annoyed',
  ])('does not flag an ordinary message: %s', (text) => {
    expect(detectFrustration(text)).toBe(false);
  });
});
