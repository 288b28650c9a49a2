/*
 * rt_collections_abi.h — prototypes of the Viper.Collections runtime classes beyond the core object model
 * (rt_objects_abi.h): Set/Deque, Sparse, WeakMap, Bag, Heap, UnionFind, TreeMap, BloomFilter,
 * Iterator, Bytes, SortedSet, CountMap, LruCache, FrozenMap/FrozenSet, IntMap, BiMap,
 * OrderedMap, Trie, BitSet (RUNTIME-ABI Appendix A, RUNTIME-EXTENDED.md).
 * Conventions (RUNTIME-ABI §0–§1): IL-level widths (int64_t for i64, bool for i1, double for f64,
 * rt_string for str, void * for ptr/obj); arguments are borrowed; returned strings and objects
 * are +1 unless noted. Sections are named after the file that defines them.
 */
#ifndef VIPER_RT_COLLECTIONS_ABI_H
#define VIPER_RT_COLLECTIONS_ABI_H

#include "rt_core_abi.h"
#include "rt_internal.h"
#include "rt_objects_abi.h"

/* ---- bytes.c ---- */
void *rt_bytes_new(int64_t len);
int64_t rt_bytes_len(void *b);
int64_t rt_bytes_get(void *b, int64_t i);
void rt_bytes_set(void *b, int64_t i, int64_t v);
void *rt_bytes_from_str(rt_string s);
rt_string rt_bytes_to_str(void *b);
rt_string rt_bytes_to_hex(void *b);
void *rt_bytes_from_hex(rt_string s);
rt_string rt_bytes_to_base64(void *b);
void *rt_bytes_from_base64(rt_string s);
void rt_bytes_fill(void *b, int64_t v);
int64_t rt_bytes_find(void *b, int64_t v);
void *rt_bytes_clone(void *b);
void *rt_bytes_slice(void *b, int64_t start, int64_t end);
void rt_bytes_copy(void *dst, int64_t dst_off, void *src, int64_t src_off, int64_t n);

/* ---- setdeque.c ---- */
void *rt_set_new(void);
int64_t rt_set_len(void *s);
bool rt_set_is_empty(void *s);
bool rt_set_has(void *s, void *x);
bool rt_set_put(void *s, void *x);
bool rt_set_drop(void *s, void *x);
void *rt_deque_new(void);
int64_t rt_deque_len(void *d);
int64_t rt_deque_cap(void *d);
bool rt_deque_is_empty(void *d);
void rt_deque_push_back(void *d, void *x);
void rt_deque_push_front(void *d, void *x);
void *rt_deque_pop_front(void *d);
void *rt_deque_pop_back(void *d);
void *rt_deque_peek_front(void *d);
void *rt_deque_peek_back(void *d);
void *rt_deque_get(void *d, int64_t i);
void rt_deque_set(void *d, int64_t i, void *x);
bool rt_deque_has(void *d, void *x);
void rt_deque_reverse(void *d);
void rt_deque_clear(void *d);
void *rt_deque_clone(void *d);

/* ---- sparse.c ---- */
void *rt_sparse_new(void);
int64_t rt_sparse_len(void *s);
void rt_sparse_set(void *s, int64_t i, void *v);
void *rt_sparse_get(void *s, int64_t i);
bool rt_sparse_has(void *s, int64_t i);
bool rt_sparse_remove(void *s, int64_t i);
void rt_sparse_clear(void *s);
void *rt_sparse_indices(void *s);
void *rt_sparse_values(void *s);

/* ---- weakmap.c ---- */
void *rt_weakmap_new(void);
int64_t rt_weakmap_len(void *m);
bool rt_weakmap_is_empty(void *m);
void rt_weakmap_set(void *m, rt_string k, void *v);
void *rt_weakmap_get(void *m, rt_string k);
bool rt_weakmap_has(void *m, rt_string k);
bool rt_weakmap_remove(void *m, rt_string k);
void rt_weakmap_clear(void *m);
void *rt_weakmap_keys(void *m);
int64_t rt_weakmap_compact(void *m);

