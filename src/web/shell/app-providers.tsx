// Everything every page stands on: language, antd's locale and theme, message/modal context, session.
import { App, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { AuthProvider } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { staffTheme } from './theme.ts';

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { entry } = useI18n();
  return (
    // No space squeezed between two Chinese characters on buttons ("登 录"): the accessible name must match the visible text.
    <ConfigProvider locale={entry.antd} theme={staffTheme} button={{ autoInsertSpace: false }}>
      <App component={false}>{children}</App>
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <LocalisedAntd>
        <AuthProvider>{children}</AuthProvider>
      </LocalisedAntd>
    </I18nProvider>
  );
}
