// The demo district: a synthetic profile modelled on Nankai District (南开区), Tianjin.
//
// Pure data, no imports. Place names (streets, communities) are real or realistic; every person is
// synthetic: staff display names carry the marker （演示）, phones use the test range 1990000xxxx /
// 1990001xxxx, and ID numbers are generated (region code 120104 + birth date + sequence + ISO 7064
// MOD 11-2 checksum) and belong to no one.
//
// Geometry is approximate and computed deterministically at module load: the district box
// (lng 117.09–117.21, lat 39.08–39.17) is tiled by a hand-placed 5 × 4 grid of vertices into
// 12 street quadrilaterals (4 columns × 3 rows), and each street quadrilateral is split into
// community cells by bilinear interpolation, so communities tile their street exactly.

export interface DemoJurisdiction {
  /** Stable code: 'nk', 'nk-gl', 'nk-gl-03', 'nk-gl-03-g2', 'nk-dept-civil', 'nk-gl-dept-petitions'. */
  code: string;
  kind: 'district' | 'street' | 'community' | 'grid' | 'department';
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  /** [lng, lat] */
  centroid: [number, number] | null;
  /** Closed ring of [lng, lat] (first = last); approximate; set for district, streets and communities. */
  polygon: [number, number][] | null;
}

export type DemoRole =
  | 'grid_worker'
  | 'community_worker'
  | 'street_handler'
  | 'department_handler'
  | 'district_dispatcher'
  | 'leader'
  | 'admin'
  | 'auditor';

export interface DemoStaff {
  username: string;
  displayName: string;
  role: DemoRole;
  jurisdictionCode: string;
  phone: string;
}

export interface DemoResident {
  name: string;
  phone: string;
  idNumber: string;
  address: string;
  communityCode: string;
}

/** Documented demo password for every demo account. */
export const DEMO_PASSWORD = 'Minsheng#2026';

export const DEMO_TENANT: { code: string; nameZh: string; nameEn: string } = {
  code: 'nankai',
  nameZh: '天津市南开区（演示）',
  nameEn: 'Nankai District, Tianjin (demo)',
};

// ---------------------------------------------------------------------------------------------
// Source tables
// ---------------------------------------------------------------------------------------------

type LngLat = [number, number];

/** [short Chinese name without 社区, English/pinyin name without "Community"] */
type CommunitySeed = readonly [string, string];

interface StreetSeed {
  /** Code suffix: 'gl' → 'nk-gl'. */
  key: string;
  /** Username prefix: 'gulou' → 'gulou.handler'. */
  slug: string;
  nameZh: string;
  nameEn: string;
  /** Cell of the vertex grid: col 0 = west … 3 = east; row 0 = south … 2 = north. */
  col: number;
  row: number;
  communities: readonly CommunitySeed[];
}

/**
 * Hand-placed vertex grid, VERTICES[row][col] = [lng, lat]; row 0 is the southern edge, col 0 the
 * western edge. Slightly irregular so the streets do not look like a spreadsheet.
 */
const VERTICES: readonly (readonly LngLat[])[] = [
  [[117.092, 39.080], [117.121, 39.082], [117.146, 39.080], [117.170, 39.083], [117.205, 39.086]],
  [[117.090, 39.108], [117.123, 39.106], [117.148, 39.110], [117.168, 39.107], [117.208, 39.110]],
  [[117.093, 39.136], [117.119, 39.134], [117.144, 39.137], [117.171, 39.133], [117.210, 39.138]],
  [[117.095, 39.168], [117.122, 39.166], [117.147, 39.169], [117.169, 39.165], [117.203, 39.167]],
];