/* ---- bag.c ---- */
void *rt_bag_new(void);
int64_t rt_bag_len(void *b);
bool rt_bag_is_empty(void *b);
bool rt_bag_put(void *b, rt_string s);
bool rt_bag_has(void *b, rt_string s);
bool rt_bag_drop(void *b, rt_string s);
void rt_bag_clear(void *b);
void *rt_bag_items(void *b);
void *rt_bag_merge(void *a, void *b);
void *rt_bag_common(void *a, void *b);
void *rt_bag_diff(void *a, void *b);

/* ---- pqueue.c (Viper.Collections.Heap) ---- */
void *rt_pqueue_new(void);
void *rt_pqueue_new_max(bool is_max);
int64_t rt_pqueue_len(void *q);
bool rt_pqueue_is_empty(void *q);
bool rt_pqueue_is_max(void *q);
void rt_pqueue_push(void *q, int64_t prio, void *v);
void *rt_pqueue_pop(void *q);
void *rt_pqueue_peek(void *q);
void *rt_pqueue_try_pop(void *q);
void *rt_pqueue_try_peek(void *q);
void rt_pqueue_clear(void *q);
void *rt_pqueue_to_seq(void *q);

/* ---- unionfind.c ---- */
void *rt_unionfind_new(int64_t n);
int64_t rt_unionfind_find(void *u, int64_t x);
int64_t rt_unionfind_union(void *u, int64_t a, int64_t b);
bool rt_unionfind_connected(void *u, int64_t a, int64_t b);
int64_t rt_unionfind_set_size(void *u, int64_t x);
int64_t rt_unionfind_count(void *u);
void rt_unionfind_reset(void *u);

/* ---- treemap.c (Viper.Collections.TreeMap: string keys in byte order) ---- */
void *rt_treemap_new(void);
int64_t rt_treemap_len(void *m);
bool rt_treemap_is_empty(void *m);
void rt_treemap_set(void *m, rt_string k, void *v);
void *rt_treemap_get(void *m, rt_string k);
bool rt_treemap_has(void *m, rt_string k);
bool rt_treemap_drop(void *m, rt_string k);
void rt_treemap_clear(void *m);
rt_string rt_treemap_first(void *m);
rt_string rt_treemap_last(void *m);
rt_string rt_treemap_floor(void *m, rt_string k);
rt_string rt_treemap_ceil(void *m, rt_string k);
void *rt_treemap_keys(void *m);
void *rt_treemap_values(void *m);

/* ---- bloomfilter.c (Viper.Collections.BloomFilter) ---- */
void *rt_bloomfilter_new(int64_t n, double p);
void rt_bloomfilter_add(void *b, rt_string s);
bool rt_bloomfilter_might_contain(void *b, rt_string s);
int64_t rt_bloomfilter_count(void *b);
double rt_bloomfilter_fpr(void *b);
int64_t rt_bloomfilter_merge(void *a, void *b);
void rt_bloomfilter_clear(void *b);

/* ---- iterator.c (Viper.Collections.Iterator) ---- */
void *rt_iter_from_seq(void *s);
void *rt_iter_from_list(void *l);
void *rt_iter_from_set(void *s);
void *rt_iter_from_map_keys(void *m);
void *rt_iter_from_map_values(void *m);
void *rt_iter_from_ring(void *r);
int64_t rt_iter_count(void *it);
int64_t rt_iter_index(void *it);
bool rt_iter_has_next(void *it);
void *rt_iter_next(void *it);
void *rt_iter_peek(void *it);
int64_t rt_iter_skip(void *it, int64_t n);
void rt_iter_reset(void *it);
void *rt_iter_to_seq(void *it);

