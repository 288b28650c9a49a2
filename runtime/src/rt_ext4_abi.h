/*
 * rt_ext4_abi.h — prototypes of the extended-tier classes specified in RUNTIME-EXTENDED.md
 * §1-§10, §15-§21, §23-§26 (SortedSet, CountMap, LruCache, FrozenMap, FrozenSet, IntMap, BiMap,
 * OrderedMap, Trie, BitSet, MessageBus, Mat4, Easing, PerlinNoise, Ini, Template, Diff,
 * Core.Parse, Convert.NumToInt, Result, LazySeq), with the IL-level widths of RUNTIME-ABI §0
 * (int64_t for i64, bool for i1, double for f64, void * for obj/ptr, rt_string for str).
 * Arguments are borrowed; returned strings and objects are +1 unless a comment says "borrowed".
 */
#ifndef VIPER_RT_EXT4_ABI_H
#define VIPER_RT_EXT4_ABI_H

#include "rt_internal.h"

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

/* ---- Viper.Core.MessageBus ---- */
void rt_msgbus_clear(void *); /* Viper.Core.MessageBus.Clear */
void rt_msgbus_clear_topic(void *, rt_string); /* Viper.Core.MessageBus.ClearTopic */
void *rt_msgbus_new(void); /* Viper.Core.MessageBus.New */
int64_t rt_msgbus_subscriber_count(void *, rt_string); /* Viper.Core.MessageBus.SubscriberCount */
void *rt_msgbus_topics(void *); /* Viper.Core.MessageBus.Topics */
int64_t rt_msgbus_total_subscriptions(void *); /* Viper.Core.MessageBus.get_TotalSubscriptions */

/* ---- Viper.Math.Mat4 ---- */
void *rt_mat4_add(void *, void *); /* Viper.Math.Mat4.Add */
double rt_mat4_det(void *); /* Viper.Math.Mat4.Det */
void *rt_mat4_identity(void); /* Viper.Math.Mat4.Identity */
void *rt_mat4_inverse(void *); /* Viper.Math.Mat4.Inverse */
void *rt_mat4_look_at(void *, void *, void *); /* Viper.Math.Mat4.LookAt */
void *rt_mat4_mul(void *, void *); /* Viper.Math.Mat4.Mul */
void *rt_mat4_mul_scalar(void *, double); /* Viper.Math.Mat4.MulScalar */
void *rt_mat4_ortho(double, double, double, double, double, double); /* Viper.Math.Mat4.Ortho */
void *rt_mat4_perspective(double, double, double, double); /* Viper.Math.Mat4.Perspective */
void *rt_mat4_rotate_x(double); /* Viper.Math.Mat4.RotateX */
void *rt_mat4_rotate_y(double); /* Viper.Math.Mat4.RotateY */
void *rt_mat4_rotate_z(double); /* Viper.Math.Mat4.RotateZ */
void *rt_mat4_scale(double, double, double); /* Viper.Math.Mat4.Scale */
void *rt_mat4_sub(void *, void *); /* Viper.Math.Mat4.Sub */
void *rt_mat4_transform_point(void *, void *); /* Viper.Math.Mat4.TransformPoint */
void *rt_mat4_transform_vec(void *, void *); /* Viper.Math.Mat4.TransformVec */
void *rt_mat4_translate(double, double, double); /* Viper.Math.Mat4.Translate */
void *rt_mat4_transpose(void *); /* Viper.Math.Mat4.Transpose */
void *rt_mat4_zero(void); /* Viper.Math.Mat4.Zero */