/** The 12 streets, ordered roughly east → west. 165 communities in all. */
const STREETS: readonly StreetSeed[] = [
  {
    key: 'gl', slug: 'gulou', nameZh: '鼓楼街', nameEn: 'Gulou Street', col: 3, row: 2,
    communities: [
      ['府佑里', 'Fuyouli'], ['东门里', 'Dongmenli'], ['中营里', 'Zhongyingli'],
      ['城厢花园', 'Chengxiang Huayuan'], ['铃铛阁里', 'Lingdanggeli'], ['鼓楼北里', 'Gulou Beili'],
      ['水阁里', 'Shuigeli'], ['天锡里', 'Tianxili'], ['仁爱濠景花园', 'Ren\'ai Haojing Huayuan'],
      ['文庙里', 'Wenmiaoli'], ['会馆里', 'Huiguanli'], ['北马路新村', 'Beimalu Xincun'],
      ['西门里', 'Ximenli'], ['鼓楼南苑', 'Gulou Nanyuan'],
    ],
  },
  {
    key: 'xn', slug: 'xingnan', nameZh: '兴南街', nameEn: 'Xingnan Street', col: 3, row: 1,
    communities: [
      ['兴南里', 'Xingnanli'], ['南营门里', 'Nanyingmenli'], ['天香里', 'Tianxiangli'],
      ['兴华里', 'Xinghuali'], ['慎益里', 'Shenyili'], ['文化新村', 'Wenhua Xincun'],
      ['南华园', 'Nanhuayuan'], ['宏业里', 'Hongyeli'], ['康乐里', 'Kangleli'],
      ['鸿园', 'Hongyuan'], ['丰盛花园', 'Fengsheng Huayuan'],
    ],
  },
  {
    key: 'xf', slug: 'xuefu', nameZh: '学府街', nameEn: 'Xuefu Street', col: 3, row: 0,
    communities: [
      ['学湖里', 'Xuehuli'], ['学府花园', 'Xuefu Huayuan'], ['七里台新村', 'Qilitai Xincun'],
      ['八里台新村', 'Balitai Xincun'], ['书香园', 'Shuxiangyuan'], ['卫津里', 'Weijinli'],
      ['王台里', 'Wangtaili'], ['白堤里', 'Baidili'], ['芳园里', 'Fangyuanli'],
      ['立德里', 'Lideli'], ['敬业里', 'Jingyeli'], ['允公园', 'Yungongyuan'],
      ['鸿志里', 'Hongzhili'], ['科苑', 'Keyuan'],
    ],
  },
  {
    key: 'ch', slug: 'changhong', nameZh: '长虹街', nameEn: 'Changhong Street', col: 2, row: 2,
    communities: [
      ['长华里', 'Changhuali'], ['淦江里', 'Ganjiangli'], ['宜宾里', 'Yibinli'],
      ['华宁里', 'Huaningli'], ['昔阳里', 'Xiyangli'], ['长江里', 'Changjiangli'],
      ['东风里', 'Dongfengli'], ['南丰里', 'Nanfengli'], ['怡华园', 'Yihuayuan'],
      ['长虹新村', 'Changhong Xincun'], ['鸿泰园', 'Hongtaiyuan'], ['北城花园', 'Beicheng Huayuan'],
      ['华章里', 'Huazhangli'], ['荣华里', 'Ronghuali'], ['长安苑', 'Chang\'anyuan'],
      ['清化里', 'Qinghuali'], ['红日里', 'Hongrili'], ['汾水里', 'Fenshuili'],
    ],
  },
  {
    key: 'gk', slug: 'guangkai', nameZh: '广开街', nameEn: 'Guangkai Street', col: 2, row: 1,
    communities: [
      ['广开里', 'Guangkaili'], ['四马路新村', 'Simalu Xincun'], ['南门外里', 'Nanmenwaili'],
      ['荣业里', 'Rongyeli'], ['福寿里', 'Fushouli'], ['永安里', 'Yong\'anli'],
      ['德兴里', 'Dexingli'], ['福安园', 'Fu\'anyuan'], ['庆丰里', 'Qingfengli'],
      ['吉祥苑', 'Jixiangyuan'], ['卫安里', 'Wei\'anli'], ['同乐里', 'Tongleli'],
      ['平安新村', 'Ping\'an Xincun'],
    ],
  },
  {
    key: 'sg', slug: 'shuishang', nameZh: '水上公园街', nameEn: 'Shuishang Gongyuan Street', col: 2, row: 0,
    communities: [
      ['水上北里', 'Shuishang Beili'], ['天塔里', 'Tiantali'], ['宾水西里', 'Binshui Xili'],
      ['水湖里', 'Shuihuli'], ['卫津南里', 'Weijin Nanli'], ['荷花里', 'Hehuali'],
      ['湖滨花园', 'Hubin Huayuan'], ['映水园', 'Yingshuiyuan'], ['风荷苑', 'Fengheyuan'],
    ],
  },
  {
    key: 'xyl', slug: 'xiangyang', nameZh: '向阳路街', nameEn: 'Xiangyanglu Street', col: 1, row: 2,
    communities: [
      ['向阳里', 'Xiangyangli'], ['中环新村', 'Zhonghuan Xincun'], ['三潭里', 'Santanli'],
      ['冶金里', 'Yejinli'], ['华坪里', 'Huapingli'], ['风湖里', 'Fenghuli'],
      ['时代花园', 'Shidai Huayuan'], ['雅安里', 'Ya\'anli'], ['广安里', 'Guang\'anli'],
      ['金泉园', 'Jinquanyuan'], ['翠荫里', 'Cuiyinli'], ['丰泽园', 'Fengzeyuan'],
      ['川府新村', 'Chuanfu Xincun'], ['兴泰里', 'Xingtaili'], ['明华苑', 'Minghuayuan'],
      ['红旗新村', 'Hongqi Xincun'],
    ],
  },
  {
    key: 'wx', slug: 'wanxing', nameZh: '万兴街', nameEn: 'Wanxing Street', col: 1, row: 1,
    communities: [
      ['万兴里', 'Wanxingli'], ['园荫里', 'Yuanyinli'], ['咸阳南里', 'Xianyang Nanli'],
      ['万德庄新村', 'Wandezhuang Xincun'], ['南开新村', 'Nankai Xincun'], ['昆明里', 'Kunmingli'],
      ['大园里', 'Dayuanli'], ['新星园', 'Xinxingyuan'], ['育梁里', 'Yuliangli'],
      ['丽景花园', 'Lijing Huayuan'], ['荣迁里', 'Rongqianli'], ['云居园', 'Yunjuyuan'],
    ],
  },
  {
    key: 'tyzx', slug: 'tiyu', nameZh: '体育中心街', nameEn: 'Tiyu Zhongxin Street', col: 1, row: 0,
    communities: [
      ['奥城花园', 'Aocheng Huayuan'], ['凌奥园', 'Ling\'aoyuan'], ['宾西里', 'Binxili'],
      ['体院北里', 'Tiyuan Beili'], ['凌庄子新村', 'Lingzhuangzi Xincun'], ['奥林园', 'Aolinyuan'],
      ['翠林园', 'Cuilinyuan'], ['水乡园', 'Shuixiangyuan'], ['聚英园', 'Juyingyuan'],
      ['凯德园', 'Kaideyuan'],
    ],
  },
  {
    key: 'jld', slug: 'jialing', nameZh: '嘉陵道街', nameEn: 'Jialingdao Street', col: 0, row: 2,
    communities: [
      ['嘉陵北里', 'Jialing Beili'], ['嘉陵南里', 'Jialing Nanli'], ['鹤园', 'Heyuan'],
      ['阳光花园', 'Yangguang Huayuan'], ['凌宾里', 'Lingbinli'], ['保山里', 'Baoshanli'],
      ['玉泉里', 'Yuquanli'], ['碧华里', 'Bihuali'], ['秀峰里', 'Xiufengli'],
      ['长阳里', 'Changyangli'], ['兴家园', 'Xingjiayuan'], ['嘉乐园', 'Jialeyuan'],
      ['龙井里', 'Longjingli'], ['西湖新村', 'Xihu Xincun'], ['福康里', 'Fukangli'],
    ],
  },
  {
    key: 'wdd', slug: 'wangdingdi', nameZh: '王顶堤街', nameEn: 'Wangdingdi Street', col: 0, row: 1,
    communities: [
      ['王顶堤新村', 'Wangdingdi Xincun'], ['迎风里', 'Yingfengli'], ['林苑', 'Linyuan'],
      ['鑫茂园', 'Xinmaoyuan'], ['金厦里', 'Jinshali'], ['航天里', 'Hangtianli'],
      ['龙宇园', 'Longyuyuan'], ['迎水里', 'Yingshuili'], ['卧龙里', 'Wolongli'],
      ['红磡花园', 'Hongkan Huayuan'], ['金竹园', 'Jinzhuyuan'], ['竹林里', 'Zhulinli'],
      ['格调花园', 'Gediao Huayuan'], ['泰山里', 'Taishanli'], ['宏达园', 'Hongdayuan'],
      ['金地园', 'Jindiyuan'], ['久华里', 'Jiuhuali'],
    ],
  },
  {
    key: 'hy', slug: 'huayuan', nameZh: '华苑街', nameEn: 'Huayuan Street', col: 0, row: 0,
    communities: [
      ['欣苑', 'Xinyuan'], ['居华里', 'Juhuali'], ['安华里', 'Anhuali'],
      ['日华里', 'Rihuali'], ['地华里', 'Dihuali'], ['天华里', 'Tianhuali'],
      ['雅华里', 'Yahuali'], ['莹华里', 'Yinghuali'], ['华苑新村', 'Huayuan Xincun'],
      ['竹华里', 'Zhuhuali'], ['金华里', 'Jinhuali'], ['兰苑', 'Lanyuan'],
      ['梅苑', 'Meiyuan'], ['棠苑', 'Tangyuan'], ['碧水园', 'Bishuiyuan'],
      ['嘉华苑', 'Jiahuayuan'],
    ],
  },
];

