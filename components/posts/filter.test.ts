import { describe, expect, it } from 'vitest';
import { apiQuery, EMPTY_FILTER, isFiltered, parsePostsFilter, postsHref, type PostsFilter } from './filter';

const mine = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
const [a, b] = mine as [string, string];

describe('parsePostsFilter', () => {
  it('reads every part of the address', () => {
    const { filter, problems } = parsePostsFilter({ q: '  Hello world ', status: 'failed,draft', account: `${b},${a}`, from: '2027-01-05', to: '2027-01-07', order: 'asc' }, mine);
    expect(problems).toEqual([]);
    expect(filter).toEqual({ q: 'Hello world', statuses: ['failed', 'draft'], accounts: [b, a], from: '2027-01-05', to: '2027-01-07', order: 'asc' });
  });

  it('takes repeated names as a list and drops repeats', () => {
    expect(parsePostsFilter({ status: ['draft', 'draft,failed'] }, mine).filter.statuses).toEqual(['draft', 'failed']);
  });

  it('leaves out what makes no sense, says so, and never throws', () => {
    const { filter, problems } = parsePostsFilter(
      { q: 'x'.repeat(201), status: 'draft,nope', account: `${a},33333333-3333-4333-8333-333333333333,not-a-uuid`, from: '2027-02-31', to: 'soon', order: 'sideways', cursor: 'abc', other: '1' },
      mine,
    );
    expect(filter).toEqual({ ...EMPTY_FILTER, statuses: ['draft'], accounts: [a] });
    expect(problems).toHaveLength(6);
    expect(problems.join(' ')).toMatch(/longer than 200/);
    expect(problems.join(' ')).toMatch(/“nope” is not a status/);
    expect(problems.join(' ')).toMatch(/not one of yours/);
    expect(problems.join(' ')).toMatch(/“2027-02-31” is not a date/);
    expect(problems.join(' ')).toMatch(/order/);
  });

  it('ignores a range that ends before it starts', () => {
    const { filter, problems } = parsePostsFilter({ from: '2027-03-02', to: '2027-03-01' }, mine);
    expect([filter.from, filter.to]).toEqual([null, null]);
    expect(problems).toEqual(['The range starts after it ends; the dates are ignored.']);
  });

  it('gives the defaults for an empty address', () => {
    expect(parsePostsFilter({}, mine)).toEqual({ filter: EMPTY_FILTER, problems: [] });
  });
});

describe('postsHref', () => {
  it('writes only what differs from the defaults, and reads back the same filter', () => {
    expect(postsHref(EMPTY_FILTER)).toBe('/posts');
    const filter: PostsFilter = { q: 'a&b c', statuses: ['failed', 'draft'], accounts: [a], from: '2027-01-01', to: null, order: 'asc' };
    const href = postsHref(filter);
    // Statuses in the chips' order, whatever order they were picked in.
    expect(href).toBe(`/posts?q=a%26b+c&status=draft%2Cfailed&account=${a}&from=2027-01-01&order=asc`);
    const params = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(parsePostsFilter(params, mine).filter).toEqual({ ...filter, statuses: ['draft', 'failed'] });
  });
});

describe('apiQuery', () => {
  it('reads the dates as whole days in the user’s zone, both included', () => {
    const q = apiQuery({ ...EMPTY_FILTER, from: '2027-03-27', to: '2027-03-28' }, 'Europe/Paris');
    // Paris is UTC+1 on the 27th and springs forward to UTC+2 on the 28th.
    expect(q.from).toBe('2027-03-26T23:00:00.000Z');
    expect(q.to).toBe('2027-03-28T21:59:59.999Z');
  });

  it('rolls the end over months and years', () => {
    expect(apiQuery({ ...EMPTY_FILTER, to: '2026-12-31' }, 'UTC').to).toBe('2026-12-31T23:59:59.999Z');
    expect(apiQuery({ ...EMPTY_FILTER, to: '2027-02-28' }, 'Asia/Tokyo').to).toBe('2027-02-28T14:59:59.999Z');
  });

  it('leaves posts without a time out of a range open at its end', () => {
    expect(apiQuery({ ...EMPTY_FILTER, from: '2027-01-01' }, 'UTC')).toMatchObject({ from: '2027-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' });
  });

  it('sends lists as the API takes them and leaves empty parts out', () => {
    expect(apiQuery({ ...EMPTY_FILTER, statuses: ['draft', 'failed'], accounts: [a, b] }, 'UTC')).toEqual({
      q: undefined,
      status: 'draft,failed',
      account: `${a},${b}`,
      from: undefined,
      to: undefined,
      order: 'desc',
    });
  });
});

describe('isFiltered', () => {
  it('is about what narrows the list, not the order', () => {
    expect(isFiltered({ ...EMPTY_FILTER, order: 'asc' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, q: 'x' })).toBe(true);
    expect(isFiltered({ ...EMPTY_FILTER, to: '2027-01-01' })).toBe(true);
  });
});
