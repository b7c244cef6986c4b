import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PageError } from './page-error';

const noop = () => {};

describe('PageError', () => {
  it('is an alert with a Retry button and the server log reference (digest)', () => {
    const error = Object.assign(new Error('hidden in production'), { digest: '1234567' });
    const html = renderToStaticMarkup(<PageError error={error} retry={noop} />);
    expect(html).toMatch(/^<div role="alert"/);
    expect(html).toMatch(/<button type="button"[^>]*>Retry<\/button>/);
    expect(html).toContain('Reference: 1234567');
    // What the server threw is never echoed: production hides it, and the page does not depend on it.
    expect(html).not.toContain('hidden in production');
  });

  it('shows no reference for a thrown value that is not an Error with a digest', () => {
    expect(renderToStaticMarkup(<PageError error="boom" retry={noop} />)).not.toContain('Reference');
    expect(renderToStaticMarkup(<PageError error={new Error('x')} retry={noop} />)).not.toContain('Reference');
  });
});
