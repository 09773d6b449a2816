import { indexDocument } from 'search';

export function open(doc) {
  indexDocument(doc);
  return doc;
}
