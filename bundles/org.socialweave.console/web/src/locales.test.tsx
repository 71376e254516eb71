import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { Calendar as AntCalendar, ConfigProvider } from 'antd';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import dayjs from 'dayjs';
import localeData from 'dayjs/plugin/localeData';
import { firstDayOf, LOCALES } from './locales';
import type { Language } from './messages';

dayjs.extend(localeData);

const LANGUAGES: Language[] = ['zh', 'en'];
const JUNE_2026 = '2026-06-15';

/** The weekday headers of antd's small calendar (the compose and campaign pickers' panel), left to right. */
function antdWeekdays(language: Language): string[] {
  const { container } = render(
    <ConfigProvider locale={LOCALES[language].antd}>
      <AntCalendar fullscreen={false} value={dayjs(JUNE_2026)} />
    </ConfigProvider>,
  );
  const headers = [...container.querySelectorAll('.ant-picker-content thead th')].map((th) => th.textContent ?? '');
  cleanup();
  return headers;
}

/** The first column's weekday of FullCalendar's month view as CalendarPage configures it, 0 for Sunday. */
function fullCalendarFirstColumn(language: Language): number {
  const { container } = render(
    <FullCalendar plugins={[dayGridPlugin]} initialView="dayGridMonth" initialDate={JUNE_2026} locale={LOCALES[language].fullCalendar} firstDay={LOCALES[language].firstDay} />,
  );
  const first = container.querySelector('.fc-col-header-cell');
  const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].findIndex((d) => first?.classList.contains(`fc-day-${d}`));
  cleanup();
  return day;
}

describe('one first day of the week per console language', () => {
  afterEach(cleanup);

  it('is Monday in Chinese and in the console\'s (British) English', () => {
    expect(LOCALES.zh.firstDay).toBe(1);
    expect(LOCALES.en.firstDay).toBe(1);
    expect(firstDayOf('en-US')).toBe(0);
  });

  for (const language of LANGUAGES) {
    it(`is the first column of antd's calendar and of FullCalendar's month in ${language}`, () => {
      const firstDay = LOCALES[language].firstDay;
      const weekdays = antdWeekdays(language);
      expect(weekdays).toHaveLength(7);
      // antd writes the weekdays with the dayjs locale's short names, in its week order.
      expect(weekdays[0]).toBe(dayjs().locale(LOCALES[language].dayjs).localeData().weekdaysMin()[firstDay]);
      expect(fullCalendarFirstColumn(language)).toBe(firstDay);
    });
  }
});
