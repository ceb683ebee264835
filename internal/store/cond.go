package store

import "go.mongodb.org/mongo-driver/v2/bson"

// ByID is the filter of a guarded single-document write: the document's _id
// plus the conditions that must still hold.
//
// On MongoDB the conditions go into the filter, which makes the write atomic
// across every server. On the embedded FerretDB the filter is the _id alone:
// FerretDB serves only an exact {_id: …} filter from its primary key and scans
// (and decodes) the whole collection for anything else, so a guarded write
// would cost time proportional to the collection. There the caller holds the
// document's lock (Locks) and has checked the conditions on a fresh read, which
// is exact because the embedded database has a single process.
func (s *Store) ByID(id any, conds ...bson.E) bson.D {
	f := bson.D{{Key: "_id", Value: id}}
	if s.Embedded {
		return f
	}
	return append(f, conds...)
}