/** District-level departments: [code suffix (also username prefix), nameZh, nameEn]. */
const DISTRICT_DEPARTMENTS: readonly (readonly [string, string, string])[] = [
  ['civil', '民政局', 'Civil Affairs Bureau'],
  ['housing', '住房和建设委员会', 'Housing and Construction Commission'],
  ['urban', '城市管理委员会', 'Urban Management Commission'],
  ['hrss', '人力资源和社会保障局', 'Human Resources and Social Security Bureau'],
  ['justice', '司法局', 'Justice Bureau'],
  ['police', '南开公安分局', 'Nankai Public Security Sub-bureau'],
  ['health', '卫生健康委员会', 'Health Commission'],
  ['emergency', '应急管理局', 'Emergency Management Bureau'],
  ['petitions', '信访办', 'Petitions Office'],
  ['community', '社区建设办公室', 'Community Affairs Office'],
  ['approval', '行政审批局', 'Administrative Approval Bureau'],
  ['eco', '生态环境局', 'Ecology and Environment Bureau'],
  ['market', '市场监督管理局', 'Market Supervision Administration'],
];

/** Street-level service centres: [code suffix, name suffix Zh, name suffix En]. */
const STREET_CENTRES: readonly (readonly [string, string, string])[] = [
  ['petitions', '综治信访服务中心', 'Governance & Petitions Service Centre'],
  ['civic', '市民社会事务一门式服务中心', 'One-Door Civic Service Centre'],
];

