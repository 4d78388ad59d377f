// The portal's antd themes over the shell's: large by default, larger and starker in the elderly-friendly
// mode. Hover and press shades of the primary colour stay dark, so a button under the finger or the
// mouse keeps its 4.5:1 contrast (antd's lighter hover blue does not).
import type { ThemeConfig } from 'antd';
import { residentTheme as shellResidentTheme } from '../shell/theme.ts';

const DARK_HOVER = { colorPrimaryHover: '#0b3d91', colorPrimaryActive: '#002c8c', colorLinkHover: '#0b3d91', colorLinkActive: '#002c8c' };

export const residentTheme: ThemeConfig = {
  token: { ...shellResidentTheme.token, ...DARK_HOVER },
};

/** 适老化: 22px text, 56px controls, black text, dark borders, a deeper blue (contrast above 7:1). */
export const elderlyTheme: ThemeConfig = {
  token: {
    fontSize: 22,
    controlHeight: 56,
    lineHeight: 1.75,
    colorText: '#000000',
    colorTextSecondary: '#1f1f1f',
    colorTextDescription: '#1f1f1f',
    colorTextTertiary: '#262626',
    colorTextPlaceholder: '#434343',
    colorBorder: '#434343',
    colorPrimary: '#003eb3',
    colorLink: '#003eb3',
    ...DARK_HOVER,
    colorPrimaryHover: '#002c8c',
    borderRadius: 8,
  },
};
