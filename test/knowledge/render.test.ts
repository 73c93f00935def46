import { renderMarkdown } from '../../src/knowledge/render';

describe('renderMarkdown', () => {
  it('renders headings, lists, emphasis and links', () => {
    const html = renderMarkdown('Intro.\n\n## Steps\n\n1. Open **Account**\n2. See [refunds](/help/refund-timing)');
    expect(html).toContain('<h2>Steps</h2>');
    expect(html).toMatch(/<ol>\s*<li>Open <strong>Account<\/strong><\/li>/);
    expect(html).toContain('<a href="/help/refund-timing">refunds</a>');
  });

  it('fills the brand name and escapes it', () => {
    const html = renderMarkdown('Open the {{brand}} app', { brandName: 'A&B <Pay>' });
    expect(html).toContain('A&amp;B &#60;Pay&#62;');
    expect(html).not.toContain('<Pay>');
  });

  it('never passes raw HTML or script links through', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('click');
  });
});