/* ---- Viper.Collections.SortedSet ---- */
rt_string rt_sortedset_at(void *, int64_t); /* Viper.Collections.SortedSet.At */
rt_string rt_sortedset_ceil(void *, rt_string); /* Viper.Collections.SortedSet.Ceil */
void rt_sortedset_clear(void *); /* Viper.Collections.SortedSet.Clear */
void *rt_sortedset_common(void *, void *); /* Viper.Collections.SortedSet.Common */
void *rt_sortedset_diff(void *, void *); /* Viper.Collections.SortedSet.Diff */
bool rt_sortedset_drop(void *, rt_string); /* Viper.Collections.SortedSet.Drop */
rt_string rt_sortedset_first(void *); /* Viper.Collections.SortedSet.First */
rt_string rt_sortedset_floor(void *, rt_string); /* Viper.Collections.SortedSet.Floor */
bool rt_sortedset_has(void *, rt_string); /* Viper.Collections.SortedSet.Has */
rt_string rt_sortedset_higher(void *, rt_string); /* Viper.Collections.SortedSet.Higher */
int64_t rt_sortedset_index_of(void *, rt_string); /* Viper.Collections.SortedSet.IndexOf */
bool rt_sortedset_is_subset(void *, void *); /* Viper.Collections.SortedSet.IsSubset */
void *rt_sortedset_items(void *); /* Viper.Collections.SortedSet.Items */
rt_string rt_sortedset_last(void *); /* Viper.Collections.SortedSet.Last */
rt_string rt_sortedset_lower(void *, rt_string); /* Viper.Collections.SortedSet.Lower */
void *rt_sortedset_merge(void *, void *); /* Viper.Collections.SortedSet.Merge */
void *rt_sortedset_new(void); /* Viper.Collections.SortedSet.New */
bool rt_sortedset_put(void *, rt_string); /* Viper.Collections.SortedSet.Put */
void *rt_sortedset_range(void *, rt_string, rt_string); /* Viper.Collections.SortedSet.Range */
void *rt_sortedset_skip(void *, int64_t); /* Viper.Collections.SortedSet.Skip */
void *rt_sortedset_take(void *, int64_t); /* Viper.Collections.SortedSet.Take */
bool rt_sortedset_is_empty(void *); /* Viper.Collections.SortedSet.get_IsEmpty */
int64_t rt_sortedset_len(void *); /* Viper.Collections.SortedSet.get_Len */

/* ---- Viper.Collections.CountMap ---- */
void rt_countmap_clear(void *); /* Viper.Collections.CountMap.Clear */
int64_t rt_countmap_dec(void *, rt_string); /* Viper.Collections.CountMap.Dec */
int64_t rt_countmap_get(void *, rt_string); /* Viper.Collections.CountMap.Get */
bool rt_countmap_has(void *, rt_string); /* Viper.Collections.CountMap.Has */
int64_t rt_countmap_inc(void *, rt_string); /* Viper.Collections.CountMap.Inc */
int64_t rt_countmap_inc_by(void *, rt_string, int64_t); /* Viper.Collections.CountMap.IncBy */
void *rt_countmap_keys(void *); /* Viper.Collections.CountMap.Keys */
void *rt_countmap_most_common(void *, int64_t); /* Viper.Collections.CountMap.MostCommon */
void *rt_countmap_new(void); /* Viper.Collections.CountMap.New */
bool rt_countmap_remove(void *, rt_string); /* Viper.Collections.CountMap.Remove */
void rt_countmap_set(void *, rt_string, int64_t); /* Viper.Collections.CountMap.Set */
bool rt_countmap_is_empty(void *); /* Viper.Collections.CountMap.get_IsEmpty */
int64_t rt_countmap_len(void *); /* Viper.Collections.CountMap.get_Len */
int64_t rt_countmap_total(void *); /* Viper.Collections.CountMap.get_Total */

