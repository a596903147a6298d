/**
 * The text the customer's screen switches to: ordinary English words (OCR, like a person, reads
 * real words better than random letters), drawn by a seeded generator so every run of the bench
 * shows the same texts.
 */
const WORDS = `
about above account action address after again agent against almost already always amount answer
appear apply area around arrive assume attach available average back balance bank basic because
become before begin behind believe below benefit better between bill billing board body border
bottom branch bring broken budget build button cable call camera cancel card care carry case
cause center change charge check choose city claim class clean clear client close cloud code
colour column common company complete computer confirm connect contact contract copy corner cost
country cover create credit current customer daily damage data date debit decide default delay
delete delivery detail device dialog direct display document double download draft driver early
edit email enable enter error event every example expire export field figure file filter final
finish folder follow format forward frame friend front full garden general green group guide
handle header heavy help history holiday home hour image import include income inform install
invoice issue item join journal keyboard label large later layout letter level license light limit
line link list local login machine manage manual market master meter method middle minute mobile
modem monitor month mouse move network never night notice number office online open option order
other owner package page paper partner password payment people period phone picture plan please
point policy port power press price print private problem process product profile program public
quick radio range reason receipt record refund region remote repair report request reset restart
result return review router safety sample save scan screen search second secure select send
server service session setting share short signal simple single small software sound source
speed start status still storage street subject summary support switch system table tablet
target team test text ticket time today total track transfer travel update upload user value
version video visit voice wallet water weekly window winter wireless wonder world yellow zone
`
  .trim()
  .split(/\s+/);

/** mulberry32: small, fast, good enough to pick words. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` different words for one block of text; the same seed gives the same words. */
export function wordsForSeed(seed: number, count: number): string[] {
  const random = generator(seed);
  const pool = [...WORDS];
  const chosen: string[] = [];
  while (chosen.length < Math.min(count, WORDS.length)) {
    const index = Math.floor(random() * pool.length);
    chosen.push(...pool.splice(index, 1));
  }
  return chosen;
}
