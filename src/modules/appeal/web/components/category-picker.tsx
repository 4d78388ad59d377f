// Choosing what the matter is about. Residents get the whole tree as large radio buttons under their
// group, a search box that narrows it, and suggestions from what they wrote; staff get a searchable
// select (see the hotline form) with the same suggestions on Alt+1…3.
import { BulbOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Radio, Select, Skeleton } from 'antd';
import { useEffect, useId, useMemo, useState } from 'react';
import { appealApi, type Category, type CategorySuggestion } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';

export interface CategoryGroup {
  group: Category;
  items: Category[];
}

export function groupCategories(categories: Category[]): CategoryGroup[] {
  return categories.filter((c) => !c.parentCode).map((group) => ({ group, items: categories.filter((c) => c.parentCode === group.code) }));
}

function matches(category: Category, needle: string): boolean {
  return category.nameZh.includes(needle) || category.nameEn.toLowerCase().includes(needle.toLowerCase());
}

/** Category suggestions for what has been written so far, asked for once typing pauses. */
export function useSuggestions(text: string): CategorySuggestion[] {
  const [items, setItems] = useState<CategorySuggestion[]>([]);
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed.length < 4) {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      appealApi.suggest(trimmed.slice(0, 2000)).then((s) => live && setItems(s), () => live && setItems([]));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return items;
}

export function Suggestions({ suggestions, value, onChange, shortcuts }: { suggestions: CategorySuggestion[]; value: string | undefined; onChange: (code: string) => void; shortcuts?: boolean }) {
  const { t, nameOf } = useAppealI18n();
  if (suggestions.length === 0) return null;
  return (
    <div className="ap-suggestions" role="group" aria-label={t('appeal.category.suggested')}>
      <span className="ap-suggestions-label"><BulbOutlined aria-hidden /> {t('appeal.category.suggested')}</span>
      {suggestions.map((s, i) => (
        <Button key={s.code} size="small" className={s.code === value ? 'ap-suggestion ap-suggestion-on' : 'ap-suggestion'} aria-pressed={s.code === value} onClick={() => onChange(s.code)}
          aria-keyshortcuts={shortcuts ? `Alt+${i + 1}` : undefined}>
          {nameOf(s)}{shortcuts && <kbd className="ap-kbd" aria-hidden>Alt+{i + 1}</kbd>}
        </Button>
      ))}
    </div>
  );
}

/** The portal's picker: a search box over large grouped radio buttons. */
export function CategoryRadios({ categories, value, onChange, suggestions, labelledBy }: {
  categories: Category[] | undefined;
  value: string | undefined;
  onChange: (code: string) => void;
  suggestions: CategorySuggestion[];
  labelledBy: string;
}) {
  const { t, nameOf } = useAppealI18n();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const groups = useMemo(() => groupCategories(categories ?? []), [categories]);
  if (!categories) return <Skeleton active paragraph={{ rows: 3 }} />;
  const needle = query.trim();
  const shown = groups
    .map((g) => ({ ...g, items: needle && !matches(g.group, needle) ? g.items.filter((c) => matches(c, needle)) : g.items }))
    .filter((g) => g.items.length > 0);

  return (
    <div className="ap-category-picker">
      <Suggestions suggestions={suggestions} value={value} onChange={onChange} />
      <label htmlFor={searchId} className="ms-visually-hidden">{t('appeal.category.search')}</label>
      <Input id={searchId} allowClear prefix={<SearchOutlined aria-hidden />} placeholder={t('appeal.category.search')} value={query}
        onChange={(e) => setQuery(e.target.value)} className="ap-category-search" />
      {shown.length === 0 && <p className="ap-muted">{t('appeal.category.none')}</p>}
      {shown.map(({ group, items }) => (
        <fieldset key={group.code} className="ap-category-group">
          <legend>{nameOf(group)}</legend>
          <Radio.Group value={value} onChange={(e) => onChange(e.target.value as string)} aria-describedby={labelledBy}>
            {items.map((c) => <Radio.Button key={c.code} value={c.code}>{nameOf(c)}</Radio.Button>)}
          </Radio.Group>
        </fieldset>
      ))}
    </div>
  );
}

/** The staff's picker: one searchable select, grouped. */
export function CategorySelect({ categories, value, onChange, id }: { categories: Category[] | undefined; value: string | undefined; onChange: (code: string) => void; id?: string }) {
  const { t, nameOf } = useAppealI18n();
  const options = useMemo(() => groupCategories(categories ?? []).map(({ group, items }) => ({
    label: nameOf(group),
    title: nameOf(group),
    options: items.map((c) => ({ value: c.code, label: nameOf(c), search: `${c.nameZh} ${c.nameEn} ${c.code}` })),
  })), [categories, nameOf]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: (input, option) => String((option as { search?: string })?.search ?? '').toLowerCase().includes(input.trim().toLowerCase()) }}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('appeal.category.choose')}
      loading={!categories}
      className="ms-full-width"
    />
  );
}