/* ---- Viper.Collections.LruCache ---- */
void rt_lrucache_clear(void *); /* Viper.Collections.LruCache.Clear */
void *rt_lrucache_get(void *, rt_string); /* Viper.Collections.LruCache.Get */
bool rt_lrucache_has(void *, rt_string); /* Viper.Collections.LruCache.Has */
void *rt_lrucache_keys(void *); /* Viper.Collections.LruCache.Keys */
void *rt_lrucache_new(int64_t); /* Viper.Collections.LruCache.New */
void *rt_lrucache_peek(void *, rt_string); /* Viper.Collections.LruCache.Peek */
void rt_lrucache_put(void *, rt_string, void *); /* Viper.Collections.LruCache.Put */
bool rt_lrucache_remove(void *, rt_string); /* Viper.Collections.LruCache.Remove */
bool rt_lrucache_remove_oldest(void *); /* Viper.Collections.LruCache.RemoveOldest */
void *rt_lrucache_values(void *); /* Viper.Collections.LruCache.Values */
int64_t rt_lrucache_cap(void *); /* Viper.Collections.LruCache.get_Cap */
bool rt_lrucache_is_empty(void *); /* Viper.Collections.LruCache.get_IsEmpty */
int64_t rt_lrucache_len(void *); /* Viper.Collections.LruCache.get_Len */

/* ---- Viper.Collections.FrozenMap ---- */
void *rt_frozenmap_empty(void); /* Viper.Collections.FrozenMap.Empty */
bool rt_frozenmap_equals(void *, void *); /* Viper.Collections.FrozenMap.Equals */
void *rt_frozenmap_from_seqs(void *, void *); /* Viper.Collections.FrozenMap.FromSeqs */
void *rt_frozenmap_get(void *, rt_string); /* Viper.Collections.FrozenMap.Get */
void *rt_frozenmap_get_or(void *, rt_string, void *); /* Viper.Collections.FrozenMap.GetOr */
bool rt_frozenmap_has(void *, rt_string); /* Viper.Collections.FrozenMap.Has */
void *rt_frozenmap_keys(void *); /* Viper.Collections.FrozenMap.Keys */
void *rt_frozenmap_merge(void *, void *); /* Viper.Collections.FrozenMap.Merge */
void *rt_frozenmap_values(void *); /* Viper.Collections.FrozenMap.Values */
bool rt_frozenmap_is_empty(void *); /* Viper.Collections.FrozenMap.get_IsEmpty */
int64_t rt_frozenmap_len(void *); /* Viper.Collections.FrozenMap.get_Len */

/* ---- Viper.Collections.FrozenSet ---- */
void *rt_frozenset_diff(void *, void *); /* Viper.Collections.FrozenSet.Diff */
void *rt_frozenset_empty(void); /* Viper.Collections.FrozenSet.Empty */
bool rt_frozenset_equals(void *, void *); /* Viper.Collections.FrozenSet.Equals */
void *rt_frozenset_from_seq(void *); /* Viper.Collections.FrozenSet.FromSeq */
bool rt_frozenset_has(void *, rt_string); /* Viper.Collections.FrozenSet.Has */
void *rt_frozenset_intersect(void *, void *); /* Viper.Collections.FrozenSet.Intersect */
bool rt_frozenset_is_subset(void *, void *); /* Viper.Collections.FrozenSet.IsSubset */
void *rt_frozenset_items(void *); /* Viper.Collections.FrozenSet.Items */
void *rt_frozenset_union(void *, void *); /* Viper.Collections.FrozenSet.Union */
bool rt_frozenset_is_empty(void *); /* Viper.Collections.FrozenSet.get_IsEmpty */
int64_t rt_frozenset_len(void *); /* Viper.Collections.FrozenSet.get_Len */

/* ---- Viper.Collections.IntMap ---- */
void rt_intmap_clear(void *); /* Viper.Collections.IntMap.Clear */
void *rt_intmap_get_or(void *, int64_t, void *); /* Viper.Collections.IntMap.GetOr */
bool rt_intmap_has(void *, int64_t); /* Viper.Collections.IntMap.Has */
void *rt_intmap_keys(void *); /* Viper.Collections.IntMap.Keys */
void *rt_intmap_new(void); /* Viper.Collections.IntMap.New */
bool rt_intmap_remove(void *, int64_t); /* Viper.Collections.IntMap.Remove */
void rt_intmap_set(void *, int64_t, void *); /* Viper.Collections.IntMap.Set */
void *rt_intmap_values(void *); /* Viper.Collections.IntMap.Values */
bool rt_intmap_is_empty(void *); /* Viper.Collections.IntMap.get_IsEmpty */
int64_t rt_intmap_len(void *); /* Viper.Collections.IntMap.get_Len */

