// antd's date pickers hand back dayjs objects; the pages only need them as YYYY-MM-DD text.
export interface DateValue {
  format(template: string): string;
}

export function isoDate(value: DateValue): string {
  return value.format('YYYY-MM-DD');
}
