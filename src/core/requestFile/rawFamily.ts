// How a request for a model of no known family is read: its native body goes out as written and the answer's text,
// stop reason and usage are found by trying the fields the known formats use (core/models/raw).
import { createRawStreamParser, parseRawResponse, type FamilyId, type ModelFamily } from '../models';

export const RAW_FAMILY: ModelFamily = {
  // Not one of the catalog's families; never stored as a user's family choice.
  id: 'raw' as FamilyId,
  displayName: 'Unknown model (native body, response read by guessing)',
  kind: 'text',
  streams: true,
  matches: () => false,
  buildBody: () => {
    throw new Error('A model of unknown family needs a native "body"; a prompt cannot be turned into one.');
  },
  parseResponse: parseRawResponse,
  createStreamParser: createRawStreamParser,
};
