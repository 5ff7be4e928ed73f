/** The path parameters of the collection routes. */
export interface CollectionPath {
  collectionId: string;
}

export interface ObjectPath extends CollectionPath {
  objectId: string;
}
