import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
/** Deterministic sample data shared by the demo seed and the large data generator. */

export const FIRST_NAMES = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "Elijah",
  "Sophia",
  "James",
  "Isabella",
  "William",
  "Mia",
  "Benjamin",
  "Charlotte",
  "Lucas",
  "Amelia",
  "Henry",
  "Harper",
  "Theodore",
  "Evelyn",
  "Jack",
  "Abigail",
  "Levi",
  "Emily",
  "Alexander",
  "Ella",
  "Jackson",
  "Elizabeth",
  "Mateo",
  "Camila",
  "Daniel",
  "Luna",
  "Michael",
  "Sofia",
  "Mason",
  "Avery",
  "Sebastian",
  "Mila",
  "Ethan",
  "Aria",
  "Logan",
  "Scarlett",
  "Owen",
  "Penelope",
  "Samuel",
  "Layla",
  "Jacob",
  "Chloe",
  "Asher",
  "Victoria",
  "Aiden",
  "Priya",
  "Wei",
  "Fatima",
  "Hiroshi",
  "Aaliyah",
  "Diego",
  "Nadia",
  "Kwame",
  "Ingrid",
  "Tomasz",
] as const;

export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Perez",
  "Thompson",
  "White",
  "Harris",
  "Sanchez",
  "Clark",
  "Ramirez",
  "Lewis",
  "Robinson",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
  "Torres",
  "Nguyen",
  "Hill",
  "Flores",
  "Green",
  "Adams",
  "Nelson",
  "Baker",
  "Hall",
  "Rivera",
  "Campbell",
  "Mitchell",
  "Carter",
  "Roberts",
  "Patel",
  "Chen",
  "Okafor",
  "Tanaka",
  "Kowalski",
  "Haddad",
  "Andersson",
  "Mensah",
  "Novak",
  "Silva",
] as const;

export const TIME_ZONES = [
  "America/New_York",
  "America/New_York",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Phoenix",
  "Pacific/Honolulu",
] as const;

/** Area codes that are real and valid for libphonenumber; 555-01XX lines are reserved for fiction. */
export const AREA_CODES = ["202", "212", "305", "312", "415", "512", "617", "718", "773", "917"] as const;

export const CHARGE_CATALOG = [
  { code: "D0120", description: "Periodic oral evaluation", unitPriceCents: 6500 },
  { code: "D1110", description: "Prophylaxis - adult cleaning", unitPriceCents: 11000 },
  { code: "D0274", description: "Bitewings - four radiographic images", unitPriceCents: 7800 },
  { code: "D2391", description: "Resin-based composite - one surface, posterior", unitPriceCents: 19500 },
  { code: "D2740", description: "Crown - porcelain/ceramic", unitPriceCents: 124000 },
  { code: "99213", description: "Office visit, established patient, low complexity", unitPriceCents: 13500 },
  { code: "99214", description: "Office visit, established patient, moderate complexity", unitPriceCents: 19800 },
  { code: "85025", description: "Complete blood count with differential", unitPriceCents: 2900 },
  { code: "80053", description: "Comprehensive metabolic panel", unitPriceCents: 4400 },
  { code: "90686", description: "Influenza vaccine, quadrivalent", unitPriceCents: 3850 },
] as const;

/** A small seeded PRNG (mulberry32) so demo data is the same on every machine. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (probability: number) => next() < probability,
  };
}

export type Random = ReturnType<typeof createRandom>;

const SET_STATUS_WEIGHTS: [InvoiceSetStatus, number][] = [
  ["active", 40],
  ["paused", 8],
  ["expired", 8],
  ["will_fail", 8],
  ["failed", 8],
  ["paid", 12],
  ["cancelled", 5],
  ["written_off", 5],
  ["collections", 6],
];

/** A set status drawn with the demo's mix (mostly Active, some of every other). */
export function weightedStatus(random: Random): InvoiceSetStatus {
  let roll = random.int(
    1,
    SET_STATUS_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0),
  );
  for (const [status, weight] of SET_STATUS_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return status;
  }
  return "active";
}

/** Inserts rows 500 at a time (one statement per chunk). */
export async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}
