// /workbench/appeals/catalogue: the district's category tree and routing rules, for its administrators.
// Changes apply to appeals registered afterwards.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { useJurisdictions } from '../../../../web/workbench/use-jurisdictions.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import '../appeal.css';
import { adminApi } from './appeal-admin.api.ts';
import { CategoryDrawer, type CategoryEdit } from './category.drawer.tsx';
import { CategoryTree } from './category-tree.tsx';
import { RoutingRules } from './routing-rules.tsx';

export function CataloguePage() {
  const { t } = useAppealI18n();
  const categories = useLoad(() => adminApi.categories(), []);
  const rules = useLoad(() => adminApi.rules(), []);
  const tree = useJurisdictions();
  const departments = useMemo(() => tree.items.filter((j) => j.kind === 'department'), [tree.items]);
  const [edit, setEdit] = useState<CategoryEdit | null>(null);

  return (
    <>
      <PageHeader title={t('appeal.admin.catalogue.title')} intro={t('appeal.admin.catalogue.intro')} />
      <ErrorAlert error={categories.error ?? rules.error ?? tree.error} />
      <Card>
        <Tabs items={[
          {
            key: 'categories',
            label: t('appeal.admin.tab.categories'),
            children: (
              <>
                <div className="ap-admin-toolbar">
                  <p className="ap-help">{t('appeal.admin.categories.intro')}</p>
                  <Button icon={<PlusOutlined />} onClick={() => setEdit({ mode: 'create', parent: null })}>{t('appeal.admin.group.add')}</Button>
                </div>
                <CategoryTree categories={categories.data ?? []} departments={departments} loading={categories.loading}
                  onEdit={setEdit} onChanged={categories.reload} />
              </>
            ),
          },
          {
            key: 'rules',
            label: t('appeal.admin.tab.rules'),
            children: (
              <>
                <p className="ap-help ap-admin-intro">{t('appeal.admin.rules.intro')}</p>
                <RoutingRules rules={rules.data ?? []} categories={categories.data ?? []} roots={tree.roots} units={tree.byId}
                  loading={rules.loading} onChanged={rules.reload} />
              </>
            ),
          },
        ]} />
      </Card>
      <CategoryDrawer edit={edit} departments={departments} onClose={() => setEdit(null)} onSaved={categories.reload} />
    </>
  );
}
