import { describe, expect, it } from 'vitest';
import { mediaKind } from '../db/schema';
import { MEDIA_KINDS, accountLengthProblem, formatBytes, lapsedPremiumProblem, mediaRuleProblem, overLimitMessage, roomFor, sizeProblem, textLimitFor, type MediaKind } from './rules';

const many = (kind: MediaKind, n: number): MediaKind[] => Array.from({ length: n }, () => kind);

describe("X's media rule for one post", () => {
  it('allows nothing, up to 4 images, one GIF or one video', () => {
    expect(mediaRuleProblem([])).toBeNull();
    expect(mediaRuleProblem(many('image', 1))).toBeNull();
    expect(mediaRuleProblem(many('image', 4))).toBeNull();
    expect(mediaRuleProblem(['gif'])).toBeNull();
    expect(mediaRuleProblem(['video'])).toBeNull();
  });

  it('refuses a fifth image, a second GIF or video, and mixing', () => {
    expect(mediaRuleProblem(many('image', 5))).toBe('A post can have at most 4 images.');
    expect(mediaRuleProblem(['gif', 'gif'])).toBe('A post can have only one GIF.');
    expect(mediaRuleProblem(['video', 'video'])).toBe('A post can have only one video.');
    expect(mediaRuleProblem(['gif', 'video'])).toBe('A post can have a GIF or a video, not both.');
    expect(mediaRuleProblem(['image', 'video'])).toBe('A post with a GIF or a video cannot have images too.');
    expect(mediaRuleProblem(['gif', 'image'])).toBe('A post with a GIF or a video cannot have images too.');
  });

  it('tells the composer what more a part may take, and why not', () => {
    expect(roomFor([])).toEqual({ accepts: ['image', 'gif', 'video'], reason: null });
    expect(roomFor(many('image', 3))).toEqual({ accepts: ['image'], reason: null });
    expect(roomFor(many('image', 4)).reason).toMatch(/at most 4 images/);
    expect(roomFor(['gif']).reason).toMatch(/GIF can have nothing else/);
    expect(roomFor(['video']).reason).toMatch(/video can have nothing else/);
  });
});

describe("X's size limits", () => {
  it('takes images to 5 MB, GIFs to 15 MB and videos to 512 MB', () => {
    const MB = 1024 * 1024;
    expect(sizeProblem('image', 5 * MB)).toBeNull();
    expect(sizeProblem('image', 5 * MB + 1)).toBe('This file is 5 MB; X allows images up to 5 MB.');
    expect(sizeProblem('gif', 15 * MB)).toBeNull();
    expect(sizeProblem('gif', 16 * MB)).toBe('This file is 16 MB; X allows GIFs up to 15 MB.');
    expect(sizeProblem('video', 512 * MB)).toBeNull();
    expect(sizeProblem('video', 600 * MB)).toBe('This file is 600 MB; X allows videos up to 512 MB.');
  });

  it('says which limit a file streaming in went over', () => {
    expect(overLimitMessage('gif')).toBe("This file is over 15 MB, X's limit for GIFs.");
  });

  it('formats sizes for people', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});

describe('media kinds', () => {
  it('are the same in X\'s rules and in the database enum', () => {
    expect(mediaKind.enumValues).toEqual([...MEDIA_KINDS]);
  });
});

describe('X Premium: the text limit of an account', () => {
  it('is 25,000 for Premium and PremiumPlus, 280 for everything else, unknown values included', () => {
    expect(textLimitFor('Premium')).toBe(25_000);
    expect(textLimitFor('PremiumPlus')).toBe(25_000);
    for (const other of ['None', 'Basic', 'premium', 'SomethingNew', null]) expect(textLimitFor(other)).toBe(280);
  });

  it('says why a part is too long for the account', () => {
    expect(accountLengthProblem(280, { username: 'alice', subscriptionType: 'None' })).toBeNull();
    expect(accountLengthProblem(1_204, { username: 'alice', subscriptionType: 'Basic' })).toBe(
      'Post text is 1,204 characters: @alice does not have X Premium, so X allows 280. Longer posts need X Premium (if @alice has just subscribed, sign in with it again so Herald sees it).',
    );
    expect(accountLengthProblem(25_000, { username: 'alice', subscriptionType: 'Premium' })).toBeNull();
    expect(accountLengthProblem(25_001, { username: 'alice', subscriptionType: 'PremiumPlus' })).toBe('Post text is 25,001 characters; X allows 25,000, even with X Premium.');
  });

  it('tells a lapsed subscription apart, naming the part of a thread', () => {
    expect(lapsedPremiumProblem(1_204, { username: 'alice', subscriptionType: 'None' })).toBe(
      '@alice no longer has X Premium: this post is 1,204 characters, over the 280 X allows without Premium. Shorten it or renew Premium, then retry.',
    );
    expect(lapsedPremiumProblem(300, { username: 'alice', subscriptionType: 'None' }, { number: 3, of: 4 })).toMatch(/^@alice no longer has X Premium: part 3 of this thread is 300 characters/);
  });
});
