// The demo category tree: what residents of the district most often bring to the hotline.
import type { Level } from '../shared/appeal.schemas.ts';
import type { SlaClass } from '../shared/appeal.deadlines.ts';

export interface CatalogueEntry {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  slaClass: SlaClass;
  level: Level;
  departmentCode?: string;
  keywords: string[];
}

const group = (code: string, nameZh: string, nameEn: string): CatalogueEntry => ({ code, parentCode: null, nameZh, nameEn, slaClass: 'general', level: 'community', keywords: [] });

export const DEMO_CATEGORIES: CatalogueEntry[] = [
  group('community-life', '社区生活', 'Community life'),
  { code: 'property', parentCode: 'community-life', nameZh: '物业管理', nameEn: 'Property management', slaClass: 'general', level: 'community', keywords: ['物业', '保洁', '电梯', '门禁', '停车', '物业费', '楼道', '单元门'] },
  { code: 'noise', parentCode: 'community-life', nameZh: '噪音扰民', nameEn: 'Noise nuisance', slaClass: 'general', level: 'community', keywords: ['噪音', '扰民', '装修', '施工', '广场舞', '吵闹', '夜间'] },
  { code: 'neighbours', parentCode: 'community-life', nameZh: '邻里纠纷', nameEn: 'Disputes between neighbours', slaClass: 'complex', level: 'community', keywords: ['邻居', '纠纷', '矛盾', '占用', '楼上', '漏水到', '宠物'] },
  { code: 'elderly-care', parentCode: 'community-life', nameZh: '养老服务', nameEn: 'Elderly care', slaClass: 'general', level: 'community', keywords: ['老人', '养老', '助餐', '照料', '独居', '老年', '日间照料'] },
  group('utilities', '水电气热', 'Utilities'),
  { code: 'heating', parentCode: 'utilities', nameZh: '供暖问题', nameEn: 'Heating', slaClass: 'utilities', level: 'department', departmentCode: 'nk-dept-housing', keywords: ['暖气', '供暖', '不热', '温度', '采暖', '暖气片'] },
  { code: 'water', parentCode: 'utilities', nameZh: '供水问题', nameEn: 'Water supply', slaClass: 'utilities', level: 'department', departmentCode: 'nk-dept-housing', keywords: ['停水', '水压', '水管', '自来水', '水质', '爆管'] },
  { code: 'power', parentCode: 'utilities', nameZh: '供电问题', nameEn: 'Power supply', slaClass: 'utilities', level: 'street', keywords: ['停电', '电压', '跳闸', '供电'] },
  group('urban', '城市管理', 'Urban management'),
  { code: 'roads', parentCode: 'urban', nameZh: '道路设施', nameEn: 'Roads and street furniture', slaClass: 'general', level: 'street', keywords: ['道路', '坑洼', '井盖', '路灯', '人行道', '破损', '积水'] },
  { code: 'sanitation', parentCode: 'urban', nameZh: '环境卫生', nameEn: 'Sanitation', slaClass: 'general', level: 'street', keywords: ['垃圾', '清运', '卫生', '异味', '垃圾桶', '脏乱'] },
  { code: 'illegal-building', parentCode: 'urban', nameZh: '违章建设', nameEn: 'Illegal construction', slaClass: 'complex', level: 'street', departmentCode: 'nk-dept-urban', keywords: ['违建', '私搭', '乱建', '违章', '加盖'] },
  { code: 'parking', parentCode: 'urban', nameZh: '停车秩序', nameEn: 'Parking', slaClass: 'general', level: 'street', keywords: ['乱停', '占道', '车位', '停车难', '堵路'] },
  group('social', '社会保障', 'Social security'),
  { code: 'assistance', parentCode: 'social', nameZh: '困难救助', nameEn: 'Hardship assistance', slaClass: 'complex', level: 'department', departmentCode: 'nk-dept-civil', keywords: ['低保', '救助', '困难', '补助', '特困'] },
  { code: 'wages', parentCode: 'social', nameZh: '劳动保障', nameEn: 'Wages and labour', slaClass: 'complex', level: 'department', departmentCode: 'nk-dept-hrss', keywords: ['工资', '拖欠', '社保', '劳动', '欠薪'] },
  group('safety', '安全隐患', 'Safety'),
  { code: 'gas-leak', parentCode: 'safety', nameZh: '燃气泄漏', nameEn: 'Gas leak', slaClass: 'emergency', level: 'district', keywords: ['燃气', '煤气', '泄漏', '漏气', '燃气味'] },
  { code: 'hazard', parentCode: 'safety', nameZh: '安全隐患', nameEn: 'Safety hazard', slaClass: 'emergency', level: 'street', keywords: ['隐患', '火灾', '坠落', '电线', '危险', '倒塌'] },
  group('general', '综合', 'General'),
  { code: 'other', parentCode: 'general', nameZh: '其他诉求', nameEn: 'Other matters', slaClass: 'general', level: 'district', keywords: ['咨询', '建议', '其他'] },
];
