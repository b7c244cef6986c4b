'use client';

import { useCallback, useEffect, useMemo, type ComponentType } from 'react';
import { Calendar, type CalendarProps, type Formats, type SlotInfo, type View } from 'react-big-calendar';
import withDragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import './calendar.css';
import { localizer } from './localizer';
import { PostEvent } from './post-event';
import { CALENDAR_VIEWS, isCalendarView, type CalendarViewName } from './range';
import { DRAGGABLE_STATUSES, type CalendarPost } from './types';
import { toCalendarDate } from './zoned-time';

const DnDCalendar = withDragAndDrop<CalendarPost>(Calendar as ComponentType<CalendarProps<CalendarPost>>);

const components = { event: PostEvent };
// date-fns patterns: "5" rather than "05" in month cells, "Mon 5" in week and day headers.
// A post is an instant: the agenda shows its time, not the short block drawn for it.
const formats: Formats = {
  dateFormat: 'd',
  dayFormat: 'EEE d',
  agendaDateFormat: 'EEE, MMM d',
  agendaTimeRangeFormat: ({ start }, culture, local) => local?.format(start, 'h:mm a', culture) ?? '',
  agendaHeaderFormat: ({ start, end }, culture, local) =>
    local ? `${local.format(start, 'MMM d', culture)} – ${local.format(end, 'MMM d, yyyy', culture)}` : '',
};

export interface CalendarBoardProps {
  events: CalendarPost[];
  zone: string;
  view: CalendarViewName;
  date: Date;
  /** A day's number clicked in month or week view: that day, in day view. */
  onDrillDown: (date: Date, view: CalendarViewName) => void;
  onNavigate: (date: Date) => void;
  /** A calendar date, and whether it stands for a whole day (month view) rather than a time. */
  onPickSlot: (start: Date, wholeDay: boolean) => void;
  onOpenPost: (event: CalendarPost) => void;
  /** A post dragged to a new calendar date. */
  onMovePost: (event: CalendarPost, start: Date) => void;
  /** The draft being dragged in from the Drafts panel, if any. */
  draggedDraft: CalendarPost | null;
  onDropDraft: (start: Date, wholeDay: boolean) => void;
}

const asDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

/**
 * In month view react-big-calendar puts each day's events and its "+N more" button in segments
 * straight inside a role="row", whose other children are cells: the buttons then sit in a row
 * outside any cell (axe: aria-required-children). The library offers no prop for it, and it
 * redraws segments on its own (measuring how many fit), so every segment it adds is made a cell.
 */
function useSegmentCells() {
  useEffect(() => {
    const root = document.querySelector('.herald-calendar');
    if (!root) return;
    const mark = () => {
      for (const segment of root.querySelectorAll('.rbc-row-content[role="row"] .rbc-row-segment:not([role])')) segment.setAttribute('role', 'cell');
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}

/** react-big-calendar with the drag-and-drop addon, configured for posts. */
export function CalendarBoard(props: CalendarBoardProps) {
  const { events, zone, view, date, onDrillDown, onNavigate, onPickSlot, onOpenPost, onMovePost, draggedDraft, onDropDraft } = props;
  // "Now" (today's highlight, the red line) in the user's zone, not the browser's.
  const getNow = useCallback(() => toCalendarDate(new Date(), zone), [zone]);
  const scrollToTime = useMemo(() => new Date(1970, 0, 1, 7, 30), []);
  useSegmentCells();

  return (
    <DnDCalendar
      localizer={localizer}
      culture="en-US"
      events={events}
      views={[...CALENDAR_VIEWS]}
      view={view}
      date={date}
      // The toolbar is ours (calendar-toolbar.tsx), above the board.
      toolbar={false}
      onView={() => {}}
      onDrillDown={(day: Date, next: View) => onDrillDown(day, isCalendarView(next) ? next : 'day')}
      onNavigate={(next) => onNavigate(next)}
      getNow={getNow}
      scrollToTime={scrollToTime}
      components={components}
      formats={formats}
      // Month cells grow a scrollbar instead of hiding posts behind "+N more" (which cut posts
      // taller than the library's one-line measure, and hid them from a search of the page).
      showAllEvents
      selectable
      onSelectSlot={(slot: SlotInfo) => onPickSlot(slot.start, view === 'month')}
      onSelectEvent={onOpenPost}
      resizable={false}
      draggableAccessor={(event) => DRAGGABLE_STATUSES.has(event.post.status)}
      // Month view keeps the post's time of day when it moves to another day (the addon merges it in).
      onEventDrop={({ event, start }: EventInteractionArgs<CalendarPost>) => onMovePost(event, asDate(start))}
      // Only while a draft is being dragged: the addon calls these unguarded once they exist.
      dragFromOutsideItem={draggedDraft ? () => draggedDraft : undefined}
      onDropFromOutside={draggedDraft ? ({ start }) => onDropDraft(asDate(start), view === 'month') : undefined}
      onDragOver={(e) => {
        // Accept the drop, as a move (the draft leaves the panel), or the browser never fires it.
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      eventPropGetter={(event) => ({ className: `post-event post-event--${event.post.status}` })}
      tooltipAccessor={(event) => event.title}
      className="herald-calendar"
    />
  );
}