/* ---- Viper.Collections.BiMap ---- */
rt_string rt_bimap_get_by_key(void *, rt_string); /* Viper.Collections.BiMap.GetByKey */
rt_string rt_bimap_get_by_value(void *, rt_string); /* Viper.Collections.BiMap.GetByValue */
bool rt_bimap_has_key(void *, rt_string); /* Viper.Collections.BiMap.HasKey */
bool rt_bimap_has_value(void *, rt_string); /* Viper.Collections.BiMap.HasValue */
void *rt_bimap_new(void); /* Viper.Collections.BiMap.New */
void rt_bimap_put(void *, rt_string, rt_string); /* Viper.Collections.BiMap.Put */
bool rt_bimap_remove_by_key(void *, rt_string); /* Viper.Collections.BiMap.RemoveByKey */
bool rt_bimap_is_empty(void *); /* Viper.Collections.BiMap.get_IsEmpty */
int64_t rt_bimap_len(void *); /* Viper.Collections.BiMap.get_Len */

/* ---- Viper.Collections.OrderedMap ---- */
bool rt_orderedmap_has(void *, rt_string); /* Viper.Collections.OrderedMap.Has */
rt_string rt_orderedmap_key_at(void *, int64_t); /* Viper.Collections.OrderedMap.KeyAt */
void *rt_orderedmap_new(void); /* Viper.Collections.OrderedMap.New */
int64_t rt_orderedmap_remove(void *, rt_string); /* Viper.Collections.OrderedMap.Remove */
void rt_orderedmap_set(void *, rt_string, void *); /* Viper.Collections.OrderedMap.Set */
int64_t rt_orderedmap_len(void *); /* Viper.Collections.OrderedMap.get_Len */

/* ---- Viper.Collections.Trie ---- */
bool rt_trie_has(void *, rt_string); /* Viper.Collections.Trie.Has */
bool rt_trie_has_prefix(void *, rt_string); /* Viper.Collections.Trie.HasPrefix */
rt_string rt_trie_longest_prefix(void *, rt_string); /* Viper.Collections.Trie.LongestPrefix */
void *rt_trie_new(void); /* Viper.Collections.Trie.New */
void rt_trie_put(void *, rt_string, void *); /* Viper.Collections.Trie.Put */
bool rt_trie_remove(void *, rt_string); /* Viper.Collections.Trie.Remove */
bool rt_trie_is_empty(void *); /* Viper.Collections.Trie.get_IsEmpty */
int64_t rt_trie_len(void *); /* Viper.Collections.Trie.get_Len */

/* ---- Viper.Collections.BitSet ---- */
void *rt_bitset_and(void *, void *); /* Viper.Collections.BitSet.And */
void rt_bitset_clear(void *, int64_t); /* Viper.Collections.BitSet.Clear */
void rt_bitset_clear_all(void *); /* Viper.Collections.BitSet.ClearAll */
bool rt_bitset_get(void *, int64_t); /* Viper.Collections.BitSet.Get */
void *rt_bitset_new(int64_t); /* Viper.Collections.BitSet.New */
void *rt_bitset_not(void *); /* Viper.Collections.BitSet.Not */
void *rt_bitset_or(void *, void *); /* Viper.Collections.BitSet.Or */
void rt_bitset_set(void *, int64_t); /* Viper.Collections.BitSet.Set */
void rt_bitset_set_all(void *); /* Viper.Collections.BitSet.SetAll */
rt_string rt_bitset_to_string(void *); /* Viper.Collections.BitSet.ToString */
void rt_bitset_toggle(void *, int64_t); /* Viper.Collections.BitSet.Toggle */
void *rt_bitset_xor(void *, void *); /* Viper.Collections.BitSet.Xor */
int64_t rt_bitset_count(void *); /* Viper.Collections.BitSet.get_Count */
bool rt_bitset_is_empty(void *); /* Viper.Collections.BitSet.get_IsEmpty */
int64_t rt_bitset_len(void *); /* Viper.Collections.BitSet.get_Len */

#endif
