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

/** An online service without deemed approval (journey 1). */
export const SERVICE: JourneyService = {
  code: 'JZZM',
  name: '居住证明',
  search: '居住证明',
  materials: ['居民身份证'],
  template: null,
  needsPlace: true,
  place: '长华里',
};

/** An online service flagged for deemed approval (超时默许; journey 2). */
export const FLAGGED: JourneyService = {
  code: 'JZZM',
  name: '居住证明',
  search: '居住证明',
  materials: ['居民身份证'],
  template: null,
  needsPlace: true,
  place: '长华里',
};

/** The clerk of the unit that handles both (the street's one-door civic service centre). */
export const STAFF = { username: 'changhong.civic' };
