import { describe, expect, it } from 'vitest';
import { joinDuration, kindsBody, postRefState, splitDuration } from './part-kinds';

describe('post fields', () => {
  it('reads an id or an X link live, and says so for anything else', () => {
    expect(postRefState('')).toEqual({ kind: 'empty' });
    expect(postRefState(null)).toEqual({ kind: 'empty' });
    expect(postRefState(' https://x.com/jack/status/20/photo/1 ')).toEqual({ kind: 'id', id: '20' });
    expect(postRefState('1346889436626259968')).toEqual({ kind: 'id', id: '1346889436626259968' });
    expect(postRefState('https://x.com/jack')).toEqual({ kind: 'invalid', message: "Paste a post's link or id" });
  });

  it('leaves unset fields out of the body', () => {
    expect(kindsBody({ poll: null, quote: null, replyTo: '' })).toEqual({});
  });
});

describe('poll length', () => {
  it('splits minutes into days, hours and minutes, and joins them within 5 minutes to 7 days', () => {
    expect(splitDuration(1440 + 3 * 60 + 5)).toEqual({ days: 1, hours: 3, minutes: 5 });
    expect(joinDuration({ days: 2, hours: 1, minutes: 30 })).toBe(2 * 1440 + 90);
    expect(joinDuration({ days: 0, hours: 0, minutes: 0 })).toBe(5);
    expect(joinDuration({ days: 7, hours: 3, minutes: 0 })).toBe(10080);
  });
});
