// antd theme tokens. antd's defaults put some text below WCAG AA contrast (#1677ff on white is 4.1:1,
// secondary text 3.4:1, error text 3.3:1), so those colours are darkened here. Hover states too: the
// lighter blue antd derives for them (#2e7ae6) leaves white button text and link text at 4.2:1.
import type { ThemeConfig } from 'antd';

export const staffTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorPrimaryHover: '#054bc6',
    colorLinkHover: '#054bc6',
    colorError: '#c41d1d',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
  },
};

/** Residents, many of them elderly (DOMAIN.md §6): larger text and bigger touch targets. */
export const residentTheme: ThemeConfig = {
  token: { fontSize: 18, controlHeight: 44, lineHeight: 1.7 },
};
