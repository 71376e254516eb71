import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * Takes antd's date panels out of the Tab order. rc-picker 4's PickerPanel, the panel of every
 * DatePicker popup and of the small Calendar, is a `div` with tabIndex 0 that handles no key (antd
 * passes no tabIndex through): keyboard users meet an invisible stop between the panel's real
 * controls. Set to -1 it stays focusable by click, which the picker's focus tracking relies on, and
 * the controls inside it (the campaign calendar's days, the time columns, Now and OK) keep theirs.
 */
export function WithoutPanelTabStop({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // After every render: a panel that rc-picker mounts anew (another month, another mode) comes back with 0.
  useLayoutEffect(() => {
    box.current?.querySelectorAll<HTMLElement>('.ant-picker-panel[tabindex="0"]').forEach((panel) => (panel.tabIndex = -1));
  });
  return (
    <div ref={box} style={{ display: 'contents' }}>
      {children}
    </div>
  );
}

/** A DatePicker's `panelRender`: its popup's panel without a Tab stop of its own. */
export const panelWithoutTabStop = (panel: ReactNode) => <WithoutPanelTabStop>{panel}</WithoutPanelTabStop>;