/** Grid cells (网格) for the first communities of two streets: street key → cells per community. */
const GRID_COUNTS: Readonly<Record<string, readonly number[]>> = {
  gl: [3, 2, 4],
  ch: [4, 3, 2],
};

/** Streets that also get a street leader and accounts for their two service centres. */
const FULLY_STAFFED_STREETS: readonly string[] = ['gl', 'ch'];

/** Indexes (0-based) of the communities in every street that get a community worker. */
const STAFFED_COMMUNITY_INDEXES: readonly number[] = [0, 1];

// Synthetic staff names are built from these two lists (and then marked （演示）).
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏';
const GIVEN_NAMES: readonly string[] = [
  '建华', '秀兰', '志强', '丽娟', '国庆', '海燕', '振国', '淑珍', '立新', '红梅',
  '文博', '晓静', '永刚', '玉兰', '春雷', '桂芳', '德明', '雪梅', '宏伟', '慧敏',
  '学军', '凤英', '俊杰', '婷婷', '卫东', '金凤', '子涵', '佳怡', '长青', '美玲',
  '树林', '雅琴', '家豪', '欣然', '保平', '月华', '光明', '晓燕', '天佑', '静怡',
];

/**
 * Synthetic residents: [name, sex, birth date YYYYMMDD, community short name, building, unit, room].
 * The ID number, phone and address are derived from these.
 */
