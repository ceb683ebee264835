//go:build !noembed

package store

// IndexIDPaths lets the tests run the _id path indexing at a chosen moment.
var IndexIDPaths = indexIDPaths
