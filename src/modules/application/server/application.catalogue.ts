// The demo service catalogue: what a community office, a street's one-door service centre (一门式服务中心) and
// the district's approval bureau handle for residents and small businesses, each with its six disclosures.
// Units are named by their codes in the demo district and resolved when a district is installed.
import type { Level, Material } from '../shared/application.schemas.ts';

export interface CatalogueService {
  code: string;
  nameZh: string;
  nameEn: string;
  content: string;
  procedure: string[];
  fees: string;
  legalBasis: string[];
  materials: Material[];
  statutoryDays: number;
  promisedDays: number;
  level: Level;
  unitKind: string | null;
  /** a fixed handling unit, by code */
  handlingUnitCode: string | null;
  jointUnitCodes: string[];
  online: boolean;
  counterNote: string | null;
  deemedApproval: boolean;
}

const FREE = '不收费';
const idCard: Material = { code: 'id_card', name: '申请人居民身份证', required: true, copies: 1, note: '原件扫描件或照片，正反两面' };
const hukou: Material = { code: 'hukou', name: '居民户口簿', required: true, copies: 1, note: '户主页及本人页' };

function form(title: string, lines: string[]): Material {
  return {
    code: 'form', name: `${title}`, required: true, copies: 1, note: '可下载空白表格填写后上传',
    templateText: [title, '', ...lines.map((l) => `${l}：________________________`), '', '申请人（签字或盖章）：____________    日期：____年__月__日'].join('\n'),
  };
}

const STANDARD_STEPS = ['网上或窗口提交申请及材料', '受理审查（材料不全的一次性告知补正）', '审查办理', '作出决定并送达'];

