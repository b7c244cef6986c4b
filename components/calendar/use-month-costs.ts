'use client';

import { useEffect, useRef, useState } from 'react';
import type { CostsView } from '@/lib/posts/costs';
import * as api from '../api/client';

export type MonthCosts = { state: 'loading' } | { state: 'loaded'; costs: CostsView } | { state: 'failed'; error: string };

/**
 * What X bills for the posts scheduled in [from, to), fetched again when the range changes and
 * whenever `version` does (the calendar passes a fingerprint of its posts: a post added, moved,
 * edited or published changes it).
 */
export function useMonthCosts(from: Date, to: Date, version: string): MonthCosts {
  // Tagged with its range, so another month's answer is never shown under this month's heading.
  const [result, setResult] = useState<{ range: string; costs: MonthCosts } | null>(null);
  // Answers may arrive out of order (fast navigation): only the latest request may write.
  const generation = useRef(0);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const range = `${fromIso}/${toIso}`;

  useEffect(() => {
    const mine = ++generation.current;
    void api.costs.get({ from: fromIso, to: toIso }).then((answer) => {
      if (mine !== generation.current) return;
      setResult({ range: `${fromIso}/${toIso}`, costs: answer.ok ? { state: 'loaded', costs: answer.data } : { state: 'failed', error: api.describeFailure(answer) } });
    });
  }, [fromIso, toIso, version]);

  return result?.range === range ? result.costs : { state: 'loading' };
}
