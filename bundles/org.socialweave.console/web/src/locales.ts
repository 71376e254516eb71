// What each console language means for dates, in one place: the BCP 47 tag Intl formats with, the
// dayjs locale antd's date pickers and calendar read, antd's and FullCalendar's texts, and the first
// day of the week. That day is derived once, from the tag, and given to antd (as the dayjs locale's
// weekStart, which rc-picker reads) and to FullCalendar (firstDay), so that every calendar of one
// language starts its weeks on the same day.
import dayjs from 'dayjs';
import updateLocale from 'dayjs/plugin/updateLocale';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en-gb';
import type { LocaleInput } from '@fullcalendar/core';
import zhCnCalendar from '@fullcalendar/core/locales/zh-cn';
import enGbCalendar from '@fullcalendar/core/locales/en-gb';
// The ES modules: the CommonJS 'antd/locale/zh_CN' comes out of the build as { default: locale }
// (Node's interop for a "type": "module" package), which antd took for no locale at all, so every
// antd text, the calendar's weekday header included, stayed English in Chinese mode.
import antdZhCn from 'antd/es/locale/zh_CN';
import antdEnGb from 'antd/es/locale/en_GB';
import type { Locale as AntdLocale } from 'antd/es/locale';
import type { Language } from './messages';

dayjs.extend(updateLocale);

export interface ConsoleLocale {
  /** The BCP 47 tag for Intl formats and the page's lang. */
  tag: string;
  /** The dayjs locale: antd's pickers take their week and weekday names from it. */
  dayjs: string;
  antd: AntdLocale;
  fullCalendar: LocaleInput;
  /** The first day of the week, 0 for Sunday to 6 for Saturday. */
  firstDay: number;
}

/**
 * The first day of the week in `tag` as CLDR has it (Intl.Locale's week info: 1 for Monday to 7 for
 * Sunday), or Monday, ISO 8601's and CLDR's for both zh-CN and en-GB, where the browser does not say.
 */
export function firstDayOf(tag: string): number {
  const locale = new Intl.Locale(tag) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
  const info = locale.getWeekInfo?.() ?? locale.weekInfo;
  return info ? info.firstDay % 7 : 1;
}

function localeOf(tag: string, dayjsName: string, antd: AntdLocale, fullCalendar: LocaleInput): ConsoleLocale {
  const firstDay = firstDayOf(tag);
  dayjs.updateLocale(dayjsName, { weekStart: firstDay });
  return { tag, dayjs: dayjsName, antd, fullCalendar, firstDay };
}

/** English is British English throughout: Intl's day-month dates, antd's and FullCalendar's. */
export const LOCALES: Record<Language, ConsoleLocale> = {
  zh: localeOf('zh-CN', 'zh-cn', antdZhCn, zhCnCalendar),
  en: localeOf('en-GB', 'en-gb', antdEnGb, enGbCalendar),
};