/* ---- Viper.Math.Easing ---- */
double rt_ease_in_back(double); /* Viper.Math.Easing.InBack */
double rt_ease_in_bounce(double); /* Viper.Math.Easing.InBounce */
double rt_ease_in_circ(double); /* Viper.Math.Easing.InCirc */
double rt_ease_in_cubic(double); /* Viper.Math.Easing.InCubic */
double rt_ease_in_elastic(double); /* Viper.Math.Easing.InElastic */
double rt_ease_in_expo(double); /* Viper.Math.Easing.InExpo */
double rt_ease_in_out_back(double); /* Viper.Math.Easing.InOutBack */
double rt_ease_in_out_bounce(double); /* Viper.Math.Easing.InOutBounce */
double rt_ease_in_out_circ(double); /* Viper.Math.Easing.InOutCirc */
double rt_ease_in_out_cubic(double); /* Viper.Math.Easing.InOutCubic */
double rt_ease_in_out_elastic(double); /* Viper.Math.Easing.InOutElastic */
double rt_ease_in_out_expo(double); /* Viper.Math.Easing.InOutExpo */
double rt_ease_in_out_quad(double); /* Viper.Math.Easing.InOutQuad */
double rt_ease_in_out_quart(double); /* Viper.Math.Easing.InOutQuart */
double rt_ease_in_out_sine(double); /* Viper.Math.Easing.InOutSine */
double rt_ease_in_quad(double); /* Viper.Math.Easing.InQuad */
double rt_ease_in_quart(double); /* Viper.Math.Easing.InQuart */
double rt_ease_in_sine(double); /* Viper.Math.Easing.InSine */
double rt_ease_linear(double); /* Viper.Math.Easing.Linear */
double rt_ease_out_back(double); /* Viper.Math.Easing.OutBack */
double rt_ease_out_bounce(double); /* Viper.Math.Easing.OutBounce */
double rt_ease_out_circ(double); /* Viper.Math.Easing.OutCirc */
double rt_ease_out_cubic(double); /* Viper.Math.Easing.OutCubic */
double rt_ease_out_elastic(double); /* Viper.Math.Easing.OutElastic */
double rt_ease_out_expo(double); /* Viper.Math.Easing.OutExpo */
double rt_ease_out_quad(double); /* Viper.Math.Easing.OutQuad */
double rt_ease_out_quart(double); /* Viper.Math.Easing.OutQuart */
double rt_ease_out_sine(double); /* Viper.Math.Easing.OutSine */

/* ---- Viper.Math.PerlinNoise ---- */
void *rt_perlin_new(int64_t); /* Viper.Math.PerlinNoise.New */
double rt_perlin_noise2d(void *, double, double); /* Viper.Math.PerlinNoise.Noise2D */
double rt_perlin_noise3d(void *, double, double, double); /* Viper.Math.PerlinNoise.Noise3D */
double rt_perlin_octave2d(void *, double, double, int64_t, double); /* Viper.Math.PerlinNoise.Octave2D */
double rt_perlin_octave3d(void *, double, double, double, int64_t, double); /* Viper.Math.PerlinNoise.Octave3D */

/* ---- Viper.Text.Ini ---- */
rt_string rt_ini_format(void *); /* Viper.Text.Ini.Format */
rt_string rt_ini_get(void *, rt_string, rt_string); /* Viper.Text.Ini.Get */
bool rt_ini_has_section(void *, rt_string); /* Viper.Text.Ini.HasSection */
void *rt_ini_parse(rt_string); /* Viper.Text.Ini.Parse */
bool rt_ini_remove(void *, rt_string, rt_string); /* Viper.Text.Ini.Remove */
void *rt_ini_sections(void *); /* Viper.Text.Ini.Sections */
void rt_ini_set(void *, rt_string, rt_string, rt_string); /* Viper.Text.Ini.Set */

/* ---- Viper.Text.Template ---- */
rt_string rt_template_escape(rt_string); /* Viper.Text.Template.Escape */
bool rt_template_has(rt_string, rt_string); /* Viper.Text.Template.Has */
void *rt_template_keys(rt_string); /* Viper.Text.Template.Keys */
rt_string rt_template_render(rt_string, void *); /* Viper.Text.Template.Render */
rt_string rt_template_render_seq(rt_string, void *); /* Viper.Text.Template.RenderSeq */

