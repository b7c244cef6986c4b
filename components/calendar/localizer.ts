import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { dateFnsLocalizer } from 'react-big-calendar';

/** react-big-calendar's date maths and labels, done by date-fns (weeks start on Sunday, en-US labels). */
export const localizer = dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { 'en-US': enUS } });

/** Must agree with the localizer's locale, so the fetched range matches the rendered one. */
export const WEEK_STARTS_ON = 0;
