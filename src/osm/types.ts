/**
 * OSM entities as the readers hand them out. Deliberately flat and version-free: SOT imports the
 * current state of a region, so metadata (version, timestamp, changeset, user) is dropped while
 * decoding instead of being allocated and thrown away by every consumer.
 *
 * Ids are JS numbers: OSM ids are far below 2^53, so they stay exact without BigInt's cost.
 * Entities are handed over to the consumer; readers keep no reference to them.
 */

/** Tag keys and values exactly as in the file. */
export type OsmTags = Record<string, string>;

export interface OsmNode {
  type: 'node';
  id: number;
  /** WGS 84 degrees. */
  lat: number;
  lon: number;
  tags: OsmTags;
}

export interface OsmWay {
  type: 'way';
  id: number;
  /** Node ids in way order; a closed way repeats its first id at the end. */
  refs: number[];
  tags: OsmTags;
}

export type OsmMemberType = 'node' | 'way' | 'relation';

export interface OsmMember {
  type: OsmMemberType;
  ref: number;
  role: string;
}

export interface OsmRelation {
  type: 'relation';
  id: number;
  members: OsmMember[];
  tags: OsmTags;
}

export type OsmEntity = OsmNode | OsmWay | OsmRelation;

export interface OsmReadOptions {
  /**
   * Called after each chunk of the file is consumed, with bytes of the file on disk (compressed
   * bytes for `.osm.gz`), so a UI can show real progress on files of hundreds of MB.
   */
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Checked between blocks/chunks; aborting rejects the read with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Drop nodes that carry no tags. Registry extraction only wants tagged nodes, and untagged
   * way vertices are ~95 % of a PBF's nodes, so not allocating them roughly halves the work.
   * They are still counted in {@link OsmReadStats}.
   */
  skipNodesWithoutTags?: boolean;
}

/**
 * Returned by a reader's generator when it finishes (the `value` of the final `{done: true}`).
 * Counts include nodes dropped by `skipNodesWithoutTags`.
 */
export interface OsmReadStats {
  nodes: number;
  ways: number;
  relations: number;
  /** Size of the file on disk. */
  bytes: number;
  /**
   * The program that wrote the file, as the file states it: the `generator` attribute of the XML
   * root element, or the PBF HeaderBlock's `writingprogram`. Absent when the file names none.
   * Tells data SOT generated itself (the fictional demo region, `sot-demo`) from real OSM data.
   */
  generator?: string;
}

/** What every reader returns: batches of entities, then the totals. */
export type OsmReader = AsyncGenerator<OsmEntity[], OsmReadStats, undefined>;
