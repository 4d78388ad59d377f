// "中文 | English": one button per language, each named in its own language.
import { Button, Divider } from 'antd';
import { Fragment } from 'react';
import { useI18n } from './i18n.tsx';
import { LOCALES, type LocaleCode } from './locales/index.ts';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const codes = Object.keys(LOCALES) as LocaleCode[];
  return (
    <div role="group" aria-label={t('shell.language')} className="ms-language-switch">
      {codes.map((code, i) => (
        <Fragment key={code}>
          {i > 0 && <Divider orientation="vertical" />}
          <Button
            type="text"
            size="small"
            lang={code}
            aria-pressed={code === locale}
            className={code === locale ? 'ms-language-current' : undefined}
            onClick={() => setLocale(code)}
          >
            {LOCALES[code].nativeName}
          </Button>
        </Fragment>
      ))}
    </div>
  );
}
