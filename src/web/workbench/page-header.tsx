// The h1 of a workbench page, with an optional line of explanation and actions on the right.
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../shell/page-title.ts';

export function PageHeader({ title, intro, extra }: { title: string; intro?: ReactNode; extra?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="ms-page-header">
      <div>
        <h1 className="ms-page-title">{title}</h1>
        {intro && <p className="ms-page-intro">{intro}</p>}
      </div>
      {extra && <div className="ms-page-actions">{extra}</div>}
    </div>
  );
}