const RESIDENT_SEEDS: readonly (readonly [string, 'M' | 'F', string, string, number, number, number])[] = [
  ['李秀英', 'F', '19420517', '长华里', 3, 2, 501],
  ['王德顺', 'M', '19450923', '长华里', 5, 1, 302],
  ['张桂兰', 'F', '19510211', '长华里', 1, 3, 104],
  ['刘志刚', 'M', '19780630', '长华里', 8, 2, 601],
  ['陈淑华', 'F', '19400308', '欣苑', 12, 1, 202],
  ['杨建国', 'M', '19490101', '欣苑', 7, 2, 403],
  ['赵丽萍', 'F', '19860814', '欣苑', 3, 1, 1102],
  ['黄永生', 'M', '19630419', '嘉陵北里', 4, 3, 301],
  ['周玉珍', 'F', '19470725', '嘉陵北里', 9, 1, 502],
  ['吴海涛', 'M', '19911203', '嘉陵北里', 2, 2, 201],
  ['徐凤霞', 'F', '19551030', '学湖里', 6, 4, 402],
  ['孙立伟', 'M', '19820227', '学湖里', 10, 1, 101],
  ['胡晓梅', 'F', '19990916', '学湖里', 1, 2, 603],
  ['朱宝山', 'M', '19440612', '府佑里', 2, 1, 301],
  ['高春燕', 'F', '19700108', '东门里', 5, 2, 204],
  ['林国栋', 'M', '19580321', '中营里', 3, 1, 502],
  ['何淑芬', 'F', '19521117', '兴南里', 7, 3, 101],
  ['郭建军', 'M', '19750504', '南营门里', 4, 1, 402],
  ['马秀云', 'F', '19480829', '七里台新村', 11, 2, 303],
  ['罗志明', 'M', '19670713', '八里台新村', 6, 1, 201],
  ['梁玉梅', 'F', '19891025', '淦江里', 2, 4, 501],
  ['宋振华', 'M', '19560202', '宜宾里', 9, 2, 102],
  ['郑美兰', 'F', '19430914', '华宁里', 1, 1, 401],
  ['谢文斌', 'M', '19940317', '广开里', 3, 3, 302],
  ['韩桂英', 'F', '19500606', '四马路新村', 8, 1, 203],
  ['唐永福', 'M', '19611128', '水上北里', 5, 2, 601],
  ['冯丽华', 'F', '19840419', '天塔里', 2, 1, 1503],
  ['于长海', 'M', '19460730', '向阳里', 4, 2, 304],
  ['董素芳', 'F', '19590812', '中环新村', 13, 1, 202],
  ['程晓东', 'M', '19970105', '万兴里', 6, 3, 501],
  ['曹玉琴', 'F', '19410220', '园荫里', 1, 2, 102],
  ['袁国华', 'M', '19720928', '奥城花园', 15, 1, 801],
  ['邓春花', 'F', '19650514', '凌奥园', 3, 2, 402],
  ['许宝林', 'M', '19531209', '嘉陵南里', 7, 1, 301],
  ['傅秀珍', 'F', '19880327', '鹤园', 2, 3, 203],
  ['沈德海', 'M', '19440718', '王顶堤新村', 21, 2, 502],
  ['曾慧芳', 'F', '20000601', '迎风里', 4, 1, 601],
  ['彭建新', 'M', '19690822', '林苑', 9, 2, 1001],
  ['吕淑英', 'F', '19471012', '居华里', 5, 1, 401],
  ['苏明亮', 'M', '19800115', '安华里', 3, 2, 302],
];