/* ---- Viper.Text.Diff ---- */
int64_t rt_diff_count_changes(rt_string, rt_string); /* Viper.Text.Diff.CountChanges */
void *rt_diff_lines(rt_string, rt_string); /* Viper.Text.Diff.Lines */
rt_string rt_diff_patch(rt_string, void *); /* Viper.Text.Diff.Patch */
rt_string rt_diff_unified(rt_string, rt_string, int64_t); /* Viper.Text.Diff.Unified */

/* ---- Viper.Core.Parse ---- */
bool rt_parse_bool_or(rt_string, bool); /* Viper.Core.Parse.BoolOr */
int64_t rt_parse_int_or(rt_string, int64_t); /* Viper.Core.Parse.IntOr */
int64_t rt_parse_int_radix(rt_string, int64_t, int64_t); /* Viper.Core.Parse.IntRadix */
bool rt_parse_is_int(rt_string); /* Viper.Core.Parse.IsInt */
bool rt_parse_is_num(rt_string); /* Viper.Core.Parse.IsNum */
double rt_parse_num_or(rt_string, double); /* Viper.Core.Parse.NumOr */

/* ---- Viper.Core.Convert ---- */
int64_t rt_f64_to_i64(double); /* Viper.Core.Convert.NumToInt.NumToInt */

/* ---- Viper.Result ---- */
void *rt_result_err_str(rt_string); /* Viper.Result.ErrStr */
void *rt_result_expect(void *, rt_string); /* Viper.Result.Expect */
void *rt_result_ok_f64(double); /* Viper.Result.OkF64 */
void *rt_result_ok_i64(int64_t); /* Viper.Result.OkI64 */
void *rt_result_ok_str(rt_string); /* Viper.Result.OkStr */
rt_string rt_result_to_string(void *); /* Viper.Result.ToString */
rt_string rt_result_unwrap_err_str(void *); /* Viper.Result.UnwrapErrStr */
double rt_result_unwrap_f64(void *); /* Viper.Result.UnwrapF64 */
int64_t rt_result_unwrap_i64(void *); /* Viper.Result.UnwrapI64 */
double rt_result_unwrap_or_f64(void *, double); /* Viper.Result.UnwrapOrF64 */
int64_t rt_result_unwrap_or_i64(void *, int64_t); /* Viper.Result.UnwrapOrI64 */
rt_string rt_result_unwrap_or_str(void *, rt_string); /* Viper.Result.UnwrapOrStr */
rt_string rt_result_unwrap_str(void *); /* Viper.Result.UnwrapStr */
bool rt_result_is_err(void *); /* Viper.Result.get_IsErr */
bool rt_result_is_ok(void *); /* Viper.Result.get_IsOk */

/* ---- Viper.LazySeq ---- */
void *rt_lazyseq_w_concat(void *, void *); /* Viper.LazySeq.Concat */
int64_t rt_lazyseq_w_count(void *); /* Viper.LazySeq.Count */
void *rt_lazyseq_w_drop(void *, int64_t); /* Viper.LazySeq.Drop */
void *rt_lazyseq_w_next(void *); /* Viper.LazySeq.Next */
void *rt_lazyseq_w_peek(void *); /* Viper.LazySeq.Peek */
void *rt_lazyseq_w_range(int64_t, int64_t, int64_t); /* Viper.LazySeq.Range */
void *rt_lazyseq_w_repeat(void *, int64_t); /* Viper.LazySeq.Repeat */
void rt_lazyseq_w_reset(void *); /* Viper.LazySeq.Reset */
void *rt_lazyseq_w_take(void *, int64_t); /* Viper.LazySeq.Take */
void *rt_lazyseq_w_to_seq_n(void *, int64_t); /* Viper.LazySeq.ToSeqN */
int64_t rt_lazyseq_w_index(void *); /* Viper.LazySeq.get_Index */
bool rt_lazyseq_w_is_exhausted(void *); /* Viper.LazySeq.get_IsExhausted */

#endif
