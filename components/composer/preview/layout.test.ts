import { describe, expect, it } from 'vitest';
import { mediaGridLayout, pollSummary, pollTimeLeft, postUrl, replySettingNote } from './layout';

describe("X's media grid", () => {
  it('has nothing for no media and one natural tile for one', () => {
    expect(mediaGridLayout(0)).toBeNull();
    expect(mediaGridLayout(1)).toEqual({ container: 'grid', tiles: [''] });
  });

  it('puts two side by side, three as one tall and two stacked, four two by two', () => {
    expect(mediaGridLayout(2)?.container).toMatch(/\bgrid-cols-2\b/);
    expect(mediaGridLayout(2)?.container).not.toMatch(/grid-rows-2/);
    const three = mediaGridLayout(3);
    expect(three?.container).toMatch(/\bgrid-cols-2\b.*\bgrid-rows-2\b/);
    expect(three?.tiles).toEqual(['row-span-2', '', '']);
    expect(mediaGridLayout(4)?.tiles).toEqual(['', '', '', '']);
    expect(mediaGridLayout(4)?.container).toMatch(/\bgrid-rows-2\b/);
  });

  it('shares a 16:9 frame when there are several', () => {
    for (const n of [2, 3, 4]) expect(mediaGridLayout(n)?.container).toMatch(/\baspect-video\b/);
  });

  it('never draws more than four', () => {
    expect(mediaGridLayout(7)?.tiles).toHaveLength(4);
  });
});

describe("a poll's time left", () => {
  it('says days, hours or minutes, whichever is the largest whole unit', () => {
    expect(pollTimeLeft(7 * 24 * 60)).toBe('7 days left');
    expect(pollTimeLeft(24 * 60)).toBe('1 day left');
    expect(pollTimeLeft(36 * 60)).toBe('1 day left');
    expect(pollTimeLeft(23 * 60 + 59)).toBe('23 hours left');
    expect(pollTimeLeft(60)).toBe('1 hour left');
    expect(pollTimeLeft(59)).toBe('59 minutes left');
    expect(pollTimeLeft(5)).toBe('5 minutes left');
    expect(pollTimeLeft(1)).toBe('1 minute left');
  });

  it('is told with no votes yet', () => {
    expect(pollSummary(3 * 24 * 60)).toBe('0 votes · 3 days left');
  });
});

describe('who may reply', () => {
  it("says nothing when everyone can, else X's note", () => {
    expect(replySettingNote(null)).toBeNull();
    expect(replySettingNote('following')).toBe('People you follow can reply');
    expect(replySettingNote('mentionedUsers')).toBe('Only people mentioned can reply');
    expect(replySettingNote('subscribers')).toBe('Only subscribers can reply');
    expect(replySettingNote('verified')).toBe('Only verified accounts can reply');
  });
});

it('links a post by id alone', () => {
  expect(postUrl('1234567890')).toBe('https://x.com/i/status/1234567890');
});
