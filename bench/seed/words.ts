/**
 * Words for the seeded posts' text, with how often each is drawn, so that searches meet words of
 * every frequency: COMMON_WORD is in about a third of all parts, RARE_WORD in about one post in
 * 5,000 (put in by the seeder, not drawn), NO_MATCH_WORD in none.
 */
export const COMMON_WORD = 'launch';
export const RARE_WORD = 'quokka';
export const NO_MATCH_WORD = 'zyxwvqj';
/** Injected into one post in this many (by job_key), never drawn from the list below. */
export const RARE_EVERY = 5_000;

/** [word, weight]: a weight of 10 is drawn ten times as often as a weight of 1. */
const WEIGHTED: readonly (readonly [string, number])[] = [
  [COMMON_WORD, 40],
  ['the', 60],
  ['our', 30],
  ['new', 30],
  ['today', 25],
  ['team', 20],
  ['release', 15],
  ['thread', 12],
  ['update', 12],
  ['week', 10],
  ['join', 10],
  ['live', 8],
  ['product', 8],
  ['customers', 6],
  ['feedback', 6],
  ['shipping', 6],
  ['design', 5],
  ['roadmap', 5],
  ['webinar', 3],
  ['pricing', 3],
  ['hiring', 3],
  ['podcast', 2],
  ['conference', 2],
  ['keynote', 2],
  ['changelog', 2],
  ['migration', 1],
  ['benchmark', 1],
  ['accessibility', 1],
  ['postgres', 1],
  ['calendar', 1],
  ['sunrise', 1],
  ['espresso', 1],
  ['marathon', 1],
  ['volunteer', 1],
  ['workshop', 1],
  ['giveaway', 1],
  ['milestone', 1],
  ['checklist', 1],
  ['offsite', 1],
  ['newsletter', 1],
  ['integration', 1],
  ['dashboard', 1],
  ['onboarding', 1],
  ['is', 40],
  ['and', 40],
  ['for', 30],
  ['with', 25],
  ['to', 40],
  ['at', 20],
  ['this', 20],
];

const TOTAL = WEIGHTED.reduce((sum, [, w]) => sum + w, 0);

function draw(random: () => number): string {
  let pick = random() * TOTAL;
  for (const [word, weight] of WEIGHTED) {
    pick -= weight;
    if (pick < 0) return word;
  }
  return WEIGHTED[0]![0];
}

/** `count` sentences of 6 to 14 drawn words: the seeder builds every part's text from two of them. */
export function sentences(count: number, random: () => number): string[] {
  return Array.from({ length: count }, () => {
    const length = 6 + Math.floor(random() * 9);
    const words = Array.from({ length }, () => draw(random));
    return words.join(' ');
  });
}