export const DEMO_SERVICES: CatalogueService[] = [
  {
    code: 'JZZM', nameZh: '居住证明', nameEn: 'Certificate of residence',
    content: '为在本社区实际居住的居民出具居住情况证明，用于入学、就业、办理居住证等事项。',
    procedure: STANDARD_STEPS, fees: FREE,
    legalBasis: ['《中华人民共和国城市居民委员会组织法》第三条', '《居住证暂行条例》第九条'],
    materials: [idCard, hukou, { code: 'lease', name: '房屋租赁合同或房产证明', required: false, copies: 1, note: '非户籍地居住的提供' },
      form('居住证明申请表', ['申请人姓名', '身份证号码', '现居住地址', '居住起始时间', '证明用途'])],
    statutoryDays: 20, promisedDays: 3, level: 'community', unitKind: null, handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: true,
  },
  {
    code: 'LDRKDJ', nameZh: '流动人口居住登记', nameEn: 'Residence registration of non-local residents',
    content: '为来本社区居住的非本市户籍人员办理居住登记，作为申领居住证和享受基本公共服务的依据。',
    procedure: STANDARD_STEPS, fees: FREE,
    legalBasis: ['《居住证暂行条例》第五条', '《天津市流动人口服务管理规定》'],
    materials: [idCard, { code: 'lease', name: '房屋租赁合同或住宿证明', required: true, copies: 1, note: null }, { code: 'photo', name: '近期一寸免冠彩色照片', required: false, copies: 1, note: null }],
    statutoryDays: 20, promisedDays: 2, level: 'community', unitKind: null, handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: true,
  },
  {
    code: 'XXZXBA', nameZh: '小型装修备案', nameEn: 'Filing of small home renovations',
    content: '住宅室内装饰装修不改变房屋主体和承重结构的，开工前向社区备案，告知施工时间和噪音管理要求。',
    procedure: ['提交装修备案申请', '社区审查装修方案', '出具备案回执并告知施工时间要求'], fees: FREE,
    legalBasis: ['《住宅室内装饰装修管理办法》第十三条', '《中华人民共和国噪声污染防治法》第六十六条'],
    materials: [idCard, { code: 'deed', name: '房屋所有权证或不动产权证书', required: true, copies: 1, note: '承租人另附业主同意书' },
      { code: 'plan', name: '装修方案（含施工范围、工期、施工单位）', required: true, copies: 1, note: null },
      { code: 'property_opinion', name: '物业服务企业意见', required: false, copies: 1, note: '有物业管理的小区提供' }],
    statutoryDays: 20, promisedDays: 5, level: 'community', unitKind: null, handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: true,
  },
  {
    code: 'HYQKZM', nameZh: '婚育情况证明', nameEn: 'Certificate of marital and childbearing status',
    content: '为辖区居民出具婚姻和生育情况证明，用于办理生育登记、入户等事项。',
    procedure: STANDARD_STEPS, fees: FREE,
    legalBasis: ['《天津市人口与计划生育条例》', '《中华人民共和国城市居民委员会组织法》第三条'],
    materials: [idCard, hukou, { code: 'marriage', name: '结婚证或离婚证', required: false, copies: 1, note: '已婚或离异的提供' }],
    statutoryDays: 20, promisedDays: 3, level: 'community', unitKind: null, handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: true,
  },
  {
    code: 'SQCDJY', nameZh: '社区活动场地借用', nameEn: 'Use of a community activity room',
    content: '居民和社区社会组织借用社区党群服务中心活动室开展公益文体活动。',
    procedure: ['提交借用申请', '社区核对场地安排', '告知借用结果'], fees: FREE,
    legalBasis: ['《天津市社区服务设施管理办法》'],
    materials: [idCard, form('社区活动场地借用申请表', ['借用单位或个人', '活动名称', '活动时间', '参加人数', '安全负责人及电话'])],
    statutoryDays: 20, promisedDays: 3, level: 'community', unitKind: null, handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: false,
  },
  {
    code: 'LNYDZ', nameZh: '老年人优待证', nameEn: 'Senior citizen preferential card',
    content: '为年满60周岁的本市常住老年人办理老年人优待证，凭证享受公共交通、公园景点等优待。',
    procedure: STANDARD_STEPS, fees: FREE,
    legalBasis: ['《中华人民共和国老年人权益保障法》第五十七条', '《天津市老年人优待办法》'],
    materials: [idCard, { code: 'photo', name: '近期一寸免冠彩色照片', required: true, copies: 1, note: '白色背景' },
      form('老年人优待证申请表', ['姓名', '性别', '出生日期', '身份证号码', '居住地址', '联系电话'])],
    statutoryDays: 20, promisedDays: 5, level: 'street', unitKind: 'civic', handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: true,
  },
  {
    code: 'DSZNGRZ', nameZh: '独生子女父母光荣证', nameEn: 'Honour certificate for parents of an only child',
    content: '为符合条件的独生子女父母补办或换领独生子女父母光荣证。需核验户口簿、结婚证原件，仅在窗口办理。',
    procedure: ['携带原件到街道一门式服务中心窗口申请', '核验原件', '审核并公示', '发证'], fees: FREE,
    legalBasis: ['《天津市人口与计划生育条例》', '《中华人民共和国人口与计划生育法》第二十七条'],
    materials: [idCard, hukou, { code: 'marriage', name: '结婚证', required: true, copies: 1, note: '原件现场核验' }],
    statutoryDays: 20, promisedDays: 10, level: 'street', unitKind: 'civic', handlingUnitCode: null, jointUnitCodes: [], online: false,
    counterNote: '请携带原件到所在街道市民社会事务一门式服务中心办理（工作日 8:30—17:30）。', deemedApproval: false,
  },
  {
    code: 'SQYYWD', nameZh: '社区营业网点登记', nameEn: 'Registration of a business outlet in the community',
    content: '在社区内开设便民服务网点（早餐、维修、快递代收等）的经营者，向街道登记经营场所和服务内容，纳入便民网点管理。',
    procedure: STANDARD_STEPS, fees: FREE,
    legalBasis: ['《促进个体工商户发展条例》第十二条', '《天津市便民服务网点管理办法》'],
    materials: [{ code: 'licence', name: '营业执照', required: true, copies: 1, note: null }, idCard,
      { code: 'premises', name: '经营场所使用证明', required: true, copies: 1, note: '产权证明或租赁合同' },
      { code: 'photo_front', name: '网点门头照片', required: false, copies: 1, note: null }],
    statutoryDays: 20, promisedDays: 10, level: 'street', unitKind: 'civic', handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: false,
  },
  {
    code: 'MQSBZRS', nameZh: '门前三包责任书签订', nameEn: 'Frontage responsibility agreement (门前三包)',
    content: '沿街单位和个体经营者签订门前三包（包卫生、包秩序、包绿化）责任书。',
    procedure: ['提交申请及经营信息', '街道核对责任区范围', '签订责任书'], fees: FREE,
    legalBasis: ['《天津市市容和环境卫生管理条例》第十八条'],
    materials: [{ code: 'licence', name: '营业执照或单位证明', required: true, copies: 1, note: null }, idCard],
    statutoryDays: 20, promisedDays: 5, level: 'street', unitKind: 'civic', handlingUnitCode: null, jointUnitCodes: [], online: true, counterNote: null, deemedApproval: true,
  },
  {
    code: 'LSZYCD', nameZh: '临时占用公共场地', nameEn: 'Temporary use of public space',
    content: '因公益活动、便民服务、施工等需要临时占用街巷、广场等公共场地的审批，由街道受理，城市管理部门联合办理。',
    procedure: ['提交申请、场地示意图和安全方案', '街道受理', '城市管理部门出具联办意见', '街道作出决定', '送达决定书'], fees: FREE,
    legalBasis: ['《城市市容和环境卫生管理条例》第十四条', '《中华人民共和国行政许可法》第二十六条、第四十二条'],
    materials: [form('临时占用公共场地申请书', ['申请单位或个人', '占用地点', '占用面积（平方米）', '占用起止时间', '占用用途']),
      { code: 'site_plan', name: '场地平面示意图', required: true, copies: 1, note: '标明占用范围和通道' },
      { code: 'safety_plan', name: '安全保障和环境卫生方案', required: true, copies: 1, note: null },
      { code: 'licence', name: '营业执照或身份证明', required: true, copies: 1, note: null }],
    statutoryDays: 20, promisedDays: 20, level: 'street', unitKind: 'civic', handlingUnitCode: null, jointUnitCodes: ['nk-dept-urban'], online: true, counterNote: null, deemedApproval: false,
  },
  {
    code: 'GYHDBA', nameZh: '群众性公益活动备案', nameEn: 'Filing of a public-interest community event',
    content: '在辖区举办预计参加人数较多的群众性公益文体活动的，由主办方向区行政审批局备案。',
    procedure: STANDARD_STEPS, fees: FREE,
    legalBasis: ['《大型群众性活动安全管理条例》', '《中华人民共和国行政许可法》第三十条'],
    materials: [form('群众性公益活动备案表', ['主办单位', '活动名称', '活动时间和地点', '预计人数', '安全负责人']),
      { code: 'safety_plan', name: '活动安全工作方案', required: true, copies: 1, note: null },
      { code: 'venue', name: '场地使用协议', required: true, copies: 1, note: null }],
    statutoryDays: 20, promisedDays: 20, level: 'district', unitKind: null, handlingUnitCode: 'nk-dept-approval', jointUnitCodes: [], online: true, counterNote: null, deemedApproval: true,
  },
  {
    code: 'HWGGSZ', nameZh: '临时户外宣传品设置', nameEn: 'Temporary outdoor promotional display',
    content: '节庆、公益宣传需临时设置横幅、展板等户外宣传品的许可。',
    procedure: STANDARD_STEPS, fees: FREE,
    legalBasis: ['《城市市容和环境卫生管理条例》第十一条', '《天津市户外广告设施管理办法》'],
    materials: [{ code: 'design', name: '宣传品设计样稿及设置位置图', required: true, copies: 1, note: null },
      { code: 'licence', name: '营业执照或单位证明', required: true, copies: 1, note: null }],
    statutoryDays: 20, promisedDays: 10, level: 'district', unitKind: null, handlingUnitCode: 'nk-dept-urban', jointUnitCodes: [], online: true, counterNote: null, deemedApproval: false,
  },
];
