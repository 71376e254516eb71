import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { Calendar, DatePicker } from 'antd';
import dayjs from 'dayjs';
import { panelWithoutTabStop, WithoutPanelTabStop } from './PanelFocus';

const panels = () => [...document.querySelectorAll<HTMLElement>('.ant-picker-panel')];

describe("antd's date panels are no Tab stop of their own", () => {
  afterEach(cleanup);

  it('antd alone makes the small calendar panel a Tab stop (what the wrapper is for)', () => {
    render(<Calendar fullscreen={false} value={dayjs('2026-06-15')} />);
    expect(panels().map((p) => p.tabIndex)).toEqual([0]);
  });

  it('takes the small calendar panel out of the Tab order, also after another month is shown', () => {
    const { rerender } = render(<WithoutPanelTabStop><Calendar fullscreen={false} value={dayjs('2026-06-15')} /></WithoutPanelTabStop>);
    expect(panels().map((p) => p.tabIndex)).toEqual([-1]);
    rerender(<WithoutPanelTabStop><Calendar fullscreen={false} value={dayjs('2026-07-15')} /></WithoutPanelTabStop>);
    expect(panels().map((p) => p.tabIndex)).toEqual([-1]);
  });

  it("takes the schedule picker popup's panel out of the Tab order and keeps its buttons and day picking", async () => {
    let picked: string | undefined;
    render(<DatePicker open panelRender={panelWithoutTabStop} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" defaultPickerValue={dayjs('2026-06-15T10:00')} onChange={(d) => (picked = d?.format('YYYY-MM-DD'))} />);
    expect(panels().length).toBeGreaterThan(0);
    expect(panels().every((p) => p.tabIndex === -1)).toBe(true);
    // Now and OK are still where Tab goes in the popup.
    const ok = document.querySelector<HTMLButtonElement>('.ant-picker-ok button')!;
    expect(ok.tabIndex).toBe(0);
    await act(async () => {
      fireEvent.click(document.querySelector('td[title="2026-06-18"]')!);
    });
    await act(async () => {
      fireEvent.click(document.querySelector('.ant-picker-ok button')!);
    });
    expect(picked).toBe('2026-06-18');
  });
});