// ---------------------------------------------------------------------------------------------
// Helpers (pure)
// ---------------------------------------------------------------------------------------------

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo district data: missing ${what}`);
  return value;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

interface Quad {
  sw: LngLat;
  se: LngLat;
  ne: LngLat;
  nw: LngLat;
}

/** Bilinear point of a quadrilateral: u runs west → east, v south → north, both in [0, 1]. */
function bilinear(q: Quad, u: number, v: number): LngLat {
  const a = (1 - u) * (1 - v);
  const b = u * (1 - v);
  const c = u * v;
  const d = (1 - u) * v;
  return [
    round6(a * q.sw[0] + b * q.se[0] + c * q.ne[0] + d * q.nw[0]),
    round6(a * q.sw[1] + b * q.se[1] + c * q.ne[1] + d * q.nw[1]),
  ];
}

/** Sub-quadrilateral [u0, u1] × [v0, v1]; the images of iso-lines of a bilinear map are straight. */
function subQuad(q: Quad, u0: number, u1: number, v0: number, v1: number): Quad {
  return { sw: bilinear(q, u0, v0), se: bilinear(q, u1, v0), ne: bilinear(q, u1, v1), nw: bilinear(q, u0, v1) };
}

function ring(q: Quad): LngLat[] {
  return [q.sw, q.se, q.ne, q.nw, [q.sw[0], q.sw[1]]];
}

function vertex(row: number, col: number): LngLat {
  return must(must(VERTICES[row], `vertex row ${row}`)[col], `vertex ${row},${col}`);
}

function streetQuad(s: StreetSeed): Quad {
  return {
    sw: vertex(s.row, s.col),
    se: vertex(s.row, s.col + 1),
    ne: vertex(s.row + 1, s.col + 1),
    nw: vertex(s.row + 1, s.col),
  };
}

/**
 * Splits a street into `count` cells: floor(sqrt(count)) rows from south to north, cells spread
 * as evenly as possible over the rows (earlier rows take the remainder), west → east in each row.
 */
function splitIntoCells(q: Quad, count: number): Quad[] {
  const rows = Math.max(1, Math.floor(Math.sqrt(count)));
  const base = Math.floor(count / rows);
  const extra = count % rows;
  const cells: Quad[] = [];
  for (let r = 0; r < rows; r++) {
    const inRow = base + (r < extra ? 1 : 0);
    for (let c = 0; c < inRow; c++) {
      cells.push(subQuad(q, c / inRow, (c + 1) / inRow, r / rows, (r + 1) / rows));
    }
  }
  return cells;
}

/** Outline of the whole vertex grid, counter-clockwise from the south-west corner. */
function districtRing(): LngLat[] {
  const rows = VERTICES.length;
  const cols = must(VERTICES[0], 'vertex row 0').length;
  const out: LngLat[] = [];
  for (let c = 0; c < cols; c++) out.push(vertex(0, c));
  for (let r = 1; r < rows; r++) out.push(vertex(r, cols - 1));
  for (let c = cols - 2; c >= 0; c--) out.push(vertex(rows - 1, c));
  for (let r = rows - 2; r >= 1; r--) out.push(vertex(r, 0));
  const first = vertex(0, 0);
  out.push([first[0], first[1]]);
  return out;
}

/** GB 11643 / ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number. */
function demoIdChecksum(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * must(weights[i], 'weight');
  return must('10X98765432'[sum % 11], 'check character');
}

function usernameSlug(nameEn: string): string {
  return nameEn.toLowerCase().replace(/[^a-z]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Jurisdictions
// ---------------------------------------------------------------------------------------------

const DISTRICT_CODE = 'nk';

const streetCode = (s: StreetSeed): string => `${DISTRICT_CODE}-${s.key}`;
const communityCode = (s: StreetSeed, index: number): string => `${streetCode(s)}-${pad(index + 1, 2)}`;

function buildJurisdictions(): DemoJurisdiction[] {
  const district: DemoJurisdiction = {
    code: DISTRICT_CODE,
    kind: 'district',
    parentCode: null,
    nameZh: '南开区',
    nameEn: 'Nankai District',
    centroid: [117.15, 39.125],
    polygon: districtRing(),
  };

  const streets: DemoJurisdiction[] = [];
  const streetDepartments: DemoJurisdiction[] = [];
  const communities: DemoJurisdiction[] = [];
  const grids: DemoJurisdiction[] = [];

  for (const s of STREETS) {
    const quad = streetQuad(s);
    streets.push({
      code: streetCode(s),
      kind: 'street',
      parentCode: DISTRICT_CODE,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      centroid: bilinear(quad, 0.5, 0.5),
      polygon: ring(quad),
    });

    for (const [suffix, zh, en] of STREET_CENTRES) {
      streetDepartments.push({
        code: `${streetCode(s)}-dept-${suffix}`,
        kind: 'department',
        parentCode: streetCode(s),
        nameZh: `${s.nameZh}${zh}`,
        nameEn: `${s.nameEn} ${en}`,
        centroid: null,
        polygon: null,
      });
    }

    const cells = splitIntoCells(quad, s.communities.length);
    s.communities.forEach(([zh, en], i) => {
      const cell = must(cells[i], `cell ${i} of ${s.key}`);
      const code = communityCode(s, i);
      communities.push({
        code,
        kind: 'community',
        parentCode: streetCode(s),
        nameZh: `${zh}社区`,
        nameEn: `${en} Community`,
        centroid: bilinear(cell, 0.5, 0.5),
        polygon: ring(cell),
      });

      const gridCount = GRID_COUNTS[s.key]?.[i] ?? 0;
      for (let g = 0; g < gridCount; g++) {
        // Grid cells are vertical strips of the community; only their centre point is recorded.
        const strip = subQuad(cell, g / gridCount, (g + 1) / gridCount, 0, 1);
        grids.push({
          code: `${code}-g${g + 1}`,
          kind: 'grid',
          parentCode: code,
          nameZh: `${zh}社区第${g + 1}网格`,
          nameEn: `${en} Community Grid ${g + 1}`,
          centroid: bilinear(strip, 0.5, 0.5),
          polygon: null,
        });
      }
    });
  }

  const districtDepartments: DemoJurisdiction[] = DISTRICT_DEPARTMENTS.map(([suffix, zh, en]) => ({
    code: `${DISTRICT_CODE}-dept-${suffix}`,
    kind: 'department',
    parentCode: DISTRICT_CODE,
    nameZh: zh,
    nameEn: en,
    centroid: null,
    polygon: null,
  }));

  // Parents before children: district, streets, departments, communities, grids.
  return [district, ...streets, ...districtDepartments, ...streetDepartments, ...communities, ...grids];
}

/** The district, its 12 streets, 13 + 24 departments, 165 communities and 18 grid cells. */
export const DEMO_JURISDICTIONS: DemoJurisdiction[] = buildJurisdictions();

// ---------------------------------------------------------------------------------------------
// Staff
// ---------------------------------------------------------------------------------------------

function buildStaff(): DemoStaff[] {
  const accounts: Omit<DemoStaff, 'displayName' | 'phone'>[] = [];
  const add = (username: string, role: DemoRole, jurisdictionCode: string): void => {
    accounts.push({ username, role, jurisdictionCode });
  };
  const gulou = must(STREETS.find((s) => s.key === 'gl'), 'street gl');
  const changhong = must(STREETS.find((s) => s.key === 'ch'), 'street ch');

  // Memorable accounts first.
  add('admin', 'admin', DISTRICT_CODE);
  add('auditor', 'auditor', DISTRICT_CODE);
  add('leader', 'leader', DISTRICT_CODE); // 区长热线负责人
  add('dispatcher', 'district_dispatcher', DISTRICT_CODE);
  add('gulou.handler', 'street_handler', streetCode(gulou));
  add('changhong.handler', 'street_handler', streetCode(changhong));
  add('changhuali.worker', 'community_worker', communityCode(changhong, 0));
  add('gulou.worker', 'community_worker', communityCode(gulou, 0));
  add('civil.handler', 'department_handler', `${DISTRICT_CODE}-dept-civil`);

  const taken = new Set(accounts.map((a) => a.username));
  const addOnce = (username: string, role: DemoRole, jurisdictionCode: string): void => {
    const alreadyAssigned = accounts.some((a) => a.role === role && a.jurisdictionCode === jurisdictionCode);
    if (taken.has(username) || alreadyAssigned) return;
    taken.add(username);
    add(username, role, jurisdictionCode);
  };

  for (const s of STREETS) addOnce(`${s.slug}.handler`, 'street_handler', streetCode(s));
  for (const key of FULLY_STAFFED_STREETS) {
    const s = must(STREETS.find((x) => x.key === key), `street ${key}`);
    addOnce(`${s.slug}.leader`, 'leader', streetCode(s));
    for (const [suffix] of STREET_CENTRES) {
      addOnce(`${s.slug}.${suffix}`, 'department_handler', `${streetCode(s)}-dept-${suffix}`);
    }
  }
  for (const s of STREETS) {
    for (const i of STAFFED_COMMUNITY_INDEXES) {
      const [, en] = must(s.communities[i], `community ${i} of ${s.key}`);
      addOnce(`${usernameSlug(en)}.worker`, 'community_worker', communityCode(s, i));
    }
  }
  for (const [suffix] of DISTRICT_DEPARTMENTS) {
    addOnce(`${suffix}.handler`, 'department_handler', `${DISTRICT_CODE}-dept-${suffix}`);
  }
  for (const s of STREETS) {
    const counts = GRID_COUNTS[s.key] ?? [];
    counts.forEach((count, i) => {
      const [, en] = must(s.communities[i], `community ${i} of ${s.key}`);
      for (let g = 1; g <= count; g++) {
        addOnce(`${usernameSlug(en)}.grid${g}`, 'grid_worker', `${communityCode(s, i)}-g${g}`);
      }
    });
  }

  // Synthetic names: walk surnames and given names with coprime strides (shifted once per lap of
  // the surnames) so no two accounts share a name.
  return accounts.map((a, i) => ({
    ...a,
    displayName: `${must(SURNAMES[i % SURNAMES.length], 'surname')}${must(GIVEN_NAMES[(i * 7 + Math.floor(i / SURNAMES.length)) % GIVEN_NAMES.length], 'given name')}（演示）`,
    phone: `1990000${pad(i + 1, 4)}`,
  }));
}

/** Demo staff accounts; every one logs in with DEMO_PASSWORD. */
export const DEMO_STAFF: DemoStaff[] = buildStaff();

// ---------------------------------------------------------------------------------------------
// Residents
// ---------------------------------------------------------------------------------------------

function buildResidents(): DemoResident[] {
  const codeByShortName = new Map<string, string>();
  for (const s of STREETS) s.communities.forEach(([zh], i) => codeByShortName.set(zh, communityCode(s, i)));

  return RESIDENT_SEEDS.map(([name, sex, birth, community, building, unit, room], i) => {
    // Sequence code: 3 digits, odd for men and even for women (GB 11643).
    const base = 100 + ((i * 37) % 800);
    const sequence = base % 2 === (sex === 'M' ? 1 : 0) ? base : base + 1;
    const first17 = `120104${birth}${pad(sequence, 3)}`;
    return {
      name,
      phone: `1990001${pad(i + 1, 4)}`,
      idNumber: `${first17}${demoIdChecksum(first17)}`,
      address: `南开区${community}${building}号楼${unit}门${room}`,
      communityCode: must(codeByShortName.get(community), `community ${community}`),
    };
  });
}

/** About 40 synthetic residents spread over the communities (seed model communities included). */
export const DEMO_RESIDENTS: DemoResident[] = buildResidents();
