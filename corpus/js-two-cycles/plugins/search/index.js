import { open } from 'editor';

export function indexDocument(doc) {
  return doc.id;
}

export function openResult(hit) {
  return open(hit.doc);
}
