/**
 * PostgreSQL's type id of `int8` (bigint). Both drivers read it as a JavaScript number: the
 * values stored (times in ms, counts, sequence numbers) stay far below 2^53.
 */
export const INT8_TYPE_ID = 20;
