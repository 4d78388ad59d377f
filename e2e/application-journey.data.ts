// What the application journeys rely on in the demo district's service catalogue and staff: the services
// they apply for (as the module's install seeds them) and who handles them.
export interface JourneyService {
  code: string;
  name: string;
  /** what the resident types into the search */
  search: string;
  /** required materials by name, each uploaded */
  materials: string[];
  /** a material with a blank form to download, if any */
  template: string | null;
  /** handled by the community or street of the applicant's place: the form asks for the community */
  needsPlace: boolean;
  place: string;
}

/** An online service without deemed approval (journey 1), handled by the applicant's community. */
export const SERVICE: JourneyService = {
  code: 'SQCDJY',
  name: '社区活动场地借用',
  search: '活动场地',
  materials: ['申请人居民身份证', '社区活动场地借用申请表'],
  template: '社区活动场地借用申请表',
  needsPlace: true,
  place: '长华里',
};

/** An online service flagged for deemed approval (超时默许; journey 2), handled by the applicant's community. */
export const FLAGGED: JourneyService = {
  code: 'JZZM',
  name: '居住证明',
  search: '居住证明',
  materials: ['申请人居民身份证', '居民户口簿', '居住证明申请表'],
  template: '居住证明申请表',
  needsPlace: true,
  place: '长华里',
};

/** The community worker of 长华里社区, who handles both for an applicant living there. */
export const STAFF = { username: 'changhuali.worker' };
